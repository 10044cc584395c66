/**
 * Which edits need review, and the plan as it would be with pending proposals. A manager's new
 * role, and a manager's change to a role's level, salary or start date, is a proposal until
 * approved; other edits (title, office, a person's name) and every edit by admin, leadership or
 * finance apply at once. Pay above the band's maximum may be approved by finance as well.
 */

import type { TeamProposal } from '../../../views/partials/TeamProposals.tsx'
import type { Database } from '../../db/open.ts'
import { recordAudit } from '../../db/repos/audit.ts'
import {
  countPending,
  createProposal,
  listProposals,
  type Proposal,
  proposalAudit,
} from '../../db/repos/proposals.ts'
import { userNames } from '../../db/repos/users.ts'
import type { ISODate } from '../../domain/calendar.ts'
import { formatDate } from '../../domain/calendar.ts'
import type { WorkspaceDocument } from '../../domain/document.ts'
import type { Position } from '../../domain/model.ts'
import { changeEffectiveDate, payAgainstBand } from '../../domain/pay-change.ts'
import { can } from '../auth/policy.ts'
import type { Viewer } from '../auth/viewer.ts'

/** Fields whose change by a manager needs approval. */
export const REVIEWED_FIELDS = ['levelId', 'baseSalary', 'startDate', 'targetStartDate'] as const

const startOf = (p: Position) => (p.kind === 'filled' ? p.startDate : p.targetStartDate)

/**
 * The reviewed fields `after` changes (every field's name for a new role), or null when the edit
 * applies at once.
 */
export function reviewNeeded(
  viewer: Viewer,
  before: Position | null,
  after: Position,
): string[] | null {
  if (viewer.role !== 'manager') return null
  if (before === null) return ['newRole']
  const changed: string[] = []
  if (before.levelId !== after.levelId) changed.push('levelId')
  if (!before.baseSalary.eq(after.baseSalary)) changed.push('baseSalary')
  if (startOf(before) !== startOf(after))
    changed.push(after.kind === 'filled' ? 'startDate' : 'targetStartDate')
  return changed.length > 0 ? changed : null
}

/** Marks a proposal of pay above the band made by finance: finance may not approve these. */
export const PAY_CHANGE = 'payChange'

/** Who or what a proposal is for: the person and their title, or an open role's title. */
export function proposalTitle(p: Proposal): string {
  const x = p.position
  return x.kind === 'filled' ? `${x.personName} (${x.title})` : x.title
}

/** What kind of proposal it is, in words: a new role, a pay change or another change. */
export function proposalKind(p: Proposal): string {
  if (p.kind === 'new_role') return 'New role'
  return p.changed.includes(PAY_CHANGE) ? 'Pay change' : 'Change'
}

/** Whether any row this viewer imports can need review (a manager's or finance's; not an admin's). */
export const importsReviewed = (viewer: Viewer) =>
  viewer.role === 'manager' || viewer.role === 'finance'

/**
 * What a row of a CSV import needs, by the rules of the form it mirrors: a manager's row by the
 * edit form's (`reviewNeeded`), finance's by the pay form's (pay above the band's maximum is for
 * leadership to approve, marked PAY_CHANGE). The reviewed fields, or null when it applies at once.
 */
export function importReview(
  viewer: Viewer,
  doc: WorkspaceDocument,
  before: Position | null,
  after: Position,
  today: ISODate,
): string[] | null {
  if (!importsReviewed(viewer)) return null
  if (viewer.role === 'manager') return reviewNeeded(viewer, before, after)
  const payChanged = before === null || !before.baseSalary.eq(after.baseSalary)
  return payChanged && payAboveBand(doc, after, today) ? [PAY_CHANGE] : null
}

/**
 * Whether the pay is above the maximum of the band in force on the day the change takes effect
 * (`effective`, by default the change's own date from `changeEffectiveDate`).
 */
export function payAboveBand(
  doc: WorkspaceDocument,
  p: Position,
  today: ISODate,
  effective: ISODate = changeEffectiveDate(p, today),
): boolean {
  return payAgainstBand(doc.salaryBands, p, effective)?.bucket === 'above_max'
}

/** The positions as they would be with every pending proposal of this plan applied. */
export function withPending(
  positions: readonly Position[],
  pending: readonly Proposal[],
): Position[] {
  const changes = new Map(pending.filter((p) => p.kind === 'change').map((p) => [p.positionId, p]))
  const merged = positions.map((p) => changes.get(p.id)?.position ?? p)
  const known = new Set(positions.map((p) => p.id))
  return [
    ...merged,
    ...pending
      .filter((p) => p.kind === 'new_role' && !known.has(p.positionId))
      .map((p) => p.position),
  ]
}

/**
 * How many proposals wait for `viewer` to decide, for the navigation: every pending one for
 * leadership and admins, those paying above the band for finance, none for anyone else.
 */
export function waitingFor(db: Database, viewer: Viewer): number {
  if (!can(viewer, 'approve')) return 0
  return countPending(db, { financeOnly: viewer.role === 'finance' })
}

/** Proposals for these teams shown on a team's page: the newest this many. */
const TEAM_PROPOSALS_SHOWN = 20

/** The teams' proposals, newest first, each with its state and who decided it when. */
export function teamProposals(db: Database, teamIds: ReadonlySet<string>): TeamProposal[] {
  const names = userNames(db)
  const name = (id: string) => names.get(id) ?? 'a former user'
  return listProposals(db)
    .filter((p) => teamIds.has(p.teamId))
    .reverse()
    .slice(0, TEAM_PROPOSALS_SHOWN)
    .map((p) => ({
      id: p.id,
      title: proposalTitle(p),
      kind: proposalKind(p),
      proposedBy: name(p.proposedBy),
      proposedAt: formatDate(p.proposedAt.slice(0, 10)),
      status: p.status,
      decided:
        p.decidedBy && p.decidedAt
          ? `by ${name(p.decidedBy)}, ${formatDate(p.decidedAt.slice(0, 10))}`
          : null,
      comment: p.comment,
    }))
}

/**
 * A manager's new role or change to level, salary or start date, stored as a proposal with its
 * audit entry instead of applied; null when the edit needs no review and applies at once.
 */
export function proposeEdit(
  db: Database,
  e: {
    viewer: Viewer
    planId: string
    doc: WorkspaceDocument
    today: ISODate
    before: Position | null
    after: Position
    baseVersion: number | null
    reason: string
  },
  now: Date,
): Proposal | null {
  const changed = reviewNeeded(e.viewer, e.before, e.after)
  if (!changed) return null
  return db.transaction(() => {
    const created = createProposal(
      db,
      {
        planId: e.planId,
        kind: e.before ? 'change' : 'new_role',
        position: e.after,
        baseVersion: e.baseVersion,
        before: e.before,
        changed,
        payAboveBand: payAboveBand(e.doc, e.after, e.today),
        proposedBy: e.viewer.userId,
        reason: e.reason,
      },
      now,
    )
    recordAudit(db, proposalAudit(e.viewer.userId, 'proposal.create', created, e.before), now)
    return created
  })()
}
