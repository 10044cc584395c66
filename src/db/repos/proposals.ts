/**
 * Proposals: a manager's new role or change to a role, stored apart from the plan until decided.
 * Approving applies the proposed position to the plan in the same transaction (a new role is
 * created; a change is saved against the version it was proposed from, so a role edited since is
 * refused, not overwritten). Sending back keeps the plan as it was and records the comment. Each
 * proposal carries its own version, so two people deciding the same one cannot both succeed.
 */
import { randomUUID } from 'node:crypto'
import * as z from 'zod'
import { type Position, position as positionSchema } from '../../domain/model.ts'
import type { Database } from '../open.ts'
import type { AuditEntry } from './audit.ts'
import { createPosition, getPosition, type StoredPosition, updatePosition } from './positions.ts'
import { decodeRow } from './rows.ts'

export type ProposalKind = 'new_role' | 'change'
export type ProposalStatus = 'pending' | 'approved' | 'sent_back'
export type Decision = 'approved' | 'sent_back'

export interface Proposal {
  id: string
  planId: string
  positionId: string
  teamId: string
  kind: ProposalKind
  position: Position
  /** The position's version the change was made against; null for a new role. */
  baseVersion: number | null
  /**
   * The role as it was when proposed; null for a new role (and for proposals stored before
   * migration 15, which did not keep it).
   */
  before: Position | null
  /** Names of the fields the proposal changes (all of them for a new role). */
  changed: string[]
  payAboveBand: boolean
  /** Why, in the proposer's words; null when none was given. */
  reason: string | null
  status: ProposalStatus
  comment: string | null
  proposedBy: string
  proposedAt: string
  decidedBy: string | null
  decidedAt: string | null
  version: number
}

export interface NewProposal {
  planId: string
  kind: ProposalKind
  position: Position
  baseVersion: number | null
  /** The role as it is now, for a change; null for a new role. */
  before: Position | null
  changed: string[]
  payAboveBand: boolean
  proposedBy: string
  /** Why, in the proposer's words, for whoever decides; null when none was given. */
  reason?: string | null
}

interface ProposalRow {
  id: string
  plan_id: string
  position_id: string
  team_id: string
  kind: ProposalKind
  position_json: string
  base_version: number | null
  before_json: string | null
  changed_json: string
  pay_above_band: number
  reason: string | null
  status: ProposalStatus
  comment: string | null
  proposed_by: string
  proposed_at: string
  decided_by: string | null
  decided_at: string | null
  version: number
}

function decode(r: ProposalRow): Proposal {
  return {
    id: r.id,
    planId: r.plan_id,
    positionId: r.position_id,
    teamId: r.team_id,
    kind: r.kind,
    position: decodeRow(positionSchema, JSON.parse(r.position_json), `proposals ${r.id}`),
    baseVersion: r.base_version,
    before:
      r.before_json === null
        ? null
        : decodeRow(positionSchema, JSON.parse(r.before_json), `proposals ${r.id} before`),
    changed: JSON.parse(r.changed_json) as string[],
    payAboveBand: r.pay_above_band === 1,
    reason: r.reason,
    status: r.status,
    comment: r.comment,
    proposedBy: r.proposed_by,
    proposedAt: r.proposed_at,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at,
    version: r.version,
  }
}

export function createProposal(db: Database, p: NewProposal, now: Date): Proposal {
  const id = `prop-${randomUUID()}`
  db.prepare(
    `INSERT INTO proposals (id, plan_id, position_id, team_id, kind, position_json, base_version,
       before_json, changed_json, pay_above_band, reason, status, proposed_by, proposed_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)`,
  ).run(
    id,
    p.planId,
    p.position.id,
    p.position.teamId,
    p.kind,
    JSON.stringify(z.encode(positionSchema, p.position)),
    p.baseVersion,
    p.before && JSON.stringify(z.encode(positionSchema, p.before)),
    JSON.stringify(p.changed),
    p.payAboveBand ? 1 : 0,
    p.reason?.trim() || null,
    p.proposedBy,
    now.toISOString(),
  )
  return getProposal(db, id)!
}

export function getProposal(db: Database, id: string): Proposal | null {
  const row = db.prepare('SELECT * FROM proposals WHERE id = ?').get(id) as ProposalRow | undefined
  return row ? decode(row) : null
}

/**
 * Pending proposals, counted without reading them: all, or (`financeOnly`) those finance may
 * decide, paying above the band and not finance's own pay changes (marked 'payChange').
 */
export function countPending(db: Database, opts: { financeOnly?: boolean } = {}): number {
  const row = db
    .prepare(
      `SELECT count(*) AS n FROM proposals WHERE status = 'pending'
         AND (@all OR (pay_above_band = 1 AND changed_json NOT LIKE '%"payChange"%'))`,
    )
    .get({ all: opts.financeOnly ? 0 : 1 }) as { n: number }
  return row.n
}

/** Oldest first, narrowed by status and plan when given. */
export function listProposals(
  db: Database,
  filter: { status?: ProposalStatus; planId?: string } = {},
): Proposal[] {
  const rows = db
    .prepare(
      `SELECT * FROM proposals WHERE (@status IS NULL OR status = @status)
         AND (@plan IS NULL OR plan_id = @plan) ORDER BY proposed_at, rowid`,
    )
    .all({ status: filter.status ?? null, plan: filter.planId ?? null }) as ProposalRow[]
  return rows.map(decode)
}

export type DecideResult =
  | { ok: true; proposal: Proposal; position: StoredPosition | null }
  /** Someone decided the proposal first. */
  | { ok: false; reason: 'stale'; current: Proposal }
  /** The role changed (or was taken) since the proposal was made: nothing is applied. */
  | { ok: false; reason: 'position_changed'; current: StoredPosition | null }
  | { ok: false; reason: 'not_found' }

/**
 * Approves or sends back a pending proposal still at `expectedVersion`. Approval applies the
 * position in the same transaction; if that cannot be done cleanly nothing is written.
 */
export function decideProposal(
  db: Database,
  id: string,
  expectedVersion: number,
  d: { decision: Decision; comment: string | null; userId: string },
  now: Date,
): DecideResult {
  return db.transaction((): DecideResult => {
    const current = getProposal(db, id)
    if (!current) return { ok: false, reason: 'not_found' }
    if (current.version !== expectedVersion || current.status !== 'pending') {
      return { ok: false, reason: 'stale', current }
    }
    let position: StoredPosition | null = null
    if (d.decision === 'approved') {
      const existing = getPosition(db, current.planId, current.positionId)
      if (current.kind === 'new_role') {
        if (existing) return { ok: false, reason: 'position_changed', current: existing }
        position = createPosition(db, current.planId, current.position)
      } else {
        if (!existing) return { ok: false, reason: 'position_changed', current: null }
        const saved = updatePosition(
          db,
          current.planId,
          current.position,
          current.baseVersion ?? -1,
        )
        if (!saved.ok) {
          return {
            ok: false,
            reason: 'position_changed',
            current: getPosition(db, current.planId, current.positionId),
          }
        }
        position = saved.position
      }
    }
    db.prepare(
      `UPDATE proposals SET status = ?, comment = ?, decided_by = ?, decided_at = ?,
         version = version + 1 WHERE id = ?`,
    ).run(d.decision, d.comment, d.userId, now.toISOString(), id)
    return { ok: true, proposal: getProposal(db, id)!, position }
  })()
}

/** The audit entry for a proposal event, with the role before and the proposed role after. */
export function proposalAudit(
  userId: string,
  action: 'proposal.create' | 'proposal.approved' | 'proposal.sent_back',
  p: Proposal,
  before: Position | null,
): AuditEntry {
  return {
    userId,
    action,
    entityType: 'proposal',
    entityId: p.id,
    teamId: p.teamId,
    before: before && z.encode(positionSchema, before),
    after: {
      kind: p.kind,
      status: p.status,
      comment: p.comment,
      changed: p.changed,
      position: z.encode(positionSchema, p.position),
    },
  }
}
