/**
 * Recruiting: demand against interviewer capacity with its warnings and what-if; the loops page
 * editing pools, loops and the plan's settings (each save names the version it was based on: 422
 * re-renders the form with field errors and the input, 409 shows the record as it now stands,
 * nothing stored in either case); and the job-ad range of each open role, recorded when posted.
 */
import { type Context, Hono } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import * as z from 'zod'
import {
  type FormState,
  LoopForm,
  Loops,
  PoolForm,
  SettingsForm,
  TimeToFillForm,
} from '../../../views/pages/Loops.tsx'
import { Recruiting } from '../../../views/pages/Recruiting.tsx'
import { JobAdPanel } from '../../../views/partials/JobAd.tsx'
import { SponsorshipForm } from '../../../views/partials/Sponsorship.tsx'
import { readDataFile } from '../../data-files.ts'
import { recordAudit } from '../../db/repos/audit.ts'
import {
  listPostings,
  readSponsorships,
  recordPosting,
  type SaveResult,
  saveHiringSettings,
  saveLoop,
  savePool,
  saveSponsorship,
  saveTimeToFill,
} from '../../db/repos/hiring.ts'
import { listProposals } from '../../db/repos/proposals.ts'
import { dateOfClock } from '../../domain/calendar.ts'
import {
  hiringDefaultsFile,
  interviewerPool,
  interviewLoop,
  payTransparencyFile,
  postedRange,
  roleSponsorship,
} from '../../domain/hiring/schema.ts'
import { SPONSORED_VISA_MONTHS } from '../../domain/projection/terms.ts'
import { PROJECT_DATA_DIR } from '../../reference-data.ts'
import type { AppDeps } from '../app.ts'
import { formBody, listOf } from '../auth/forms.ts'
import { can } from '../auth/policy.ts'
import { canSeeTeam, type Viewer } from '../auth/viewer.ts'
import { isHtmxRequest } from '../http/htmx.ts'
import { type HtmlContent, htmlResponse } from '../http/render.tsx'
import {
  type FormValues,
  loopFromForm,
  loopValues,
  poolFromForm,
  poolValues,
  readValues,
  settingsFromForm,
  settingsValues,
  sponsorshipFromForm,
  sponsorshipValues,
  timeToFillField,
  timeToFillFromForm,
  timeToFillValues,
} from '../services/hiring-forms.ts'
import { withPending } from '../services/proposals.ts'
import { hiringSetupFor, recruitingReport, roleJobAd } from '../services/recruiting.ts'

type Deps = Pick<AppDeps, 'db' | 'clock' | 'projections' | 'rules'>

const STALE =
  'Someone saved this while you were editing. It now stands as below; make your change again.'

export function hiringRoutes({ db, clock, projections, rules }: Deps) {
  const defaults = readDataFile(`${PROJECT_DATA_DIR}hiring/defaults.json`, hiringDefaultsFile)
  const transparency = readDataFile(
    `${PROJECT_DATA_DIR}hiring/pay-transparency.json`,
    payTransparencyFile,
  ).jurisdictions
  const states = transparency.filter((j) => j.jurisdiction !== 'UK')

  /** The viewer, the plan projected for them, its hiring setup and today. */
  function page(c: Context, include: 'approved' | 'all' = 'approved') {
    const viewer = c.get('viewer') as Viewer
    const view = projections.view(viewer, { planId: c.req.query('plan') || undefined, include })
    const hiring = hiringSetupFor(db, defaults, view.doc, view.plan.id)
    return { viewer, view, hiring, today: dateOfClock(clock()) }
  }
  type Page = ReturnType<typeof page>

  function roleLabeller(p: Page) {
    const teams = new Map(p.view.doc.teams.map((t) => [t.id, t.name]))
    const levels = new Map(p.view.doc.levels.map((l) => [l.id, l.code]))
    const positions = new Map(p.view.plan.positions.map((x) => [x.id, x]))
    return (id: string) => {
      const x = positions.get(id)
      return x ? `${x.title} ${levels.get(x.levelId)} (${teams.get(x.teamId)})` : id
    }
  }

  /** Each time-to-fill entry's field, labelled with its family and level. */
  function timeToFillRows(p: Page) {
    const families = new Map(p.view.doc.jobFamilies.map((f) => [f.id, f.name]))
    const levels = new Map(p.view.doc.levels.map((l) => [l.id, l.code]))
    return p.hiring.stored.timeToFill.map((e) => ({
      field: timeToFillField(e),
      label: `${families.get(e.familyId) ?? e.familyId}, ${
        e.levelId === null ? 'any other level' : (levels.get(e.levelId) ?? e.levelId)
      } (days)`,
    }))
  }

  function loopsPage(
    c: Context,
    p: Page,
    override: Record<string, FormState> = {},
    saved?: string,
  ) {
    const { stored, settings } = p.hiring
    return c.render(
      <Loops
        planName={p.view.plan.name}
        settings={
          override.settings ?? { values: settingsValues(settings), version: settings.version }
        }
        timeToFill={{
          rows: timeToFillRows(p),
          state: override['time-to-fill'] ?? {
            values: timeToFillValues(stored.timeToFill),
            version: stored.timeToFillVersion,
          },
        }}
        pools={stored.pools.map(({ value, version }) => ({
          pool: value,
          state: override[`pool-${value.id}`] ?? { values: poolValues(value), version },
        }))}
        loops={stored.loops.map(({ value, version }) => ({
          loop: value,
          state: override[`loop-${value.id}`] ?? { values: loopValues(value), version },
        }))}
        saved={saved}
      />,
      { title: 'Interview loops and pools' },
    )
  }

  /** A refused form: the form alone for htmx, else the whole page with it in place. */
  function refused(
    c: Context,
    p: Page,
    key: string,
    form: HtmlContent,
    state: FormState,
    status: ContentfulStatusCode,
  ) {
    c.status(status)
    if (isHtmxRequest(c)) return htmlResponse(c, form)
    return loopsPage(c, p, { [key]: state })
  }

  function savedTo(c: Context, what: string) {
    const to = `/recruiting/loops?saved=${encodeURIComponent(what)}`
    if (isHtmxRequest(c)) {
      c.header('HX-Redirect', to)
      return c.body(null, 204)
    }
    return c.redirect(to, 303)
  }

  function audit<T>(
    p: Page,
    action: string,
    entityType: string,
    entityId: string,
    encode: (value: T) => unknown,
    result: Extract<SaveResult<T>, { ok: true }>,
  ) {
    recordAudit(
      db,
      {
        userId: p.viewer.userId,
        action,
        entityType,
        entityId,
        before: result.before === null ? null : encode(result.before),
        after: encode(result.saved.value),
      },
      clock(),
    )
  }

  /** The form's values and version, or null if the version is missing (answered 400). */
  async function submitted(c: Context): Promise<{ values: FormValues; version: number } | null> {
    const values = readValues(await formBody(c))
    const version = z.coerce.number().int().min(0).safeParse(values.version)
    return version.success ? { values, version: version.data } : null
  }

  const app = new Hono()

  app.get('/recruiting', (c) => {
    const p = page(c, 'all')
    // pending proposals count: recruiting is what the hiring plan would ask once approved
    const pending = listProposals(db, { status: 'pending', planId: p.view.plan.id })
    const positions = withPending(p.view.plan.positions, pending)
    const report = recruitingReport(p.view, p.viewer, p.hiring.ctx, rules, p.today, positions)
    return c.render(
      <Recruiting
        planName={p.view.plan.name}
        report={report}
        pools={p.hiring.ctx.setup.pools}
        maxOpenRolesPerRecruiter={p.hiring.settings.recruiting.maxOpenRolesPerRecruiter}
        currency={p.view.input.reportingCurrency}
        roleLabel={roleLabeller(p)}
        scoped={p.viewer.teamScope !== 'all'}
      />,
      { title: 'Recruiting capacity' },
    )
  })

  app.get('/recruiting/loops', (c) => {
    const saved = c.req.query('saved')
    return loopsPage(c, page(c), {}, saved ? `Saved ${saved}.` : undefined)
  })

  app.post('/recruiting/pools/:poolId', async (c) => {
    const p = page(c)
    const stored = p.hiring.stored.pools.find((x) => x.value.id === c.req.param('poolId'))
    if (!stored) return c.notFound()
    const form = await submitted(c)
    if (!form) return c.text('The form did not say which version it edits.', 400)
    const show = (state: FormState, status: ContentfulStatusCode) =>
      refused(
        c,
        p,
        `pool-${stored.value.id}`,
        <PoolForm pool={stored.value} state={state} />,
        state,
        status,
      )
    const parsed = poolFromForm(stored.value, form.values)
    if (!parsed.ok) return show({ ...form, errors: parsed.errors }, 422)
    const result = savePool(db, parsed.value, form.version)
    if (!result.ok) {
      if (result.reason === 'not_found') return c.notFound()
      const { value, version } = result.current
      return show({ values: poolValues(value), version, message: STALE }, 409)
    }
    audit(
      p,
      'hiring.pool.update',
      'interviewer_pool',
      stored.value.id,
      (v) => z.encode(interviewerPool, v),
      result,
    )
    return savedTo(c, `the ${result.saved.value.name} pool`)
  })

  app.post('/recruiting/loops/:loopId', async (c) => {
    const p = page(c)
    const stored = p.hiring.stored.loops.find((x) => x.value.id === c.req.param('loopId'))
    if (!stored) return c.notFound()
    const form = await submitted(c)
    if (!form) return c.text('The form did not say which version it edits.', 400)
    const pools = p.hiring.ctx.setup.pools
    const show = (state: FormState, status: ContentfulStatusCode) =>
      refused(
        c,
        p,
        `loop-${stored.value.id}`,
        <LoopForm loop={stored.value} pools={pools} state={state} />,
        state,
        status,
      )
    const parsed = loopFromForm(stored.value, form.values, p.hiring.ctx.setup)
    if (!parsed.ok) return show({ ...form, errors: parsed.errors }, 422)
    const result = saveLoop(db, parsed.value, form.version)
    if (!result.ok) {
      if (result.reason === 'not_found') return c.notFound()
      const { value, version } = result.current
      return show({ values: loopValues(value), version, message: STALE }, 409)
    }
    audit(
      p,
      'hiring.loop.update',
      'interview_loop',
      stored.value.id,
      (v) => z.encode(interviewLoop, v),
      result,
    )
    return savedTo(c, `the ${result.saved.value.name}`)
  })

  app.post('/recruiting/settings', async (c) => {
    const p = page(c)
    const form = await submitted(c)
    if (!form) return c.text('The form did not say which version it edits.', 400)
    const pools = p.hiring.ctx.setup.pools
    const show = (state: FormState, status: ContentfulStatusCode) =>
      refused(c, p, 'settings', <SettingsForm pools={pools} state={state} />, state, status)
    const parsed = settingsFromForm(
      form.values,
      pools.map((x) => x.id),
    )
    if (!parsed.ok) return show({ ...form, errors: parsed.errors }, 422)
    const planId = p.view.plan.id
    const result = saveHiringSettings(
      db,
      planId,
      parsed.value,
      form.version,
      defaults.setup.recruiting,
    )
    if (!result.ok) {
      if (result.reason === 'not_found') return c.notFound()
      const current = result.current.value
      return show(
        { values: settingsValues(current), version: current.version, message: STALE },
        409,
      )
    }
    recordAudit(
      db,
      {
        userId: p.viewer.userId,
        action: 'hiring.settings.update',
        entityType: 'plan',
        entityId: planId,
        before: settingsValues(result.before!),
        after: settingsValues(result.saved.value),
      },
      clock(),
    )
    return savedTo(c, `the settings of ${p.view.plan.name}`)
  })

  app.post('/recruiting/time-to-fill', async (c) => {
    const p = page(c)
    const form = await submitted(c)
    if (!form) return c.text('The form did not say which version it edits.', 400)
    const rows = timeToFillRows(p)
    const show = (state: FormState, status: ContentfulStatusCode) =>
      refused(c, p, 'time-to-fill', <TimeToFillForm rows={rows} state={state} />, state, status)
    const parsed = timeToFillFromForm(p.hiring.stored.timeToFill, form.values)
    if (!parsed.ok) return show({ ...form, errors: parsed.errors }, 422)
    const result = saveTimeToFill(db, parsed.value, form.version)
    if (!result.ok) {
      if (result.reason === 'not_found') return c.notFound()
      const { value, version } = result.current
      return show({ values: timeToFillValues(value), version, message: STALE }, 409)
    }
    recordAudit(
      db,
      {
        userId: p.viewer.userId,
        action: 'hiring.time_to_fill.update',
        entityType: 'hiring_time_to_fill',
        entityId: 'table',
        before: timeToFillValues(result.before!),
        after: timeToFillValues(result.saved.value),
      },
      clock(),
    )
    return savedTo(c, 'the time to fill')
  })

  /** The open role if the viewer may see it, else null (answered as 404). */
  function openRole(p: Page, id: string) {
    const role = p.view.plan.positions.find((x) => x.id === id)
    return role && role.kind === 'open' && canSeeTeam(p.viewer, role.teamId) ? role : null
  }

  function jobAd(p: Page, roleId: string, alsoIn: string[]) {
    const role = openRole(p, roleId)
    if (!role) return null
    const known = alsoIn.filter((s) => states.some((j) => j.jurisdiction === s))
    const policy = p.hiring.settings.jobAdPolicy
    return {
      role,
      ...roleJobAd(p.view.doc, p.view.plan, role, policy, transparency, known, p.today),
    }
  }

  /** A plan without its own sponsorship of a role costs the engine's default. */
  const DEFAULT_SPONSORSHIP = roleSponsorship.parse({
    visaMonths: SPONSORED_VISA_MONTHS,
    visaFee: false,
    healthSurcharge: false,
    premiumProcessing: false,
  })

  function storedSponsorship(p: Page, roleId: string) {
    return (
      readSponsorships(db, p.view.plan.id).get(roleId) ?? {
        value: DEFAULT_SPONSORSHIP,
        version: 0,
      }
    )
  }

  function jobAdPage(c: Context, p: Page, alsoIn: string[], sponsorship?: FormState) {
    const found = jobAd(p, c.req.param('id')!, alsoIn)
    if (!found) return c.notFound()
    const { role } = found
    const office = p.view.doc.offices.find((o) => o.id === role.officeId)!
    const label = roleLabeller(p)(role.id)
    const canEdit = can(p.viewer, 'edit_plan', role.teamId)
    const visa = role.hiring.visa
    const stored = storedSponsorship(p, role.id)
    return c.render(
      <JobAdPanel
        roleId={role.id}
        title={role.title}
        description={`${label}, ${office.name}`}
        locationLabel={found.locationLabel}
        ad={found.ad}
        problem={found.problem ?? undefined}
        alsoIn={states.map((j) => ({
          code: j.jurisdiction,
          name: j.name,
          checked: alsoIn.includes(j.jurisdiction),
        }))}
        history={listPostings(db, p.view.plan.id, role.id)}
        canPost={canEdit}
        posted={c.req.query('posted') === '1'}
        sponsorship={
          canEdit &&
          visa !== 'none' && (
            <SponsorshipForm
              roleId={role.id}
              visa={visa}
              state={
                sponsorship ?? {
                  values: sponsorshipValues(stored.value),
                  version: stored.version,
                }
              }
            />
          )
        }
      />,
      { title: `Job ad: ${role.title}` },
    )
  }

  app.get('/recruiting/roles/:id', (c) => jobAdPage(c, page(c), c.req.queries('also') ?? []))

  app.post('/recruiting/roles/:id/sponsorship', async (c) => {
    const p = page(c)
    const role = openRole(p, c.req.param('id'))
    if (!role || !can(p.viewer, 'edit_plan', role.teamId)) return c.notFound()
    const visa = role.hiring.visa
    if (visa === 'none') {
      return c.text('This role is not sponsored: set its visa on the position first.', 422)
    }
    const form = await submitted(c)
    if (!form) return c.text('The form did not say which version it edits.', 400)
    const show = (state: FormState, status: ContentfulStatusCode) => {
      c.status(status)
      if (isHtmxRequest(c))
        return htmlResponse(c, <SponsorshipForm roleId={role.id} visa={visa} state={state} />)
      return jobAdPage(c, p, [], state)
    }
    const parsed = sponsorshipFromForm(form.values)
    if (!parsed.ok) return show({ ...form, errors: parsed.errors }, 422)
    const result = saveSponsorship(db, p.view.plan.id, role.id, parsed.value, form.version)
    if (!result.ok) {
      const current = storedSponsorship(p, role.id)
      return show(
        { values: sponsorshipValues(current.value), version: current.version, message: STALE },
        409,
      )
    }
    recordAudit(
      db,
      {
        userId: p.viewer.userId,
        action: 'hiring.sponsorship.update',
        entityType: 'position',
        entityId: role.id,
        teamId: role.teamId,
        before: result.before === null ? null : z.encode(roleSponsorship, result.before),
        after: z.encode(roleSponsorship, result.saved.value),
      },
      clock(),
    )
    const to = `/recruiting/roles/${role.id}?sponsorship=saved#sponsorship-${role.id}`
    if (isHtmxRequest(c)) {
      c.header('HX-Redirect', to)
      return c.body(null, 204)
    }
    return c.redirect(to, 303)
  })

  app.post('/recruiting/roles/:id', async (c) => {
    const p = page(c)
    const alsoIn = listOf((await formBody(c)).also).filter(
      (s): s is string => typeof s === 'string',
    )
    const found = jobAd(p, c.req.param('id'), alsoIn)
    if (!found || !can(p.viewer, 'edit_plan', found.role.teamId)) return c.notFound()
    if (!found.ad) return c.text(found.problem ?? 'There is no range to post.', 422)
    const posting = postedRange.parse({
      roleId: found.role.id,
      location: found.locationLabel,
      min: found.ad.range.min.toFixed(2),
      max: found.ad.range.max.toFixed(2),
      currency: found.ad.range.currency,
      postedOn: p.today,
      text: found.ad.text.text,
    })
    const now = clock()
    db.transaction(() => {
      recordPosting(db, p.view.plan.id, posting, p.viewer.userId, now)
      recordAudit(
        db,
        {
          userId: p.viewer.userId,
          action: 'hiring.job_ad.posted',
          entityType: 'position',
          entityId: found.role.id,
          teamId: found.role.teamId,
          before: null,
          after: posting,
        },
        now,
      )
    })()
    const query = new URLSearchParams([
      ['posted', '1'],
      ...alsoIn.map((s): [string, string] => ['also', s]),
    ])
    return c.redirect(`/recruiting/roles/${found.role.id}?${query}#job-ad-history`, 303)
  })

  return app
}
