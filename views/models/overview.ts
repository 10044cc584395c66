/**
 * The overview as leadership, finance and managers read it: the current and next fiscal year's
 * cost and year-end heads (approved, and with pending proposals) against the team budgets, by
 * department and team, with what moved since last month, the hiring this quarter and what needs
 * attention. Amounts are minor units of `currency`; every figure carries the link that explains it.
 */
import type { Currency } from '../../src/domain/money.ts'

/** A figure and where it is explained. */
export interface Figure {
  value: number
  href: string
}

export interface OverviewYear {
  year: number
  /** "FY2027" */
  label: string
  /** "This fiscal year" or "Next fiscal year" (or "First fiscal year of the plan"). */
  role: string
  /** "Jan 2027 to Dec 2027", with the part the plan covers when it covers less. */
  covers: string
  cost: Figure
  costWithProposals: Figure
  heads: Figure
  headsWithProposals: Figure
  /**
   * What payroll paid in the year's closed months and the approved plan for the rest; null when
   * none of its months is closed. `paid` names the closed months ("January–March 2027").
   */
  latestEstimate: { figure: Figure; paid: string } | null
  /** Null when no budget is set for any team in view. */
  budget: BudgetFigures | null
}

export interface BudgetFigures {
  cost: number | null
  costHeadroom: number | null
  headcountCap: number | null
  headsHeadroom: number | null
  /** "Budgets set for 5 of 6 teams": said when some teams have none. */
  coverage: string | null
}

/** A row of the table by department and team, for one fiscal year. */
export interface OverviewRow {
  name: string
  /** "Department", "Team", "Team with subteams", "Subteam of Interpretability". */
  what: string
  depth: 0 | 1 | 2
  href: string | null
  /** The team's own positions; null for a department (it has none of its own). */
  ownCost: Figure | null
  /** The department's teams, or the team with its subteams. */
  cost: Figure
  costWithProposals: Figure
  ownHeads: number | null
  heads: number
  budgetCost: number | null
  costHeadroom: number | null
  headcountCap: number | null
  headsHeadroom: number | null
  over: boolean
}

export interface OverviewTable {
  label: string
  covers: string
  rows: OverviewRow[]
  /** Company-wide lines (levy, desks, attrition) not held by a team; null for a manager. */
  company: Figure | null
}

export interface Movement {
  /** "Jan 2027" and "Dec 2026". */
  month: string
  previous: string
  cost: number
  costChange: number
  heads: number
  headsChange: number
}

export interface ExpectedHire {
  name: string
  team: string
  start: string
  href: string
}

export interface AttentionItem {
  /** A short sentence saying what is wrong. */
  text: string
  href: string
  /** The link's words: where it is fixed. */
  action: string
}

export interface OverviewModel {
  planName: string
  currency: Currency
  /** Links that switch the currency (each remembered for next time). */
  currencies: { currency: Currency; href: string; current: boolean }[]
  /** "all teams" or "your teams: Interpretability". */
  scope: string
  asOf: string
  years: OverviewYear[]
  tables: OverviewTable[]
  /** In a non-reporting currency, how budgets were converted. */
  budgetNote: string | null
  /** Null before the plan's second month (nothing to compare with). */
  movement: Movement | null
  /** Why there is no movement, when there is none. */
  movementNote: string | null
  openRoles: number
  openRolesHref: string
  quarter: string
  hiresThisQuarter: ExpectedHire[]
  attention: AttentionItem[]
}
