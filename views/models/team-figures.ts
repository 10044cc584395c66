/**
 * What the organisation, team and positions pages render of a team: its figures (headcount, open
 * roles, cost over the plan's horizon), the figures table and the team page's charts.
 */
import type { Month } from '../../src/domain/calendar.ts'
import type { Currency, Minor } from '../../src/domain/money.ts'

export interface TeamFigures {
  teamId: string
  name: string
  peopleNow: number
  /** Heads on the books at the end of the plan's last month. */
  headcountEnd: number
  openRoles: number
  /** Reporting-currency minor units over the plan's horizon; null if the viewer may not see pay. */
  cost: Minor | null
  /**
   * For a team with subteams, which positions the figures count: its own only, or its own and its
   * subteams'. Unset for a team without subteams, where the two are the same.
   */
  covers?: 'own' | 'with_subteams'
}

/** The figures table: teams (each with its subteams) and the plan's total. */
export interface FiguresTable {
  teams: TeamFigures[]
  plan: TeamFigures
  /** "Plan total", or "All your teams" for a viewer who sees only some. */
  planLabel: string
  firstMonth: Month
  lastMonth: Month
  currency: Currency
  showCost: boolean
}

/** A team page's growth chart and cost by component: what an edit on that page swaps in afresh. */
export interface TeamChartsModel {
  teamName: string
  /** Heads at each month end: the team with its subteams, then each subteam. */
  growth: { months: Month[]; series: { name: string; values: number[] }[] }
  /** Null when the viewer may not see pay. */
  costByComponent: { label: string; total: Minor }[] | null
  currency: Currency
}
