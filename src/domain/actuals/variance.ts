/**
 * Variance of actual (or latest estimate) against a locked budget, split into volume, rate and FX
 * effect as docs/actuals.md defines it:
 *   FX effect = actual local amounts at the actual rates - the same amounts at the budget rates;
 *   volume    = (actual head-months - budget head-months) x budget cost per head-month;
 *   rate      = the rest of the variance at budget rates (pay, taxes and benefits per head).
 * Each (team, component, month) cell is split on its own and the splits are summed upwards, so
 * volume + rate + FX = actual - budget holds to the penny in every cell, row and total.
 */
import { ratioOf, roundDiv } from '../exact.ts'
import { convertMinor as convertExact } from '../fx.ts'
import type { Currency, Decimal } from '../money.ts'
import type { PositionComponent } from '../projection/components.ts'

/** What payroll reports pay under: the engine's components gathered the way payslips show them. */
export const ACTUAL_COMPONENTS = [
  'salary',
  'bonus',
  'employer_tax',
  'retirement',
  'benefits',
  'other',
] as const
export type ActualComponent = (typeof ACTUAL_COMPONENTS)[number]

export const ACTUAL_COMPONENT_LABEL: Record<ActualComponent, string> = {
  salary: 'Salary',
  bonus: 'Bonus',
  employer_tax: 'Employer NIC or FICA',
  retirement: 'Pension or 401(k)',
  benefits: 'Benefits',
  other: 'Other pay',
}

/**
 * The engine's position components as payroll pays them; null for what payroll does not pay:
 * equity expense (an accounting charge, not cash) and hiring costs (paid to agencies and the
 * Home Office or USCIS). Those, and the company lines (levy, desks), are outside the variance.
 */
export const PAYROLL_COMPONENT_OF: Record<PositionComponent, ActualComponent | null> = {
  salary: 'salary',
  bonus: 'bonus',
  pension: 'retirement',
  pension_cash_allowance: 'retirement',
  k401_match: 'retirement',
  employer_nic: 'employer_tax',
  class1a_nic: 'employer_tax',
  social_security: 'employer_tax',
  medicare: 'employer_tax',
  futa: 'employer_tax',
  state_unemployment: 'employer_tax',
  equity_employer_tax: 'employer_tax',
  benefits: 'benefits',
  parental_cover: 'benefits',
  office_lunch: 'benefits',
  commuting_stipend: 'other',
  hiring: null,
  equity_expense: null,
}

/** One side's local amounts, minor units, for one (team, component, month). */
export interface LocalAmounts {
  GBP: number
  USD: number
}

/**
 * One side of the comparison (the budget, or the actuals and forecast), as sparse cells.
 * `amounts` keys are `${team}|${component}|${monthIndex}`; `heads` keys `${team}|${monthIndex}`.
 */
export interface VarianceSide {
  amounts: Map<string, LocalAmounts>
  /** Head-months: people on the books (paid, for actuals) in the team that month. */
  heads: Map<string, number>
  /** USD per GBP for each month this side is translated at. */
  rates: readonly Decimal[]
}

export const amountKey = (team: string, component: ActualComponent, month: number) =>
  `${team}|${component}|${month}`
export const headKey = (team: string, month: number) => `${team}|${month}`

export interface VarianceCell {
  team: string
  component: ActualComponent
  month: number
  budget: number
  actual: number
  volume: number
  rate: number
  fx: number
  budgetHeads: number
  actualHeads: number
}

/** Minor units converted at `usdPerGbp`, rounded half-up to the penny/cent (the engine's path). */
export function convertMinor(minor: number, from: Currency, to: Currency, usdPerGbp: Decimal) {
  return convertExact(minor, from, to, ratioOf(usdPerGbp))
}

const inReporting = (a: LocalAmounts, to: Currency, usdPerGbp: Decimal) =>
  convertMinor(a.GBP, 'GBP', to, usdPerGbp) + convertMinor(a.USD, 'USD', to, usdPerGbp)

const NONE: LocalAmounts = { GBP: 0, USD: 0 }

/**
 * Splits every cell either side has. `budgetRates` translate both sides for the volume and rate
 * effects; the actual side's own rates give the FX effect. Cost per head-month comes from the
 * budget's own cell; where the budget has no heads in that team and month but does in the year,
 * the team's cost per head-month for the year in that component is used, else volume is zero and
 * the whole difference is rate.
 */
export function splitVariance(
  budget: VarianceSide,
  actual: VarianceSide,
  reporting: Currency,
): VarianceCell[] {
  const keys = new Set([...budget.amounts.keys(), ...actual.amounts.keys()])
  const yearly = yearlyCostPerHead(budget, reporting)
  const cells: VarianceCell[] = []
  for (const key of keys) {
    const [team, component, monthText] = key.split('|') as [string, ActualComponent, string]
    const month = Number(monthText)
    const budgetRate = budget.rates[month]!
    const b = inReporting(budget.amounts.get(key) ?? NONE, reporting, budgetRate)
    const localActual = actual.amounts.get(key) ?? NONE
    const actualAtBudgetRate = inReporting(localActual, reporting, budgetRate)
    const a = inReporting(localActual, reporting, actual.rates[month]!)
    const budgetHeads = budget.heads.get(headKey(team, month)) ?? 0
    const actualHeads = actual.heads.get(headKey(team, month)) ?? 0
    const volume = volumeEffect(
      b,
      budgetHeads,
      actualHeads,
      yearly.get(`${team}|${component}`) ?? null,
    )
    cells.push({
      team,
      component,
      month,
      budget: b,
      actual: a,
      volume,
      rate: actualAtBudgetRate - b - volume,
      fx: a - actualAtBudgetRate,
      budgetHeads,
      actualHeads,
    })
  }
  return cells
}

/** (actual heads - budget heads) x budget cost per head-month, to the penny. */
function volumeEffect(
  budget: number,
  budgetHeads: number,
  actualHeads: number,
  yearly: { cost: number; heads: number } | null,
): number {
  const change = actualHeads - budgetHeads
  if (change === 0) return 0
  if (budgetHeads > 0) return roundDiv(budget * change, budgetHeads)
  if (yearly && yearly.heads > 0) return roundDiv(yearly.cost * change, yearly.heads)
  return 0
}

function yearlyCostPerHead(side: VarianceSide, reporting: Currency) {
  const totals = new Map<string, { cost: number; heads: number }>()
  for (const [key, amounts] of side.amounts) {
    const [team, component, monthText] = key.split('|') as [string, string, string]
    const month = Number(monthText)
    const heads = side.heads.get(headKey(team, month)) ?? 0
    if (heads === 0) continue
    const entry = totals.get(`${team}|${component}`) ?? { cost: 0, heads: 0 }
    entry.cost += inReporting(amounts, reporting, side.rates[month]!)
    entry.heads += heads
    totals.set(`${team}|${component}`, entry)
  }
  return totals
}

/** A cell's figures summed over a group. */
export type VarianceTotals = Omit<VarianceCell, 'team' | 'component' | 'month'>

export const ZERO_TOTALS: VarianceTotals = {
  budget: 0,
  actual: 0,
  volume: 0,
  rate: 0,
  fx: 0,
  budgetHeads: 0,
  actualHeads: 0,
}

/**
 * Cells summed by `group` (team, component, month or ''). Head-months are counted once per team
 * and month, not once per component, so a group spanning components does not multiply them.
 */
export function sumVariance(
  cells: readonly VarianceCell[],
  group: (cell: VarianceCell) => string,
): Map<string, VarianceTotals> {
  const out = new Map<string, VarianceTotals>()
  const headsCounted = new Set<string>()
  for (const c of cells) {
    const key = group(c)
    const t = { ...(out.get(key) ?? ZERO_TOTALS) }
    t.budget += c.budget
    t.actual += c.actual
    t.volume += c.volume
    t.rate += c.rate
    t.fx += c.fx
    const headsOnce = `${key}§${c.team}|${c.month}`
    if (!headsCounted.has(headsOnce)) {
      headsCounted.add(headsOnce)
      t.budgetHeads += c.budgetHeads
      t.actualHeads += c.actualHeads
    }
    out.set(key, t)
  }
  return out
}
