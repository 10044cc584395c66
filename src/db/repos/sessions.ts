/** Signed-in sessions, stored by the SHA-256 of their id so a copy of the database signs no one in. */
import type { Database } from '../open.ts'

/** How a session was signed in: with a password or through the identity provider. */
export type SignInMethod = 'password' | 'sso'

export interface StoredSession {
  idHash: string
  userId: string
  createdAt: string
  lastSeenAt: string
  method: SignInMethod
}

export function insertSession(
  db: Database,
  idHash: string,
  userId: string,
  now: Date,
  method: SignInMethod = 'password',
): void {
  const at = now.toISOString()
  db.prepare(
    'INSERT INTO sessions (id_hash, user_id, created_at, last_seen_at, method) VALUES (?, ?, ?, ?, ?)',
  ).run(idHash, userId, at, at, method)
}

export function findSession(db: Database, idHash: string): StoredSession | null {
  const row = db
    .prepare(
      `SELECT id_hash AS idHash, user_id AS userId, created_at AS createdAt,
              last_seen_at AS lastSeenAt, method
       FROM sessions WHERE id_hash = ?`,
    )
    .get(idHash) as StoredSession | undefined
  return row ?? null
}

export function touchSession(db: Database, idHash: string, now: Date): void {
  db.prepare('UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?').run(
    now.toISOString(),
    idHash,
  )
}

export function deleteSession(db: Database, idHash: string): void {
  db.prepare('DELETE FROM sessions WHERE id_hash = ?').run(idHash)
}

export function countSessionsOf(db: Database, userId: string): number {
  return db.prepare('SELECT COUNT(*) FROM sessions WHERE user_id = ?').pluck().get(userId) as number
}
