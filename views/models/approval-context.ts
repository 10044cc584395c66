/** What the approvals page shows beside a pending proposal, already worded for people. */

/** A budget the proposal touches, for one fiscal year: its headroom before and after. */
export interface BudgetEffect {
  /** "Interpretability FY2027" */
  owner: string
  /** "£472,777.81 left → £400,277.81 left"; null without a cost budget. */
  cost: string | null
  /** "1 below the cap → 0 below the cap"; null without a cap. */
  heads: string | null
  /** Approving it would take (or keep) the owner over budget. */
  over: boolean
}

export interface ApprovalContext {
  /** The person or open role, by name with team, office and start. */
  name: string
  office: string
  level: string
  band: {
    /** "Research Scientist L5, London" */
    label: string
    /** "£120,000.00 to £180,000.00" */
    range: string
    compaRatio: string
    penetration: string
    bucket: string
  } | null
  /** "£182,000.00 in GBP": its first twelve months (or the change in them). */
  annualLocal: string
  /** The same in the plan's reporting currency, when that differs. */
  annualReporting: string | null
  annualMonths: number
  byFiscalYear: { label: string; text: string }[]
  budgets: BudgetEffect[]
  /** Leadership or an admin only: it would leave a team or department over budget. */
  overBudget: boolean
  recruiting: string
  reason: string | null
}
