/** API tokens: only the SHA-256 of each token is stored; a revoked token stays listed, refused. */
import { randomUUID } from 'node:crypto'
import type { Database } from '../open.ts'

export interface ApiToken {
  id: string
  userId: string
  name: string
  createdAt: string
  lastUsedAt: string | null
  revokedAt: string | null
}

const COLUMNS = `id, user_id AS userId, name, created_at AS createdAt, last_used_at AS lastUsedAt,
  revoked_at AS revokedAt`

export function insertToken(
  db: Database,
  t: { userId: string; name: string; tokenHash: string },
  now: Date,
): ApiToken {
  const id = randomUUID()
  db.prepare(
    'INSERT INTO api_tokens (id, user_id, name, token_hash, created_at) VALUES (?, ?, ?, ?, ?)',
  ).run(id, t.userId, t.name, t.tokenHash, now.toISOString())
  return db.prepare(`SELECT ${COLUMNS} FROM api_tokens WHERE id = ?`).get(id) as ApiToken
}

/** The unrevoked token with this hash, or null. */
export function findActiveToken(db: Database, tokenHash: string): ApiToken | null {
  const row = db
    .prepare(`SELECT ${COLUMNS} FROM api_tokens WHERE token_hash = ? AND revoked_at IS NULL`)
    .get(tokenHash) as ApiToken | undefined
  return row ?? null
}

export function listTokensOf(db: Database, userId: string): ApiToken[] {
  return db
    .prepare(`SELECT ${COLUMNS} FROM api_tokens WHERE user_id = ? ORDER BY created_at, rowid`)
    .all(userId) as ApiToken[]
}

/** Revokes one of the user's own tokens; false if they hold no such live token. */
export function revokeToken(db: Database, userId: string, id: string, now: Date): boolean {
  return (
    db
      .prepare(
        'UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at IS NULL',
      )
      .run(now.toISOString(), id, userId).changes === 1
  )
}

export function touchToken(db: Database, id: string, now: Date): void {
  db.prepare('UPDATE api_tokens SET last_used_at = ? WHERE id = ?').run(now.toISOString(), id)
}
