/**
 * The approval queue. Approvers (admin, leadership; finance for pay above the band) see every
 * pending proposal with what it would do (its band position, annual cost, effect on each fiscal
 * year and on the team's budget, its recruiting effect and the proposer's reason) and decide one
 * or several at once; managers see their own teams' proposals and how they were decided. Each
 * decision carries its proposal's version: a proposal decided meanwhile, or a role changed since
 * it was proposed, is refused (409) and nothing of it is written. A proposal that would leave a
 * team over budget may be approved only by leadership or an admin.
 */
import { type Context, Hono } from 'hono'
import * as z from 'zod'
import type { ApprovalContext } from '../../../views/models/approval-context.ts'
import {
  type ApprovalFilters,
  type ApprovalRow,
  KeptApprovals,
} from '../../../views/pages/Approvals.tsx'
import { recordAudit } from '../../db/repos/audit.ts'
import { getPosition } from '../../db/repos/positions.ts'
import {
  decideProposal,
  getProposal,
  listProposals,
  type Proposal,
  proposalAudit,
} from '../../db/repos/proposals.ts'
import { userNames } from '../../db/repos/users.ts'
import { dateOfClock, formatDate } from '../../domain/calendar.ts'
import { namesOf } from '../../domain/names.ts'
import type { AppDeps } from '../app.ts'
import { canApprove } from '../auth/policy.ts'
import { scopePositions, type Viewer } from '../auth/viewer.ts'
import { hiringPages } from '../http/hiring-page.ts'
import { approvalContexts } from '../services/approval-context.ts'
import { describeChanges } from '../services/proposal-changes.ts'
import { proposalKind, proposalTitle } from '../services/proposals.ts'
import { hiringSetupFor } from '../services/recruiting.ts'

const comment = z.string().trim().max(2000, 'must be at most 2,000 characters').default('')
const decision = z.enum(['approved', 'sent_back'], { error: 'must be approve or send back' })
const needsComment = (f: { decision: string; comment: string }) =>
  f.decision === 'approved' || f.comment !== ''
const SEND_BACK_WHY = { path: ['comment'], message: 'say why the proposal is sent back' }

const decisionForm = z
  .object({ version: z.coerce.number({ error: 'is missing' }).int().min(1), decision, comment })
  .refine(needsComment, SEND_BACK_WHY)

/** Several at once: the ids ticked, each with the version it was read at (version-<id>). */
const batchForm = z
  .object({
    ids: z.array(z.string().min(1)).min(1, 'tick at least one proposal'),
    decision,
    comment,
  })
  .refine(needsComment, SEND_BACK_WHY)

/** How many decided proposals the page lists, newest first. */
const DECIDED_SHOWN = 50

const OVER_BUDGET =
  'Only leadership or an admin may approve a proposal that takes a team over its budget.'

type Outcome = { ok: true } | { ok: false; status: 403 | 404 | 409; message: string }

export function approvalRoutes(deps: Pick<AppDeps, 'db' | 'clock' | 'projections' | 'rules'>) {
  const { db, clock, projections } = deps
  const { defaults } = hiringPages(deps)

  function contextsFor(viewer: Viewer, pending: readonly Proposal[]) {
    const doc = projections.workspace()
    const byPlan = new Map<string, Proposal[]>()
    for (const p of pending) {
      const list = byPlan.get(p.planId)
      if (list) list.push(p)
      else byPlan.set(p.planId, [p])
    }
    const all = new Map<string, ApprovalContext>()
    for (const [planId, list] of byPlan) {
      if (!doc.plans.some((x) => x.id === planId)) continue
      const found = approvalContexts({
        projections,
        viewer,
        planId,
        pending: list,
        hiring: hiringSetupFor(db, defaults, doc, planId).ctx,
        today: dateOfClock(clock()),
      })
      for (const [id, ctx] of found) all.set(id, ctx)
    }
    return all
  }

  /** Whether `viewer` may take `decision` on `p`, with its context (for the budget rule). */
  function mayDecide(
    viewer: Viewer,
    p: Proposal,
    d: 'approved' | 'sent_back',
    ctx?: ApprovalContext,
  ): Outcome {
    if (!canApprove(viewer, p)) {
      return { ok: false, status: 403, message: 'Finance may approve only pay above the band.' }
    }
    const over = ctx ?? contextsFor(viewer, [p]).get(p.id)
    if (d === 'approved' && viewer.role === 'finance' && over?.overBudget) {
      return { ok: false, status: 403, message: OVER_BUDGET }
    }
    return { ok: true }
  }

  function rowsFor(
    viewer: Viewer,
    filters: ApprovalFilters,
    errors: Record<string, ApprovalRow['error']> = {},
  ) {
    const doc = projections.workspace()
    const names = userNames(db)
    const all = scopePositions(viewer, listProposals(db))
    const pending = all.filter((p) => p.status === 'pending')
    const contexts = contextsFor(viewer, pending)
    const teamName = namesOf(doc).team
    const row = (p: Proposal): ApprovalRow => {
      const context = contexts.get(p.id) ?? null
      return {
        id: p.id,
        version: p.version,
        kind: proposalKind(p),
        team: teamName(p.teamId),
        title: proposalTitle(p),
        proposedBy: names.get(p.proposedBy) ?? 'a former user',
        proposedAt: formatDate(p.proposedAt.slice(0, 10)),
        decidedBy: p.decidedBy ? (names.get(p.decidedBy) ?? 'a former user') : null,
        decidedAt: p.decidedAt ? formatDate(p.decidedAt.slice(0, 10)) : null,
        status: p.status,
        comment: p.comment,
        reason: p.reason,
        changes: describeChanges(doc, p),
        payAboveBand: p.payAboveBand,
        canDecide:
          p.status === 'pending' && mayDecide(viewer, p, 'approved', context ?? undefined).ok,
        context,
        error: errors[p.id],
      }
    }
    const person = filters.person.toLowerCase()
    const decided = all
      .filter((p) => p.status !== 'pending')
      .filter((p) => !filters.team || p.teamId === filters.team)
      .filter((p) => !filters.status || p.status === filters.status)
      .filter(
        (p) =>
          !person ||
          [
            p.position.title,
            p.position.kind === 'filled' ? p.position.personName : '',
            names.get(p.proposedBy) ?? '',
            (p.decidedBy && names.get(p.decidedBy)) || '',
          ].some((text) => text.toLowerCase().includes(person)),
      )
      .reverse()
    return {
      pending: pending.map(row),
      decided: decided.slice(0, DECIDED_SHOWN).map(row),
      decidedCount: decided.length,
      teams: doc.teams
        .filter((t) => all.some((p) => p.teamId === t.id))
        .map((t) => ({ value: t.id, label: t.name })),
    }
  }

  function page(
    c: Context,
    status: 200 | 400 | 403 | 404 | 409 | 422,
    notice?: string,
    errors: Record<string, ApprovalRow['error']> = {},
    batchError?: { field: string; message: string },
  ) {
    const filters: ApprovalFilters = {
      team: c.req.query('team') ?? '',
      status: (['approved', 'sent_back'] as const).find((s) => s === c.req.query('status')) ?? '',
      person: (c.req.query('person') ?? '').slice(0, 100),
    }
    c.status(status)
    return c.render(
      <KeptApprovals
        {...rowsFor(c.get('viewer'), filters, errors)}
        filters={filters}
        notice={notice}
        batchError={batchError}
      />,
      { title: 'Approvals' },
    )
  }

  /** Decides one proposal against its version; the audit entry commits with it. */
  function decide(
    viewer: Viewer,
    proposal: Proposal,
    version: number,
    d: { decision: 'approved' | 'sent_back'; comment: string },
  ): Outcome {
    const allowed = mayDecide(viewer, proposal, d.decision)
    if (!allowed.ok) return allowed
    const now = clock()
    const before = getPosition(db, proposal.planId, proposal.positionId)?.position ?? null
    const result = db.transaction(() => {
      const r = decideProposal(
        db,
        proposal.id,
        version,
        { decision: d.decision, comment: d.comment || null, userId: viewer.userId },
        now,
      )
      if (r.ok) {
        const action = d.decision === 'approved' ? 'proposal.approved' : 'proposal.sent_back'
        recordAudit(db, proposalAudit(viewer.userId, action, r.proposal, before), now)
      }
      return r
    })()
    if (result.ok) {
      if (d.decision === 'approved')
        projections.positionEdited(proposal.planId, proposal.positionId)
      return { ok: true }
    }
    if (result.reason === 'not_found') return { ok: false, status: 404, message: 'not found' }
    const message =
      result.reason === 'stale'
        ? `Someone else decided this first: it is now ${result.current.status.replace('_', ' ')}${
            result.current.comment ? ` (“${result.current.comment}”)` : ''
          }. Nothing was changed.`
        : 'The role was changed since this was proposed, so approving it would overwrite that change. Nothing was changed: send it back so the manager can propose again.'
    return { ok: false, status: 409, message }
  }

  return new Hono()
    .get('/approvals', (c) => {
      const proposed = c.req.query('proposed')
      const decided = c.req.query('decided')
      const count = decided ? decided.split(',').length : 0
      const notice = proposed
        ? 'Your change was sent for approval. The plan shows it once it is approved.'
        : decided
          ? count > 1
            ? `${count} decisions saved.`
            : 'Decision saved.'
          : undefined
      return page(c, 200, notice)
    })
    .post('/approvals/decide', async (c) => {
      const viewer = c.get('viewer') as Viewer
      const body = await c.req.parseBody({ all: true })
      const ids = body.ids === undefined ? [] : ([] as unknown[]).concat(body.ids)
      const form = batchForm.safeParse({ ...body, ids })
      if (!form.success) {
        const message = form.error.issues
          .map((i) => `${String(i.path[0] ?? 'form')}: ${i.message}`)
          .join('; ')
        const field = String(form.error.issues[0]?.path[0] ?? 'ids')
        return page(c, 422, undefined, {}, { field, message })
      }
      const { decision: d, comment: text } = form.data
      const errors: Record<string, ApprovalRow['error']> = {}
      const done: string[] = []
      let status: 403 | 404 | 409 = 409
      for (const id of new Set(form.data.ids)) {
        const proposal = getProposal(db, id)
        const version = Number(body[`version-${id}`])
        if (!proposal || !scopePositions(viewer, [proposal]).length) {
          errors[id] = { field: 'ids', message: 'There is no such proposal.' }
          status = 404
          continue
        }
        if (!Number.isInteger(version) || version < 1) {
          errors[id] = { field: `version-${id}`, message: 'version: is missing' }
          continue
        }
        const r = decide(viewer, proposal, version, { decision: d, comment: text })
        if (r.ok) done.push(id)
        else {
          errors[id] = {
            field: r.status === 409 ? `version-${id}` : 'decision',
            message: r.message,
          }
          if (r.status !== 409) status = r.status
        }
      }
      if (Object.keys(errors).length === 0) {
        return c.redirect(`/approvals?decided=${done.map(encodeURIComponent).join(',')}`, 303)
      }
      const saved = done.length > 0 ? `${done.length} saved; ` : 'Nothing was saved; '
      const message = `${saved}the proposals marked below were not.`
      return page(c, status, undefined, errors, { field: 'ids', message })
    })
    .post('/approvals/:id/decide', async (c) => {
      const viewer = c.get('viewer') as Viewer
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
        const field = String(form.error.issues[0]?.path[0] ?? 'decision')
        return page(c, 422, undefined, { [proposal.id]: { field, message } })
      }
      const { version, ...d } = form.data
      const r = decide(viewer, proposal, version, d)
      if (r.ok) return c.redirect(`/approvals?decided=${proposal.id}`, 303)
      if (r.status === 404) return c.notFound()
      const field = r.status === 409 ? 'version' : 'decision'
      return page(c, r.status, undefined, { [proposal.id]: { field, message: r.message } })
    })
}
