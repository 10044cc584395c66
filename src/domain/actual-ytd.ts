/**
 * Actual year-to-date payroll figures as the engine's counters (domain Part A, continued: "Year to
 * date at the plan's start"). Where a plan starts after the person's year start, the engine works
 * out the months before the plan from the position's own history; an imported actual replaces the
 * worked-out year to date up to its as-at date (the months after it, before the plan, are still
 * worked out). Payroll actuals (issue 16) build on this type.
 */
import { minorOf } from './exact.ts'
import type { ActualYtd } from './model.ts'

export type { ActualYtd } from './model.ts'

/** Year-to-date counters in minor units (calendar year in the US, tax year in the UK). */
export interface YtdCounters {
  /** US wages for Social Security, FUTA and state unemployment (cash pay + vest value). */
  wages: number
  /** US 401(k) eligible pay (salary + bonus). */
  eligible: number
  /** UK employer pension paid, against a package's annual cap. */
  pension: number
}

/** The figures as the engine's year-to-date counters, in minor units. */
export function actualCounters(a: ActualYtd): YtdCounters {
  return {
    wages: minorOf(a.wages),
    eligible: minorOf(a.k401EligiblePay),
    pension: minorOf(a.pension),
  }
}

/** The actuals of a plan by position id, for the projection's context. */
export function actualYtdByPosition(rows: readonly ActualYtd[]): Map<string, ActualYtd[]> {
  const out = new Map<string, ActualYtd[]>()
  for (const a of rows) out.set(a.positionId, [...(out.get(a.positionId) ?? []), a])
  return out
}
