/** A pending proposal as the pages show it: the role, its state, and what it adds to the plan. */
import type { Currency } from '../../src/domain/money.ts'

export interface ProposedRoleModel {
  proposalId: string
  kind: 'new_role' | 'change'
  title: string
  teamId: string
  /** "Interpretability · London · L4" */
  where: string
  /** Who decides it, in words ("leadership"). */
  approvers: string
  currency: Currency
  /** For a new role, its cost over its first twelve months in the plan; for a change, the change. */
  annualCost: number
  /** Months behind annualCost (fewer than 12 when the plan ends sooner). */
  annualMonths: number
  /** Cost (or change in cost) per fiscal year of the plan, in minor units. */
  byFiscalYear: { label: string; minor: number }[]
}
