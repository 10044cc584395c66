/**
 * Salary bands: the matrix with people and offers as dots and the checks (view_pay; a manager
 * sees only their teams' people), and band edits with effective dates (edit_bands). An edit
 * names the version it was based on: 422 re-renders the form with field errors and the input,
 * 409 shows the band as it now stands; nothing is stored in either case.
 */
import { type Context, Hono } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import * as z from 'zod'
import { BandEdit, Bands } from '../../../views/pages/Bands.tsx'
import type { BandFormProps, BandFormValues } from '../../../views/partials/BandForm.tsx'
import { BandForm } from '../../../views/partials/BandForm.tsx'
import { readDataFile } from '../../data-files.ts'
import type { Database } from '../../db/open.ts'
import { recordAudit } from '../../db/repos/audit.ts'
import { getBand, type StoredBand, saveBandVersion } from '../../db/repos/bands.ts'
import { recordVersions } from '../../db/repos/pay-policy.ts'
import { type BandPolicyFile, bandPolicyFile, reviewBands } from '../../domain/band-review.ts'
import { DATE_TEXT, formatDate, isRealDate } from '../../domain/calendar.ts'
import type { WorkspaceDocument } from '../../domain/document.ts'
import { salaryBand } from '../../domain/model.ts'
import { Decimal, dec, formatMoney, toFixed2 } from '../../domain/money.ts'
import type { AppDeps } from '../app.ts'
import { fieldErrors, formBody } from '../auth/forms.ts'
import { can } from '../auth/policy.ts'
import { scopePositions } from '../auth/viewer.ts'
import { formVersion } from '../http/bad-form.ts'
import { isHtmxRequest } from '../http/htmx.ts'
import { htmlResponse } from '../http/render.tsx'
import { BAND_POLICY_FILE } from '../paths.ts'
import {
  geoRows,
  geoValues,
  levelRows,
  levelValues,
  type PolicyFormState,
} from '../services/pay-policy-forms.ts'
import { type PlanContext, planContext } from '../services/plan-context.ts'

/** An amount as people type it: "185000", "185,000.50" or "£185,000"; at most 2 decimals. */
const amount = (label: string) =>
  z
    .string({ error: `Enter the ${label}` })
    .transform((s) => s.trim().replace(/^[£$]/, '').replaceAll(',', ''))
    .pipe(
      z
        .string()
        .min(1, `Enter the ${label}`)
        .regex(/^\d{1,13}(\.\d{1,2})?$/, `Enter the ${label} as an amount such as 185000.00`),
    )
    .transform((s) => dec(s))

export const bandForm = z
  .object({
    min: amount('minimum'),
    mid: amount('midpoint'),
    max: amount('maximum'),
    effectiveFrom: z
      .string({ error: 'Enter the date the band takes effect' })
      .trim()
      .regex(DATE_TEXT, 'Enter a date as YYYY-MM-DD')
      .refine(isRealDate, 'That is not a real calendar date'),
    version: formVersion,
  })
  .superRefine((b, ctx) => {
    // zod still runs this when a field failed, with that field's raw text: compare amounts only
    if (![b.min, b.mid, b.max].every((d) => d instanceof Decimal)) return
    if (b.min.gt(b.mid)) {
      ctx.addIssue({
        code: 'custom',
        path: ['mid'],
        message: 'The midpoint must not be below the minimum',
      })
    }
    if (b.mid.gt(b.max)) {
      ctx.addIssue({
        code: 'custom',
        path: ['max'],
        message: 'The maximum must not be below the midpoint',
      })
    } else if (!b.min.lt(b.max)) {
      ctx.addIssue({
        code: 'custom',
        path: ['max'],
        message: 'The maximum must be above the minimum',
      })
    }
  })

/** "Research Scientist L7, San Francisco" for a band id; the id itself if it is unknown. */
function labeller(doc: WorkspaceDocument) {
  const family = new Map(doc.jobFamilies.map((f) => [f.id, f.name]))
  const level = new Map(doc.levels.map((l) => [l.id, l.code]))
  const office = new Map(doc.offices.map((o) => [o.id, o.name]))
  const bands = new Map(doc.salaryBands.map((b) => [b.id, b]))
  return (bandId: string) => {
    const b = bands.get(bandId)
    return b
      ? `${family.get(b.familyId)} ${level.get(b.levelId)}, ${office.get(b.officeId)}`
      : bandId
  }
}

const valuesOf = (stored: StoredBand, effectiveFrom: string): BandFormValues => ({
  min: toFixed2(stored.band.min),
  mid: toFixed2(stored.band.mid),
  max: toFixed2(stored.band.max),
  effectiveFrom,
})

const text = (v: unknown) => (typeof v === 'string' ? v : '')

/** "Saved Ethan Park's pay: $150,000 from 15 Jan 2027." after a pay change sent back here. */
function paidMessage(ctx: PlanContext, positionId: string | undefined): string | undefined {
  const p = positionId && ctx.plan.positions.find((x) => x.id === positionId)
  if (!p) return undefined
  const currency = ctx.doc.offices.find((o) => o.id === p.officeId)?.currency ?? 'GBP'
  const latest = p.kind === 'filled' ? p.raises.at(-1) : undefined
  const pay = formatMoney(latest?.annualBase ?? p.baseSalary, currency, { wholeUnits: true })
  const from = latest ? ` from ${formatDate(latest.effectiveDate)}` : ''
  return `Saved ${p.kind === 'filled' ? p.personName : p.title}'s pay: ${pay}${from}.`
}

/** What the bands page shows besides the review: a message, and a refused policy form's state. */
export interface BandsPageState {
  saved?: string | undefined
  geo?: PolicyFormState
  levels?: PolicyFormState
}

/** The bands page for the viewer: the review, its checks and the pay policy forms. */
export function bandsPage(
  c: Context,
  ctx: PlanContext,
  state: BandsPageState,
  db: Database,
): Response | Promise<Response> {
  const viewer = c.get('viewer')
  const { doc } = ctx
  const review = reviewBands({
    bands: doc.salaryBands,
    families: doc.jobFamilies,
    levels: doc.levels,
    offices: doc.offices,
    positions: scopePositions(viewer, ctx.plan.positions),
    asOf: ctx.today,
    usdPerGbp: ctx.usdPerGbp,
    policy: bandPolicyLimits(),
  })
  const canEditBands = can(viewer, 'edit_bands')
  const geo = state.geo ?? { values: geoValues(doc.offices), errors: {} }
  const levels = state.levels ?? { values: levelValues(doc.levels), errors: {} }
  return c.render(
    <Bands
      review={review}
      planName={ctx.plan.name}
      bandLabel={labeller(doc)}
      canEditBands={canEditBands}
      canChangePay={(teamId) => can(viewer, 'change_pay', teamId)}
      saved={state.saved}
      policyForms={[
        {
          id: 'geo-differentials',
          heading: 'Geo differentials',
          intro:
            "For each US office, the GBP office's band midpoints, converted at the plan's rate, as a " +
            "share of that office's, and how far either way a band may sit before it is flagged.",
          action: '/bands/geo-differentials',
          rows: geoRows(doc.offices, recordVersions(db, 'offices'), geo),
          canEdit: canEditBands,
          submitLabel: 'Save geo differentials',
          problem: geo.problem,
        },
        {
          id: 'level-defaults',
          heading: 'Pay defaults by level',
          intro:
            'The bonus target and new-hire equity grant a new role at each level starts with; the ' +
            "role's own figures replace them. Empty: no default.",
          action: '/bands/level-defaults',
          rows: levelRows(doc.levels, recordVersions(db, 'levels'), levels),
          canEdit: canEditBands,
          submitLabel: 'Save pay defaults',
          problem: levels.problem,
        },
      ]}
    />,
    { title: 'Salary bands' },
  )
}

let limits: BandPolicyFile | undefined
/** The band policy's limits (data/band-policy.json), read once. */
const bandPolicyLimits = () => {
  limits ??= readDataFile(BAND_POLICY_FILE, bandPolicyFile)
  return limits
}

export function bandRoutes({ db, clock }: Pick<AppDeps, 'db' | 'clock'>) {
  function form(c: Context, props: BandFormProps, status: ContentfulStatusCode) {
    c.status(status)
    if (isHtmxRequest(c)) return htmlResponse(c, <BandForm {...props} />)
    return c.render(<BandEdit {...props} />, { title: `Edit ${props.label} band` })
  }

  return new Hono()
    .get('/bands', (c) => {
      const ctx = planContext(db, clock(), c.req.query('plan'))
      if (!ctx) return c.notFound()
      const saved = c.req.query('saved')
      const policy = c.req.query('policy')
      return bandsPage(
        c,
        ctx,
        {
          saved: saved
            ? `Saved the ${labeller(ctx.doc)(saved)} band.`
            : policy === 'geo'
              ? 'Saved the geo differentials.'
              : policy === 'levels'
                ? 'Saved the pay defaults by level.'
                : paidMessage(ctx, c.req.query('paid')),
        },
        db,
      )
    })
    .get('/bands/:bandId/edit', (c) => {
      const ctx = planContext(db, clock())
      const stored = getBand(db, c.req.param('bandId'))
      if (!ctx || !stored) return c.notFound()
      const label = labeller(ctx.doc)(stored.band.id)
      // today, unless the band starts later (ISO dates sort as text)
      const values = valuesOf(stored, [ctx.today, stored.band.effectiveFrom].sort()[1]!)
      return form(c, { band: stored.band, version: stored.version, label, values }, 200)
    })
    .post('/bands/:bandId', async (c) => {
      const ctx = planContext(db, clock())
      const stored = getBand(db, c.req.param('bandId'))
      if (!ctx || !stored) return c.notFound()
      const label = labeller(ctx.doc)
      const body = await formBody(c)
      const values: BandFormValues = {
        min: text(body.min),
        mid: text(body.mid),
        max: text(body.max),
        effectiveFrom: text(body.effectiveFrom),
      }
      const base = {
        band: stored.band,
        version: stored.version,
        label: label(stored.band.id),
        values,
      }
      const parsed = bandForm.safeParse(body)
      if (!parsed.success) return form(c, { ...base, errors: fieldErrors(parsed.error) }, 422)

      const now = clock()
      const result = db.transaction(() => {
        const saved = saveBandVersion(db, stored.band.id, parsed.data.version, parsed.data)
        if (saved.ok) {
          recordAudit(
            db,
            {
              userId: c.get('viewer').userId,
              action: saved.created ? 'band.version' : 'band.update',
              entityType: 'salary_band',
              entityId: saved.band.band.id,
              before: salaryBand.encode(stored.band),
              after: salaryBand.encode(saved.band.band),
            },
            now,
          )
        }
        return saved
      })()
      if (!result.ok) {
        if (result.reason === 'not_found') return c.notFound()
        if (result.reason === 'before_current') {
          const errors = {
            effectiveFrom: `Choose ${result.current.band.effectiveFrom} (to correct the band in force) or a later date`,
          }
          return form(c, { ...base, errors }, 422)
        }
        const current = result.current
        return form(
          c,
          {
            band: current.band,
            version: current.version,
            label: label(current.band.id),
            values: valuesOf(current, values.effectiveFrom),
            message:
              'Someone changed this band while you were editing. It now stands as below; ' +
              'make your change again and save.',
          },
          409,
        )
      }
      const to = `/bands?saved=${encodeURIComponent(result.band.band.id)}#band-checks`
      if (isHtmxRequest(c)) {
        c.header('HX-Redirect', to)
        return c.body(null, 204)
      }
      return c.redirect(to, 303)
    })
}
