/**
 * Authentication events in the log: what happened, to which user id or email fingerprint, from
 * which address. Never a password, a token, a session id or anything from a request body.
 */
import type { Logger } from '../log.ts'
import { emailFingerprint } from './secrets.ts'

export type AuthEvent =
  | 'login_ok'
  | 'login_failed'
  | 'login_throttled'
  | 'logout'
  | 'refused'
  | 'token_created'
  | 'token_revoked'
  | 'sso_failed'

const WARN: ReadonlySet<AuthEvent> = new Set([
  'login_failed',
  'login_throttled',
  'refused',
  'sso_failed',
])

export interface AuthEventFields {
  userId?: string
  /** Logged only as a fingerprint. */
  email?: string
  address?: string
  method?: string
  path?: string
  status?: number
  reason?: string
  /** A single sign-on failure's code: the provider's error code or the check that failed. */
  code?: string
  requestId?: string
}

export function logAuthEvent(logger: Logger, event: AuthEvent, fields: AuthEventFields): void {
  const { email, ...rest } = fields
  const entry = {
    event,
    ...rest,
    ...(email === undefined ? {} : { emailHash: emailFingerprint(email) }),
  }
  ;(WARN.has(event) ? logger.warn : logger.info)('auth', entry)
}
