/**
 * The figures of the compare page: two views of one plan (the baseline, a scenario or a locked
 * budget) by fiscal year and by the period chosen, with the FX effect apart from the change in
 * spend (b converted at a's rates).
 */

import { fiscalPeriodText } from '../../../views/components/FiscalPeriod.tsx'
import type { ScenarioCompareProps } from '../../../views/pages/ScenarioCompare.tsx'
import type { CompareYearRow, CompareYears } from '../../../views/partials/CompareByYear.tsx'
import { formatMonthShort, isMonth } from '../../domain/calendar.ts'
import { compareByFiscalYear, type YearComparison } from '../../domain/projection/compare.ts'
import { COMPANY_KEY } from '../../domain/projection/result.ts'
import { type ComparedTotals, comparedTotals } from './compared-totals.ts'
import type { Period } from './projection-table.ts'
import { periodColumns } from './projection-table.ts'
import type { ProjectionView } from './projections.ts'

type Figures = Pick<
  ScenarioCompareProps,
  'columns' | 'headcount' | 'byTeam' | 'split' | 'totals' | 'years' | 'chart'
>

export const sideName = (v: ProjectionView) => v.budget?.name ?? v.scenario?.name ?? 'Baseline'

/**
 * Figures kept per comparison and period: a comparison is kept per the three projections it is
 * worked from (comparedTotals), and the projection service replaces them on every write, so kept
 * figures never outlive their sides (the names shown come from the same views).
 */
const kept = new WeakMap<ComparedTotals, Map<Period, Figures>>()

/** `b` against `a` (and `bAtA`, b at a's rates) by fiscal year and by `period`. */
export function compareFigures(
  a: ProjectionView,
  b: ProjectionView,
  bAtA: ProjectionView,
  period: Period,
): Figures {
  const compared = comparedTotals(a.projection.totals, bAtA.projection.totals, b.projection.totals)
  const byPeriod = kept.get(compared) ?? new Map<Period, Figures>()
  kept.set(compared, byPeriod)
  let found = byPeriod.get(period)
  if (found === undefined) {
    found = figuresOf(a, b, compared, period)
    byPeriod.set(period, found)
  }
  return found
}

function figuresOf(
  a: ProjectionView,
  b: ProjectionView,
  { spendChange, fx, whole }: ComparedTotals,
  period: Period,
): Figures {
  const pa = a.projection
  const pb = b.projection
  const columns = periodColumns(pa.months, pa.fiscalYearStartMonth, period)
  const row = (key: string, label: string, series: number[]) => {
    const values = columns.map((col) => col.months.reduce((acc, i) => acc + (series[i] ?? 0), 0))
    return { key, label, values, total: values.reduce((x, v) => x + v, 0) }
  }
  const teamName = teamNames(a)
  const heads = (p: typeof pa) =>
    columns.map((col) => {
      const i = col.months.at(-1)!
      return p.headcount.filled[i]! + p.headcount.open[i]!
    })
  const split = [
    row('spend', `Change in spend at ${sideName(a)}'s rates`, spendChange.total),
    row('fx', 'FX effect', fx.total),
    row('total', 'Total difference', whole.total),
  ]
  const labels = columns.map((col) =>
    isMonth(col.key)
      ? formatMonthShort(col.key)
      : fiscalPeriodText(col.key, pa.fiscalYearStartMonth),
  )
  const [spend, fxRow] = split
  return {
    columns: labels,
    headcount: { a: heads(pa), b: heads(pb) },
    byTeam: [...whole.byTeam]
      .map(([k, s]) => row(k, teamName(k), s))
      .filter((r) => r.values.some((v) => v !== 0)),
    split,
    totals: {
      a: pa.totals.total.reduce((x, v) => x + v, 0),
      b: pb.totals.total.reduce((x, v) => x + v, 0),
    },
    years: yearTable(compareByFiscalYear(pa, pb), teamName),
    chart: {
      labels,
      // the FX effect is drawn only when there is one
      series: [spend!, ...(fxRow!.values.some((v) => v !== 0) ? [fxRow!] : [])].map((r) => ({
        name: r.label,
        values: r.values,
      })),
    },
  }
}

function teamNames(v: ProjectionView) {
  const names = new Map(v.doc.teams.map((t) => [t.id, t.name]))
  return (key: string) => (key === COMPANY_KEY ? 'Company-wide' : (names.get(key) ?? key))
}

/**
 * The teams that differ in any year by name, then the others summed in one row, then the
 * company-wide lines (levy, desks, attrition not held by a team).
 */
function yearTable(c: YearComparison, teamName: (key: string) => string): CompareYears {
  const differs = (s: { a: number[]; b: number[] }) => s.a.some((v, i) => v !== s.b[i])
  const rows: CompareYearRow[] = []
  const same = { a: c.years.map(() => 0), b: c.years.map(() => 0) }
  let sameCount = 0
  let company: CompareYearRow | null = null
  for (const [key, s] of c.byTeam) {
    if (key === COMPANY_KEY) {
      if (differs(s) || s.a.some((v) => v !== 0)) company = { key, label: teamName(key), ...s }
    } else if (differs(s)) {
      rows.push({ key, label: teamName(key), ...s })
    } else if (s.a.some((v) => v !== 0)) {
      sameCount += 1
      s.a.forEach((v, i) => {
        same.a[i]! += v
        same.b[i]! += s.b[i]!
      })
    }
  }
  if (sameCount > 0) {
    const label = `${sameCount === 1 ? 'One other team' : `${sameCount} other teams`}, unchanged`
    rows.push({ key: 'unchanged', label, ...same })
  }
  if (company) rows.push(company)
  return {
    years: c.years.map((y) => ({ label: y.label, covers: y.covers })),
    rows,
    total: c.total,
    heads: c.heads,
  }
}
