/**
 * The audit trail: who changed what and when, with the record before and after. Callers pass
 * plain JSON-able snapshots and never secrets (no password hashes, no token values).
 */
import type { Database } from '../open.ts'

export interface AuditEntry {
  userId: string | null
  /** What happened, e.g. "user.create", "position.update". */
  action: string
  entityType: string
  entityId: string
  /** The team the record belongs to, so the trail can be filtered by team. */
  teamId?: string | null
  before?: unknown
  after?: unknown
}

export interface AuditEvent extends Required<AuditEntry> {
  id: number
  at: string
}

export function recordAudit(db: Database, e: AuditEntry, now: Date): void {
  db.prepare(
    `INSERT INTO audit_events (at, user_id, action, entity_type, entity_id, team_id, before_json,
       after_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    now.toISOString(),
    e.userId,
    e.action,
    e.entityType,
    e.entityId,
    e.teamId ?? null,
    e.before === undefined ? null : JSON.stringify(e.before),
    e.after === undefined ? null : JSON.stringify(e.after),
  )
}

export interface AuditFilter {
  teamId?: string
  userId?: string
  entityType?: string
  entityId?: string
}

/** Newest first, narrowed by any of the filter's fields. */
export function listAudit(db: Database, filter: AuditFilter = {}, limit = 500): AuditEvent[] {
  const where: string[] = []
  const params: unknown[] = []
  for (const [column, value] of [
    ['team_id', filter.teamId],
    ['user_id', filter.userId],
    ['entity_type', filter.entityType],
    ['entity_id', filter.entityId],
  ] as const) {
    if (value === undefined) continue
    where.push(`${column} = ?`)
    params.push(value)
  }
  const rows = db
    .prepare(
      `SELECT * FROM audit_events ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY id DESC LIMIT ?`,
    )
    .all(...params, limit) as {
    id: number
    at: string
    user_id: string | null
    action: string
    entity_type: string
    entity_id: string
    team_id: string | null
    before_json: string | null
    after_json: string | null
  }[]
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    userId: r.user_id,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    teamId: r.team_id,
    before: r.before_json === null ? null : JSON.parse(r.before_json),
    after: r.after_json === null ? null : JSON.parse(r.after_json),
  }))
}
