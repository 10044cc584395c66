/**
 * GBP/USD conversion (domain Part A "Currencies and FX"). Rates are USD per GBP. A month uses its
 * monthly rate when the set lists one, otherwise the budget rate of its fiscal year.
 */
import { fiscalYearOf, formatMonth, type Month } from './calendar.ts'
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
