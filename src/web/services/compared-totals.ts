/**
 * The difference between the two sides of a comparison, with the FX effect apart, kept per the
 * three projections' totals it is worked from: a projection is replaced on every write to the
 * store, so a kept difference never outlives its sides, and it goes when they are dropped.
 */
import { diff, fxEffect, type TotalsDiff } from '../../domain/projection/diff.ts'
import type { Totals } from '../../domain/projection/result.ts'

export interface ComparedTotals {
  /** b at a's rates less a: the change in spend. */
  spendChange: TotalsDiff
  /** b less b at a's rates: what b's own rate set does. */
  fx: TotalsDiff
  /** b less a. */
  whole: TotalsDiff
}

const kept = new WeakMap<Totals, WeakMap<Totals, WeakMap<Totals, ComparedTotals>>>()

/** `b` against `a`, with `bAtA` (b at a's rates) separating the change in spend from FX. */
export function comparedTotals(a: Totals, bAtA: Totals, b: Totals): ComparedTotals {
  const byRates = kept.get(a) ?? new WeakMap<Totals, WeakMap<Totals, ComparedTotals>>()
  kept.set(a, byRates)
  const byB = byRates.get(bAtA) ?? new WeakMap<Totals, ComparedTotals>()
  byRates.set(bAtA, byB)
  let found = byB.get(b)
  if (found === undefined) {
    found = { ...fxEffect(a, bAtA, b), whole: diff(a, b) }
    byB.set(b, found)
  }
  return found
}
