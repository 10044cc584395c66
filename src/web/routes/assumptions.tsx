/**
 * A plan's assumptions (merit, attrition, backfill, bonus accrual, equity expense method, share
 * price) and the time to fill they use (view_pay; edited on the loops page); one form to change
 * the assumptions for leadership and admins (plan-wide, so not managers). Rates are typed as percentages and stored as
 * fractions. A save names the versions it was based on: 422 re-renders the form with field
 * errors and the input, 409 with what someone else saved first; nothing is stored in either case.
 * Saving bumps the store revision, so every cached projection is recomputed on its next read.
 */
import { type Context, Hono } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import * as z from 'zod'
import type { Difference } from '../../../views/components/StaleChanges.tsx'
import {
  Assumptions,
  AssumptionsForm,
  type AssumptionsFormProps,
  type AssumptionsFormValues,
  BONUS_ACCRUAL_LABEL,
  EQUITY_METHOD_LABEL,
  MONTH_NAMES,
} from '../../../views/pages/Assumptions.tsx'
import {
  getAssumptions,
  type StoredAssumptions,
  saveAssumptions,
} from '../../db/repos/assumptions.ts'
import { recordAudit } from '../../db/repos/audit.ts'
import { firstPlanId } from '../../db/repos/plans.ts'
import { assumptions as assumptionsCodec } from '../../domain/model.ts'
import { dec } from '../../domain/money.ts'
import type { AppDeps } from '../app.ts'
import { fieldErrors, formBody } from '../auth/forms.ts'
import { can } from '../auth/policy.ts'
import { formVersion, refuseUnseenVersion } from '../http/bad-form.ts'
import { isHtmxRequest } from '../http/htmx.ts'
import { htmlResponse } from '../http/render.tsx'
import { fillTimesSummary } from '../services/recruiting.ts'

/** A percentage as typed ("3", "3.5") to the stored fraction (0.03, 0.035). */
const percent = (label: string) =>
  z
    .string({ error: `Enter the ${label}` })
    .trim()
    .min(1, `Enter the ${label} as a percentage, e.g. 3`)
    .regex(
      /^\d{1,3}(\.\d{1,6})?$/,
      `Enter the ${label} as a percentage from 0 to 100, e.g. 3 or 3.5 (no % sign needed)`,
    )
    .transform((s) => dec(s))
    .refine((d) => d.lte(100), `The ${label} cannot be more than 100%`)
    .transform((d) => d.dividedBy(100))

const choice = <T extends string>(labels: Record<T, string>, message: string) =>
  z.enum(Object.keys(labels) as [T, ...T[]], { error: message })

export const assumptionsForm = z.object({
  meritRate: percent('merit increase'),
  meritMonth: z
    .string({ error: 'Choose the merit month' })
    .regex(/^([1-9]|1[0-2])$/, 'Choose a month from January to December')
    .transform(Number),
  meritEligibilityMonths: z
    .string({ error: 'Enter the merit eligibility period' })
    .trim()
    .regex(/^\d{1,2}$/, 'Enter whole months, e.g. 6')
    .transform(Number)
    .refine((n) => n <= 24, 'At most 24 months'),
  annualAttritionRate: percent('annual attrition'),
  // an unticked checkbox sends nothing
  backfillLeavers: z
    .string()
    .optional()
    .transform((v) => v === 'on'),
  bonusAccrual: choice(BONUS_ACCRUAL_LABEL, 'Choose when bonus cost is counted'),
  equityExpenseMethod: choice(EQUITY_METHOD_LABEL, 'Choose how equity is expensed'),
  sharePriceUsd: z
    .string()
    .default('')
    .transform((s) => s.trim().replace(/^\$/, '').replaceAll(',', ''))
    .pipe(
      z
        .string()
        .regex(
          /^(\d{1,13}(\.\d{1,2})?)?$/,
          'Enter a price in USD such as 42.50, or leave it empty',
        ),
    )
    .transform((s) => (s === '' ? null : dec(s))),
  version: formVersion,
})

const text = (v: unknown) => (typeof v === 'string' ? v : '')

function valuesOf(stored: StoredAssumptions): AssumptionsFormValues {
  const a = stored.assumptions
  return {
    meritRate: a.meritRate.times(100).toFixed(),
    meritMonth: String(a.meritMonth),
    meritEligibilityMonths: String(a.meritEligibilityMonths),
    annualAttritionRate: a.annualAttritionRate.times(100).toFixed(),
    backfillLeavers: a.backfillLeavers,
    bonusAccrual: a.bonusAccrual,
    equityExpenseMethod: a.equityExpenseMethod,
    sharePriceUsd: a.sharePriceUsd?.toFixed(2) ?? '',
  }
}

/** The posted fields as typed. */
function readValues(body: Record<string, unknown>): AssumptionsFormValues {
  return {
    meritRate: text(body.meritRate),
    meritMonth: text(body.meritMonth),
    meritEligibilityMonths: text(body.meritEligibilityMonths),
    annualAttritionRate: text(body.annualAttritionRate),
    backfillLeavers: body.backfillLeavers === 'on',
    bonusAccrual: text(body.bonusAccrual),
    equityExpenseMethod: text(body.equityExpenseMethod),
    sharePriceUsd: text(body.sharePriceUsd),
  }
}

/** Where the saved assumptions differ from what the user submitted, as the form shows them. */
function differences(current: StoredAssumptions, submitted: AssumptionsFormValues): Difference[] {
  const saved = valuesOf(current)
  const shown: Record<string, (v: string) => string> = {
    meritMonth: (v) => MONTH_NAMES[Number(v) - 1] ?? v,
    bonusAccrual: (v) => BONUS_ACCRUAL_LABEL[v as keyof typeof BONUS_ACCRUAL_LABEL] ?? v,
    equityExpenseMethod: (v) => EQUITY_METHOD_LABEL[v as keyof typeof EQUITY_METHOD_LABEL] ?? v,
  }
  const fields = [
    ['meritRate', 'Merit increase (%)'],
    ['meritMonth', 'Merit month'],
    ['meritEligibilityMonths', 'Merit eligibility (months)'],
    ['annualAttritionRate', 'Annual attrition (%)'],
    ['backfillLeavers', 'Backfill leavers'],
    ['bonusAccrual', 'Bonus cost'],
    ['equityExpenseMethod', 'Equity expense'],
    ['sharePriceUsd', 'Share price (USD)'],
  ] as const
  const asText = (v: string | boolean) =>
    typeof v === 'boolean' ? (v ? 'Yes' : 'No') : v.trim() === '' ? '(empty)' : v.trim()
  const out: Difference[] = []
  for (const [field, label] of fields) {
    const a = asText(saved[field])
    const b = asText(submitted[field])
    const same = /^\d+(\.\d+)?$/.test(a) && /^\d+(\.\d+)?$/.test(b) ? dec(a).eq(dec(b)) : a === b
    if (!same) {
      out.push({ label, saved: shown[field]?.(a) ?? a, yours: shown[field]?.(b) ?? b })
    }
  }
  return out
}

export function assumptionRoutes({
  db,
  clock,
  projections,
}: Pick<AppDeps, 'db' | 'clock' | 'projections'>) {
  function page(
    c: Context,
    planId: string | undefined,
    status: ContentfulStatusCode,
    form?: AssumptionsFormProps,
  ) {
    const doc = projections.workspace()
    const id = planId ?? firstPlanId(db)
    const stored = id ? getAssumptions(db, id) : null
    if (!stored) return c.notFound()
    const plan = doc.plans.find((p) => p.id === stored.planId)!
    const editable = can(c.get('viewer'), 'edit_org_settings')
    c.status(status)
    return c.render(
      <Assumptions
        plans={doc.plans.map((p) => ({ id: p.id, name: p.name }))}
        planId={plan.id}
        planName={plan.name}
        assumptions={stored.assumptions}
        fillTimes={fillTimesSummary(db, doc, plan.id)}
        form={
          editable
            ? (form ?? { planId: plan.id, version: stored.version, values: valuesOf(stored) })
            : undefined
        }
        saved={c.req.query('saved') === '1'}
      />,
      { title: `Assumptions: ${plan.name}` },
    )
  }

  function refused(c: Context, props: AssumptionsFormProps, status: ContentfulStatusCode) {
    if (!isHtmxRequest(c)) return page(c, props.planId, status, props)
    c.status(status)
    return htmlResponse(c, <AssumptionsForm {...props} />)
  }

  function audit(c: Context, before: StoredAssumptions, after: StoredAssumptions, now: Date) {
    const userId = c.get('viewer').userId
    recordAudit(
      db,
      {
        userId,
        action: 'plan.assumptions',
        entityType: 'plan',
        entityId: after.planId,
        before: assumptionsCodec.encode(before.assumptions),
        after: assumptionsCodec.encode(after.assumptions),
      },
      now,
    )
  }

  return new Hono()
    .get('/assumptions', (c) => page(c, c.req.query('plan') || undefined, 200))
    .post('/assumptions/:planId', async (c) => {
      const stored = getAssumptions(db, c.req.param('planId'))
      if (!stored) return c.notFound()
      const body = await formBody(c)
      const values = readValues(body)
      const parsed = assumptionsForm.safeParse(body)
      const base = { planId: stored.planId, values }
      if (!parsed.success) {
        const errors = fieldErrors(parsed.error)
        if (errors.version) errors.form = 'The form was incomplete: reload the page and try again'
        return refused(c, { ...base, version: stored.version, errors }, 422)
      }
      const { version, ...assumptions } = parsed.data
      const now = clock()
      const result = db.transaction(() => {
        const saved = saveAssumptions(db, stored.planId, version, assumptions)
        if (saved.ok) audit(c, saved.before, saved.saved, now)
        return saved
      })()
      if (!result.ok) {
        if (result.reason === 'not_found') return c.notFound()
        const { current } = result
        refuseUnseenVersion(version, current.version)
        // the user's entries with the version now stored, so saving again replaces theirs
        const conflict = differences(current, values)
        return refused(c, { ...base, version: current.version, conflict }, 409)
      }
      const to = `/assumptions?plan=${encodeURIComponent(stored.planId)}&saved=1`
      if (isHtmxRequest(c)) {
        c.header('HX-Redirect', to)
        return c.body(null, 204)
      }
      return c.redirect(to, 303)
    })
}
