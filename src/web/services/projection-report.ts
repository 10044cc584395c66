/**
 * A projection as the API and downloads give it: series grouped by team, office, family, level,
 * component or currency, by month, quarter or fiscal year, with money as decimal strings (never
 * floats); the line-level rows behind a CSV; and the comparison of two projections with the FX
 * effect apart.
 */
import type { Month } from '../../domain/calendar.ts'
import { minorConverter, usdPerGbp } from '../../domain/fx.ts'
import { type Currency, minorText } from '../../domain/money.ts'
import {
  COMPONENT_LABEL,
  type Component,
  POSITION_COMPONENTS,
} from '../../domain/projection/components.ts'
import { fxEffect } from '../../domain/projection/diff.ts'
import {
  byPeriod,
  COMPANY_KEY,
  lineCurrency,
  type ProjectedPosition,
  type Series,
  type Totals,
} from '../../domain/projection/result.ts'
import { valueVesting } from '../../domain/projection/value-vesting.ts'
import type { ProjectionView } from './projections.ts'

export const GROUP_BYS = ['team', 'office', 'family', 'level', 'component', 'currency'] as const
export type GroupBy = (typeof GROUP_BYS)[number]
export const PERIODS = ['month', 'quarter', 'fiscal_year'] as const
export type Period = (typeof PERIODS)[number]

/** Minor units as a decimal string with two places: "1234.50". */
export const amountText = minorText

const COMPANY_LABEL = 'Company-wide'

/** The memo series: value vesting to people, beside the cost and never in its totals. */
export const VALUE_VESTING = 'value_vesting'
export const VALUE_VESTING_LABEL = 'Value vesting (memo, not a cost)'

/** A row is a cost, which totals sum, or a memo, which they do not. */
export type RowKind = 'cost' | 'memo'

/**
 * The rate set a view converts with and each month's rate in it (USD per GBP, as text): every
 * row names the rate its amounts were converted at.
 */
export function ratesOf(view: ProjectionView) {
  const { fx, fiscalYearStartMonth } = view.input.ctx
  return {
    rateSet: { id: fx.id, name: fx.name },
    byMonth: view.projection.months.map((m) => usdPerGbp(fx, m, fiscalYearStartMonth).toFixed()),
  }
}

/** The display label of a group key (a team's name, a level's code, a component's label). */
export function groupLabel(view: ProjectionView, groupBy: GroupBy, key: string): string {
  if (key === COMPANY_KEY) return COMPANY_LABEL
  const { doc } = view
  const named = (items: readonly { id: string; name: string }[]) =>
    items.find((x) => x.id === key)?.name ?? key
  switch (groupBy) {
    case 'team':
      return named(doc.teams)
    case 'office':
      return named(doc.offices)
    case 'family':
      return named(doc.jobFamilies)
    case 'level':
      return doc.levels.find((l) => l.id === key)?.code ?? key
    case 'component':
      return COMPONENT_LABEL[key as Component] ?? key
    case 'currency':
      return key
  }
}

function seriesBy(totals: Totals, groupBy: GroupBy): Map<string, Series> {
  const m = {
    team: totals.byTeam,
    office: totals.byOffice,
    family: totals.byFamily,
    level: totals.byLevel,
    component: totals.byComponent,
    currency: totals.byCurrency,
  }[groupBy]
  return m as Map<string, Series>
}

/** Period labels and a function summing a monthly series into them. */
export function periodsOf(view: ProjectionView, period: Period) {
  const { months, fiscalYearStartMonth } = view.projection
  if (period === 'month') return { labels: [...months], sum: (s: Series) => [...s] }
  const labels = [
    ...byPeriod(
      months.map(() => 0),
      months,
      fiscalYearStartMonth,
      period,
    ).keys(),
  ]
  return {
    labels,
    sum: (s: Series) => [...byPeriod(s, months, fiscalYearStartMonth, period).values()],
  }
}

/** Index of each period's last month, where headcount (a month-end count) is read. */
function periodEnds(view: ProjectionView, period: Period): number[] {
  const { months, fiscalYearStartMonth } = view.projection
  if (period === 'month') return months.map((_, i) => i)
  const ends = new Map<string, number>()
  months.forEach((m, i) => {
    // the month's own period label, as byPeriod names it
    const key = [...byPeriod([0], [m], fiscalYearStartMonth, period).keys()][0]!
    ends.set(key, i)
  })
  return [...ends.values()]
}

interface Group {
  key: string
  label: string
  values: string[]
}

export interface GroupedReport {
  plan: string
  scenario: string | null
  currency: Currency
  period: Period
  periods: string[]
  /** The rate set converted with, and each period's rates (USD per GBP; one unless they moved). */
  fx: { rateSet: { id: string; name: string }; usdPerGbp: string[][] }
  headcount: { filled: number[]; open: number[]; expected: number[] }
  groups: Group[]
  total: string[]
  /** Series beside the cost that no total includes. */
  memo: { valueVesting: { label: string; groups: Group[]; total: string[] } }
}

/** A position's key in a grouping (value vesting is its own component). */
function positionKey(p: ProjectedPosition, groupBy: GroupBy): string {
  switch (groupBy) {
    case 'team':
      return p.teamId
    case 'office':
      return p.officeId
    case 'family':
      return p.familyId
    case 'level':
      return p.levelId
    case 'currency':
      return p.currency
    case 'component':
      return VALUE_VESTING
  }
}

/** Value vesting by group, month by month, each line converted as the cost lines are. */
function valueVestingBy(view: ProjectionView, groupBy: GroupBy): Map<string, Series> {
  const { projection: p, input } = view
  const convert = reportingConverter(view)
  const out = new Map<string, Series>()
  for (const pos of p.positions) {
    const vests = valueVesting(input.ctx, pos.terms)
    if (vests.length === 0) continue
    const key = positionKey(pos, groupBy)
    let series = out.get(key)
    if (!series) {
      series = p.months.map(() => 0)
      out.set(key, series)
    }
    for (const [mi, local] of vests) series[mi]! += convert(local, pos.currency, mi)
  }
  return out
}

/** Each period's distinct rates, in month order. */
function periodRates(view: ProjectionView, period: Period, byMonth: readonly string[]) {
  const { months, fiscalYearStartMonth } = view.projection
  if (period === 'month') return byMonth.map((r) => [r])
  const rates = new Map<string, string[]>()
  months.forEach((m, i) => {
    const key = [...byPeriod([0], [m], fiscalYearStartMonth, period).keys()][0]!
    const list = rates.get(key) ?? []
    if (!list.includes(byMonth[i]!)) list.push(byMonth[i]!)
    rates.set(key, list)
  })
  return [...rates.values()]
}

export function groupedReport(view: ProjectionView, groupBy: GroupBy, period: Period) {
  const { totals, headcount } = view.projection
  const { labels, sum } = periodsOf(view, period)
  const ends = periodEnds(view, period)
  const rates = ratesOf(view)
  const vesting = [...valueVestingBy(view, groupBy)]
  const report: GroupedReport = {
    plan: view.plan.id,
    scenario: view.scenario?.id ?? null,
    currency: totals.currency,
    period,
    periods: labels,
    fx: { rateSet: rates.rateSet, usdPerGbp: periodRates(view, period, rates.byMonth) },
    headcount: {
      filled: ends.map((i) => headcount.filled[i]!),
      open: ends.map((i) => headcount.open[i]!),
      expected: ends.map((i) => headcount.expected[i]!),
    },
    groups: [...seriesBy(totals, groupBy)].map(([key, s]) => ({
      key,
      label: groupLabel(view, groupBy, key),
      values: sum(s).map(amountText),
    })),
    total: sum(totals.total).map(amountText),
    memo: {
      valueVesting: {
        label: VALUE_VESTING_LABEL,
        groups: vesting.map(([key, s]) => ({
          key,
          label: key === VALUE_VESTING ? VALUE_VESTING_LABEL : groupLabel(view, groupBy, key),
          values: sum(s).map(amountText),
        })),
        total: sum(
          vesting.reduce(
            (acc, [, s]) => acc.map((v, i) => v + s[i]!),
            view.projection.months.map(() => 0),
          ),
        ).map(amountText),
      },
    },
  }
  return report
}

export interface LineRow {
  plan: string
  scenario: string
  positionId: string
  title: string
  team: string
  office: string
  family: string
  level: string
  month: Month
  component: Component | typeof VALUE_VESTING
  localCurrency: Currency
  localAmount: string
  reportingCurrency: Currency
  reportingAmount: string
  kind: RowKind
  /** The rate set and the month's rate (USD per GBP) the reporting amount was converted at. */
  fxRateSet: string
  usdPerGbp: string
}

/** Whose lines a group holds: the cells of a line before its month. */
export type LineOwner = Pick<
  LineRow,
  'positionId' | 'title' | 'team' | 'office' | 'family' | 'level'
>

/**
 * One line of a group: its month's index, component, currency, amounts in minor units, and
 * whether it is a cost or a memo.
 */
export type LineVisitor = (
  monthIndex: number,
  component: LineRow['component'],
  localCurrency: Currency,
  local: number,
  reporting: number,
  kind: RowKind,
) => void

/**
 * Every non-zero line, a group at a time: each position's lines, then each company line's (no
 * position), then the value vesting to each person as memo lines (never in a total). Each
 * reporting amount is converted and rounded as the engine does (exact integer ratios), so the
 * cost lines add up to the totals exactly. A manager's view holds only their teams' positions and
 * no company lines, so what they download is scoped as it is produced.
 */
export function* lineGroups(
  view: ProjectionView,
): Generator<{ owner: LineOwner; lines(visit: LineVisitor): void }> {
  const { projection: p, input } = view
  const convert = reportingConverter(view)
  const titles = new Map(input.positions.map((x) => [x.id, x.title]))
  const label = memoLabels(view)
  const ownerOf = (pos: ProjectedPosition): LineOwner => ({
    positionId: pos.id,
    title: titles.get(pos.id) ?? '',
    team: label('team', pos.teamId),
    office: label('office', pos.officeId),
    family: label('family', pos.familyId),
    level: label('level', pos.levelId),
  })
  for (let pi = 0; pi < p.positions.length; pi++) {
    const pos = p.positions.at(pi)!
    yield {
      owner: ownerOf(pos),
      lines(visit) {
        for (let mi = 0; mi < p.months.length; mi++) {
          for (const component of POSITION_COMPONENTS) {
            const local = p.cell(pi, mi, component)
            if (local === 0) continue
            const from = lineCurrency(pos, component)
            visit(mi, component, from, local, convert(local, from, mi), 'cost')
          }
        }
      },
    }
  }
  for (const line of p.companyLines) {
    const owner = {
      positionId: '',
      title: COMPONENT_LABEL[line.component],
      team: COMPANY_LABEL,
      office: line.officeId ? label('office', line.officeId) : COMPANY_LABEL,
      family: COMPANY_LABEL,
      level: COMPANY_LABEL,
    }
    yield {
      owner,
      lines(visit) {
        for (let mi = 0; mi < line.local.length; mi++) {
          const local = line.local[mi]!
          if (local !== 0) {
            const converted = convert(local, line.currency, mi)
            visit(mi, line.component, line.currency, local, converted, 'cost')
          }
        }
      },
    }
  }
  for (const pos of p.positions) {
    const vests = valueVesting(input.ctx, pos.terms)
    if (vests.length === 0) continue
    yield {
      owner: ownerOf(pos),
      lines(visit) {
        for (const [mi, local] of vests) {
          visit(mi, VALUE_VESTING, pos.currency, local, convert(local, pos.currency, mi), 'memo')
        }
      },
    }
  }
}

/** Every non-zero line as a row (`lineGroups`), produced a group at a time. */
export function* lineRows(view: ProjectionView): Generator<LineRow> {
  const plan = view.plan.id
  const scenario = view.scenario?.id ?? ''
  const { months, totals } = view.projection
  const { rateSet, byMonth } = ratesOf(view)
  for (const { owner, lines } of lineGroups(view)) {
    const rows: LineRow[] = []
    lines((mi, component, localCurrency, local, reporting, kind) => {
      rows.push({
        plan,
        scenario,
        positionId: owner.positionId,
        title: owner.title,
        team: owner.team,
        office: owner.office,
        family: owner.family,
        level: owner.level,
        month: months[mi]!,
        component,
        localCurrency,
        localAmount: amountText(local),
        reportingCurrency: totals.currency,
        reportingAmount: amountText(reporting),
        kind,
        fxRateSet: rateSet.name,
        usdPerGbp: byMonth[mi]!,
      })
    })
    yield* rows
  }
}

/** `groupLabel`, looked up once per group and key (it searches the workspace's lists). */
function memoLabels(view: ProjectionView) {
  const known = new Map<string, string>()
  return (groupBy: GroupBy, key: string) => {
    const k = `${groupBy}|${key}`
    let label = known.get(k)
    if (label === undefined) {
      label = groupLabel(view, groupBy, key)
      known.set(k, label)
    }
    return label
  }
}

/**
 * Converts a line's local minor units in month `i` to the reporting currency as the engine does
 * (each line at its month's rate, rounded to the minor unit), so converted lines add up to the
 * totals.
 */
function reportingConverter(view: ProjectionView) {
  const { projection: p, input } = view
  return minorConverter(input.ctx.fx, p.months, input.ctx.fiscalYearStartMonth, p.totals.currency)
}

/**
 * One position's cost in each month of the projection, in the reporting currency (every
 * component, each converted as the line downloads convert it); null if the view does not hold it.
 */
export function positionMonthlyCost(view: ProjectionView, positionId: string): number[] | null {
  const { projection: p } = view
  const pi = p.positions.findIndex((x) => x.id === positionId)
  if (pi < 0) return null
  const pos = p.positions.at(pi)!
  const toReporting = reportingConverter(view)
  return p.months.map((_, mi) => {
    let sum = 0
    for (const component of POSITION_COMPONENTS) {
      const local = p.cell(pi, mi, component)
      if (local !== 0) sum += toReporting(local, lineCurrency(pos, component), mi)
    }
    return sum
  })
}

export interface AggregateRow {
  plan: string
  scenario: string
  group: string
  label: string
  period: string
  currency: Currency
  amount: string
  kind: RowKind
  fxRateSet: string
  /** The period's rates (USD per GBP), separated by spaces when its months had more than one. */
  usdPerGbp: string
}

/**
 * One row per group and period, in the reporting currency; then the value vesting by the same
 * groups as memo rows (never in a total).
 */
export function aggregateRows(view: ProjectionView, groupBy: GroupBy, period: Period) {
  const report = groupedReport(view, groupBy, period)
  const rows = (groups: readonly Group[], kind: RowKind) =>
    groups.flatMap((g) =>
      report.periods.map(
        (label, i): AggregateRow => ({
          plan: report.plan,
          scenario: report.scenario ?? '',
          group: g.key,
          label: g.label,
          period: label,
          currency: report.currency,
          amount: g.values[i]!,
          kind,
          fxRateSet: report.fx.rateSet.name,
          usdPerGbp: report.fx.usdPerGbp[i]!.join(' '),
        }),
      ),
    )
  return [...rows(report.groups, 'cost'), ...rows(report.memo.valueVesting.groups, 'memo')]
}

/**
 * b against a: the headcount change, the change in spend at a's rates by month and team, and the
 * FX effect (b at its own rates against b at a's rates); spend change + FX effect = b - a.
 */
export function compareReport(a: ProjectionView, bAtARates: ProjectionView, b: ProjectionView) {
  const { spendChange, fx } = fxEffect(
    a.projection.totals,
    bAtARates.projection.totals,
    b.projection.totals,
  )
  const heads = (v: ProjectionView) => v.projection.headcount
  const months = a.projection.months
  return {
    plan: a.plan.id,
    a: a.scenario?.id ?? 'baseline',
    b: b.scenario?.id ?? 'baseline',
    currency: a.projection.totals.currency,
    months,
    headcount: {
      filled: months.map((_, i) => heads(b).filled[i]! - heads(a).filled[i]!),
      open: months.map((_, i) => heads(b).open[i]! - heads(a).open[i]!),
    },
    spendChange: {
      total: spendChange.total.map(amountText),
      byTeam: [...spendChange.byTeam].map(([key, s]) => ({
        key,
        label: groupLabel(a, 'team', key),
        values: s.map(amountText),
      })),
    },
    fxEffect: fx.total.map(amountText),
    difference: months.map((_, i) =>
      amountText(b.projection.totals.total[i]! - a.projection.totals.total[i]!),
    ),
  }
}
