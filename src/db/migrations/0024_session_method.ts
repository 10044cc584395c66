/**
 * How each session was signed in, so signing out of a single sign-on session can also end the one
 * at the identity provider. Sessions from before this migration were all password sign-ins.
 */
import type { Database } from '../open.ts'

export const id = 24
export const name = 'session_method'

export function up(db: Database): void {
  db.exec(`
ALTER TABLE sessions ADD COLUMN method TEXT NOT NULL DEFAULT 'password'
  CHECK (method IN ('password', 'sso'));
`)
}
