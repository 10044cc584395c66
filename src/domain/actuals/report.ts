/**
 * A variance report for one fiscal year: the budget's projection on one side; on the other the
 * actuals for closed months and, for a latest estimate, the working plan's forecast for the rest.
 * Company lines (levy, desks), equity expense and hiring costs are outside payroll and outside
 * both sides (see PAYROLL_COMPONENT_OF).
 */
import { fiscalYearOf, type Month, monthRange } from '../calendar.ts'
import { usdPerGbp } from '../fx.ts'
import type { FxRateSet } from '../model.ts'
import { type Currency, Decimal } from '../money.ts'
import { POSITION_COMPONENTS } from '../projection/components.ts'
import { lineCurrency, onBooksAtMonthEnd, type Projection } from '../projection/result.ts'
import type { PayrollLine } from './payroll.ts'
import {
  ACTUAL_COMPONENTS,
  type ActualComponent,
  amountKey,
  convertMinor,
  headKey,
  type LocalAmounts,
  PAYROLL_COMPONENT_OF,
  splitVariance,
  type VarianceCell,
  type VarianceSide,
} from './variance.ts'

/** The twelve months of fiscal year `fy` (named by the calendar year it ends in). */
export function fiscalYearMonths(fy: number, fiscalYearStartMonth: number): Month[] {
  const first = `${fiscalYearStartMonth === 1 ? fy : fy - 1}-${String(fiscalYearStartMonth).padStart(2, '0')}`
  const months = monthRange(first, 12)
  if (fiscalYearOf(months[0]!, fiscalYearStartMonth) !== fy) {
    throw new RangeError(`fiscal year ${fy} does not start in ${first}`)
  }
  return months
}

function add(map: Map<string, LocalAmounts>, key: string, currency: Currency, minor: number) {
  const a = map.get(key) ?? { GBP: 0, USD: 0 }
  a[currency] += minor
  map.set(key, a)
}

/** The payroll-paid part of a projection over `months`, per team, component and month. */
export function projectionSide(
  projection: Projection,
  months: readonly Month[],
  rates: readonly Decimal[],
  includeTeam: (teamId: string) => boolean,
): VarianceSide {
  const side: VarianceSide = { amounts: new Map(), heads: new Map(), rates }
  const at = months.map((m) => projection.months.indexOf(m))
  projection.positions.forEach((p, i) => {
    if (!includeTeam(p.teamId)) return
    at.forEach((j, k) => {
      if (j < 0) return
      if (onBooksAtMonthEnd(p.terms, months[k]!)) {
        side.heads.set(headKey(p.teamId, k), (side.heads.get(headKey(p.teamId, k)) ?? 0) + 1)
      }
      for (const component of POSITION_COMPONENTS) {
        const group = PAYROLL_COMPONENT_OF[component]
        if (group === null) continue
        const minor = projection.cell(i, j, component)
        if (minor !== 0)
          add(side.amounts, amountKey(p.teamId, group, k), lineCurrency(p, component), minor)
      }
    })
  })
  return side
}

/** What payroll paid over `months`; a person counts as a head in a month they were paid salary. */
export function payrollSide(
  lines: readonly PayrollLine[],
  months: readonly Month[],
  rates: readonly Decimal[],
  teamOf: (employeeId: string) => string | undefined,
  includeTeam: (teamId: string) => boolean,
): VarianceSide {
  const side: VarianceSide = { amounts: new Map(), heads: new Map(), rates }
  const index = new Map(months.map((m, k) => [m, k]))
  for (const line of lines) {
    const k = index.get(line.month)
    const team = teamOf(line.employeeId)
    if (k === undefined || team === undefined || !includeTeam(team)) continue
    if (line.amounts.salary > 0)
      side.heads.set(headKey(team, k), (side.heads.get(headKey(team, k)) ?? 0) + 1)
    for (const c of ACTUAL_COMPONENTS) {
      if (line.amounts[c] !== 0)
        add(side.amounts, amountKey(team, c, k), line.currency, line.amounts[c])
    }
  }
  return side
}

/** Closed months from `actual`, the others from `forecast`, each with its own rate. */
export function latestEstimate(
  actual: VarianceSide,
  forecast: VarianceSide,
  closed: ReadonlySet<number>,
): VarianceSide {
  const month = (key: string) => Number(key.slice(key.lastIndexOf('|') + 1))
  const pick = <T>(a: Map<string, T>, f: Map<string, T>) =>
    new Map([
      ...[...a].filter(([key]) => closed.has(month(key))),
      ...[...f].filter(([key]) => !closed.has(month(key))),
    ])
  return {
    amounts: pick(actual.amounts, forecast.amounts),
    heads: pick(actual.heads, forecast.heads),
    rates: actual.rates.map((r, k) => (closed.has(k) ? r : forecast.rates[k]!)),
  }
}

/** A rate set's rate for each month (USD per GBP). */
export function ratesOf(set: FxRateSet, months: readonly Month[], fyStart: number): Decimal[] {
  return months.map((m) => usdPerGbp(set, m, fyStart))
}

/** The actual rate of each month where one was imported, else `fallback`'s (no FX effect). */
export function actualRates(
  imported: ReadonlyMap<string, string>,
  months: readonly Month[],
  fallback: readonly Decimal[],
): { rates: Decimal[]; missing: Month[] } {
  const missing: Month[] = []
  const rates = months.map((m, k) => {
    const text = imported.get(m)
    if (text === undefined) missing.push(m)
    return text === undefined ? fallback[k]! : new Decimal(text)
  })
  return { rates, missing }
}

export interface VarianceReport {
  fiscalYear: number
  months: Month[]
  currency: Currency
  /** 'actual': closed months only; 'estimate': the whole year, forecast after the closed months. */
  basis: 'actual' | 'estimate'
  closed: Month[]
  /** Closed months with no imported actual rate: translated at the budget rate. */
  missingRates: Month[]
  cells: VarianceCell[]
}

export interface VarianceInputs {
  fiscalYear: number
  months: Month[]
  currency: Currency
  basis: 'actual' | 'estimate'
  budget: VarianceSide
  /** Payroll over the months, at actual rates. */
  actual: VarianceSide
  forecast: VarianceSide
  closedMonths: readonly Month[]
  missingRates: Month[]
}

export function varianceReport(i: VarianceInputs): VarianceReport {
  const closedIndex = new Set(i.closedMonths.map((m) => i.months.indexOf(m)).filter((k) => k >= 0))
  const other =
    i.basis === 'estimate' ? latestEstimate(i.actual, i.forecast, closedIndex) : i.actual
  const budget =
    i.basis === 'estimate'
      ? i.budget
      : {
          ...i.budget,
          amounts: onlyMonths(i.budget.amounts, closedIndex),
          heads: onlyMonths(i.budget.heads, closedIndex),
        }
  return {
    fiscalYear: i.fiscalYear,
    months: i.months,
    currency: i.currency,
    basis: i.basis,
    closed: i.months.filter((_, k) => closedIndex.has(k)),
    missingRates: i.missingRates.filter((m) => closedIndex.has(i.months.indexOf(m))),
    cells: splitVariance(budget, other, i.currency),
  }
}

function onlyMonths<T>(map: Map<string, T>, months: ReadonlySet<number>): Map<string, T> {
  return new Map(
    [...map].filter(([key]) => months.has(Number(key.slice(key.lastIndexOf('|') + 1)))),
  )
}

/** Which cells an explanation covers: a team, a component, a month index, or any. */
export interface CellFilter {
  team?: string | undefined
  component?: ActualComponent | undefined
  month?: number | undefined
}

export const cellMatches =
  (f: CellFilter) => (c: { team: string; component: ActualComponent; month: number }) =>
    (f.team === undefined || c.team === f.team) &&
    (f.component === undefined || c.component === f.component) &&
    (f.month === undefined || c.month === f.month)

export interface PersonAmount {
  name: string
  /** Reporting-currency minor units over the filter's months and components. */
  amount: number
}

/** Each budgeted position's share of the filtered cells, at the budget's rates. */
export function budgetByPerson(
  projection: Projection,
  months: readonly Month[],
  rates: readonly Decimal[],
  currency: Currency,
  filter: CellFilter,
): PersonAmount[] {
  const out: PersonAmount[] = []
  projection.positions.forEach((p, i) => {
    if (filter.team !== undefined && p.teamId !== filter.team) return
    let amount = 0
    months.forEach((m, k) => {
      const j = projection.months.indexOf(m)
      if (j < 0 || (filter.month !== undefined && filter.month !== k)) return
      for (const component of POSITION_COMPONENTS) {
        const group = PAYROLL_COMPONENT_OF[component]
        if (group === null || (filter.component !== undefined && group !== filter.component))
          continue
        amount += convertMinor(
          projection.cell(i, j, component),
          lineCurrency(p, component),
          currency,
          rates[k]!,
        )
      }
    })
    const position = p.terms.position
    const name = position.kind === 'filled' ? position.personName : `${position.title} (open role)`
    if (amount !== 0) out.push({ name, amount })
  })
  return out.sort((a, b) => b.amount - a.amount)
}

/** Each person's payroll in the filtered cells, at the actual rates. */
export function actualByPerson(
  lines: readonly PayrollLine[],
  months: readonly Month[],
  rates: readonly Decimal[],
  currency: Currency,
  who: (employeeId: string) => { team: string; name: string } | undefined,
  filter: CellFilter,
): PersonAmount[] {
  const byName = new Map<string, number>()
  const index = new Map(months.map((m, k) => [m, k]))
  for (const line of lines) {
    const k = index.get(line.month)
    const person = who(line.employeeId)
    if (k === undefined || !person) continue
    if (
      (filter.team !== undefined && person.team !== filter.team) ||
      (filter.month !== undefined && filter.month !== k)
    )
      continue
    let amount = 0
    for (const c of ACTUAL_COMPONENTS) {
      if (filter.component === undefined || filter.component === c) {
        amount += convertMinor(line.amounts[c], line.currency, currency, rates[k]!)
      }
    }
    byName.set(person.name, (byName.get(person.name) ?? 0) + amount)
  }
  return [...byName]
    .map(([name, amount]) => ({ name, amount }))
    .filter((p) => p.amount !== 0)
    .sort((a, b) => b.amount - a.amount)
}

/**
 * A side's amounts summed by month in `currency`, each (team, component, month) amount
 * converted at its month's rate and rounded once, as the variance cells are.
 */
export function monthlyTotals(
  side: VarianceSide,
  monthCount: number,
  currency: Currency,
): number[] {
  const totals = new Array<number>(monthCount).fill(0)
  for (const [key, local] of side.amounts) {
    const k = Number(key.slice(key.lastIndexOf('|') + 1))
    const rate = side.rates[k]!
    totals[k]! +=
      convertMinor(local.GBP, 'GBP', currency, rate) +
      convertMinor(local.USD, 'USD', currency, rate)
  }
  return totals
}
