/**
 * Sessions: a random 32-byte id in an HttpOnly, SameSite=Lax cookie; the database keeps only its
 * SHA-256. A session ends at sign-out, when its user is disabled, after `sessionIdleMinutes`
 * without a request, and `sessionAbsoluteHours` after sign-in however busy.
 */
import type { Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import type { AuthConfig } from '../../config.ts'
import type { Database } from '../../db/open.ts'
import {
  deleteSession,
  findSession,
  insertSession,
  type SignInMethod,
  touchSession,
} from '../../db/repos/sessions.ts'
import { getUser, type User } from '../../db/repos/users.ts'
import { isHttps } from './client-address.ts'
import { randomSecret, sha256Hex } from './secrets.ts'

export const SESSION_COOKIE = 'planner_session'
/** last_seen_at is written at most this often, so reading a page is not always a write. */
const TOUCH_EVERY_MS = 60_000

export function cookieOptions(c: Context, config: AuthConfig) {
  return {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/',
    secure: config.cookieSecure || isHttps(c, config.trustProxy),
  } as const
}

/** Starts a new session for `userId` and sets its cookie; any session the request had ends. */
export function startSession(
  c: Context,
  db: Database,
  config: AuthConfig,
  userId: string,
  now: Date,
  method: SignInMethod = 'password',
): void {
  // the id the browser had (perhaps planted by someone else) ends here: rotation at sign-in
  const old = getCookie(c, SESSION_COOKIE)
  if (old !== undefined) deleteSession(db, sha256Hex(old))
  const id = randomSecret()
  insertSession(db, sha256Hex(id), userId, now, method)
  setCookie(c, SESSION_COOKIE, id, cookieOptions(c, config))
}

/** Ends the request's session, if any, and clears the cookie; says how it had been signed in. */
export function endSession(c: Context, db: Database, config: AuthConfig): SignInMethod | null {
  const id = getCookie(c, SESSION_COOKIE)
  if (id === undefined) return null
  const ended = findSession(db, sha256Hex(id))
  deleteSession(db, sha256Hex(id))
  deleteCookie(c, SESSION_COOKIE, cookieOptions(c, config))
  return ended?.method ?? null
}

/** The user of the request's live session, or null; an expired session is deleted on sight. */
export function sessionUser(c: Context, db: Database, config: AuthConfig, now: Date): User | null {
  const id = getCookie(c, SESSION_COOKIE)
  if (id === undefined) return null
  const idHash = sha256Hex(id)
  const session = findSession(db, idHash)
  if (!session) return null
  const t = now.getTime()
  const idleMs = t - Date.parse(session.lastSeenAt)
  const ageMs = t - Date.parse(session.createdAt)
  const user = getUser(db, session.userId)
  if (
    !user ||
    user.disabled ||
    idleMs > config.sessionIdleMinutes * 60_000 ||
    ageMs > config.sessionAbsoluteHours * 3_600_000
  ) {
    deleteSession(db, idHash)
    return null
  }
  if (idleMs >= TOUCH_EVERY_MS) touchSession(db, idHash, now)
  return user
}
