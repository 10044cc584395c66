/**
 * GBP/USD conversion (domain Part A "Currencies and FX"). Rates are USD per GBP. A month uses its
 * monthly rate when the set lists one, otherwise the budget rate of its fiscal year.
 */
import { fiscalYearOf, formatMonth, type Month } from './calendar.ts'
import { mulDivRound, type Ratio, ratioOf } from './exact.ts'
import type { FxRateSet } from './model.ts'
import { type Currency, type Decimal, roundLine } from './money.ts'

/** The rate (USD per GBP) for a month; throws naming the month when the set has none. */
export function usdPerGbp(set: FxRateSet, month: Month, fiscalYearStartMonth: number): Decimal {
  const monthly = set.monthlyRates.find((r) => r.month === month)
  if (monthly) return monthly.usdPerGbp
  const fiscalYear = fiscalYearOf(month, fiscalYearStartMonth)
  const budget = set.budgetRates.find((r) => r.fiscalYear === fiscalYear)
  if (budget) return budget.usdPerGbp
  throw new RangeError(
    `FX rate set "${set.name}" has no USD/GBP rate for ${formatMonth(month)}: ` +
      `add a monthly rate or a budget rate for FY${fiscalYear}`,
  )
}

/** Converts at `usdPerGbp`, unrounded: callers round once (`convertLine`). */
export function convert(amount: Decimal, from: Currency, to: Currency, rate: Decimal): Decimal {
  if (from === to) return amount
  return from === 'GBP' ? amount.times(rate) : amount.dividedBy(rate)
}

/** A rounded local line converted and rounded again, half-up to the penny/cent (Part A). */
export function convertLine(
  rounded: Decimal,
  from: Currency,
  to: Currency,
  rate: Decimal,
): Decimal {
  return roundLine(convert(rounded, from, to, rate))
}

/** round(minor x rate) or round(minor / rate), exactly, as `convertLine` does with Decimals. */
export function convertMinor(minor: number, from: Currency, to: Currency, rate: Ratio): number {
  if (from === to || minor === 0) return minor
  return from === 'GBP'
    ? mulDivRound(minor, rate.num, rate.den)
    : mulDivRound(minor, rate.den, rate.num)
}

/**
 * Converts rounded local lines of the given months to `to`, in integer minor units, as the engine
 * does: each month's rate is made an exact ratio once, so a line costs a multiplication and a
 * rounding, never a Decimal (at 50,000 positions a Decimal per line took seconds).
 */
export function minorConverter(
  set: FxRateSet,
  months: readonly Month[],
  fiscalYearStartMonth: number,
  to: Currency,
): (minor: number, from: Currency, monthIndex: number) => number {
  const ratios = months.map((m) => ratioOf(usdPerGbp(set, m, fiscalYearStartMonth)))
  return (minor, from, monthIndex) => convertMinor(minor, from, to, ratios[monthIndex]!)
}
