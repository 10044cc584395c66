/**
 * What an approver needs beside a pending proposal: who or what it is for, where the proposed pay
 * sits in its band, what it costs a year in the office's currency and the plan's, what it changes
 * in each fiscal year and in the team's budget headroom, and whether recruiting capacity allows
 * its start date. A proposal that would leave a team or its department over budget is marked:
 * only leadership or an admin may approve it.
 */
import type { ApprovalContext, BudgetEffect } from '../../../views/models/approval-context.ts'
import type { Proposal } from '../../db/repos/proposals.ts'
import { rangePenetration } from '../../domain/bands.ts'
import { formatDate, type ISODate, lastDay } from '../../domain/calendar.ts'
import { capacityLimitedStarts } from '../../domain/hiring/capacity.ts'
import { type HiringContext, isRecruiting, recruitingKeys } from '../../domain/hiring/schedule.ts'
import { Lru } from '../../domain/lru.ts'
import type { Position } from '../../domain/model.ts'
import { type Currency, formatMinor, formatMoney } from '../../domain/money.ts'
import { namesOf, positionName } from '../../domain/names.ts'
import { payAgainstBand, proposedPayDate } from '../../domain/pay-change.ts'
import { expectedStart, isProjected } from '../../domain/projection/terms.ts'
import type { Viewer } from '../auth/viewer.ts'
import { roleLabel } from './band-preview.ts'
import type { ProjectionService, ProjectionView } from './projections.ts'
import { withPending } from './proposals.ts'
import { proposalCost } from './proposed-roles.ts'
import { teamBudgetReport } from './team-budgets.ts'

export interface ContextInput {
  projections: ProjectionService
  viewer: Viewer
  planId: string
  pending: readonly Proposal[]
  hiring: HiringContext
  today: ISODate
}

/** Each pending proposal's context, by proposal id. */
export function approvalContexts(input: ContextInput): Map<string, ApprovalContext> {
  const { projections, viewer, planId, pending, today } = input
  const out = new Map<string, ApprovalContext>()
  if (pending.length === 0) return out
  const approved = projections.view(viewer, { planId })
  const proposed = projections.view(viewer, { planId, include: 'all' })
  const { doc, plan } = approved
  const reporting = approved.input.reportingCurrency
  const local = new Map<Currency, { approved: ProjectionView; proposed: ProjectionView }>()
  const viewsIn = (currency: Currency) => {
    let v = local.get(currency)
    if (!v) {
      v = {
        approved: projections.view(viewer, { planId, currency }),
        proposed: projections.view(viewer, { planId, currency, include: 'all' }),
      }
      local.set(currency, v)
    }
    return v
  }
  const report = teamBudgetReport(approved)
  const { checks } = report
  const moves = capacityMoves(withPending(plan.positions, pending), input.hiring)
  const names = namesOf(doc)

  for (const proposal of pending) {
    const p = proposal.position
    const office = doc.offices.find((o) => o.id === p.officeId)
    const currency = office?.currency ?? reporting
    const cost = proposalCost(approved, proposed, p)
    const localViews = viewsIn(currency)
    const localCost =
      currency === reporting ? cost : proposalCost(localViews.approved, localViews.proposed, p)

    const before = proposal.kind === 'change' ? (proposal.before ?? current(approved, p.id)) : null
    const judged = payAgainstBand(doc.salaryBands, p, proposedPayDate(before, p, today))
    const band = judged && {
      label: roleLabel(doc, p.familyId, p.levelId, p.officeId),
      range: `${formatMoney(judged.band.min, judged.band.currency)} to ${formatMoney(judged.band.max, judged.band.currency)}`,
      compaRatio: judged.compaRatio.toFixed(2),
      penetration: `${rangePenetration(judged.pay, judged.band).times(100).toFixed(0)}%`,
      bucket: judged.bucket,
    }

    const onBooks = (x: Position | null, day: ISODate) => {
      if (!x || !isProjected(x)) return 0
      const start = expectedStart(x, approved.input.ctx.fillTimes)
      const end = x.kind === 'filled' ? x.endDate : null
      return start <= day && (end === null || end >= day) ? 1 : 0
    }
    const owners = new Set(ancestry(doc.teams, p.teamId))
    const departmentId = doc.teams.find((t) => t.id === p.teamId)?.departmentId
    const budgets: BudgetEffect[] = []
    report.figures.years.forEach((year) => {
      const costChange = cost.byFiscalYear.find((y) => y.year === year.year)?.minor ?? 0
      const end = lastDay(approved.projection.months[year.monthIndexes.at(-1)!]!)
      const headsChange = onBooks(p, end) - onBooks(before, end)
      if (costChange === 0 && headsChange === 0) return
      for (const k of checks) {
        if (k.budget.fiscalYear !== year.year) continue
        const applies =
          k.budget.kind === 'team'
            ? owners.has(k.budget.ownerId)
            : k.budget.ownerId === departmentId
        if (!applies) continue
        const owner =
          k.budget.kind === 'team'
            ? doc.teams.find((t) => t.id === k.budget.ownerId)?.name
            : doc.departments.find((d) => d.id === k.budget.ownerId)?.name
        const costAfter = k.costHeadroom === null ? null : k.costHeadroom - costChange
        const headsAfter = k.headsHeadroom === null ? null : k.headsHeadroom - headsChange
        const over =
          (costAfter !== null && costAfter < 0 && costChange > 0) ||
          (headsAfter !== null && headsAfter < 0 && headsChange > 0)
        budgets.push({
          owner: `${owner ?? ''} ${year.label} (${year.covers})`,
          cost:
            k.costHeadroom === null || costAfter === null
              ? null
              : `${headroom(k.costHeadroom, reporting)} → ${headroom(costAfter, reporting)}`,
          heads:
            k.headsHeadroom === null || headsAfter === null
              ? null
              : `${headsRoom(k.headsHeadroom)} → ${headsRoom(headsAfter)}`,
          over,
        })
      }
    })

    out.set(proposal.id, {
      name: positionName(p, names),
      office: office?.name ?? '',
      level: doc.levels.find((l) => l.id === p.levelId)?.code ?? '',
      band,
      annualLocal: `${formatMinor(localCost.annual, currency)} in ${currency}`,
      annualReporting:
        currency === reporting ? null : `${formatMinor(cost.annual, reporting)} in ${reporting}`,
      annualMonths: cost.annualMonths,
      byFiscalYear: cost.byFiscalYear.map((y) => ({
        label: y.label,
        text: signed(y.minor, reporting),
      })),
      budgets,
      overBudget: budgets.some((b) => b.over),
      recruiting: recruitingEffect(p, moves),
      reason: proposal.reason,
    })
  }
  return out
}

function current(view: ProjectionView, positionId: string): Position | null {
  return view.plan.positions.find((x) => x.id === positionId) ?? null
}

/** The team and every team above it. */
function ancestry(teams: readonly { id: string; parentTeamId: string | null }[], teamId: string) {
  const ids: string[] = []
  for (let at: string | null = teamId; at !== null && !ids.includes(at); ) {
    ids.push(at)
    at = teams.find((t) => t.id === at)?.parentTeamId ?? null
  }
  return ids
}

const signed = (minor: number, currency: Currency) =>
  minor === 0 ? 'no change' : `${minor > 0 ? '+' : '−'}${formatMinor(Math.abs(minor), currency)}`

const headroom = (minor: number, currency: Currency) =>
  `${formatMinor(Math.abs(minor), currency)} ${minor < 0 ? 'over' : 'left'}`

const headsRoom = (n: number) => `${Math.abs(n)} ${n < 0 ? 'over the cap' : 'below the cap'}`

/**
 * The starts interviewer capacity allows for the plan with its pending proposals, kept by the roles
 * being recruited and the hiring setup (a salary change leaves them as they were).
 */
const movesKept = new Lru<string, ReturnType<typeof capacityLimitedStarts>>(8)

function capacityMoves(positions: readonly Position[], hiring: HiringContext) {
  const roles = recruitingKeys(positions, (r) => [JSON.stringify(hiring.fillTimes(r))])
  const key = JSON.stringify([hiring.setup, roles])
  let moves = movesKept.get(key)
  if (moves === undefined) {
    moves = capacityLimitedStarts(positions, hiring)
    movesKept.set(key, moves)
  }
  return moves
}

function recruitingEffect(p: Position, moves: ReturnType<typeof capacityLimitedStarts>): string {
  if (!isRecruiting(p)) return 'Nothing to recruit: the role is filled or not open.'
  if (moves.unplaceable.includes(p.id)) {
    return 'Interviewer capacity cannot place this role within two years: see Recruiting.'
  }
  const moved = moves.moved.find((m) => m.positionId === p.id)
  if (moved) {
    return `Interviewer capacity allows a start on ${formatDate(moved.to)} at the earliest, ${moved.monthsLater} month${moved.monthsLater === 1 ? '' : 's'} after the planned ${formatDate(moved.from)}.`
  }
  return p.targetStartDate
    ? `Interviewer capacity allows the planned start, ${formatDate(p.targetStartDate)}.`
    : 'Interviewer capacity allows the expected start.'
}
