/**
 * The one calculation of a position's cost in a month, in exact integers (minor units and
 * power-of-ten ratios from terms.ts; no Decimal per month). The reference projection runs it for
 * every month; the fast projection runs its parts only when their inputs change; `explain` replays
 * it. Explanations are built lazily from the same integers, so every figure shown can be traced to
 * the lines built here.
 *
 * The calculation has three parts, each a plain record of the figures it worked out:
 * - `monthPay`: what the position earns and receives this month (salary by calendar day across any
 *   raise, bonus, benefit items, parental cover, office costs, hiring costs). It depends only on
 *   the month's days, salary step, bonus and start months, never on the year to date.
 * - `monthVest` / `monthExpense`: equity vesting (local currency) and accounting expense (USD).
 * - `monthTaxes`: UK or US employer taxes and retirement, from the month's rounded pay lines, the
 *   vest, the rules of the month and the year-to-date state.
 *
 * Conventions (docs/conventions.md#money-and-rounding): each component is rounded once, half-up,
 * in the position's local currency (equity expense stays in USD); taxes are computed from the month's rounded pay lines;
 * year-to-date caps (US wage bases, 401(a)(17), a UK pension cap) read the YTD state passed in.
 */
import type { YtdCounters } from '../actual-ytd.ts'
import {
  daysBetween,
  firstDay,
  formatDate,
  formatMonth,
  type ISODate,
  lastDay,
  type Month,
  ukTaxYearLabel,
} from '../calendar.ts'
import { applyRatio, applyRatios, mulDivRound, type Ratio, ratioDecimal } from '../exact.ts'
import {
  type Currency,
  Decimal,
  formatMinor,
  formatMoney,
  formatPercent,
  type Minor,
  roundLine,
  toMinor,
} from '../money.ts'
import { inOfficeDaysPerMonth } from '../office.ts'
import type { AccruedPayment, BonusAccrual } from './bonus-accrual.ts'
import {
  COMPONENT_INDEX,
  COMPONENT_LABEL,
  POSITION_COMPONENTS,
  type PositionComponent,
} from './components.ts'
import { monthPlus } from './month-facts.ts'
import {
  type ExactItem,
  type ExactUkRules,
  type ExactUsRules,
  type GrantTerms,
  monthIndex,
  type PlanContext,
  type PlanFacts,
  type PositionTerms,
  planFacts,
  sumExpenseCents,
  ukRulesAt,
  usRulesAt,
  ytdYear,
} from './terms.ts'
import { type WorkedLine, workedLines, workedWithAccruedTax } from './worked.ts'

/** Year-to-date amounts in minor units (calendar year in the US, tax year in the UK). */
export type Ytd = YtdCounters

export const EMPTY_YTD: Ytd = { wages: 0, eligible: 0, pension: 0 }

export const YTD_COUNTERS = ['wages', 'eligible', 'pension'] as const

export function addYtd(a: Ytd, b: Ytd): Ytd {
  return {
    wages: a.wages + b.wages,
    eligible: a.eligible + b.eligible,
    pension: a.pension + b.pension,
  }
}

/** Where a year-to-date counter stands against a limit, for a month adding `add` to it. */
function regime(ytd: number, add: number, limit: number): number {
  if (ytd + add <= limit) return 0 // not reached, even after this month
  if (ytd >= limit) return 1 // already reached
  return 2 // crossed this month: its lines depend on the exact year to date
}

/**
 * How a month's taxes depend on the year to date, as one number: bit c set when limit c is
 * already reached (UK: the pension cap; US: 401(a)(17), then the Social Security, FUTA and state
 * unemployment wage bases), or -1 while a limit is being crossed. While the state is the same,
 * the month's lines do not depend on the exact year to date (the fast projection remembers them
 * by state); a month that crosses a limit does.
 */
export function capState(x: MonthTaxes, ytd: Ytd): number {
  if (x.region === 'UK') {
    if (x.cap === null) return 0
    const r = regime(ytd.pension, x.contribution!, x.cap)
    return r === 2 ? -1 : r
  }
  const limits = x.rules
  const match = x.match === null ? 0 : regime(ytd.eligible, x.eligible, limits.limit401a17)
  const ss = regime(ytd.wages, x.allWages, limits.ssBase)
  const futa = regime(ytd.wages, x.allWages, limits.futaBase)
  const sui = regime(ytd.wages, x.allWages, limits.suiBase)
  if (match === 2 || ss === 2 || futa === 2 || sui === 2) return -1
  return match | (ss << 1) | (futa << 2) | (sui << 3)
}

// ---------------------------------------------------------------------------------------------
// Pay: everything that does not depend on the year to date

interface Segment {
  annualBase: number
  days: number
}

interface ItemAmount {
  spec: ExactItem
  amount: number
}

export interface MonthPay {
  days: number
  dim: number
  salary: number
  /** Annual base on the month's last day on the books. */
  baseNow: number
  bonus: number | null
  benefits: number | null
  /** UK taxable benefits (Class 1A) and cash benefits (NIC-able pay / wages). */
  taxable: number
  cash: number
  parental: number | null
  lunch: number | null
  stipend: number | null
  hiring: number | null
  /** Relocation paid this month (the start month): UK Class 1A above the exemption, US wages. */
  relocation: number
  throughMonthEnd: boolean
}

/**
 * The parts a month's pay is summed from, which only its explanation names: the salary's segment
 * under each salary step in force, and each benefit item. Costing leaves them out: they were about
 * a fifth of all a projection allocated.
 */
export interface PayParts {
  segments: Segment[]
  items: ItemAmount[]
}

/** `monthPay` with its parts, for explaining the month. */
export function monthPayWithParts(
  f: PlanFacts,
  t: PositionTerms,
  i: number,
): (MonthPay & PayParts) | null {
  const parts: PayParts = { segments: [], items: [] }
  const pay = monthPay(f, t, i, undefined, parts)
  return pay && { ...pay, ...parts }
}

/**
 * The position's pay figures in month `i`, or null when it is not on the books. `cashBonus`: the
 * month carries a bonus paid in it (as paid); under monthly accrual a month's own pay has none,
 * its share of the payments being added by bonus-accrual.ts.
 */
export function monthPay(
  f: PlanFacts,
  t: PositionTerms,
  i: number,
  cashBonus = f.ctx.assumptions.bonusAccrual === 'paid',
  parts?: PayParts,
): MonthPay | null {
  if (i < t.startIndex || i > t.endIndex) return null
  const dim = f.days[i + f.lead]!
  const fromDay = i === t.startIndex ? t.startDay : 1
  const toDay = i === t.endIndex ? t.endDay : dim
  if (toDay < fromDay) return null
  const days = toDay - fromDay + 1
  const isStartMonth = i === t.startIndex
  const e = t.exact

  // Salary: one rational per month, sum(annual base x days) / (12 x days in month), rounded once.
  const steps = t.salarySteps
  let dayWeighted = 0
  let baseNow = 0
  for (let s = 0; s < steps.length; s++) {
    const step = steps[s]!
    const next = steps[s + 1]
    const a = Math.max(fromDay, stepDay(step.fromIndex, step.fromDay, i))
    const b = Math.min(toDay, next ? stepDay(next.fromIndex, next.fromDay, i) - 1 : toDay)
    if (b >= a) {
      parts?.segments.push({ annualBase: step.annualBase, days: b - a + 1 })
      dayWeighted += step.annualBase * (b - a + 1)
      baseNow = step.annualBase
    }
  }
  const salary = mulDivRound(dayWeighted, 1, 12 * dim)

  // Bonus: in the package's payment months to people on the books at month end.
  const bonus =
    cashBonus && t.bonusRate.num !== 0 && toDay === dim && e.bonusMonth[f.monthNo[i + f.lead]!]
      ? paidBonus(f, t, i, baseNow).amount
      : null

  // Benefits, item by item; each item rounded, the line their sum.
  let itemCount = 0
  let benefits = 0
  let taxable = 0
  let cash = 0
  for (const spec of e.items) {
    const amount = itemAmount(spec, t, salary, days, dim, isStartMonth, e.officeDays)
    if (amount === null) continue
    parts?.items.push({ spec, amount })
    itemCount++
    benefits += amount
    if (spec.item.taxableBenefit) taxable += amount
    if (spec.item.cashPay) cash += amount
  }

  const leave = e.parental
  return {
    days,
    dim,
    salary,
    baseNow,
    bonus,
    benefits: itemCount > 0 ? benefits : null,
    taxable,
    cash,
    // Expected cover: weeks a head takes a year / 52 x the cover rate, on the month's salary.
    parental:
      leave === null
        ? null
        : mulDivRound(
            salary,
            leave.weeks.num * leave.cover.num,
            leave.weeks.den * 52 * leave.cover.den,
          ),
    // In-office costs by expected in-office days; the stipend is cash pay.
    lunch:
      e.lunchPerDay === 0
        ? null
        : mulDivRound(e.lunchPerDay, e.officeDays.num * days, e.officeDays.den * dim),
    stipend: e.stipend === 0 ? null : mulDivRound(e.stipend, days, dim),
    // One-off hiring costs in the start month.
    hiring:
      isStartMonth && (t.agencyFee !== null || t.relocation !== 0 || t.sponsorship !== 0)
        ? (t.agencyFee === null ? 0 : applyRatio(baseNow, t.agencyFee)) +
          t.relocation +
          t.sponsorship
        : null,
    relocation: isStartMonth ? t.relocation : 0,
    throughMonthEnd: toDay === dim,
  }
}

/** A bonus payment's performance period and the share of it the person was employed. */
export interface BonusShare {
  amount: number
  /** Annual base on the payment date. */
  base: number
  /** Months in the period; for a joiner, its first day, its days and the days employed in it. */
  months: number
  from: ISODate
  days: number
  employed: number
  /** Why nothing is paid, when nothing is. */
  none: 'cutoff' | null
}

/**
 * The bonus paid at the end of month `i` to someone on the books that day (domain Part A,
 * continued): annual target x months in the period / 12 x the base on the payment date x the
 * share of the period's calendar days employed (or in full, as the package says); nothing to a
 * joiner within the package's cut-off.
 */
export function paidBonus(f: PlanFacts, t: PositionTerms, i: number, baseNow: number): BonusShare {
  const rules = t.pkg.bonusRules
  const months = t.exact.bonusPeriod[f.monthNo[i + f.lead]!]!
  const rate = t.bonusRate
  if (bonusIsWhole(f, t, i)) {
    // Employed for the whole period (the usual case, on the hot path): no dates needed.
    const amount = mulDivRound(baseNow, rate.num * months, rate.den * 12)
    return { amount, base: baseNow, months, from: '', days: 0, employed: 0, none: null }
  }
  const from = firstDay(monthPlus(f.m0, i - months + 1))
  const to = lastDay(f.month(i))
  const days = daysBetween(from, to) + 1
  const employed = daysBetween(t.start, to) + 1
  const cutoff = rules.cutoffMonths > 0 && t.startIndex > i - rules.cutoffMonths
  const amount = cutoff
    ? 0
    : rules.proration === 'full'
      ? mulDivRound(baseNow, rate.num * months, rate.den * 12)
      : mulDivRound(baseNow, rate.num * months * employed, rate.den * 12 * days)
  return { amount, base: baseNow, months, from, days, employed, none: cutoff ? 'cutoff' : null }
}

/** Whether the person was employed for the whole of the period of a bonus paid in month `i`. */
export function bonusIsWhole(f: PlanFacts, t: PositionTerms, i: number): boolean {
  const first = i - t.exact.bonusPeriod[f.monthNo[i + f.lead]!]! + 1
  return t.startIndex < first || (t.startIndex === first && t.startDay === 1)
}

/** First day of month `i` a step applies from: 1 if it began earlier, 99 if it begins later. */
function stepDay(fromIndex: number, fromDay: number, i: number): number {
  return fromIndex < i ? 1 : fromIndex > i ? 99 : fromDay
}

function itemAmount(
  spec: ExactItem,
  t: PositionTerms,
  salary: number,
  days: number,
  dim: number,
  isStartMonth: boolean,
  officeDays: Ratio,
): number | null {
  switch (spec.item.basis) {
    case 'per_head_year':
      return mulDivRound(spec.amount, days, 12 * dim)
    case 'percent_of_base':
      return applyRatio(salary, spec.rate)
    case 'per_office_day':
      return mulDivRound(spec.amount, officeDays.num * days, officeDays.den * dim)
    case 'per_dependant_year':
      return t.position.dependants > 0
        ? mulDivRound(spec.amount, t.position.dependants * days, 12 * dim)
        : null
    case 'one_off_at_hire':
      return isStartMonth ? spec.amount : null
  }
}

// ---------------------------------------------------------------------------------------------
// Equity: vest value (local) and accounting expense (USD)

/** Tranche vesting in month `i` for a grant, or -1. */
function trancheIn(g: GrantTerms, i: number): number {
  const k = i - g.grantIndex
  return k >= 0 && k < g.schedule.trancheAt.length ? g.schedule.trancheAt[k]! : -1
}

/** USD value vesting in month `i`, unrounded: the sum over the position's grants. */
export function vestUsd(t: PositionTerms, i: number): Decimal {
  let sum = new Decimal(0)
  for (const g of t.grants) {
    const tranche = trancheIn(g, i)
    if (tranche >= 0) sum = sum.plus(g.schedule.vestUsd[tranche]!)
  }
  return sum
}

/**
 * Value vesting in month `i` (to someone on the books at its end), in local minor units: the USD
 * value, converted at the month's rate for a UK position, rounded once. 0 when nothing vests.
 */
export function vestLocal(f: PlanFacts, t: PositionTerms, i: number): number {
  let only: GrantTerms | null = null
  let tranche = -1
  let count = 0
  for (const g of t.grants) {
    const k = trancheIn(g, i)
    if (k < 0) continue
    count++
    only = g
    tranche = k
  }
  if (only === null) return 0
  const rate = t.currency === 'GBP' ? f.rate(i) : null
  if (count > 1) return usdToLocalMinor(vestUsd(t, i), rate)
  // One tranche: its local value is remembered on the shared schedule, in cents, and in pence by
  // rate (a plan has a few rates, each one Decimal, so a short list compared by identity).
  const s = only.schedule
  if (rate === null) {
    let v = s.vestCents[tranche]!
    if (Number.isNaN(v)) {
      v = usdToLocalMinor(s.vestUsd[tranche]!, null)
      s.vestCents[tranche] = v
    }
    return v
  }
  const rates = s.vestPenceRates[tranche]!
  const values = s.vestPence[tranche]!
  for (let k = 0; k < rates.length; k++) if (rates[k] === rate) return values[k]!
  if (rates.length >= 32) {
    rates.length = 0 // rate sets come and go; keep the list short
    values.length = 0
  }
  const v = usdToLocalMinor(s.vestUsd[tranche]!, rate)
  rates.push(rate)
  values.push(v)
  return v
}

/** A USD amount in local minor units: converted at `rate` (USD per GBP; null for USD), rounded. */
function usdToLocalMinor(usd: Decimal, rate: Decimal | null): number {
  return toMinor(roundLine(rate === null ? usd : usd.dividedBy(rate)))
}

/** Accounting expense of the position's grants in month `i`, USD cents, or null when none. */
export function monthExpense(t: PositionTerms, i: number): number | null {
  let his: number[] | null = null
  let los: number[] | null = null
  let only = -1
  for (let g = 0; g < t.grants.length; g++) {
    const s = t.grants[g]!.schedule
    const k = i - t.grants[g]!.grantIndex
    if (k < 0 || k >= s.expense.length || (s.expenseHi[k] === 0 && s.expenseLo[k] === 0)) continue
    if (only < 0 && his === null) {
      only = g
      continue
    }
    if (his === null) {
      const first = t.grants[only]!
      his = [first.schedule.expenseHi[i - first.grantIndex]!]
      los = [first.schedule.expenseLo[i - first.grantIndex]!]
    }
    his.push(s.expenseHi[k]!)
    los!.push(s.expenseLo[k]!)
  }
  if (his !== null) return sumExpenseCents(his, los!)
  if (only < 0) return null
  const g = t.grants[only]!
  return g.schedule.expenseCents[i - g.grantIndex]!
}

// ---------------------------------------------------------------------------------------------
// Taxes and retirement: from the rounded pay lines, the vest and the year to date

export interface UkTaxes {
  region: 'UK'
  rules: ExactUkRules
  /** Pension contribution before any cap, the part within the cap, and the cash allowance. */
  contribution: number | null
  pension: number | null
  allowance: number | null
  cap: number | null
  ytdPension: number
  pay: number
  nic: number
  /** Relocation above the exemption: a taxable benefit. */
  relocationTaxable: number
  class1a: number | null
  vest: number
  /** Vest value above the threshold not already used by pay. */
  marginal: number
  vestTax: number | null
  levyPay: number
}

export interface UsTaxes {
  region: 'US'
  rules: ExactUsRules
  wages: number
  allWages: number
  eligible: number
  ytdWages: number
  ytdEligible: number
  matchable: number
  match: number | null
  ssWages: number
  ss: number
  medicare: number
  futaWages: number
  futa: number
  suiWages: number
  sui: number
  vest: number
  ssVest: number
  vestTax: number | null
  levyPay: number
}

export type MonthTaxes = UkTaxes | UsTaxes

const atLeastZero = (a: number) => Math.max(a, 0)

/** What a month adds to the year to date: US wages and 401(k) eligible pay, UK pension paid. */
export function ytdAddOf(x: MonthTaxes): Ytd {
  return x.region === 'UK'
    ? { wages: 0, eligible: 0, pension: x.pension ?? 0 }
    : { wages: x.allWages, eligible: x.eligible, pension: 0 }
}

export function monthTaxes(
  f: PlanFacts,
  t: PositionTerms,
  i: number,
  pay: MonthPay,
  vest: number,
  ytd: Ytd,
): MonthTaxes {
  const bonus = pay.bonus ?? 0
  const stipend = pay.stipend ?? 0
  if (t.office.region === 'UK') {
    const rules = ukRulesAt(f, i)
    const p = t.exact.pension
    let contribution: number | null = null
    let pension: number | null = null
    let allowance: number | null = null
    if (p !== null) {
      contribution = applyRatio(pay.salary, p.rate)
      const room = p.cap === null ? contribution : atLeastZero(p.cap - ytd.pension)
      pension = Math.min(contribution, room)
      if (p.cap !== null && p.cashAllowance && contribution > pension) {
        allowance = contribution - pension
      }
    }
    const ukPay = pay.salary + bonus + (allowance ?? 0) + pay.cash + stipend
    const st = rules.threshold
    const marginal = atLeastZero(ukPay + vest - st) - atLeastZero(ukPay - st)
    return {
      region: 'UK',
      rules,
      contribution,
      pension,
      allowance,
      cap: p?.cap ?? null,
      ytdPension: ytd.pension,
      pay: ukPay,
      nic: applyRatio(atLeastZero(ukPay - st), rules.nic),
      relocationTaxable: atLeastZero(pay.relocation - rules.relocationExemption),
      class1a:
        pay.taxable === 0 && pay.relocation <= rules.relocationExemption
          ? null
          : applyRatio(
              pay.taxable + atLeastZero(pay.relocation - rules.relocationExemption),
              rules.class1a,
            ),
      vest,
      marginal,
      vestTax: vest === 0 ? null : applyRatio(marginal, rules.nic),
      levyPay: ukPay + vest,
    }
  }

  const state = t.office.usState
  if (state === null) throw new RangeError(`US office ${t.office.id} has no state`)
  const rules = usRulesAt(f, i, state)
  const wages = pay.salary + bonus + pay.cash + stipend + pay.relocation
  const allWages = wages + vest
  const eligible = pay.salary + bonus
  let matchable = 0
  let match: number | null = null
  if (t.exact.match !== null) {
    matchable = Math.min(eligible, atLeastZero(rules.limit401a17 - ytd.eligible))
    match = applyRatio(matchable, t.exact.match)
  }
  const ssRoom = atLeastZero(rules.ssBase - ytd.wages)
  const ssWages = Math.min(wages, ssRoom)
  const futaWages = Math.min(allWages, atLeastZero(rules.futaBase - ytd.wages))
  const suiWages = Math.min(allWages, atLeastZero(rules.suiBase - ytd.wages))
  const ssVest = Math.min(vest, atLeastZero(ssRoom - wages))
  return {
    region: 'US',
    rules,
    wages,
    allWages,
    eligible,
    ytdWages: ytd.wages,
    ytdEligible: ytd.eligible,
    matchable,
    match,
    ssWages,
    ss: applyRatio(ssWages, rules.ss),
    medicare: applyRatio(wages, rules.medicare),
    futaWages,
    futa: applyRatio(futaWages, rules.futa),
    suiWages,
    sui: applyRatio(suiWages, rules.sui),
    vest,
    ssVest,
    vestTax: vest === 0 ? null : applyRatios(ssVest, rules.ss, vest, rules.medicare),
    levyPay: 0,
  }
}

// ---------------------------------------------------------------------------------------------
// Lines: the components' amounts, and their explanations

const C = COMPONENT_INDEX

/** The components `payAmounts` writes, and those `taxAmounts` writes. */
export const PAY_COMPONENTS = [
  C.salary,
  C.bonus,
  C.benefits,
  C.parental_cover,
  C.office_lunch,
  C.commuting_stipend,
  C.hiring,
]
export const TAX_COMPONENTS = [
  C.pension,
  C.pension_cash_allowance,
  C.employer_nic,
  C.class1a_nic,
  C.k401_match,
  C.social_security,
  C.medicare,
  C.futa,
  C.state_unemployment,
  C.equity_employer_tax,
]

/** Writes the pay part's lines into `out` (by component index); `none` where there is no line. */
export function payAmounts(pay: MonthPay, out: Float64Array, none: number) {
  out[C.salary] = pay.salary
  out[C.bonus] = pay.bonus ?? none
  out[C.benefits] = pay.benefits ?? none
  out[C.parental_cover] = pay.parental ?? none
  out[C.office_lunch] = pay.lunch ?? none
  out[C.commuting_stipend] = pay.stipend ?? none
  out[C.hiring] = pay.hiring ?? none
}

/** Writes the tax part's lines into `out` (by component index); `none` where there is no line. */
export function taxAmounts(x: MonthTaxes, out: Float64Array, none: number) {
  if (x.region === 'UK') {
    out[C.pension] = x.pension ?? none
    out[C.pension_cash_allowance] = x.allowance ?? none
    out[C.employer_nic] = x.nic
    out[C.class1a_nic] = x.class1a ?? none
  } else {
    out[C.k401_match] = x.match ?? none
    out[C.social_security] = x.ss
    out[C.medicare] = x.medicare
    out[C.futa] = x.futa
    out[C.state_unemployment] = x.sui
  }
  out[C.equity_employer_tax] = x.vestTax ?? none
}

export interface CostLine {
  component: PositionComponent
  currency: Currency
  /** Rounded to the penny/cent. */
  minor: Minor
  /** Plain sentences showing how the amount was worked out; built only when asked for. */
  explain(): string[]
  /** The same working as structured lines (worked.ts), the last one's result the amount. */
  worked(): WorkedLine[]
}

export interface MonthCost {
  lines: CostLine[]
  /** UK pay liable to Class 1 secondary NIC (the Apprenticeship Levy pay bill); zero in the US. */
  levyPay: number
  ytdAdd: Ytd
}

const NOTHING: MonthCost = { lines: [], levyPay: 0, ytdAdd: EMPTY_YTD }

/**
 * Cost of position `t` in `month`, given the year-to-date state before the month; `accrual`: its
 * bonus accrued monthly (bonus-accrual.ts), whose shares are added to the month's lines.
 */
export function costPositionMonth(
  ctx: PlanContext,
  t: PositionTerms,
  month: Month,
  ytd: Ytd,
  accrual: BonusAccrual | null = null,
): MonthCost {
  const f = planFacts(ctx)
  const i = monthIndex(f.m0, month)
  const pay = monthPayWithParts(f, t, i)
  if (pay === null) return NOTHING
  const vest = pay.throughMonthEnd ? vestLocal(f, t, i) : 0
  const expense = monthExpense(t, i)
  const taxes = monthTaxes(f, t, i, pay, vest, ytd)
  const own = new Float64Array(POSITION_COMPONENTS.length).fill(Number.NaN)
  payAmounts(pay, own, Number.NaN)
  taxAmounts(taxes, own, Number.NaN)
  if (expense !== null) own[C.equity_expense] = expense
  const amounts = own.slice()
  accrual?.addShares(i, amounts, Number.NaN)
  const figures: Figures = { ctx, f, t, i, pay, taxes, accrual }
  const lines: CostLine[] = []
  POSITION_COMPONENTS.forEach((component, c) => {
    const amount = amounts[c]!
    if (Number.isNaN(amount)) return
    lines.push({
      component,
      currency: component === 'equity_expense' ? 'USD' : t.currency,
      minor: amount as Minor,
      explain: () => {
        const steps =
          accrual === null || component === 'bonus' || amount === own[c]
            ? working(figures, component, amount)
            : withAccruedTax(figures, component, own[c]!, amount)
        return [...steps.slice(0, -1), `${COMPONENT_LABEL[component]}: ${steps.at(-1)}`]
      },
      worked: () =>
        accrual === null || component === 'bonus' || amount === own[c]
          ? workedLines(figures, component, amount)
          : workedWithAccruedTax(figures, component, own[c]!, amount),
    })
  })
  return {
    lines,
    levyPay: taxes.levyPay + (accrual?.levyPay(i) ?? 0),
    ytdAdd: ytdAddOf(taxes),
  }
}

/** The parts of a month's UK NIC-able pay that are not nil, by name. */
export function nicablePay(pay: MonthPay, taxes: UkTaxes): [string, number][] {
  const parts: [string, number][] = [
    ['salary', pay.salary],
    ['bonus', pay.bonus ?? 0],
    ['pension cash allowance', taxes.allowance ?? 0],
    ['cash benefits', pay.cash],
    ['commuting stipend', pay.stipend ?? 0],
  ]
  return parts.filter(([, v]) => v !== 0)
}

export interface Figures {
  ctx: PlanContext
  t: PositionTerms
  i: number
  f: PlanFacts
  pay: MonthPay & PayParts
  taxes: MonthTaxes
  accrual: BonusAccrual | null
}

/** "12-month period from 1 April 2026" (only for a payment worked out with dates). */
const bonusPeriod = (b: BonusShare) => `${b.months}-month period from ${formatDate(b.from)}`

/** How a paid bonus is worked out: "10% x 12/12 x £300,000.00 base on the payment date". */
function bonusWorking(x: Figures, b: BonusShare): string {
  const t = x.t
  const share =
    b.days === 0 || b.employed === b.days
      ? ''
      : t.pkg.bonusRules.proration === 'full'
        ? ` (joined ${formatDate(t.start)}; paid in full)`
        : ` x ${b.employed}/${b.days} days employed of the ${bonusPeriod(b)}`
  return `${formatPercent(t.position.bonusTargetRate)} x ${b.months}/12 x ${formatMinor(b.base, t.currency)} base on the payment date${share}`
}

/** "March 2027 bonus", naming a payment by its payment month. */
const paymentName = (x: Figures, p: AccruedPayment) => `${formatMonth(x.f.month(p.at))} bonus`

/** "x 30/365 days employed", the month's share of a payment's period. */
const shareOf = (x: Figures, p: AccruedPayment) =>
  `x ${x.accrual!.daysIn(x.i)}/${p.employed} days employed`

/**
 * A tax line under monthly accrual: the month's own tax, worked out as if no bonus were paid
 * (`own`, NaN when there is none), plus its share of the tax each payment adds.
 */
function withAccruedTax(
  x: Figures,
  component: PositionComponent,
  own: number,
  amount: number,
): string[] {
  const c = COMPONENT_INDEX[component]
  const fmt = (minor: number) => formatMinor(minor, x.t.currency)
  const steps = Number.isNaN(own) ? [] : working(x, component, own)
  const parts = Number.isNaN(own) ? [] : [fmt(own)]
  for (const p of x.accrual!.covering(x.i)) {
    const added = p.withIt[c]! - p.withoutIt[c]!
    if (added === 0) continue
    const share = x.accrual!.share(p, x.i, added)
    parts.push(fmt(share))
    steps.push(
      `The ${paymentName(x, p)} adds ${fmt(added)} over the ${taxYearName(x, p)} (${fmt(p.withIt[c]!)} with it - ${fmt(p.withoutIt[c]!)} without it), accrued ${shareOf(x, p)} = ${fmt(share)}`,
    )
  }
  return [...steps, `${parts.join(' + ')} = ${fmt(amount)}`]
}

/** "2026/27 tax year" or "2027 calendar year": the payment's tax year. */
function taxYearName(x: Figures, p: AccruedPayment): string {
  const month = x.f.month(p.yearFrom)
  return x.t.office.region === 'UK'
    ? `${ukTaxYearLabel(ytdYear('UK', month))} tax year`
    : `${ytdYear('US', month)} calendar year`
}

const pct = formatPercent

/**
 * Where the year to date of a month's limited lines started: "since 1 January 2026 before this
 * month", naming the payroll actuals it began from when they were imported for this year.
 */
export function yearToDate(x: Figures): string {
  const month = x.f.month(x.i)
  const uk = x.t.office.region === 'UK'
  const year = ytdYear(x.t.office.region, month)
  const since = uk ? `6 April ${year}` : `1 January ${year}`
  const actual = x.t.actual
  const fromActual =
    actual !== null && actual.at < x.i && actual.source.year === year
      ? `, from payroll's actual figures as at ${formatDate(actual.source.asAt)}`
      : ''
  return `since ${since} before this month${fromActual}`
}

/** The working of one line, the last step ending in its amount. */
function working(x: Figures, component: PositionComponent, amount: number): string[] {
  const { t, pay } = x
  const cur = t.currency
  const fmt = (minor: number) => formatMinor(minor, cur)
  const usd = (minor: number) => formatMinor(minor, 'USD')
  const a = fmt(amount)
  const { days, dim } = pay
  const ofMonth = days === dim ? '' : ` x ${days}/${dim} days`
  const policy = t.office.attendance
  const officeDays = () => inOfficeDaysPerMonth(policy).toFixed()
  const vestWorking = () => {
    const local = x.taxes.vest
    return cur === 'USD'
      ? `${usd(local)} vest value`
      : `${fmt(local)} vest value (${formatMoney(roundLine(vestUsd(t, x.i)), 'USD')} / ${x.f.rate(x.i).toFixed()} USD per GBP)`
  }

  switch (component) {
    case 'salary':
      return [
        `${pay.segments
          .map(
            (s) => `${fmt(s.annualBase)} / 12${s.days === dim ? '' : ` x ${s.days}/${dim} days`}`,
          )
          .join(' + ')} = ${a}`,
      ]
    case 'bonus': {
      if (x.accrual !== null) {
        const accrued = x.accrual.covering(x.i).map((p) => {
          const share = x.accrual!.share(p, x.i, p.bonus.amount)
          const step = `${paymentName(x, p)} ${fmt(p.bonus.amount)} (${bonusWorking(x, p.bonus)}), accrued ${shareOf(x, p)}`
          return { share, step }
        })
        if (accrued.length === 1) return [`${accrued[0]!.step} = ${a}`]
        return [
          ...accrued.map((s) => `${s.step} = ${fmt(s.share)}`),
          `${accrued.map((s) => fmt(s.share)).join(' + ')} = ${a}`,
        ]
      }
      const b = paidBonus(x.f, t, x.i, pay.baseNow)
      if (b.none === 'cutoff') {
        return [
          `joined ${formatDate(t.start)}, within the last ${t.pkg.bonusRules.cutoffMonths} months of the ${bonusPeriod(b)}: no bonus = ${a}`,
        ]
      }
      return [`${bonusWorking(x, b)} = ${a}`]
    }
    case 'benefits':
      return [
        ...pay.items.map(({ spec, amount: v }) => {
          const item = spec.item
          const how =
            item.basis === 'per_head_year'
              ? `${fmt(spec.amount)} / 12${ofMonth}`
              : item.basis === 'percent_of_base'
                ? `${pct(item.rate)} x ${fmt(pay.salary)}`
                : item.basis === 'per_office_day'
                  ? `${fmt(spec.amount)} x ${officeDays()} office days${ofMonth}`
                  : item.basis === 'per_dependant_year'
                    ? `${fmt(spec.amount)} x ${t.position.dependants} dependants / 12${ofMonth}`
                    : `${fmt(spec.amount)} at hire`
          return `${item.name}: ${how} = ${fmt(v)}`
        }),
        `${pay.items.map((i) => fmt(i.amount)).join(' + ')} = ${a}`,
      ]
    case 'parental_cover': {
      const leave = t.pkg.parentalLeave
      return [
        `${fmt(pay.salary)} salary x ${leave.expectedWeeksPerHeadPerYear.toFixed()}/52 expected leave weeks x ${pct(leave.coverRate)} cover = ${a}`,
      ]
    }
    case 'office_lunch':
      return [
        `${fmt(t.exact.lunchPerDay)} x ${officeDays()} in-office days (${policy.workingDaysPerMonth.toFixed()} working days x ${pct(policy.expectedShare)})${ofMonth} = ${a}`,
      ]
    case 'commuting_stipend':
      return [`${fmt(t.exact.stipend)}${ofMonth} = ${a}`]
    case 'hiring': {
      const fee = t.position.hiring.agencyFeeRate
      return [
        [
          fee === null ? null : `agency fee ${pct(fee)} x ${fmt(pay.baseNow)} first-year base`,
          t.relocation === 0 ? null : `relocation ${fmt(t.relocation)}`,
          ...t.sponsorshipFees.map((f) => `${f.label} ${fmt(f.amount)} (${f.explanation})`),
        ]
          .filter((s) => s !== null)
          .join(' + ')
          .concat(` = ${a}`),
      ]
    }
    case 'equity_expense': {
      const parts = t.grants.flatMap((g) => {
        const e = g.schedule.expense[x.i - g.grantIndex]
        return e === undefined || e.isZero()
          ? []
          : [`grant ${g.grant.id} ${e.toDecimalPlaces(4).toFixed()} USD`]
      })
      const method = x.ctx.assumptions.equityExpenseMethod.replace('_', '-')
      return [`${parts.join(' + ')} (${method}) = ${usd(amount)}`]
    }
  }

  const taxes = x.taxes
  if (taxes.region === 'UK') {
    const rules = taxes.rules.rules
    const st = taxes.rules.threshold
    switch (component) {
      case 'pension': {
        const rate = ratioDecimal(t.exact.pension!.rate)
        const capped =
          taxes.cap === null
            ? ''
            : `${taxes.pension! < taxes.contribution! ? ', capped' : ''} (cap ${fmt(taxes.cap)} a tax year; ${fmt(taxes.ytdPension)} paid ${yearToDate(x)})`
        return [`${pct(rate)} x ${fmt(pay.salary)} basic salary${capped} = ${a}`]
      }
      case 'pension_cash_allowance':
        return [
          `${fmt(taxes.contribution!)} contribution - ${fmt(taxes.pension!)} within the cap = ${a}`,
        ]
      case 'employer_nic': {
        const shown = nicablePay(pay, taxes)
        return [
          ...(shown.length > 1
            ? [
                `NIC-able pay: ${shown.map(([k, v]) => `${k} ${fmt(v)}`).join(' + ')} = ${fmt(taxes.pay)}`,
              ]
            : []),
          `${pct(rules.employerNicRate)} x (${fmt(taxes.pay)} - ${fmt(st)}) = ${a}${taxes.pay < st ? ' (pay below the monthly secondary threshold)' : ''}`,
        ]
      }
      case 'class1a_nic': {
        if (taxes.relocationTaxable === 0) {
          return [`${pct(rules.class1aRate)} x ${fmt(pay.taxable)} taxable benefits = ${a}`]
        }
        const benefits = pay.taxable === 0 ? '' : ` + ${fmt(pay.taxable)} taxable benefits`
        return [
          `Relocation ${fmt(pay.relocation)} - ${fmt(taxes.rules.relocationExemption)} free of tax and NIC per move = ${fmt(taxes.relocationTaxable)} taxable`,
          `${pct(rules.class1aRate)} x (${fmt(taxes.relocationTaxable)} relocation${benefits}) = ${a}`,
        ]
      }
      case 'equity_employer_tax':
        return [
          `${pct(rules.employerNicRate)} x ${vestWorking()}${taxes.marginal < taxes.vest ? ` (${fmt(taxes.marginal)} above the threshold)` : ''} = ${a} (${rules.label} rules)`,
        ]
    }
  } else {
    const rules = taxes.rules.rules
    const state = taxes.rules.state
    // Relocation is taxable wages (not 401(k) eligible): shown where it adds to the wages.
    const withRelocation = (lines: string[]) =>
      pay.relocation === 0
        ? lines
        : [
            `Wages: ${fmt(taxes.wages - pay.relocation)} pay + ${fmt(pay.relocation)} relocation (taxable wages) = ${fmt(taxes.wages)}`,
            ...lines,
          ]
    const capped = (taxed: number, of: number, limit: number) =>
      ` (wage base ${fmt(limit)}${taxed < of ? ' reached' : ''}; wages ${fmt(taxes.ytdWages)} ${yearToDate(x)})`
    switch (component) {
      case 'k401_match': {
        const r = t.pkg.retirement
        if (r.kind !== 'us_401k') break
        return [
          `${pct(r.rate)}${r.participation.eq(1) ? '' : ` x ${pct(r.participation)} participation`} x ${fmt(taxes.matchable)} eligible pay${` (401(a)(17) limit ${fmt(taxes.rules.limit401a17)}${taxes.matchable < taxes.eligible ? ' reached' : ''}; eligible pay ${fmt(taxes.ytdEligible)} ${yearToDate(x)})`} = ${a}`,
        ]
      }
      case 'social_security':
        return withRelocation([
          `${pct(rules.socialSecurityRate)} x ${fmt(taxes.ssWages)} wages${capped(taxes.ssWages, taxes.wages, taxes.rules.ssBase)} = ${a}`,
        ])
      case 'medicare':
        return withRelocation([`${pct(rules.medicareRate)} x ${fmt(taxes.wages)} wages = ${a}`])
      case 'futa': {
        const futaRate = rules.futaRate.plus(rules.futaCreditReduction)
        return [
          `${pct(futaRate)}${rules.futaCreditReduction.isZero() ? '' : ` (${pct(rules.futaRate)} + ${pct(rules.futaCreditReduction)} ${state} credit reduction)`} x ${fmt(taxes.futaWages)} wages${capped(taxes.futaWages, taxes.allWages, taxes.rules.futaBase)} = ${a}`,
        ]
      }
      case 'state_unemployment': {
        const sui = rules.stateUnemployment
        return [
          `${state} ${pct(sui.rate)} UI${sui.ettRate.isZero() ? '' : ` + ${pct(sui.ettRate)} ETT`} x ${fmt(taxes.suiWages)} wages${capped(taxes.suiWages, taxes.allWages, taxes.rules.suiBase)} = ${a}`,
        ]
      }
      case 'equity_employer_tax':
        return [
          `Social Security ${pct(rules.socialSecurityRate)} x ${fmt(taxes.ssVest)} of the ${vestWorking()} below the wage base + Medicare ${pct(rules.medicareRate)} x ${fmt(taxes.vest)} = ${a}`,
        ]
    }
  }
  return [a]
}
