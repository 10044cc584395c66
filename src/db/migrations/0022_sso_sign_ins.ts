/**
 * Single sign-on in progress: what a sign-in started at the identity provider must be finished
 * with (the state, stored as its SHA-256; the nonce; the PKCE verifier; where to go afterwards).
 * Kept in the database, not in memory, so any instance of the planner can finish a sign-in another
 * started; each row is used once and is worthless after `expires_at`.
 */
import type { Database } from '../open.ts'

export const id = 22
export const name = 'sso_sign_ins'

export function up(db: Database): void {
  db.exec(`
CREATE TABLE sso_sign_ins (
  state_hash TEXT PRIMARY KEY,
  nonce TEXT NOT NULL,
  code_verifier TEXT NOT NULL,
  next_path TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX sso_sign_ins_expiry ON sso_sign_ins (expires_at);
`)
}
