/**
 * Two projections of one plan side by side by fiscal year: each team's cost in either and the
 * heads on the books at each year's end, for reading a scenario against its baseline at a glance.
 */
import { type FiscalYear, fiscalYearsOf } from '../team-budgets.ts'
import type { Projection, Series } from './result.ts'

/** One figure per fiscal year (index-aligned with the years), for each side. */
export interface SideBySide {
  a: number[]
  b: number[]
}

export interface YearComparison {
  years: FiscalYear[]
  /**
   * Each team's own cost per year (reporting-currency minor units), in the order the
   * projections list their teams (a's, then any only b has); company-wide lines under COMPANY_KEY.
   */
  byTeam: Map<string, SideBySide>
  total: SideBySide
  /** Heads on the books (people and open roles from their expected start) at each year's end. */
  heads: SideBySide
}

/**
 * `b` against `a` by fiscal year; both in the same currency over as many months, matched month by
 * month as `diff` matches them (the years are `a`'s).
 */
export function compareByFiscalYear(a: Projection, b: Projection): YearComparison {
  if (a.months.length !== b.months.length) throw new RangeError('projections cover other months')
  if (a.totals.currency !== b.totals.currency)
    throw new RangeError('projections differ in currency')
  const years = fiscalYearsOf(a.months, a.fiscalYearStartMonth)
  const perYear = (series: Series | undefined) =>
    years.map((y) => y.monthIndexes.reduce((sum, i) => sum + (series?.[i] ?? 0), 0))
  const keys = new Set([...a.totals.byTeam.keys(), ...b.totals.byTeam.keys()])
  const byTeam = new Map(
    [...keys].map((k) => [
      k,
      { a: perYear(a.totals.byTeam.get(k)), b: perYear(b.totals.byTeam.get(k)) },
    ]),
  )
  const headsAt = (p: Projection) =>
    years.map((y) => {
      const last = y.monthIndexes.at(-1)!
      return p.headcount.filled[last]! + p.headcount.open[last]!
    })
  return {
    years,
    byTeam,
    total: { a: perYear(a.totals.total), b: perYear(b.totals.total) },
    heads: { a: headsAt(a), b: headsAt(b) },
  }
}
