/**
 * The projection dashboard's figures, shaped for the page: period columns (month, fiscal quarter,
 * fiscal year), a table grouped by team, office or component whose rows add up to the total row,
 * headcount per top-level team, and the breakdown of any figure into the lines it sums (per group,
 * then per position, each converted to the reporting currency as the engine converts it).
 */

import type { Column, ProjectionTable } from '../../../views/models/projection-table.ts'
import { fiscalQuarterOf, fiscalYearOf, lastDay, type Month } from '../../domain/calendar.ts'
import { minorConverter } from '../../domain/fx.ts'
import type { FxRateSet, Team } from '../../domain/model.ts'
import { type Names, positionName } from '../../domain/names.ts'
import {
  COMPONENT_LABEL,
  COMPONENTS,
  type Component,
  POSITION_COMPONENTS,
} from '../../domain/projection/components.ts'
import {
  COMPANY_KEY,
  lineCurrency,
  type Projection,
  type Series,
} from '../../domain/projection/result.ts'

export const GROUPINGS = ['team', 'office', 'component'] as const
export const PERIODS = ['month', 'quarter', 'fiscal_year'] as const
export type GroupBy = (typeof GROUPINGS)[number]
export type Period = (typeof PERIODS)[number]

/** Columns for a period: each month, or months gathered by fiscal quarter / fiscal year. */
export function periodColumns(months: readonly Month[], fyStart: number, period: Period): Column[] {
  const columns = new Map<string, number[]>()
  months.forEach((m, i) => {
    const key =
      period === 'month'
        ? m
        : period === 'quarter'
          ? fiscalQuarterOf(m, fyStart)
          : `FY${fiscalYearOf(m, fyStart)}`
    columns.set(key, [...(columns.get(key) ?? []), i])
  })
  return [...columns].map(([key, idx]) => ({ key, months: idx }))
}

const sumAt = (series: Series, months: readonly number[]) =>
  months.reduce((a, i) => a + (series[i] ?? 0), 0)

/** The series behind each row of a grouping, in the reporting currency. */
export function groupSeries(projection: Projection, groupBy: GroupBy): Map<string, Series> {
  const t = projection.totals
  if (groupBy === 'component') {
    return new Map(
      COMPONENTS.filter((c) => t.byComponent.has(c)).map((c) => [c, t.byComponent.get(c)!]),
    )
  }
  return groupBy === 'team' ? t.byTeam : t.byOffice
}

export function projectionTable(
  projection: Projection,
  groupBy: GroupBy,
  period: Period,
): ProjectionTable {
  const columns = periodColumns(projection.months, projection.fiscalYearStartMonth, period)
  const rows = [...groupSeries(projection, groupBy)]
    .map(([key, series]) => {
      const values = columns.map((c) => sumAt(series, c.months))
      return { key, values, total: values.reduce((a, v) => a + v, 0) }
    })
    .filter((r) => r.values.some((v) => v !== 0))
  const totals = columns.map((_, ci) => rows.reduce((a, r) => a + r.values[ci]!, 0))
  return {
    currency: projection.totals.currency,
    columns,
    rows,
    totals,
    grandTotal: totals.reduce((a, v) => a + v, 0),
  }
}

/** Each team with its subteams' ancestors resolved: the top-level team a team rolls up to. */
function topLevelOf(teams: readonly Team[]): (teamId: string) => string {
  const parent = new Map(teams.map((t) => [t.id, t.parentTeamId]))
  return (teamId) => {
    let id = teamId
    for (let p = parent.get(id); p; p = parent.get(id)) id = p
    return id
  }
}

/**
 * Positions on the books (filled or expected to start) at each month's end, by top-level team,
 * counted as onBooksAtMonthEnd counts them. Month ends ascend, so a position is on the books over
 * one run of months: each position marks where its run starts and stops (a difference array),
 * instead of testing every position against every month.
 */
export function headcountByTopTeam(
  projection: Projection,
  teams: readonly Team[],
): Map<string, number[]> {
  const top = topLevelOf(teams)
  const ends = projection.months.map(lastDay)
  const n = ends.length
  const steps = new Map<string, number[]>()
  for (const p of projection.positions) {
    const { start, end } = p.terms
    const from = ends.findIndex((last) => start <= last)
    if (from < 0) continue
    let to = n
    if (end !== null) {
      while (to > from && ends[to - 1]! > end) to--
    }
    if (to <= from) continue
    const key = top(p.teamId)
    const step = steps.get(key) ?? new Array<number>(n + 1).fill(0)
    step[from]!++
    step[to]!--
    steps.set(key, step)
  }
  const out = new Map<string, number[]>()
  for (const [key, step] of steps) {
    let running = 0
    out.set(
      key,
      ends.map((_, i) => (running += step[i]!)),
    )
  }
  return out
}

/** Heads at each month's end over all teams: the sum of the per-team series. */
export function totalHeadcount(byTeam: ReadonlyMap<string, readonly number[]>, months: number) {
  const all = [...byTeam.values()]
  return Array.from({ length: months }, (_, i) => all.reduce((a, series) => a + series[i]!, 0))
}

// ---------------------------------------------------------------------------------------------
// Explanations of a figure: the lines it sums

export interface BreakdownLine {
  /** A position id, or null for a company line (levy, desks). */
  positionId: string | null
  label: string
  /** In the reporting currency. */
  amount: number
  /** The components the amount sums, for drilling down. */
  components: Component[]
}

export interface BreakdownGroup {
  key: string
  lines: BreakdownLine[]
  total: number
}

export interface Breakdown {
  groups: BreakdownGroup[]
  total: number
}

/** Converts a position's or company line's local minor units as the engine does: per month. */
const converter = (projection: Projection, fx: FxRateSet) =>
  minorConverter(fx, projection.months, projection.fiscalYearStartMonth, projection.totals.currency)

/**
 * The lines a table figure sums over the column's `months`: the row `groupKey` of `groupBy` (null:
 * the total row, every group), as its positions and company lines, each converted month by month.
 */
export function breakdown(
  projection: Projection,
  fx: FxRateSet,
  groupBy: GroupBy,
  groupKey: string | null,
  months: readonly number[],
  names: Names,
): Breakdown {
  const convert = converter(projection, fx)
  const groups = new Map<string, BreakdownLine[]>()
  const add = (key: string, line: BreakdownLine) => {
    if (line.amount === 0) return
    const group = groups.get(key)
    if (group) group.push(line)
    else groups.set(key, [line])
  }
  projection.positions.forEach((p, pi) => {
    const key = groupBy === 'team' ? p.teamId : groupBy === 'office' ? p.officeId : null
    const components =
      groupBy === 'component'
        ? POSITION_COMPONENTS.filter((c) => c === groupKey)
        : POSITION_COMPONENTS
    if (key !== null && groupKey !== null && key !== groupKey) return
    const used: Component[] = []
    let amount = 0
    for (const c of components) {
      let sum = 0
      for (const mi of months) sum += convert(projection.cell(pi, mi, c), lineCurrency(p, c), mi)
      if (sum !== 0) used.push(c)
      amount += sum
    }
    add(groupBy === 'component' ? (groupKey ?? '') : (key ?? ''), {
      positionId: p.id,
      label: positionName(p.terms.position, names),
      amount,
      components: used,
    })
  })
  for (const line of projection.companyLines) {
    const key =
      groupBy === 'team'
        ? (line.teamId ?? COMPANY_KEY)
        : groupBy === 'office'
          ? (line.officeId ?? COMPANY_KEY)
          : line.component
    if (groupKey !== null && key !== groupKey) continue
    add(key, {
      positionId: null,
      label: `${COMPONENT_LABEL[line.component]}${line.officeId ? `, ${names.office(line.officeId)}` : ''}`,
      amount: months.reduce((a, mi) => a + convert(line.local[mi]!, line.currency, mi), 0),
      components: [line.component],
    })
  }
  const out = [...groups].map(([key, lines]) => ({
    key,
    lines,
    total: lines.reduce((a, l) => a + l.amount, 0),
  }))
  return { groups: out, total: out.reduce((a, g) => a + g.total, 0) }
}

/** One position's figure over the months, by component, converted: the next level down. */
export function positionBreakdown(
  projection: Projection,
  fx: FxRateSet,
  positionId: string,
  months: readonly number[],
): { component: Component; amount: number }[] | null {
  const pi = projection.positions.findIndex((p) => p.id === positionId)
  if (pi < 0) return null
  const p = projection.positions.at(pi)!
  const convert = converter(projection, fx)
  return POSITION_COMPONENTS.map((component) => ({
    component,
    amount: months.reduce(
      (a, mi) => a + convert(projection.cell(pi, mi, component), lineCurrency(p, component), mi),
      0,
    ),
  })).filter((l) => l.amount !== 0)
}

/** A group's explanation lists this many lines, the largest first, and sums the rest in one. */
const LINES_SHOWN = 200

/** Up to LINES_SHOWN items in their order when they fit; else the largest and one for the rest. */
export function largestFirst<T extends { label: string; amount: number }>(items: T[]) {
  if (items.length <= LINES_SHOWN) return items
  const ranked = [...items].sort((a, b) => Math.abs(b.amount) - Math.abs(a.amount))
  const rest = ranked.slice(LINES_SHOWN)
  return [
    ...ranked.slice(0, LINES_SHOWN),
    {
      label: `${rest.length.toLocaleString('en-GB')} smaller lines`,
      amount: rest.reduce((a, x) => a + x.amount, 0),
    },
  ]
}

/**
 * The table's latest estimate by column: what payroll paid in each closed month (`paid`), the
 * forecast total of the table's rows in every other month.
 */
export function latestEstimateRow(
  projection: Projection,
  groupBy: GroupBy,
  columns: readonly Column[],
  paid: ReadonlyMap<Month, number>,
): { values: number[]; total: number } {
  const series = [...groupSeries(projection, groupBy).values()]
  const month = (i: number) =>
    paid.get(projection.months[i]!) ?? series.reduce((a, s) => a + (s[i] ?? 0), 0)
  const values = columns.map((c) => c.months.reduce((a, i) => a + month(i), 0))
  return { values, total: values.reduce((a, v) => a + v, 0) }
}
