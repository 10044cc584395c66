/**
 * What the engine needs to know about one position, worked out once per projection and converted
 * to exact integers (minor units, power-of-ten ratios, month indices): when it is on the books,
 * its office's package and rules as ratios, its salary steps (explicit raises and the plan's
 * merit) and its grants' schedules. The month calculation reads only these terms, the month index
 * and the year-to-date state, so it needs no Decimal arithmetic per month.
 */
import { type ActualYtd, actualCounters, type YtdCounters } from '../actual-ytd.ts'
import { type ISODate, type Month, monthNumber, ukTaxYearOfMonth, yearOf } from '../calendar.ts'
import {
  type ExpenseMethod,
  expenseSchedule,
  vestingSchedule,
  vestOffsets,
  vestValueUsd,
} from '../equity.ts'
import { minorOf, mulDivRound, type Ratio, ratioOf, ratioPlus, ratioTimes } from '../exact.ts'
import { usdPerGbp } from '../fx.ts'
import { type HiringCostOptions, hiringCostLines } from '../hiring/costs.ts'
import { type FillTimesLookup, startAfterApproval } from '../hiring/time-to-fill.ts'
import {
  type Assumptions,
  type BenefitItem,
  type BenefitPackage,
  type EquityGrant,
  EXCLUDED_STATUSES,
  type FxRateSet,
  type JobFamily,
  type Office,
  type Position,
} from '../model.ts'
import { type Currency, type Decimal, dec, type Minor, roundLine, toMinor } from '../money.ts'
import { inOfficeDaysPerMonth } from '../office.ts'
import {
  MissingRulesError,
  type RuleBook,
  type UkTaxYearRules,
  type UsState,
  type UsStateYearRules,
  ukRulesForMonth,
  usRulesForYear,
} from '../rules/index.ts'
import { monthFacts, monthPlus } from './month-facts.ts'

/** Everything a projection holds constant: rules, assumptions, rates and reference data. */
export interface PlanContext {
  rules: RuleBook
  assumptions: Assumptions
  fx: FxRateSet
  fiscalYearStartMonth: number
  /** The projected months, in order. */
  months: Month[]
  offices: ReadonlyMap<string, Office>
  packages: ReadonlyMap<string, BenefitPackage>
  families: ReadonlyMap<string, JobFamily>
  /** Sponsorship options of a role by position id; a role without them is costed by default. */
  sponsorship?: ReadonlyMap<string, HiringCostOptions>
  /** Imported actual year-to-date payroll figures by position id (any years). */
  actualYtd?: ReadonlyMap<string, readonly ActualYtd[]>
  /** Time to open, time to fill and notice of a role: when a role without a start starts. */
  fillTimes: FillTimesLookup
}

/** Whole months from `from` to `to`, by arithmetic on the text (no date library per call). */
export function monthIndex(from: Month, to: Month): number {
  return (yearOf(to) - yearOf(from)) * 12 + monthNumber(to) - monthNumber(from)
}

const dayOf = (date: ISODate) => Number(date.slice(8, 10))

/**
 * Calendar and rate facts for each month of a projection, by month index, worked out once per
 * plan context: the per-month path reads arrays, not date strings. Month indices count from the
 * plan's first month; the facts also cover the `lead` months before it back to the earlier of
 * the jurisdictions' year starts (1 January, April), so year-to-date counters can be worked out
 * from the year's start (domain Part A, continued), and `TAIL_MONTHS` after its last month, so a
 * bonus accrued monthly can be worked out from its payment and its payment's tax year when those
 * end after the plan. Arrays are read at `i + lead`.
 */
export interface PlanFacts {
  ctx: PlanContext
  m0: Month
  n: number
  /** Months before the plan covered by the facts (0-11); after it, `TAIL_MONTHS`. */
  lead: number
  /** Month of the year, 1-12, at [i + lead]. */
  monthNo: Uint8Array
  days: Uint8Array
  /** The month at index i (negative before the plan). */
  month(i: number): Month
  /**
   * USD per GBP of month i, looked up on first use (a missing rate throws naming the month, within
   * the plan; before it the plan's first month's rate stands in, after it the last month's).
   */
  rate(i: number): Decimal
  /** Exact rules by month index + lead, filled on first use (by state for the US). */
  ukRules: ExactUkRules[]
  usRules: Map<UsState, ExactUsRules[]>
  /** The state last looked up in `usRules` and its array: a position asks for one state in turn. */
  usLast: { state: UsState; byMonth: ExactUsRules[] } | null
}

/** Months of the plan's first year before its first month: in the UK (April) or the US (January). */
export function leadMonths(region: 'UK' | 'US', m0: Month): number {
  const no = monthNumber(m0)
  return region === 'UK' ? (no + 8) % 12 : no - 1
}

/**
 * Months after the plan the facts cover: a payment accrued in the plan's last month is made
 * within 11 months, and its tax year ends within 11 more.
 */
export const TAIL_MONTHS = 22

const factsOf = new WeakMap<PlanContext, PlanFacts>()

export function planFacts(ctx: PlanContext): PlanFacts {
  let f = factsOf.get(ctx)
  if (!f) {
    const rates: Decimal[] = []
    const m0 = ctx.months[0]!
    const lead = Math.max(leadMonths('UK', m0), leadMonths('US', m0))
    const n = ctx.months.length
    const all = [
      ...Array.from({ length: lead }, (_, k) => monthPlus(m0, k - lead)),
      ...ctx.months,
      ...Array.from({ length: TAIL_MONTHS }, (_, k) => monthPlus(m0, n + k)),
    ]
    const rate = (i: number): Decimal => {
      const k = i + lead
      if (rates[k] === undefined) {
        try {
          rates[k] = usdPerGbp(ctx.fx, all[k]!, ctx.fiscalYearStartMonth)
        } catch (e) {
          // Outside the plan a rate set may have no rate: its first or last month's stands in.
          if (i >= 0 && i < n) throw e
          rates[k] = rate(i < 0 ? 0 : n - 1)
        }
      }
      return rates[k]
    }
    f = {
      ctx,
      m0,
      n,
      lead,
      monthNo: Uint8Array.from(all, (m) => monthFacts(m).number),
      days: Uint8Array.from(all, (m) => monthFacts(m).days),
      month: (i) => all[i + lead]!,
      rate,
      ukRules: [],
      usRules: new Map(),
      usLast: null,
    }
    factsOf.set(ctx, f)
  }
  return f
}

// ---------------------------------------------------------------------------------------------
// Package, office and rules as exact ratios, once per object

export interface ExactItem {
  item: BenefitItem
  /** Minor units for the amount bases; 0 for percent of base. */
  amount: number
  rate: Ratio
}

export interface ExactPackage {
  items: ExactItem[]
  /** Expected in-office days a month: working days x expected attendance. */
  officeDays: Ratio
  lunchPerDay: number
  stipend: number
  /** Expected leave weeks / 52 x cover rate, as weeks and rate; null when either is zero. */
  parental: { weeks: Ratio; cover: Ratio } | null
  pension: { rate: Ratio; cap: number | null; cashAllowance: boolean } | null
  /** 401(k) match rate x participation; null without a match. */
  match: Ratio | null
  bonusMonth: boolean[]
  /** Months in the performance period of the payment in each month of the year (by 1-12). */
  bonusPeriod: number[]
}

/** By office, for the package it was built from (a scenario or test may swap the package). */
const exactPackages = new WeakMap<Office, { pkg: BenefitPackage; exact: ExactPackage }>()

/**
 * A payment's performance period in months: from the month after the previous payment month to
 * its own (12 with one payment a year).
 */
export function bonusPeriodMonths(paymentMonths: readonly number[], month: number): number {
  let months = 12
  for (const p of paymentMonths) {
    const gap = (month - p + 12) % 12
    if (gap > 0 && gap < months) months = gap
  }
  return months
}

export function exactPackage(office: Office, pkg: BenefitPackage): ExactPackage {
  const known = exactPackages.get(office)
  if (known?.pkg === pkg) return known.exact
  const policy = office.attendance
  const leave = pkg.parentalLeave
  const r = pkg.retirement
  const e: ExactPackage = {
    items: pkg.items.map((item) => ({
      item,
      amount: item.basis === 'percent_of_base' ? 0 : toMinor(item.amount),
      rate: item.basis === 'percent_of_base' ? ratioOf(item.rate) : { num: 0, den: 1 },
    })),
    officeDays: ratioOf(inOfficeDaysPerMonth(policy)),
    lunchPerDay: toMinor(policy.lunchPerDay),
    stipend: toMinor(policy.commutingStipendPerMonth),
    parental:
      leave.expectedWeeksPerHeadPerYear.isZero() || leave.coverRate.isZero()
        ? null
        : { weeks: ratioOf(leave.expectedWeeksPerHeadPerYear), cover: ratioOf(leave.coverRate) },
    pension:
      r.kind === 'uk_pension' && !r.rate.isZero()
        ? {
            rate: ratioOf(r.rate),
            cap: r.annualCap === null ? null : toMinor(r.annualCap),
            cashAllowance: r.cashAllowanceAboveCap,
          }
        : null,
    match:
      r.kind === 'us_401k' && !r.rate.isZero()
        ? ratioTimes(ratioOf(r.rate), ratioOf(r.participation))
        : null,
    bonusMonth: Array.from({ length: 13 }, (_, m) => pkg.bonusPaymentMonths.includes(m)),
    bonusPeriod: Array.from({ length: 13 }, (_, m) => bonusPeriodMonths(pkg.bonusPaymentMonths, m)),
  }
  exactPackages.set(office, { pkg, exact: e })
  return e
}

export interface ExactUkRules {
  rules: UkTaxYearRules
  nic: Ratio
  threshold: number
  class1a: Ratio
  relocationExemption: number
}

export interface ExactUsRules {
  rules: UsStateYearRules
  state: UsState
  ss: Ratio
  ssBase: number
  medicare: Ratio
  /** FUTA rate plus the state's credit reduction. */
  futa: Ratio
  futaBase: number
  /** State unemployment rate plus ETT. */
  sui: Ratio
  suiBase: number
  limit401a17: number
}

const exactUk = new WeakMap<UkTaxYearRules, ExactUkRules>()
const exactUs = new WeakMap<UsStateYearRules, ExactUsRules>()

/**
 * The rules of month i, or after the plan (only a monthly accrual's payment and tax year reach
 * there) the last month's whose rules are known: rules are data, and a rule book may stop at the
 * plan's last year.
 */
function rulesAfterPlan<T>(f: PlanFacts, i: number, at: (i: number) => T): T {
  try {
    return at(i)
  } catch (e) {
    if (i < f.n || !(e instanceof MissingRulesError)) throw e
    return rulesAfterPlan(f, i - 1, at)
  }
}

export function ukRulesAt(f: PlanFacts, i: number): ExactUkRules {
  const known = f.ukRules[i + f.lead]
  if (known) return known
  const rules = rulesAfterPlan(f, i, (k) => ukRulesForMonth(f.ctx.rules, f.month(k)))
  let e = exactUk.get(rules)
  if (!e) {
    e = {
      rules,
      nic: ratioOf(rules.employerNicRate),
      threshold: toMinor(rules.secondaryThresholdMonthly),
      class1a: ratioOf(rules.class1aRate),
      relocationExemption: toMinor(rules.relocationExemption),
    }
    exactUk.set(rules, e)
  }
  f.ukRules[i + f.lead] = e
  return e
}

export function usRulesAt(f: PlanFacts, i: number, state: UsState): ExactUsRules {
  const byMonth = f.usLast?.state === state ? f.usLast.byMonth : usRulesOfState(f, state)
  const known = byMonth[i + f.lead]
  if (known) return known
  const rules = rulesAfterPlan(f, i, (k) => usRulesForYear(f.ctx.rules, yearOf(f.month(k)), state))
  let e = exactUs.get(rules)
  if (!e) {
    const sui = rules.stateUnemployment
    e = {
      rules,
      state,
      ss: ratioOf(rules.socialSecurityRate),
      ssBase: toMinor(rules.socialSecurityWageBase),
      medicare: ratioOf(rules.medicareRate),
      futa: ratioPlus(ratioOf(rules.futaRate), ratioOf(rules.futaCreditReduction)),
      futaBase: toMinor(rules.futaWageBase),
      sui: ratioPlus(ratioOf(sui.rate), ratioOf(sui.ettRate)),
      suiBase: toMinor(sui.wageBase),
      limit401a17: toMinor(rules.compensationLimit401a17),
    }
    exactUs.set(rules, e)
  }
  byMonth[i + f.lead] = e
  return e
}

function usRulesOfState(f: PlanFacts, state: UsState): ExactUsRules[] {
  let byMonth = f.usRules.get(state)
  if (!byMonth) {
    byMonth = []
    f.usRules.set(state, byMonth)
  }
  f.usLast = { state, byMonth }
  return byMonth
}

// ---------------------------------------------------------------------------------------------
// Salary steps

export interface SalaryStep {
  /** First day this annual base applies. */
  from: ISODate
  /** Month index of `from` (-Infinity for the base salary) and its day of the month. */
  fromIndex: number
  fromDay: number
  /** Annual base in minor units. */
  annualBase: Minor
  why: 'base' | 'raise' | 'merit'
}

const BEGINNING: ISODate = '0001-01-01'

/**
 * The merit dates in a projection (the 1st of each merit month), and for each the last start date
 * that qualifies: the merit date less the plan's merit eligibility period. Once per context.
 * Under monthly bonus accrual the facts' months after the plan count too: a payment accrued in
 * the plan may be made after it, on the base then in force.
 */
/** A merit date (month index `index`, day 1) and the last start date that qualifies for it. */
interface MeritDay {
  from: ISODate
  index: number
  lastStart: ISODate
}

const meritOf = new WeakMap<PlanContext, { days: MeritDay[]; rate: Ratio }>()

function merits(ctx: PlanContext): { days: MeritDay[]; rate: Ratio } {
  let known = meritOf.get(ctx)
  if (!known) {
    const a = ctx.assumptions
    const f = planFacts(ctx)
    const after = a.bonusAccrual === 'monthly' ? TAIL_MONTHS : 0
    const days: MeritDay[] = []
    for (let i = 0; !a.meritRate.isZero() && i < f.n + after; i++) {
      const m = f.month(i)
      if (f.monthNo[i + f.lead] !== a.meritMonth) continue
      days.push({
        from: `${m}-01`,
        index: i,
        lastStart: `${monthPlus(m, -a.meritEligibilityMonths)}-01`,
      })
    }
    known = { days, rate: ratioOf(a.meritRate) }
    meritOf.set(ctx, known)
  }
  return known
}

/**
 * Explicit raises set the base from their date; the plan's merit multiplies the base in effect on
 * the 1st of the merit month each projected year, for people who started on or before that day
 * less the plan's merit eligibility period (domain Part A, continued), rounded to the penny; a
 * later joiner's first merit comes at the next cycle. An explicit raise on the merit date is
 * taken as that year's merit decision.
 */
export function salarySteps(
  position: Position,
  start: ISODate,
  ctx: PlanContext,
): readonly SalaryStep[] {
  if (position.raises.length > 0) return stepsOf(position, start, ctx)
  // Without raises the steps are the base and the merits the person qualifies for: shared
  // (read-only) by every position with the same base and the same merits ahead.
  const days = merits(ctx).days
  let ahead = 0
  while (ahead < days.length && days[ahead]!.lastStart < start) ahead++
  let shared = sharedSteps.get(ctx)
  if (!shared) {
    shared = new Map()
    sharedSteps.set(ctx, shared)
  }
  // One number for base and merits ahead (fewer than 4096 in a projection's 4095 months).
  const key = minorOf(position.baseSalary) * 4096 + ahead
  let steps = Number.isSafeInteger(key) ? shared.get(key) : undefined
  if (!steps) {
    steps = stepsOf(position, start, ctx)
    if (shared.size >= MEMO_LIMIT) shared.clear()
    if (Number.isSafeInteger(key)) shared.set(key, steps)
  }
  return steps
}

const sharedSteps = new WeakMap<PlanContext, Map<number, SalaryStep[]>>()

function stepsOf(position: Position, start: ISODate, ctx: PlanContext): SalaryStep[] {
  const m0 = ctx.months[0]!
  const { days, rate: merit } = merits(ctx)
  const events = position.raises.map((r) => ({
    from: r.effectiveDate,
    index: monthIndex(m0, r.effectiveDate.slice(0, 7)),
    annualBase: r.annualBase as Decimal | null,
    why: 'raise' as 'raise' | 'merit',
  }))
  const raises = events.length
  for (const { from, index, lastStart } of days) {
    if (start <= lastStart && !position.raises.some((r) => r.effectiveDate === from)) {
      events.push({ from, index, annualBase: null, why: 'merit' })
    }
  }
  if (raises > 0) events.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0))

  const steps: SalaryStep[] = [
    {
      from: BEGINNING,
      fromIndex: Number.NEGATIVE_INFINITY,
      fromDay: 1,
      annualBase: minorOf(position.baseSalary),
      why: 'base',
    },
  ]
  for (const e of events) {
    const current = steps.at(-1)!.annualBase
    const annualBase =
      e.why === 'merit'
        ? (mulDivRound(current, merit.den + merit.num, merit.den) as Minor)
        : minorOf(e.annualBase!)
    steps.push({
      from: e.from,
      fromIndex: e.index,
      fromDay: e.why === 'merit' ? 1 : dayOf(e.from),
      annualBase,
      why: e.why,
    })
  }
  return steps
}

// ---------------------------------------------------------------------------------------------
// Equity grants

/** A grant's schedule, shared by every grant of the same shape in a projection. */
export interface GrantSchedule {
  /** Months after the grant month at which each tranche vests. */
  offsets: number[]
  fractions: Decimal[]
  /** Tranche vesting k months after the grant month, or -1. */
  trancheAt: Int16Array
  /** Value of each tranche at vest, USD, unrounded (at the plan's share price). */
  vestUsd: Decimal[]
  /** A tranche's vest value in cents (NaN until needed), and in pence at the rates listed. */
  vestCents: Float64Array
  vestPence: number[][]
  vestPenceRates: Decimal[][]
  /** Accounting expense by month from the grant month, USD, unrounded (12 dp). */
  expense: Decimal[]
  /** The same in USD cents, rounded (the line when only this grant expenses that month). */
  expenseCents: Float64Array
  /** The exact 12 dp amounts as (hi x 10^6 + lo) x 10^-12 USD, for summing several grants. */
  expenseHi: Float64Array
  expenseLo: Float64Array
}

export interface GrantTerms {
  grant: EquityGrant
  /** Month index of the grant month (may be before the projection). */
  grantIndex: number
  schedule: GrantSchedule
}

const MICRO = 1_000_000

/**
 * Grant schedules keyed by their shape, expense method and share price: a pure function of those,
 * so it is remembered across projections (building one walks the calendar month by month). The
 * memo is bounded: past `MEMO_LIMIT` shapes it starts afresh.
 */
const schedules = new Map<string, GrantSchedule>()
const MEMO_LIMIT = 10_000

/**
 * What the positions of one projection share: each grant's schedule (remembered across
 * projections), and sponsorship fees by visa, start date, currency and options (a plan sponsors
 * many roles that start on the same day; the fee table is searched and the explanations written
 * once for them all).
 */
export class TermsMemo {
  readonly fees = new Map<string, SponsorshipFee[]>()

  constructor(
    private readonly method: ExpenseMethod,
    private readonly sharePriceUsd: Decimal | null,
  ) {}

  /** The last schedule found for each grant object, with the method and price it was for. */
  private static readonly byGrant = new WeakMap<
    EquityGrant,
    { method: ExpenseMethod; sharePriceUsd: Decimal | null; schedule: GrantSchedule }
  >()

  schedule(grant: EquityGrant): GrantSchedule {
    const known = TermsMemo.byGrant.get(grant)
    if (known && known.method === this.method && known.sharePriceUsd === this.sharePriceUsd) {
      return known.schedule
    }
    const schedule = this.byShape(grant)
    TermsMemo.byGrant.set(grant, {
      method: this.method,
      sharePriceUsd: this.sharePriceUsd,
      schedule,
    })
    return schedule
  }

  private byShape(grant: EquityGrant): GrantSchedule {
    const shape = `${grant.valueUsd.toFixed()}|${grant.grantPriceUsd?.toFixed()}|${grant.vestingMonths}|${grant.cliffMonths}|${grant.vestEveryMonths}|${this.method}|${this.sharePriceUsd?.toFixed()}`
    let s = schedules.get(shape)
    if (s) return s
    const tranches = vestingSchedule(grant)
    const offsets = vestOffsets(grant)
    const trancheAt = new Int16Array(grant.vestingMonths + 1).fill(-1)
    offsets.forEach((k, i) => {
      trancheAt[k] = i
    })
    const expense = expenseSchedule(grant, this.method).map((e) => e.amountUsd)
    const scaled = expense.map((e) => BigInt(e.times(10 ** 12).toFixed(0)))
    s = {
      offsets,
      fractions: tranches.map((t) => t.fraction),
      trancheAt,
      vestUsd: tranches.map((t) => vestValueUsd(grant, t, this.sharePriceUsd)),
      vestCents: new Float64Array(tranches.length).fill(Number.NaN),
      vestPence: tranches.map(() => []),
      vestPenceRates: tranches.map(() => []),
      expense,
      expenseCents: Float64Array.from(expense, (e) => toMinor(roundLine(e))),
      expenseHi: Float64Array.from(scaled, (x) => Number(x / BigInt(MICRO))),
      expenseLo: Float64Array.from(scaled, (x) => Number(x % BigInt(MICRO))),
    }
    if (schedules.size >= MEMO_LIMIT) schedules.clear()
    schedules.set(shape, s)
    return s
  }
}

/**
 * Equity expense of several grants in one month, in cents: the exact sum of their 12 dp amounts
 * rounded once, half-up. Amounts are (hi x 10^6 + lo) x 10^-12 USD, i.e. (hi x 10^6 + lo) / 10^10
 * cents, so cents = round((H x 10^6 + L) / 10^10) with H, L the sums (kept in safe integers).
 */
export function sumExpenseCents(his: readonly number[], los: readonly number[]): number {
  let hi = 0
  let lo = 0
  for (let k = 0; k < his.length; k++) {
    hi += his[k]!
    lo += los[k]!
  }
  hi += Math.floor(lo / MICRO)
  lo %= MICRO
  const q = Math.floor(hi / 10_000)
  const rest = (hi % 10_000) * MICRO + lo // below 10^10
  return 2 * rest >= 10_000_000_000 ? q + 1 : q
}

// ---------------------------------------------------------------------------------------------
// Positions

export interface PositionTerms {
  position: Position
  /** First day on the books: the start date, or an open role's expected start. */
  start: ISODate
  end: ISODate | null
  /** Month index and day of the start; of the end (Infinity and 31 when open-ended). */
  startIndex: number
  startDay: number
  endIndex: number
  endDay: number
  office: Office
  pkg: BenefitPackage
  exact: ExactPackage
  currency: Currency
  salarySteps: readonly SalaryStep[]
  bonusRate: Ratio
  agencyFee: Ratio | null
  relocation: number
  /** The visa's sponsorship fees, local minor units, paid in the start month; and their sum. */
  sponsorshipFees: SponsorshipFee[]
  sponsorship: number
  grants: GrantTerms[]
  /** Months before the plan its year to date is worked out from (back to 1 January / April). */
  lead: number
  /** Imported actual year to date, replacing the worked-out one up to month index `at` (< 0). */
  actual: { at: number; ytd: YtdCounters; source: ActualYtd } | null
}

/** The year-to-date period of a month: the UK tax year or the US calendar year. */
export const ytdYear = (region: 'UK' | 'US', month: Month) =>
  region === 'UK' ? ukTaxYearOfMonth(month) : yearOf(month)

/**
 * The person's imported year to date, when it is for the year the plan starts in and as at a
 * month before the plan's first: later months' figures are the plan's own.
 */
function actualYtdOf(
  ctx: PlanContext,
  position: Position,
  office: Office,
): PositionTerms['actual'] {
  const m0 = ctx.months[0]!
  const year = ytdYear(office.region, m0)
  for (const a of ctx.actualYtd?.get(position.id) ?? []) {
    const asAt = a.asAt.slice(0, 7)
    const at = monthIndex(m0, asAt)
    if (at < 0 && a.year === year && ytdYear(office.region, asAt) === year) {
      return { at, ytd: actualCounters(a), source: a }
    }
  }
  return null
}

export interface SponsorshipFee {
  label: string
  amount: number
  explanation: string
}

/** Length of visa the sponsorship fees are costed for [assumption: a first visa of 3 years]. */
export const SPONSORED_VISA_MONTHS = 36

/** A role's sponsorship when the plan sets none: a 3-year visa, no optional fees. */
const DEFAULT_SPONSORSHIP: HiringCostOptions = { visaMonths: SPONSORED_VISA_MONTHS }

/**
 * UK Skilled Worker or US H-1B fees in force on the start date (data/hiring/costs.json, in the
 * rule book), for the visa length and optional fees the plan sets for the role. A visa whose fees are in another currency than the
 * office's is an error: a London role is not sponsored for an H-1B.
 */
function sponsorshipFees(
  ctx: PlanContext,
  position: Position,
  start: ISODate,
  currency: Currency,
  memo: TermsMemo,
): SponsorshipFee[] {
  const table = ctx.rules.hiringCosts
  const visa = position.hiring.visa
  if (visa === 'none' || table === undefined) return []
  const options = ctx.sponsorship?.get(position.id) ?? DEFAULT_SPONSORSHIP
  const key = `${visa}|${start}|${currency}|${options === DEFAULT_SPONSORSHIP ? '' : JSON.stringify(options)}`
  const known = memo.fees.get(key)
  if (known) return known
  // the visa's fees do not depend on the role's pay: no agency fee or relocation here
  const role = {
    baseSalary: dec('0'),
    currency,
    hiring: { agencyFeeRate: null, relocation: dec('0'), visa },
  }
  const fees = hiringCostLines(role, start, table, options).map((l) => {
    if (l.currency !== currency) {
      throw new RangeError(
        `position ${position.id}: ${l.label} is paid in ${l.currency}, not its office's ${currency}`,
      )
    }
    return { label: l.label, amount: minorOf(l.amount), explanation: l.explanation }
  })
  memo.fees.set(key, fees)
  return fees
}

/**
 * An open role counts from its target start, else its approval date + time to open + time to
 * fill + notice (the one definition, hiring/time-to-fill.ts).
 */
export function expectedStart(position: Position, fillTimes: FillTimesLookup): ISODate {
  if (position.kind === 'filled') return position.startDate
  if (position.targetStartDate !== null) return position.targetStartDate
  if (position.approvalDate === null) {
    throw new RangeError(`open role ${position.id} has no target start and no approval date`)
  }
  return startAfterApproval(position.approvalDate, fillTimes(position))
}

export function isProjected(position: Position): boolean {
  return position.kind === 'filled' || !EXCLUDED_STATUSES.includes(position.status)
}

export function positionTerms(
  ctx: PlanContext,
  position: Position,
  memo: TermsMemo,
): PositionTerms | null {
  if (!isProjected(position)) return null
  const office = ctx.offices.get(position.officeId)
  if (!office) throw new RangeError(`position ${position.id}: unknown office ${position.officeId}`)
  const pkg = ctx.packages.get(office.benefitPackageId)
  if (!pkg) throw new RangeError(`office ${office.id}: unknown package ${office.benefitPackageId}`)
  const start = expectedStart(position, ctx.fillTimes)
  const end = position.kind === 'filled' ? position.endDate : null
  const m0 = ctx.months[0]!
  const hiring = position.hiring
  const fees = sponsorshipFees(ctx, position, start, office.currency, memo)
  return {
    position,
    start,
    end,
    startIndex: monthIndex(m0, start.slice(0, 7)),
    startDay: dayOf(start),
    endIndex: end === null ? Number.POSITIVE_INFINITY : monthIndex(m0, end.slice(0, 7)),
    endDay: end === null ? 31 : dayOf(end),
    office,
    pkg,
    exact: exactPackage(office, pkg),
    currency: office.currency,
    salarySteps: salarySteps(position, start, ctx),
    bonusRate: ratioOf(position.bonusTargetRate),
    agencyFee: hiring.agencyFeeRate === null ? null : ratioOf(hiring.agencyFeeRate),
    relocation: minorOf(hiring.relocation),
    sponsorshipFees: fees,
    sponsorship: fees.reduce((sum, f) => sum + f.amount, 0),
    grants: position.equityGrants.map((grant) => ({
      grant,
      grantIndex: monthIndex(m0, grant.grantDate.slice(0, 7)),
      schedule: memo.schedule(grant),
    })),
    lead: leadMonths(office.region, m0),
    actual: actualYtdOf(ctx, position, office),
  }
}

export function termsMemo(ctx: PlanContext): TermsMemo {
  return new TermsMemo(ctx.assumptions.equityExpenseMethod, ctx.assumptions.sharePriceUsd)
}
