/**
 * FX rate sets: budget rates by fiscal year and monthly overrides with their source, and which
 * plans and scenarios convert with each set (view_pay); one edit form per set (edit_bands:
 * finance and admins). An edit names the set's version: 422 re-renders the form with field errors
 * and the input, 409 with what someone else saved first; nothing is stored in either case.
 */
import { type Context, Hono } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import * as z from 'zod'
import type { Difference } from '../../../views/components/StaleChanges.tsx'
import {
  RateSetForm,
  type RateSetFormProps,
  type RateSetFormValues,
  type RateSetView,
  Rates,
} from '../../../views/pages/Rates.tsx'
import { recordAudit } from '../../db/repos/audit.ts'
import { getRateSet, listRateSets, type StoredRateSet, saveRateSet } from '../../db/repos/rates.ts'
import { formatMonth, isMonth } from '../../domain/calendar.ts'
import type { WorkspaceDocument } from '../../domain/document.ts'
import { type FxRateSet, fxRateSet } from '../../domain/model.ts'
import { type Decimal, dec } from '../../domain/money.ts'
import type { AppDeps } from '../app.ts'
import { formBody, listOf } from '../auth/forms.ts'
import { can } from '../auth/policy.ts'
import { BadForm, formVersion, NO_VERSION, refuseUnseenVersion } from '../http/bad-form.ts'
import { isHtmxRequest } from '../http/htmx.ts'
import { htmlResponse } from '../http/render.tsx'

/** USD per GBP as typed: a plain positive decimal, at most 8 places (no "1e3", no hex). */
const usdPerGbp = z
  .string()
  .trim()
  .min(1, 'Enter a rate in USD per GBP, e.g. 1.27')
  .regex(
    /^\d{1,6}(\.\d{1,8})?$/,
    'Enter a plain decimal in USD per GBP, e.g. 1.27 (at most 8 decimal places)',
  )
  .transform((s) => dec(s))
  .refine((d) => d.gt(0), 'The rate must be greater than 0')

const fiscalYear = z
  .string()
  .trim()
  .regex(/^\d{4}$/, 'Enter a fiscal year as a whole number, e.g. 2031')
  .transform(Number)

const month = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}$/, 'Enter a month as YYYY-MM, e.g. 2027-03')
  .refine(isMonth, 'That is not a real month: months run from 01 to 12')

const source = z.string().trim().max(1000, 'Keep the source under 1,000 characters')

const text = (v: unknown) => (typeof v === 'string' ? v : '')

/** The form's fields as posted, in the order the form shows them. */
function readValues(body: Record<string, unknown>): RateSetFormValues {
  const removed = new Set(listOf(body.remove).map(text))
  const rows = (prefix: string) =>
    Object.keys(body)
      .filter((k) => k.startsWith(prefix))
      .map((k) => ({ key: k.slice(prefix.length), rate: text(body[k]) }))
      .sort((a, b) => a.key.localeCompare(b.key))
  return {
    budget: rows('budget-')
      .filter((r) => /^\d{4}$/.test(r.key))
      .map((r) => ({ fiscalYear: Number(r.key), rate: r.rate })),
    monthly: rows('monthly-').map((r) => ({
      month: r.key,
      rate: r.rate,
      remove: removed.has(r.key),
    })),
    newYear: text(body.newYear),
    newYearRate: text(body.newYearRate),
    newMonth: text(body.newMonth),
    newMonthRate: text(body.newMonthRate),
    source: text(body.source),
  }
}

function valuesOf(set: FxRateSet): RateSetFormValues {
  return {
    budget: set.budgetRates.map((r) => ({ fiscalYear: r.fiscalYear, rate: r.usdPerGbp.toFixed() })),
    monthly: set.monthlyRates.map((r) => ({
      month: r.month,
      rate: r.usdPerGbp.toFixed(),
      remove: false,
    })),
    newYear: '',
    newYearRate: '',
    newMonth: '',
    newMonthRate: '',
    source: set.source ?? '',
  }
}

type Parsed = { ok: true; set: FxRateSet } | { ok: false; errors: Record<string, string> }

/**
 * The stored set with the form applied: rates changed, a year or month added, overrides removed.
 * Rates the form did not show (added by someone meanwhile) are kept.
 */
function applyForm(current: FxRateSet, v: RateSetFormValues): Parsed {
  const errors: Record<string, string> = {}
  const check = <T,>(schema: z.ZodType<T>, value: string, field: string): T | undefined => {
    const r = schema.safeParse(value)
    if (r.success) return r.data
    errors[field] = r.error.issues[0]!.message
    return undefined
  }
  const budget = new Map<number, Decimal>(
    current.budgetRates.map((r) => [r.fiscalYear, r.usdPerGbp]),
  )
  for (const b of v.budget) {
    const rate = check(usdPerGbp, b.rate, `budget-${b.fiscalYear}`)
    if (rate) budget.set(b.fiscalYear, rate)
  }
  if (v.newYear.trim() || v.newYearRate.trim()) {
    const year = check(fiscalYear, v.newYear, 'newYear')
    const rate = check(usdPerGbp, v.newYearRate, 'newYearRate')
    if (year !== undefined && budget.has(year)) {
      errors.newYear = `FY${year} already has a budget rate: change it above`
    } else if (year !== undefined && rate) budget.set(year, rate)
  }
  const monthly = new Map<string, Decimal>(current.monthlyRates.map((r) => [r.month, r.usdPerGbp]))
  for (const m of v.monthly) {
    if (m.remove) {
      monthly.delete(m.month)
      continue
    }
    if (check(month, m.month, `monthly-${m.month}`) === undefined) continue
    const rate = check(usdPerGbp, m.rate, `monthly-${m.month}`)
    if (rate) monthly.set(m.month, rate)
  }
  if (v.newMonth.trim() || v.newMonthRate.trim()) {
    const added = check(month, v.newMonth, 'newMonth')
    const rate = check(usdPerGbp, v.newMonthRate, 'newMonthRate')
    if (added !== undefined && monthly.has(added)) {
      errors.newMonth = `${formatMonth(added)} already has an override: change it above`
    } else if (added !== undefined && rate) monthly.set(added, rate)
  }
  const newSource = check(source, v.source, 'source')
  if (Object.keys(errors).length > 0) return { ok: false, errors }
  const { source: _replaced, ...rest } = current
  return {
    ok: true,
    set: {
      ...rest,
      ...(newSource ? { source: newSource } : {}),
      budgetRates: [...budget].map(([fy, rate]) => ({ fiscalYear: fy, usdPerGbp: rate })),
      monthlyRates: [...monthly].map(([m, rate]) => ({ month: m, usdPerGbp: rate })),
    },
  }
}

/** Where the saved set differs from what the user submitted. */
function differences(current: FxRateSet, v: RateSetFormValues): Difference[] {
  const same = (saved: Decimal | undefined, typed: string) =>
    saved !== undefined && /^\d+(\.\d+)?$/.test(typed.trim()) && saved.eq(dec(typed.trim()))
  const shown = (d: Decimal | undefined) => d?.toFixed() ?? '(none)'
  const out: Difference[] = []
  const budget = new Map(current.budgetRates.map((r) => [r.fiscalYear, r.usdPerGbp]))
  for (const b of v.budget) {
    const saved = budget.get(b.fiscalYear)
    if (!same(saved, b.rate)) {
      out.push({ label: `FY${b.fiscalYear} budget rate`, saved: shown(saved), yours: b.rate })
    }
  }
  const monthly = new Map(current.monthlyRates.map((r) => [r.month, r.usdPerGbp]))
  const onForm = new Set(v.monthly.map((m) => m.month))
  for (const m of v.monthly) {
    const saved = monthly.get(m.month)
    const yours = m.remove ? '(removed)' : m.rate
    if (m.remove ? saved !== undefined : !same(saved, m.rate)) {
      out.push({ label: `${formatMonth(m.month)} override`, saved: shown(saved), yours })
    }
  }
  for (const [m, saved] of monthly) {
    if (!onForm.has(m)) {
      out.push({
        label: `${formatMonth(m)} override`,
        saved: shown(saved),
        yours: '(not on your form)',
      })
    }
  }
  if ((current.source ?? '') !== v.source.trim()) {
    out.push({
      label: 'Source',
      saved: current.source ?? '(none)',
      yours: v.source.trim() || '(none)',
    })
  }
  return out
}

/** "Plan FY2027", and each scenario converting with the set, its own or through its plan. */
function usersOf(doc: WorkspaceDocument, setId: string): string[] {
  const planName = new Map(doc.plans.map((p) => [p.id, p.name]))
  const planSet = new Map(doc.plans.map((p) => [p.id, p.fxRateSetId]))
  return [
    ...doc.plans.filter((p) => p.fxRateSetId === setId).map((p) => `plan ${p.name}`),
    ...doc.scenarios
      .filter((s) => (s.fxRateSetId ?? planSet.get(s.planId)) === setId)
      .map(
        (s) =>
          `scenario ${s.name} (of ${planName.get(s.planId)}${s.fxRateSetId ? '' : ", through the plan's set"})`,
      ),
  ]
}

export function rateRoutes({
  db,
  clock,
  projections,
}: Pick<AppDeps, 'db' | 'clock' | 'projections'>) {
  /** The organisation's first month of the fiscal year (1-12). */
  const fiscalYearStart = () => projections.workspace().organisation.fiscalYearStartMonth

  /** The page, or with `form` one set's form in place of its fresh one. */
  function page(c: Context, status: ContentfulStatusCode, form?: RateSetFormProps) {
    const doc = projections.workspace()
    const canEdit = can(c.get('viewer'), 'edit_bands')
    const fyStart = fiscalYearStart()
    const sets: RateSetView[] = listRateSets(db).map(({ set, version }) => ({
      set,
      fyStart,
      usedBy: usersOf(doc, set.id),
      form:
        form?.setId === set.id
          ? form
          : { setId: set.id, setName: set.name, version, values: valuesOf(set), fyStart },
    }))
    const savedId = c.req.query('saved')
    const saved = sets.find((s) => s.set.id === savedId)
    c.status(status)
    return c.render(
      <Rates sets={sets} canEdit={canEdit} saved={saved && `Saved ${saved.set.name}.`} />,
      { title: 'FX rates' },
    )
  }

  function refused(c: Context, props: RateSetFormProps, status: ContentfulStatusCode) {
    if (!isHtmxRequest(c)) return page(c, status, props)
    c.status(status)
    return htmlResponse(c, <RateSetForm {...props} />)
  }

  function audit(c: Context, before: StoredRateSet, after: StoredRateSet, now: Date) {
    recordAudit(
      db,
      {
        userId: c.get('viewer').userId,
        action: 'fx_rate_set.update',
        entityType: 'fx_rate_set',
        entityId: after.set.id,
        before: fxRateSet.encode(before.set),
        after: fxRateSet.encode(after.set),
      },
      now,
    )
  }
  return new Hono()
    .get('/rates', (c) => page(c, 200))
    .post('/rates/:setId', async (c) => {
      const stored = getRateSet(db, c.req.param('setId'))
      if (!stored) return c.notFound()
      const body = await formBody(c)
      const values = readValues(body)
      const base = {
        setId: stored.set.id,
        setName: stored.set.name,
        values,
        fyStart: fiscalYearStart(),
      }
      const version = formVersion.safeParse(body.version)
      if (!version.success) throw new BadForm('version', NO_VERSION)
      const parsed = applyForm(stored.set, values)
      if (!parsed.ok) {
        return refused(c, { ...base, version: stored.version, errors: parsed.errors }, 422)
      }
      const now = clock()
      const result = db.transaction(() => {
        const saved = saveRateSet(db, parsed.set, version.data)
        if (saved.ok) audit(c, stored, saved.saved, now)
        return saved
      })()
      if (!result.ok) {
        if (result.reason === 'not_found') return c.notFound()
        const { current } = result
        refuseUnseenVersion(version.data, current.version)
        const conflict = differences(current.set, values)
        return refused(c, { ...base, version: current.version, conflict }, 409)
      }
      const to = `/rates?saved=${encodeURIComponent(stored.set.id)}#rate-set-${stored.set.id}`
      if (isHtmxRequest(c)) {
        c.header('HX-Redirect', to)
        return c.body(null, 204)
      }
      return c.redirect(to, 303)
    })
}
