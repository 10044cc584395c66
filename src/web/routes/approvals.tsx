/**
 * The approval queue. Approvers (admin, leadership; finance for pay above the band) see every
 * pending proposal and decide it; managers see their own teams' proposals and how they were
 * decided. A decision carries the proposal's version: a proposal decided meanwhile, or a role
 * changed since it was proposed, answers 409 and nothing is written.
 */
import { type Context, Hono } from 'hono'
import * as z from 'zod'
import { type ApprovalRow, Approvals } from '../../../views/pages/Approvals.tsx'
import { recordAudit } from '../../db/repos/audit.ts'
import { getPosition } from '../../db/repos/positions.ts'
import {
  decideProposal,
  getProposal,
  listProposals,
  type Proposal,
  proposalAudit,
} from '../../db/repos/proposals.ts'
import { listUsers } from '../../db/repos/users.ts'
import { formatDate } from '../../domain/calendar.ts'
import type { WorkspaceDocument } from '../../domain/document.ts'
import type { Position } from '../../domain/model.ts'
import { formatMoney } from '../../domain/money.ts'
import type { AppDeps } from '../app.ts'
import { canApprove } from '../auth/policy.ts'
import { scopePositions, type Viewer } from '../auth/viewer.ts'

const decisionForm = z
  .object({
    version: z.coerce.number({ error: 'is missing' }).int().min(1),
    decision: z.enum(['approved', 'sent_back'], { error: 'must be approve or send back' }),
    comment: z.string().trim().max(2000, 'must be at most 2,000 characters').default(''),
  })
  .refine((f) => f.decision === 'approved' || f.comment !== '', {
    path: ['comment'],
    message: 'say why the proposal is sent back',
  })

/** How many decided proposals the page lists, newest first. */
const DECIDED_SHOWN = 50

export function approvalRoutes({
  db,
  clock,
  projections,
}: Pick<AppDeps, 'db' | 'clock' | 'projections'>) {
  function rowsFor(viewer: Viewer, errors: Record<string, string> = {}) {
    const doc = projections.workspace()
    const names = new Map(listUsers(db).map((u) => [u.id, u.name]))
    const all = scopePositions(viewer, listProposals(db))
    const row = (p: Proposal): ApprovalRow => ({
      id: p.id,
      version: p.version,
      kind: p.kind === 'new_role' ? 'New role' : 'Change',
      team: doc.teams.find((t) => t.id === p.teamId)?.name ?? p.teamId,
      title: p.position.title,
      proposedBy: names.get(p.proposedBy) ?? 'a former user',
      proposedAt: formatDate(p.proposedAt.slice(0, 10)),
      status: p.status,
      comment: p.comment,
      changes: describeChanges(doc, p, p.before ?? baseline(doc, p)),
      payAboveBand: p.payAboveBand,
      canDecide: canApprove(viewer, p),
      error: errors[p.id],
    })
    return {
      pending: all.filter((p) => p.status === 'pending').map(row),
      decided: all
        .filter((p) => p.status !== 'pending')
        .reverse()
        .slice(0, DECIDED_SHOWN)
        .map(row),
    }
  }

  function page(c: Context, status: 200 | 400 | 409 | 422, notice?: string, errors = {}) {
    c.status(status)
    return c.render(<Approvals {...rowsFor(c.get('viewer'), errors)} notice={notice} />, {
      title: 'Approvals',
    })
  }

  return new Hono()
    .get('/approvals', (c) => {
      const proposed = c.req.query('proposed')
      const decided = c.req.query('decided')
      const notice = proposed
        ? 'Your change was sent for approval. The plan shows it once it is approved.'
        : decided
          ? 'Decision saved.'
          : undefined
      return page(c, 200, notice)
    })
    .post('/approvals/:id/decide', async (c) => {
      const viewer = c.get('viewer')
      const proposal = getProposal(db, c.req.param('id'))
      // the queue holds every team's proposals; approvers see them all, so no scope to hide
      if (!proposal) return c.notFound()
      if (!canApprove(viewer, proposal)) {
        return c.text('Finance may approve only pay above the band.', 403)
      }
      const form = decisionForm.safeParse(await c.req.parseBody())
      if (!form.success) {
        const message = form.error.issues
          .map((i) => `${String(i.path[0] ?? 'form')}: ${i.message}`)
          .join('; ')
        return page(c, 422, undefined, { [proposal.id]: message })
      }
      const { version, decision, comment } = form.data
      const now = clock()
      const before = getPosition(db, proposal.planId, proposal.positionId)?.position ?? null
      const result = db.transaction(() => {
        const r = decideProposal(
          db,
          proposal.id,
          version,
          { decision, comment: comment || null, userId: viewer.userId },
          now,
        )
        if (r.ok) {
          const action = decision === 'approved' ? 'proposal.approved' : 'proposal.sent_back'
          recordAudit(db, proposalAudit(viewer.userId, action, r.proposal, before), now)
        }
        return r
      })()
      if (result.ok) return c.redirect(`/approvals?decided=${proposal.id}`, 303)
      if (result.reason === 'not_found') return c.notFound()
      const message =
        result.reason === 'stale'
          ? `Someone else decided this first: it is now ${result.current.status.replace('_', ' ')}${
              result.current.comment ? ` (“${result.current.comment}”)` : ''
            }. Nothing was changed.`
          : 'The role was changed since this was proposed, so approving it would overwrite that change. Nothing was changed: send it back so the manager can propose again.'
      return page(c, 409, undefined, { [proposal.id]: message })
    })
}

/** The role as the plan holds it now (null for a new role, or one removed since). */
function baseline(doc: WorkspaceDocument, p: Proposal): Position | null {
  const plan = doc.plans.find((x) => x.id === p.planId)
  return plan?.positions.find((x) => x.id === p.positionId) ?? null
}

/** Each reviewed field as "before → after", formatted for people. */
function describeChanges(doc: WorkspaceDocument, p: Proposal, before: Position | null) {
  const currency = doc.offices.find((o) => o.id === p.position.officeId)?.currency ?? 'GBP'
  const level = (x: Position) => doc.levels.find((l) => l.id === x.levelId)?.code ?? x.levelId
  const start = (x: Position) => {
    const d = x.kind === 'filled' ? x.startDate : x.targetStartDate
    return d ? formatDate(d) : 'not set'
  }
  const fields = [
    { key: 'levelId', label: 'Level', show: level },
    {
      key: 'baseSalary',
      label: 'Salary',
      show: (x: Position) => formatMoney(x.baseSalary, currency),
    },
    { key: 'startDate', label: 'Start', show: start },
    { key: 'targetStartDate', label: 'Target start', show: start },
  ]
  const shown =
    p.kind === 'new_role' ? ['levelId', 'baseSalary', 'targetStartDate', 'startDate'] : p.changed
  return fields
    .filter(
      (f) =>
        shown.includes(f.key) &&
        (p.kind === 'change' ||
          f.key !== (p.position.kind === 'filled' ? 'targetStartDate' : 'startDate')),
    )
    .map((f) => ({
      label: f.label,
      before: before && p.kind === 'change' ? f.show(before) : '',
      after: f.show(p.position),
    }))
}
