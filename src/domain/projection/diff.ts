/**
 * Comparing projections: `diff` subtracts totals series by series; `fxEffect` separates what a
 * scenario's own rate set does from the real change in spend (domain Part B 4: variance at plan
 * rate vs FX effect).
 */
import type { Series, Totals } from './result.ts'

export interface TotalsDiff {
  total: Series
  byComponent: Map<string, Series>
  byTeam: Map<string, Series>
  byOffice: Map<string, Series>
  byFamily: Map<string, Series>
  byLevel: Map<string, Series>
  byCurrency: Map<string, Series>
}

const minus = (b: Series | undefined, a: Series | undefined, n: number): Series =>
  Array.from({ length: n }, (_, i) => (b?.[i] ?? 0) - (a?.[i] ?? 0))

function diffMap<K>(a: Map<K, Series>, b: Map<K, Series>, n: number): Map<string, Series> {
  const keys = new Set([...a.keys(), ...b.keys()])
  return new Map([...keys].map((k) => [String(k), minus(b.get(k), a.get(k), n)]))
}

/** b - a for every series; both must be in the same reporting currency over the same months. */
export function diff(a: Totals, b: Totals): TotalsDiff {
  if (a.currency !== b.currency) throw new RangeError('projections are in different currencies')
  if (a.total.length !== b.total.length) throw new RangeError('projections cover different months')
  const n = a.total.length
  return {
    total: minus(b.total, a.total, n),
    byComponent: diffMap(a.byComponent, b.byComponent, n),
    byTeam: diffMap(a.byTeam, b.byTeam, n),
    byOffice: diffMap(a.byOffice, b.byOffice, n),
    byFamily: diffMap(a.byFamily, b.byFamily, n),
    byLevel: diffMap(a.byLevel, b.byLevel, n),
    byCurrency: diffMap(a.byCurrency, b.byCurrency, n),
  }
}

/**
 * Splits baseline -> scenario into the spend change at baseline rates (scenario at baseline
 * rates - baseline) and the FX effect (scenario at its own rates - scenario at baseline rates);
 * the two add up to the whole difference.
 */
export function fxEffect(
  baseline: Totals,
  scenarioAtBaselineRates: Totals,
  scenarioAtOwnRates: Totals,
): { spendChange: TotalsDiff; fx: TotalsDiff } {
  return {
    spendChange: diff(baseline, scenarioAtBaselineRates),
    fx: diff(scenarioAtBaselineRates, scenarioAtOwnRates),
  }
}
