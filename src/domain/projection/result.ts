/**
 * The projection's result, the same shape from the reference and the fast engine, and the pieces
 * both share: year-to-date periods, company-level lines (Apprenticeship Levy, office desks),
 * headcount, and roll-ups by team, quarter and fiscal year.
 */

import { fiscalQuarterOf, fiscalYearOf, type Month } from '../calendar.ts'
import type { ReadonlyList } from '../chunked-list.ts'
import { minorOf, mulDivRound, type Ratio, ratioOf, ratioTimes } from '../exact.ts'
import type { Office, Team } from '../model.ts'
import { type Currency, Decimal, formatMinor, formatMoney, roundLine } from '../money.ts'
import { ukRulesForMonth } from '../rules/index.ts'
import { backfillLag, expectedHeads } from './attrition-lines.ts'
import type { CompanyComponent, Component, PositionComponent } from './components.ts'
import { monthFacts } from './month-facts.ts'
import { leadMonths, type PlanContext, type PositionTerms, planFacts } from './terms.ts'

/** Minor units (pence/cents) per month, index-aligned with the projection's months. */
export type Series = number[]

export interface ProjectedPosition {
  id: string
  teamId: string
  officeId: string
  familyId: string
  levelId: string
  currency: Currency
  terms: PositionTerms
}

export interface CompanyLine {
  component: CompanyComponent
  /** The office for desks; null for the levy (company-wide) and the attrition lines. */
  officeId: string | null
  /** The team of the attrition lines; null for company-wide lines. */
  teamId: string | null
  currency: Currency
  local: Series
  explain(monthIndex: number): string[]
}

export interface Headcount {
  /** Filled positions on the books at month end. */
  filled: number[]
  /** Open roles counted from their expected start, at month end. */
  open: number[]
  /** Expected heads with attrition (and backfill hires if the plan backfills), fractional. */
  expected: number[]
}

/** Totals in the reporting currency: every series is the sum of the converted lines beneath it. */
export interface Totals {
  currency: Currency
  total: Series
  byComponent: Map<Component, Series>
  /** Lines by their local currency, converted. */
  byCurrency: Map<Currency, Series>
  /** Direct team only; `rollUpTeams` adds subteams into their parents. */
  byTeam: Map<string, Series>
  byOffice: Map<string, Series>
  byFamily: Map<string, Series>
  byLevel: Map<string, Series>
}

export interface Projection {
  months: Month[]
  fiscalYearStartMonth: number
  positions: ReadonlyList<ProjectedPosition>
  /** Local-currency minor units of one position-month-component; 0 when there is none. */
  cell(positionIndex: number, monthIndex: number, component: PositionComponent): number
  /** Apprenticeship Levy and office desks, in local currency. */
  companyLines: CompanyLine[]
  headcount: Headcount
  totals: Totals
}

/** Group key for company-level lines in the team, family and level groupings. */
export const COMPANY_KEY = '(company)'

/** The local currency of a component's lines for a position (equity expense is USD). */
export const lineCurrency = (p: ProjectedPosition, component: PositionComponent): Currency =>
  component === 'equity_expense' ? 'USD' : p.currency

/** Year-to-date resets: the tax year in the UK, the calendar year in the US. */
export function ytdPeriod(terms: PositionTerms, month: Month): number {
  return terms.office.region === 'UK' ? monthFacts(month).ukTaxYear : monthFacts(month).year
}

export function projectedPosition(terms: PositionTerms): ProjectedPosition {
  const p = terms.position
  return {
    id: p.id,
    teamId: p.teamId,
    officeId: p.officeId,
    familyId: p.familyId,
    levelId: p.levelId,
    currency: terms.currency,
    terms,
  }
}

/** On the books on any day of the month (for desks) / on its last day (for headcount). */
export const onBooksInMonth = (t: PositionTerms, month: Month) =>
  t.start <= monthFacts(month).last && (t.end === null || t.end >= monthFacts(month).first)
export const onBooksAtMonthEnd = (t: PositionTerms, month: Month) =>
  t.start <= monthFacts(month).last && (t.end === null || t.end >= monthFacts(month).last)

/**
 * Apprenticeship Levy (domain 1.2), cumulative over the tax year as PAYE does: levy due to date =
 * rate x pay bill to date - allowance x months elapsed / 12, never below zero; a month's levy is
 * the increase in levy due. The tax year runs from April: for a plan starting later, `leadBill`
 * holds the UK pay bill of the months before its first (by index + lead), worked out from each
 * position's own history, so the allowance and the levy already due start from the year's start.
 */
export function apprenticeshipLevy(
  ctx: PlanContext,
  payBill: Series,
  leadBill: readonly number[] = [],
): CompanyLine {
  const f = planFacts(ctx)
  const local: Series = []
  const working: (() => string[])[] = []
  let taxYear = -1
  let billToDate = 0n
  /** Levy charged so far in the tax year. */
  let dueToDate = 0n
  let monthsElapsed = 0
  let beforePlan = 0n
  // The year's rate (num / den) and allowance in pence, read when its tax year starts.
  let rateNum = 0n
  let rateDen = 1
  let allowance = 0n
  const from = -Math.min(leadMonths('UK', f.m0), leadBill.length)
  for (let i = from; i < f.n; i++) {
    const month = f.month(i)
    const rules = ukRulesForMonth(ctx.rules, month)
    if (rules.taxYear !== taxYear) {
      taxYear = rules.taxYear
      billToDate = 0n
      dueToDate = 0n
      monthsElapsed = 0
      const r = ratioOf(rules.apprenticeshipLevyRate)
      rateNum = BigInt(r.num)
      rateDen = r.den
      allowance = BigInt(minorOf(rules.apprenticeshipLevyAllowance))
    }
    monthsElapsed++
    const bill = i < 0 ? leadBill[i + leadBill.length]! : payBill[i]!
    billToDate += BigInt(bill)
    // In pence, exactly: due = max(0, rate x bill to date - allowance x months / 12), half-up.
    // With rate = num / den: (12 x num x bill - months x den x allowance) / (12 x den).
    const over = 12n * rateNum * billToDate - BigInt(monthsElapsed * rateDen) * allowance
    const due = over <= 0n ? 0n : roundHalfUp(over, 12n * BigInt(rateDen))
    // Never below zero: levy due falling back (a leaver's pay no longer outweighing the allowance)
    // is not refunded; what was charged stays charged.
    const levy = due > dueToDate ? Number(due - dueToDate) : 0
    dueToDate += BigInt(levy)
    if (i < 0) {
      beforePlan = billToDate
      continue
    }
    local.push(levy)
    // Worded only when asked for: re-projections after an edit rebuild this line every time.
    const elapsed = monthsElapsed
    const toDate = billToDate
    const lead = i - monthsElapsed + 1 < 0 ? beforePlan : 0n
    working.push(() => {
      const gbp = (minor: number | bigint) => formatMinor(Number(minor), 'GBP')
      const allowanceSoFar = roundLine(
        rules.apprenticeshipLevyAllowance.times(elapsed).dividedBy(12),
      )
      const started =
        lead === 0n
          ? ''
          : ` (from 6 April ${rules.taxYear}, starting from ${gbp(lead)} before the plan's first month)`
      return [
        `UK NIC-able pay bill this month ${gbp(bill)}; ${gbp(toDate)} so far in ${rules.label}${started}`,
        `Levy due to date: max(0, ${rules.apprenticeshipLevyRate.times(100).toFixed()}% x ${gbp(toDate)} - ${formatMoney(allowanceSoFar, 'GBP')} allowance for ${elapsed} months) = ${gbp(due)}`,
        `Apprenticeship Levy: ${gbp(due)} - ${gbp(due - BigInt(levy))} already due = ${gbp(levy)}`,
      ]
    })
  }
  return {
    component: 'apprenticeship_levy',
    officeId: null,
    teamId: null,
    currency: 'GBP',
    local,
    explain: (i) => working[i]?.() ?? [],
  }
}

/** round(n / d) half-up, for n >= 0 and d > 0. */
function roundHalfUp(n: bigint, d: bigint): bigint {
  const q = n / d
  return 2n * (n - q * d) >= d ? q + 1n : q
}

/**
 * An office's desk arithmetic in integers, worked out once per office (re-projections after an
 * edit ask for many headcounts): attendance x peak factor as an exact ratio, and the desk cost per
 * year in minor units.
 */
const deskTerms = new WeakMap<Office, { share: Ratio; costPerYear: number }>()

function deskTermsOf(office: Office) {
  let t = deskTerms.get(office)
  if (!t) {
    const { expectedShare, peakFactor } = office.attendance
    t = {
      share: ratioTimes(ratioOf(expectedShare), ratioOf(peakFactor)),
      costPerYear: minorOf(office.deskCostPerYear),
    }
    deskTerms.set(office, t)
  }
  return t
}

/** ceiling(people x attendance x peak factor), exactly: `desksNeeded` in integers. */
const desksFor = (share: Ratio, people: number) => Math.ceil((people * share.num) / share.den)

/** Desks for the peak day at each office: desks needed x desk cost / 12 each month. */
export function officeDesks(
  ctx: PlanContext,
  officeId: string,
  peopleByMonth: readonly number[],
): CompanyLine {
  const office = ctx.offices.get(officeId)!
  const { share, costPerYear } = deskTermsOf(office)
  const desks = peopleByMonth.map((n) => desksFor(share, n))
  const monthly = (n: number) => roundLine(office.deskCostPerYear.times(n).dividedBy(12))
  const fmt = (d: Decimal) => formatMoney(d, office.currency)
  return {
    component: 'office_desks',
    officeId,
    teamId: null,
    currency: office.currency,
    local: desks.map((n) => mulDivRound(n, costPerYear, 12)),
    explain: (i) => [
      `Desks needed at ${office.name}: ceiling(${peopleByMonth[i]} people x ${office.attendance.expectedShare.times(100).toFixed()}% attendance x ${office.attendance.peakFactor.toFixed()} peak factor) = ${desks[i]}${desks[i]! > office.deskCapacity ? ` (capacity ${office.deskCapacity})` : ''}`,
      `Office desks: ${desks[i]} x ${fmt(office.deskCostPerYear)} / 12 = ${fmt(monthly(desks[i]!))}`,
    ],
  }
}

/** Company lines from the per-month UK pay bill and people per office. */
export function companyLines(
  ctx: PlanContext,
  ukPayBill: Series,
  peopleByOffice: ReadonlyMap<string, number[]>,
  leadBill: readonly number[] = [],
): CompanyLine[] {
  return companyLinesAgain(ctx, ukPayBill, peopleByOffice, leadBill, null).lines
}

/** Company lines with what each was worked out from, for `companyLinesAgain`. */
export interface CompanyLinesMemo {
  lines: CompanyLine[]
  levy: { ctx: PlanContext; payBill: Series; leadBill: readonly number[]; line: CompanyLine } | null
  desks: Map<string, { office: Office; people: readonly number[]; line: CompanyLine }>
}

const sameItems = <T>(a: readonly T[], b: readonly T[]) =>
  a.length === b.length && a.every((v, i) => v === b[i])

/**
 * `companyLines`, keeping each line of `previous` whose inputs are unchanged (the same rules,
 * months and pay bill for the levy; the same office and people for its desks): an edit of one
 * position changes one office's people and at most the UK pay bill, so the others are not worked
 * out again.
 */
export function companyLinesAgain(
  ctx: PlanContext,
  ukPayBill: Series,
  peopleByOffice: ReadonlyMap<string, number[]>,
  leadBill: readonly number[],
  previous: CompanyLinesMemo | null,
): CompanyLinesMemo {
  const memo: CompanyLinesMemo = { lines: [], levy: null, desks: new Map() }
  if (ukPayBill.some((v) => v !== 0)) {
    const old = previous?.levy
    const same =
      old != null &&
      old.ctx.rules === ctx.rules &&
      sameItems(old.ctx.months, ctx.months) &&
      sameItems(old.payBill, ukPayBill) &&
      sameItems(old.leadBill, leadBill)
    const line = same ? old.line : apprenticeshipLevy(ctx, ukPayBill, leadBill)
    memo.levy = { ctx, payBill: ukPayBill, leadBill, line }
    memo.lines.push(line)
  }
  for (const [officeId, people] of [...peopleByOffice].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const office = ctx.offices.get(officeId)!
    const old = previous?.desks.get(officeId)
    const same = old !== undefined && old.office === office && sameItems(old.people, people)
    const line = same ? old.line : officeDesks(ctx, officeId, people)
    memo.desks.set(officeId, { office, people, line })
    memo.lines.push(line)
  }
  return memo
}

/**
 * Headcount at month end, and expected heads under attrition: positions joining in the same month
 * with the same time to fill form a cohort (existing staff join at the first month); with
 * backfill on, a leaver's seat is refilled after the family's time to fill (in whole months,
 * rounded up). A position with a planned end date drops out at its end. Positions are counted
 * into difference arrays and each cohort's heads read once per month (a Decimal per position
 * and month took 200-300 ms at 10,000 positions); expected heads are rounded to 4 places.
 */
export function headcount(ctx: PlanContext, positions: Iterable<ProjectedPosition>): Headcount {
  const months = ctx.months
  const n = months.length
  const filled = new Int32Array(n + 1)
  const open = new Int32Array(n + 1)
  const a = ctx.assumptions
  /** Positions still counted, by cohort (join month and lag) and month, as difference arrays. */
  const cohorts = new Map<string, { joinIndex: number; lag: number | null; counts: Int32Array }>()
  for (const p of positions) {
    const t = p.terms
    const { from, to } = monthEndsOnBooks(t, months)
    if (from > to) continue
    const onBooks = t.position.kind === 'filled' ? filled : open
    onBooks[from]!++
    onBooks[to + 1]!--
    const lag = a.backfillLeavers ? backfillLag(ctx, p) : null
    const key = `${from}|${lag}`
    let cohort = cohorts.get(key)
    if (cohort === undefined) {
      cohort = { joinIndex: from, lag, counts: new Int32Array(n + 1) }
      cohorts.set(key, cohort)
    }
    // counted from its first month end on the books up to the month its end date falls in
    const end = Math.min(t.endIndex, n)
    if (end <= from) continue
    cohort.counts[from]!++
    cohort.counts[end]!--
  }
  const expected = new Float64Array(n)
  for (const { joinIndex, lag, counts } of cohorts.values()) {
    const rows = expectedHeads(a.annualAttritionRate, lag, n)
    let count = 0
    for (let i = joinIndex; i < n; i++) {
      count += counts[i]!
      if (count !== 0) expected[i]! += rows[i - joinIndex]! * count
    }
  }
  return {
    filled: prefixSums(filled, n),
    open: prefixSums(open, n),
    expected: Array.from(expected, (e) => new Decimal(e).toDecimalPlaces(4).toNumber()),
  }
}

/** The months [from, to] at whose end a position is on the books (from > to: none). */
function monthEndsOnBooks(t: PositionTerms, months: readonly Month[]) {
  const from = Math.max(0, t.startIndex)
  if (t.end === null || t.endIndex >= months.length) return { from, to: months.length - 1 }
  if (t.endIndex < 0) return { from, to: -1 }
  const lastDay = t.endDay === monthFacts(months[t.endIndex]!).days
  return { from, to: lastDay ? t.endIndex : t.endIndex - 1 }
}

/** A difference array's values for months [0, n). */
function prefixSums(d: Int32Array, n: number): number[] {
  const out = new Array<number>(n)
  let sum = 0
  for (let i = 0; i < n; i++) {
    sum += d[i]!
    out[i] = sum
  }
  return out
}

/** Each team's series with all its subteams' added in. */
export function rollUpTeams(byTeam: ReadonlyMap<string, Series>, teams: readonly Team[]) {
  const parent = new Map(teams.map((t) => [t.id, t.parentTeamId]))
  const rolled = new Map<string, Series>()
  for (const [teamId, series] of byTeam) {
    const seen = new Set<string>()
    for (let id: string | null | undefined = teamId; id && !seen.has(id); id = parent.get(id)) {
      seen.add(id)
      const into = rolled.get(id) ?? series.map(() => 0)
      series.forEach((v, i) => {
        into[i] = into[i]! + v
      })
      rolled.set(id, into)
    }
  }
  return rolled
}

/** Sums a monthly series into fiscal quarters ("FY2026 Q1") or fiscal years ("FY2026"). */
export function byPeriod(
  series: Series,
  months: readonly Month[],
  fiscalYearStartMonth: number,
  period: 'quarter' | 'fiscal_year',
): Map<string, number> {
  const out = new Map<string, number>()
  months.forEach((m, i) => {
    const key =
      period === 'quarter'
        ? fiscalQuarterOf(m, fiscalYearStartMonth)
        : `FY${fiscalYearOf(m, fiscalYearStartMonth)}`
    out.set(key, (out.get(key) ?? 0) + series[i]!)
  })
  return out
}
