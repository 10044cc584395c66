/**
 * Expected headcount under attrition (domain Part A "Headcount, hiring and attrition", worked
 * example 4). Annual attrition A compounds monthly: m = 1 - (1 - A)^(1/12), not A / 12, so twelve
 * months of m remove exactly A of a cohort. Headcounts are expected values, hence fractional.
 */
import { Decimal, ZERO } from './money.ts'

const ONE = new Decimal(1)

/** Monthly leaving probability for an annual rate: 12% a year -> 1.06% a month. */
export function monthlyAttritionRate(annual: Decimal): Decimal {
  const key = annual.toString()
  let m = monthlyRates.get(key)
  if (m === undefined) {
    m = ONE.minus(ONE.minus(annual).pow(ONE.dividedBy(12)))
    if (monthlyRates.size >= 100) monthlyRates.clear()
    monthlyRates.set(key, m)
  }
  return m
}

/**
 * Monthly rates by annual rate: a twelfth root in Decimal takes about 2 ms, and every cohort of
 * a projection asks for the plan's one rate (a plan has one; a few are kept).
 */
const monthlyRates = new Map<string, Decimal>()

/** Share of a cohort still employed after `months` months: (1 - m)^months. */
export function survival(annual: Decimal, months: number): Decimal {
  return ONE.minus(monthlyAttritionRate(annual)).pow(months)
}

export interface CohortMonth {
  /** Months since the cohort started (0 = its first month). */
  month: number
  /** Expected heads at the start of the month, including backfills starting that month. */
  heads: Decimal
  /** Expected leavers during the month (gone from the next month). */
  leavers: Decimal
  /** Expected backfill hires starting this month. */
  backfillHires: Decimal
}

/**
 * Projects a cohort month by month. Without backfill it decays geometrically. With backfill, a
 * seat left during month j stays empty for `backfillAfterMonths` months (time to fill) and its
 * replacement starts in month j + 1 + backfillAfterMonths; replacements can leave in turn.
 */
export function projectCohort(input: {
  heads: Decimal
  annualAttrition: Decimal
  months: number
  backfillAfterMonths: number | null
}): CohortMonth[] {
  const m = monthlyAttritionRate(input.annualAttrition)
  const lag = input.backfillAfterMonths
  const rows: CohortMonth[] = []
  let carried = input.heads
  for (let month = 0; month < input.months; month++) {
    const refilled = lag === null ? undefined : rows[month - 1 - lag]
    const backfillHires = refilled?.leavers ?? ZERO
    const heads = carried.plus(backfillHires)
    const leavers = heads.times(m)
    rows.push({ month, heads, leavers, backfillHires })
    carried = heads.minus(leavers)
  }
  return rows
}
