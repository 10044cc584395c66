/**
 * An open role's job ad: the range it must state where it is advertised (pay-transparency rules),
 * recorded when posted, and the visa sponsorship the plan costs for a sponsored role.
 */
import { type Context, Hono } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import * as z from 'zod'
import type { FormState } from '../../../views/pages/Loops.tsx'
import { JobAdPanel } from '../../../views/partials/JobAd.tsx'
import { SponsorshipForm } from '../../../views/partials/Sponsorship.tsx'
import { readDataFile } from '../../data-files.ts'
import { recordAudit } from '../../db/repos/audit.ts'
import {
  listPostings,
  readSponsorships,
  recordPosting,
  saveSponsorship,
} from '../../db/repos/hiring.ts'
import { payTransparencyFile, postedRange, roleSponsorship } from '../../domain/hiring/schema.ts'
import { SPONSORED_VISA_MONTHS } from '../../domain/projection/terms.ts'
import { PROJECT_DATA_DIR } from '../../reference-data.ts'
import { formBody, listOf } from '../auth/forms.ts'
import { can } from '../auth/policy.ts'
import { canSeeTeam } from '../auth/viewer.ts'
import { BadForm, NO_VERSION } from '../http/bad-form.ts'
import {
  type HiringDeps,
  type HiringPage,
  hiringPages,
  roleLabeller,
  STALE,
  submittedForm,
} from '../http/hiring-page.ts'
import { isHtmxRequest, redirectAfterSave } from '../http/htmx.ts'
import { htmlResponse } from '../http/render.tsx'
import { sponsorshipFromForm, sponsorshipValues } from '../services/hiring-forms.ts'
import { roleJobAd } from '../services/recruiting.ts'

export function jobAdRoutes(deps: HiringDeps) {
  const { db, clock } = deps
  const { page } = hiringPages(deps)
  const transparency = readDataFile(
    `${PROJECT_DATA_DIR}hiring/pay-transparency.json`,
    payTransparencyFile,
  ).jurisdictions
  const states = transparency.filter((j) => j.jurisdiction !== 'UK')

  /** The open role if the viewer may see it, else null (answered as 404). */
  function openRole(p: HiringPage, id: string) {
    const role = p.view.plan.positions.find((x) => x.id === id)
    return role && role.kind === 'open' && canSeeTeam(p.viewer, role.teamId) ? role : null
  }

  function jobAd(p: HiringPage, roleId: string, alsoIn: string[]) {
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

  function storedSponsorship(p: HiringPage, roleId: string) {
    return (
      readSponsorships(db, p.view.plan.id).get(roleId) ?? {
        value: DEFAULT_SPONSORSHIP,
        version: 0,
      }
    )
  }

  function jobAdPage(c: Context, p: HiringPage, alsoIn: string[], sponsorship?: FormState) {
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
              planId={p.view.plan.id}
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

  const app = new Hono()

  app.get('/recruiting/roles/:id', (c) => jobAdPage(c, page(c), c.req.queries('also') ?? []))

  app.post('/recruiting/roles/:id/sponsorship', async (c) => {
    const p = page(c)
    const role = openRole(p, c.req.param('id'))
    if (!role || !can(p.viewer, 'edit_plan', role.teamId)) return c.notFound()
    const visa = role.hiring.visa
    if (visa === 'none') {
      return c.text('This role is not sponsored: set its visa on the position first.', 422)
    }
    const form = await submittedForm(c)
    if (!form) throw new BadForm('version', NO_VERSION)
    const show = (state: FormState, status: ContentfulStatusCode) => {
      c.status(status)
      if (isHtmxRequest(c))
        return htmlResponse(
          c,
          <SponsorshipForm planId={p.view.plan.id} roleId={role.id} visa={visa} state={state} />,
        )
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
    return redirectAfterSave(
      c,
      `/recruiting/roles/${role.id}?${new URLSearchParams({ plan: p.view.plan.id, sponsorship: 'saved' })}#sponsorship-${role.id}`,
    )
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
