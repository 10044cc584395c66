/**
 * Budgets: per plan and fiscal year, a headcount cap and a cost budget (in the plan's reporting
 * currency) for a team or a department. A team's budget covers the team with its subteams, as
 * its manager runs it; a department's budget is checked against the sum of its top-level teams'
 * budgets. The plan is compared with a budget by its cost over the fiscal year's months and its
 * heads on the books at the year's end.
 */
import * as z from 'zod'
import { addMonths, fiscalYearOf, formatMonthShort, lastDay, type Month } from './calendar.ts'
import type { FillTimesLookup } from './hiring/time-to-fill.ts'
import { id, money, type Position, type Team } from './model.ts'
import { type Minor, toMinor } from './money.ts'
import { rollUpTeams, type Series } from './projection/result.ts'
import { expectedStart, isProjected } from './projection/terms.ts'

export const BUDGET_KINDS = ['team', 'department'] as const
export type BudgetKind = (typeof BUDGET_KINDS)[number]

export const teamBudget = z
  .object({
    planId: id,
    kind: z.enum(BUDGET_KINDS),
    /** The team's or the department's id, as `kind` says. */
    ownerId: id,
    fiscalYear: z.number().int().min(1900).max(2200),
    /** Heads on the books at the fiscal year's end; null sets no cap. */
    headcountCap: z.number().int().min(0).max(1_000_000).nullable(),
    /** Employer cost over the fiscal year in the plan's reporting currency; null sets none. */
    cost: money.nullable(),
  })
  .refine((b) => b.headcountCap !== null || b.cost !== null, {
    message: 'set a headcount cap, a cost budget or both',
    path: ['cost'],
  })

export type TeamBudget = z.output<typeof teamBudget>

/** Identifies a budget: one per plan, owner and fiscal year. */
export const teamBudgetKey = (b: Pick<TeamBudget, 'planId' | 'kind' | 'ownerId' | 'fiscalYear'>) =>
  `${b.planId}|${b.kind}|${b.ownerId}|${b.fiscalYear}`

export interface FiscalYear {
  year: number
  /** "FY2027" */
  label: string
  /** The fiscal year's first and last months, whether or not the plan covers all of them. */
  first: Month
  last: Month
  /** The months of the year the plan covers (its indexes into the plan's months). */
  monthIndexes: number[]
  /** "Jan 2027 to Dec 2027", and "(plan covers Jan to Jun 2027)" when it covers only part. */
  covers: string
}

/** The fiscal years the plan's months fall in, in order. */
export function fiscalYearsOf(months: readonly Month[], fiscalStartMonth: number): FiscalYear[] {
  const years = new Map<number, number[]>()
  months.forEach((m, i) => {
    const fy = fiscalYearOf(m, fiscalStartMonth)
    const list = years.get(fy) ?? []
    list.push(i)
    years.set(fy, list)
  })
  return [...years].map(([year, monthIndexes]) => {
    const startYear = fiscalStartMonth === 1 ? year : year - 1
    const first = `${startYear}-${String(fiscalStartMonth).padStart(2, '0')}`
    const last = addMonths(first, 11)
    const whole = `${formatMonthShort(first)} to ${formatMonthShort(last)}`
    const from = months[monthIndexes[0]!]!
    const to = months[monthIndexes.at(-1)!]!
    const partial = from !== first || to !== last
    return {
      year,
      label: `FY${year}`,
      first,
      last,
      monthIndexes,
      covers: partial
        ? `${whole} (the plan covers ${formatMonthShort(from)} to ${formatMonthShort(to)})`
        : whole,
    }
  })
}

/** Per team, one figure per fiscal year (index-aligned with the years). */
export type ByYear = Map<string, number[]>

export interface PlanYearFigures {
  years: FiscalYear[]
  /** Cost in reporting-currency minor units: the team alone, and with its subteams. */
  costOwn: ByYear
  costWithSubteams: ByYear
  /** Heads on the books at the end of each year (or of the plan, if it ends sooner). */
  headsOwn: ByYear
  headsWithSubteams: ByYear
}

/**
 * The plan's cost and year-end heads per team and fiscal year. `costByTeam` is each team's own
 * monthly cost series (the projection's totals by team, in the reporting currency).
 */
export function planYearFigures(input: {
  months: readonly Month[]
  fiscalStartMonth: number
  teams: readonly Team[]
  costByTeam: ReadonlyMap<string, Series>
  positions: readonly Position[]
  fillTimes: FillTimesLookup
}): PlanYearFigures {
  const years = fiscalYearsOf(input.months, input.fiscalStartMonth)
  const costOwn: ByYear = new Map()
  for (const [teamId, series] of input.costByTeam) {
    costOwn.set(
      teamId,
      years.map((y) => y.monthIndexes.reduce((sum, i) => sum + (series[i] ?? 0), 0)),
    )
  }
  const ends = years.map((y) => lastDay(input.months[y.monthIndexes.at(-1)!]!))
  const headsOwn: ByYear = new Map()
  for (const p of input.positions) {
    if (!isProjected(p)) continue
    const start = expectedStart(p, input.fillTimes)
    const end = p.kind === 'filled' ? p.endDate : null
    const row = headsOwn.get(p.teamId) ?? years.map(() => 0)
    ends.forEach((day, i) => {
      if (start <= day && (end === null || end >= day)) row[i]!++
    })
    headsOwn.set(p.teamId, row)
  }
  return {
    years,
    costOwn,
    costWithSubteams: rollUpTeams(costOwn, input.teams),
    headsOwn,
    headsWithSubteams: rollUpTeams(headsOwn, input.teams),
  }
}

export interface BudgetCheck {
  budget: TeamBudget
  /** What the plan holds for the owner in that year (a team with its subteams). */
  plannedCost: Minor
  plannedHeads: number
  /** TeamBudget minus plan: negative when the plan is over. Null where the budget sets no figure. */
  costHeadroom: Minor | null
  headsHeadroom: number | null
  over: boolean
}

/** Each budget of the plan against the plan's figures; years outside the plan are skipped. */
export function checkBudgets(
  budgets: readonly TeamBudget[],
  figures: PlanYearFigures,
  teams: readonly Team[],
): BudgetCheck[] {
  const yearIndex = new Map(figures.years.map((y, i) => [y.year, i]))
  const out: BudgetCheck[] = []
  for (const b of budgets) {
    const i = yearIndex.get(b.fiscalYear)
    if (i === undefined) continue
    const owners = b.kind === 'team' ? [b.ownerId] : topTeamsOf(teams, b.ownerId)
    const sum = (m: ByYear) => owners.reduce((s, t) => s + (m.get(t)?.[i] ?? 0), 0)
    const plannedCost = sum(figures.costWithSubteams) as Minor
    const plannedHeads = sum(figures.headsWithSubteams)
    const costHeadroom = b.cost === null ? null : ((toMinor(b.cost) - plannedCost) as Minor)
    const headsHeadroom = b.headcountCap === null ? null : b.headcountCap - plannedHeads
    out.push({
      budget: b,
      plannedCost,
      plannedHeads,
      costHeadroom,
      headsHeadroom,
      over: (costHeadroom ?? 0) < 0 || (headsHeadroom ?? 0) < 0,
    })
  }
  return out
}

/** A department's teams that are not subteams of another team in the same department. */
export function topTeamsOf(teams: readonly Team[], departmentId: string): string[] {
  const inDept = new Set(teams.filter((t) => t.departmentId === departmentId).map((t) => t.id))
  return teams
    .filter((t) => inDept.has(t.id) && (t.parentTeamId === null || !inDept.has(t.parentTeamId)))
    .map((t) => t.id)
}

export interface DepartmentShortfall {
  departmentId: string
  fiscalYear: number
  /** Which figure: the department's budget is below the sum of its teams' budgets. */
  field: 'cost' | 'headcountCap'
  department: number
  teams: number
}

/**
 * Department budgets set below what their top-level teams' budgets add up to, for the same plan
 * and year (cost in minor units). A team without a budget for that figure adds nothing.
 */
export function departmentShortfalls(
  budgets: readonly TeamBudget[],
  teams: readonly Team[],
): DepartmentShortfall[] {
  const byKey = new Map(budgets.map((b) => [teamBudgetKey(b), b]))
  const out: DepartmentShortfall[] = []
  for (const d of budgets) {
    if (d.kind !== 'department') continue
    const own = topTeamsOf(teams, d.ownerId)
      .map((t) => byKey.get(teamBudgetKey({ ...d, kind: 'team', ownerId: t })))
      .filter((b): b is TeamBudget => b !== undefined)
    if (d.cost !== null) {
      const department = toMinor(d.cost)
      const sum = own.reduce((s, b) => s + (b.cost === null ? 0 : toMinor(b.cost)), 0)
      if (sum > department) out.push({ ...ownerYear(d), field: 'cost', department, teams: sum })
    }
    if (d.headcountCap !== null) {
      const sum = own.reduce((s, b) => s + (b.headcountCap ?? 0), 0)
      if (sum > d.headcountCap) {
        out.push({ ...ownerYear(d), field: 'headcountCap', department: d.headcountCap, teams: sum })
      }
    }
  }
  return out
}

const ownerYear = (d: TeamBudget) => ({ departmentId: d.ownerId, fiscalYear: d.fiscalYear })
