/**
 * Bonus accrued monthly (domain Part A, continued, "Bonus for joiners and leavers"). Under the
 * plan's `bonusAccrual: 'monthly'` a month's own pay carries no bonus and its taxes are worked out
 * as if none were paid; each payment is then spread over the months of its performance period in
 * proportion to the days employed in each, and so is the tax it adds:
 *
 * - the payment is what the paid convention pays on its date (prorated for a joiner, nothing to a
 *   leaver gone before it or a joiner within the package's cut-off);
 * - the tax it adds, per component, is that component's total over the payment's tax year with
 *   every payment of that year minus the same without this one, each month of the year worked
 *   out by the month calculation from the year's start (so an earner over a wage base by year end
 *   adds no Social Security: the bonus only reaches the base sooner);
 * - month i's share of an amount is round(amount x days employed in i / days employed in the
 *   period), rounded once and added to that component's line.
 *
 * The pay bill as paid (cash bonuses) still feeds the company lines (`levyPay`). Payments and tax
 * years that end after the plan are worked out on the facts' months after it (`TAIL_MONTHS`).
 */
import { daysBetween, firstDay, lastDay } from '../calendar.ts'
import { mulDivRound } from '../exact.ts'
import { COMPONENT_INDEX, POSITION_COMPONENTS } from './components.ts'
import {
  addYtd,
  type BonusShare,
  EMPTY_YTD,
  monthPay,
  monthTaxes,
  paidBonus,
  TAX_COMPONENTS,
  taxAmounts,
  vestLocal,
  type Ytd,
  ytdAddOf,
} from './month.ts'
import { monthPlus } from './month-facts.ts'
import type { PlanFacts, PositionTerms } from './terms.ts'

const BONUS = COMPONENT_INDEX.bonus

/** One payment accrued over the plan's months. */
export interface AccruedPayment {
  /** Month index of the payment (paid on its last day) and of its period's first month. */
  at: number
  from: number
  bonus: BonusShare
  /** Days the person is employed in the period: each month's share is of these. */
  employed: number
  /** First month index of the payment's tax year (UK: April; US: January). */
  yearFrom: number
  /** Each component's total over that tax year with every payment, and without this one. */
  withIt: Float64Array
  withoutIt: Float64Array
}

export class BonusAccrual {
  constructor(
    private readonly f: PlanFacts,
    private readonly t: PositionTerms,
    /** Payments whose period reaches into the plan, in order. */
    readonly payments: readonly AccruedPayment[],
  ) {}

  /**
   * Bonus paid in cash at the end of month i, as the UK levy's pay bill counts it (the pay bill as
   * paid); 0 outside the UK, where there is no levy.
   */
  levyPay(i: number): number {
    const { f, t } = this
    if (t.office.region !== 'UK' || !t.exact.bonusMonth[f.monthNo[i + f.lead]!]) return 0
    return monthPay(f, t, i, true)?.bonus ?? 0
  }

  /** Days on the books in month i. */
  daysIn(i: number): number {
    const t = this.t
    if (i < t.startIndex || i > t.endIndex) return 0
    const dim = this.f.days[i + this.f.lead]!
    const to = i === t.endIndex ? Math.min(t.endDay, dim) : dim
    return Math.max(0, to - (i === t.startIndex ? t.startDay : 1) + 1)
  }

  /** The payments whose period covers month i. */
  covering(i: number): AccruedPayment[] {
    return this.payments.filter((p) => p.from <= i && i <= p.at)
  }

  /** Month i's share of `amount` accrued over payment p's period, rounded once. */
  share(p: AccruedPayment, i: number, amount: number): number {
    return mulDivRound(amount, this.daysIn(i), p.employed)
  }

  /**
   * Adds month i's shares of each payment and of the tax it adds to `out` (by component index),
   * where `none` marks a component without a line.
   */
  addShares(i: number, out: Float64Array, none: number) {
    for (const p of this.payments) {
      if (i < p.from || i > p.at) continue
      const add = (c: number, amount: number) => {
        const v = out[c]!
        out[c] = (Number.isNaN(v) || v === none ? 0 : v) + this.share(p, i, amount)
      }
      add(BONUS, p.bonus.amount)
      for (const c of TAX_COMPONENTS) {
        const added = p.withIt[c]! - p.withoutIt[c]!
        if (added !== 0) add(c, added)
      }
    }
  }
}

/** The position's accrual, or null when the plan pays bonus as paid or it has no bonus target. */
export function bonusAccrual(f: PlanFacts, t: PositionTerms): BonusAccrual | null {
  if (f.ctx.assumptions.bonusAccrual !== 'monthly' || t.bonusRate.num === 0) return null
  const isUk = t.office.region === 'UK'
  const payments: AccruedPayment[] = []
  const byYear = new Map<number, Float64Array>()
  // A payment accrues in the plan when its period reaches into it: paid within 11 months of its
  // last month, on the books at the payment month's end.
  const last = Math.min(f.n + 10, t.endIndex)
  for (let at = Math.max(0, t.startIndex); at <= last; at++) {
    const monthNo = f.monthNo[at + f.lead]!
    if (!t.exact.bonusMonth[monthNo]) continue
    const from = at - t.exact.bonusPeriod[monthNo]! + 1
    if (from >= f.n) break
    const pay = monthPay(f, t, at, true)
    if (pay === null || pay.bonus === null || pay.bonus === 0) continue
    const yearFrom = at - (isUk ? (monthNo + 8) % 12 : monthNo - 1)
    let withIt = byYear.get(yearFrom)
    if (withIt === undefined) {
      withIt = taxYearTotals(f, t, yearFrom, Number.NaN)
      byYear.set(yearFrom, withIt)
    }
    // Days employed in the period: its days less those before a joiner's start.
    const periodStart = firstDay(monthPlus(f.m0, from))
    const days = daysBetween(periodStart, lastDay(monthPlus(f.m0, at))) + 1
    payments.push({
      at,
      from,
      bonus: paidBonus(f, t, at, pay.baseNow),
      employed: days - Math.max(0, daysBetween(periodStart, t.start)),
      yearFrom,
      withIt,
      withoutIt: taxYearTotals(f, t, yearFrom, at),
    })
  }
  return new BonusAccrual(f, t, payments)
}

/**
 * Each tax component's total over the 12 months of the tax year from `yearFrom`, paying every
 * bonus of the year in cash except the one in month `without`, with the year to date from the
 * year's start (replaced by imported actuals at their as-at month, as in the plan).
 */
function taxYearTotals(
  f: PlanFacts,
  t: PositionTerms,
  yearFrom: number,
  without: number,
): Float64Array {
  const sums = new Float64Array(POSITION_COMPONENTS.length)
  const line = new Float64Array(POSITION_COMPONENTS.length)
  let ytd: Ytd = EMPTY_YTD
  for (let i = yearFrom; i < yearFrom + 12; i++) {
    const pay = monthPay(f, t, i, i !== without)
    if (pay !== null) {
      const taxes = monthTaxes(f, t, i, pay, pay.throughMonthEnd ? vestLocal(f, t, i) : 0, ytd)
      taxAmounts(taxes, line, 0)
      for (const c of TAX_COMPONENTS) sums[c]! += line[c]!
      ytd = addYtd(ytd, ytdAddOf(taxes))
    }
    if (t.actual !== null && i === t.actual.at) ytd = t.actual.ytd
  }
  return sums
}
