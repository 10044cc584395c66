/**
 * Pending proposals where managers look: each new role or change with what it adds to the plan
 * (its cost over its first twelve months, and per fiscal year), computed from the projection with
 * the proposals applied, against the approved one for a change. Kept apart from the approved
 * figures, which never include them.
 */
import { fiscalPeriodText } from '../../../views/components/FiscalPeriod.tsx'
import type { ProposedRoleModel } from '../../../views/models/proposed-roles.ts'
import type { Database } from '../../db/open.ts'
import { listProposals } from '../../db/repos/proposals.ts'
import { fiscalYearOf, monthOf } from '../../domain/calendar.ts'
import type { Position } from '../../domain/model.ts'
import { canApprove } from '../auth/policy.ts'
import { scopePositions, type Viewer } from '../auth/viewer.ts'
import { positionMonthlyCost } from './projection-report.ts'
import type { ProjectionService, ProjectionView } from './projections.ts'

/** Any finance account, for asking whether finance may decide a proposal too. */
const FINANCE = { role: 'finance' } as Viewer

const startOf = (p: Position) => (p.kind === 'filled' ? p.startDate : p.targetStartDate)

export function proposedRoles(
  db: Database,
  projections: ProjectionService,
  viewer: Viewer,
  opts: { planId?: string; teamIds?: ReadonlySet<string> } = {},
): ProposedRoleModel[] {
  const approved = projections.view(viewer, { planId: opts.planId })
  const pending = scopePositions(
    viewer,
    listProposals(db, { status: 'pending', planId: approved.plan.id }),
  ).filter((p) => !opts.teamIds || opts.teamIds.has(p.teamId))
  if (pending.length === 0) return []
  const proposed = projections.view(viewer, { planId: opts.planId, include: 'all' })
  const { doc } = approved
  return pending.map((proposal) => {
    const p = proposal.position
    const cost = proposalCost(approved, proposed, p)
    const team = doc.teams.find((t) => t.id === p.teamId)?.name ?? ''
    const office = doc.offices.find((o) => o.id === p.officeId)?.name ?? ''
    const level = doc.levels.find((l) => l.id === p.levelId)?.code ?? ''
    return {
      proposalId: proposal.id,
      kind: proposal.kind,
      title: p.kind === 'filled' ? `${p.personName} (${p.title})` : p.title,
      teamId: p.teamId,
      where: [team, office, level].filter(Boolean).join(' · '),
      approvers: canApprove(FINANCE, proposal) ? 'leadership or finance' : 'leadership',
      currency: approved.projection.totals.currency,
      annualCost: cost.annual,
      annualMonths: cost.annualMonths,
      byFiscalYear: cost.byFiscalYear,
    }
  })
}

export interface ProposalCost {
  /** What it adds each month, in the views' currency (minor units). */
  monthly: number[]
  /** Over its first twelve months from its start (or the plan's, if it starts before). */
  annual: number
  /** Months behind `annual` (fewer than 12 when the plan ends sooner). */
  annualMonths: number
  byFiscalYear: { year: number; label: string; minor: number }[]
}

/**
 * What a proposal adds to the plan, from the projection with pending proposals applied against
 * the approved one: for a new role its whole cost, for a change the difference it makes. Both
 * views in the same currency, which is the currency of the result.
 */
export function proposalCost(
  approved: ProjectionView,
  proposed: ProjectionView,
  p: Position,
): ProposalCost {
  const { months, fiscalYearStartMonth } = approved.projection
  const withIt = positionMonthlyCost(proposed, p.id) ?? months.map(() => 0)
  const without = positionMonthlyCost(approved, p.id) ?? months.map(() => 0)
  const monthly = withIt.map((v, i) => v - without[i]!)
  const start = startOf(p)
  const from = Math.max(0, start ? months.indexOf(monthOf(start)) : 0)
  const first = monthly.slice(from, from + 12)
  const years = new Map<number, number>()
  months.forEach((m, i) => {
    const fy = fiscalYearOf(m, fiscalYearStartMonth)
    years.set(fy, (years.get(fy) ?? 0) + monthly[i]!)
  })
  return {
    monthly,
    annual: first.reduce((a, b) => a + b, 0),
    annualMonths: first.length,
    byFiscalYear: [...years].map(([year, minor]) => ({
      year,
      label: fiscalPeriodText(`FY${year}`, fiscalYearStartMonth),
      minor,
    })),
  }
}
