/**
 * API tokens for scripts and BI tools: "hcp_" and 32 random bytes, shown once at creation; only
 * the SHA-256 is stored. A token acts as its user, with the user's current role and teams.
 */
import type { Database } from '../../db/open.ts'
import { findActiveToken, insertToken, touchToken } from '../../db/repos/tokens.ts'
import { getUser, type User } from '../../db/repos/users.ts'
import { randomSecret, sha256Hex } from './secrets.ts'

const PREFIX = 'hcp_'

/** Creates a token for `userId`; the returned value is the only time it exists in clear. */
export function issueToken(db: Database, userId: string, name: string, now: Date) {
  const value = `${PREFIX}${randomSecret()}`
  const token = insertToken(db, { userId, name, tokenHash: sha256Hex(value) }, now)
  return { token, value }
}

/** The enabled user behind a live token, or null. */
export function tokenUser(db: Database, value: string, now: Date): User | null {
  if (!value.startsWith(PREFIX)) return null
  const token = findActiveToken(db, sha256Hex(value))
  if (!token) return null
  const user = getUser(db, token.userId)
  if (!user || user.disabled) return null
  touchToken(db, token.id, now)
  return user
}
