/**
 * Equity grants (domain Part A "Equity", Part B 3): when a grant vests, how its grant-date value is
 * expensed, and what a tranche is worth at vest. Grants are in USD.
 *
 * Exactness: fractions are carried at 20 decimal places and dollar amounts at 12, the last part of
 * every split taking the remainder, so any sum of them is exact within the project's 40 significant
 * digits: a schedule's fractions sum to exactly 1 and its expense to exactly the grant value.
 */
import { addMonths, type Month, monthOf } from './calendar.ts'
import type { EquityGrant } from './model.ts'
import { Decimal, ZERO } from './money.ts'

/**
 * A new role's new-hire grant of `valueUsd` (its level's default, or as typed), granted on the
 * day the role starts, on the default schedule (48 months, 12-month cliff, monthly).
 */
export function newHireGrant(roleId: string, grantDate: string, valueUsd: Decimal): EquityGrant {
  return {
    id: `${roleId}-hire`,
    grantDate,
    valueUsd,
    grantPriceUsd: null,
    vestingMonths: 48,
    cliffMonths: 12,
    vestEveryMonths: 1,
  }
}

/** The fraction of the grant vesting in `month`. */
export interface Tranche {
  month: Month
  fraction: Decimal
}

export type ExpenseMethod = 'straight_line' | 'graded'

export interface ExpenseMonth {
  month: Month
  amountUsd: Decimal
}

const FRACTION_DP = 20
const AMOUNT_DP = 12

/**
 * Splits `total` in proportion to integer `weights`: each part rounded to `dp` places, the last
 * part the remainder, so the parts sum exactly to `total`.
 */
function splitExactly(total: Decimal, weights: readonly number[], dp: number): Decimal[] {
  const weightSum = weights.reduce((a, w) => a + w, 0)
  const parts = weights.map((w) => total.times(w).dividedBy(weightSum).toDecimalPlaces(dp))
  const allButLast = parts.slice(0, -1).reduce((a, p) => a.plus(p), ZERO)
  parts[parts.length - 1] = total.minus(allButLast)
  return parts
}

/**
 * Months after the grant month at which a tranche vests: the cliff (if any), then every
 * `vestEveryMonths`, always ending at `vestingMonths` (a short last step if they do not divide).
 */
export function vestOffsets(grant: EquityGrant): number[] {
  const { vestingMonths, cliffMonths, vestEveryMonths } = grant
  const offsets: number[] = []
  const cliff = Math.min(cliffMonths, vestingMonths)
  if (cliff > 0) offsets.push(cliff)
  for (let k = cliff + vestEveryMonths; k < vestingMonths; k += vestEveryMonths) offsets.push(k)
  if (offsets.at(-1) !== vestingMonths) offsets.push(vestingMonths)
  return offsets
}

/** Months of vesting each tranche covers: the first from the grant, the rest from the last vest. */
function monthsCovered(offsets: readonly number[]): number[] {
  return offsets.map((k, i) => k - (i === 0 ? 0 : offsets[i - 1]!))
}

/**
 * Nothing vests before the cliff; at the cliff the accumulated share (cliff / vesting months)
 * vests, then each step's share. Each tranche's fraction is its months of vesting / vesting months.
 */
export function vestingSchedule(grant: EquityGrant): Tranche[] {
  const start = monthOf(grant.grantDate)
  const offsets = vestOffsets(grant)
  const fractions = splitExactly(new Decimal(1), monthsCovered(offsets), FRACTION_DP)
  return offsets.map((k, i) => ({ month: addMonths(start, k), fraction: fractions[i]! }))
}

/**
 * Accounting expense (ASC 718, grant-date value, never remeasured), from the grant month to the
 * month before the last vest: a tranche vesting k months after grant is earned over those k months.
 *
 * - straight_line: the whole grant evenly over the service period. The ASC 718 floor (cumulative
 *   expense at least the vested share) holds by construction: before the cliff expense runs ahead
 *   of vesting (nothing has vested), and at each vest month the expense recognised up to it equals
 *   exactly the share vested, so the floor binds - with equality - at every vest.
 * - graded: each tranche is its own award, expensed straight-line over its own k months; the
 *   months' amounts are the sums over tranches (front-loaded: 52.1% of a 4 x annual grant in year 1).
 */
export function expenseSchedule(grant: EquityGrant, method: ExpenseMethod): ExpenseMonth[] {
  const start = monthOf(grant.grantDate)
  const months = Array.from({ length: grant.vestingMonths }, (_, i) => addMonths(start, i))
  const monthly = (amount: Decimal, count: number) =>
    splitExactly(amount, Array<number>(count).fill(1), AMOUNT_DP)

  if (method === 'straight_line') {
    const amounts = monthly(grant.valueUsd, grant.vestingMonths)
    return months.map((month, i) => ({ month, amountUsd: amounts[i]! }))
  }

  const offsets = vestOffsets(grant)
  const trancheValues = splitExactly(grant.valueUsd, monthsCovered(offsets), AMOUNT_DP)
  const totals = months.map(() => ZERO)
  offsets.forEach((k, t) => {
    monthly(trancheValues[t]!, k).forEach((amount, i) => {
      totals[i] = totals[i]!.plus(amount)
    })
  })
  return months.map((month, i) => ({ month, amountUsd: totals[i]! }))
}

/** Units fixed at grant (value / grant price), or null for a value-based grant with no price. */
export function grantUnits(grant: EquityGrant): Decimal | null {
  return grant.grantPriceUsd === null ? null : grant.valueUsd.dividedBy(grant.grantPriceUsd)
}

/**
 * Value delivered at vest, in USD, unrounded: units x fraction x share price. With a grant price
 * the units are fixed, so the value moves with `sharePriceUsd` (null: the grant price itself);
 * a value-based grant (no grant price) delivers its value share, valueUsd x fraction.
 * Computed as valueUsd x fraction x (price / grant price) to avoid rounding the unit count.
 */
export function vestValueUsd(
  grant: EquityGrant,
  tranche: Tranche,
  sharePriceUsd: Decimal | null,
): Decimal {
  const atGrantValue = grant.valueUsd.times(tranche.fraction)
  if (grant.grantPriceUsd === null || sharePriceUsd === null) return atGrantValue
  return atGrantValue.times(sharePriceUsd).dividedBy(grant.grantPriceUsd)
}
