/**
 * API tokens now end when their user is disabled (or their password reset), and enabling the
 * account again does not bring them back. Tokens of accounts already disabled before this version
 * end here, so enabling one of those cannot revive them either.
 */
import type { Database } from '../open.ts'

export const id = 8
export const name = 'end_tokens_of_disabled_users'

export function up(db: Database): void {
  db.exec(`
UPDATE api_tokens SET revoked_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
 WHERE revoked_at IS NULL
   AND user_id IN (SELECT id FROM users WHERE disabled_at IS NOT NULL);
`)
}
