/**
 * Signing in and out. A failed sign-in says only that the email and password do not match, so it
 * never tells whether an account exists; repeated failures from one address for one account (or
 * from one address overall) are slowed by the throttle and answered 429 with Retry-After.
 */
import { Hono } from 'hono'
import * as z from 'zod'
import { Login } from '../../../views/pages/Login.tsx'
import { findLogin } from '../../db/repos/users.ts'
import type { AppDeps } from '../app.ts'
import { safeNext } from '../auth/authorize.ts'
import { clientAddress } from '../auth/client-address.ts'
import { logAuthEvent } from '../auth/events.ts'
import { fieldErrors, formBody } from '../auth/forms.ts'
import { decoyHash, verifyPassword } from '../auth/password.ts'
import { emailFingerprint } from '../auth/secrets.ts'
import { endSession, startSession } from '../auth/session.ts'
import type { LoginThrottle } from '../auth/throttle.ts'
import { silentLogger } from '../log.ts'

const loginForm = z.object({
  email: z.string('Enter your email').trim().min(1, 'Enter your email').max(254, 'Too long'),
  // scrypt takes any length; the cap keeps a huge body from costing more than a normal one
  password: z.string('Enter your password').min(1, 'Enter your password').max(1024, 'Too long'),
  next: z.string().max(2048).optional(),
})

const NO_MATCH = 'That email and password do not match an active account.'

export function authRoutes(deps: AppDeps, throttle: LoginThrottle) {
  const { db, config, clock } = deps
  const logger = deps.logger ?? silentLogger

  return new Hono()
    .get('/login', (c) =>
      c.render(<Login next={safeNext(c.req.query('next'))} />, { title: 'Sign in' }),
    )
    .post('/login', async (c) => {
      const body = await formBody(c)
      const parsed = loginForm.safeParse(body)
      if (!parsed.success) {
        c.status(422)
        return c.render(
          <Login
            email={typeof body.email === 'string' ? body.email : ''}
            next={safeNext(typeof body.next === 'string' ? body.next : undefined)}
            errors={fieldErrors(parsed.error)}
          />,
          { title: 'Sign in' },
        )
      }
      const { email, password } = parsed.data
      const next = safeNext(parsed.data.next)
      const address = clientAddress(c, config.auth.trustProxy)
      const account = emailFingerprint(email)
      const now = clock()

      // counted before the password is checked, so guesses sent in parallel are all counted
      const waitMs = throttle.attempt(account, address, now)
      if (waitMs > 0) {
        const seconds = Math.ceil(waitMs / 1000)
        logAuthEvent(logger, 'login_throttled', { email, address, status: 429 })
        c.header('Retry-After', String(seconds))
        c.status(429)
        return c.render(
          <Login
            email={email}
            next={next}
            message={`Too many failed sign-ins. Try again in ${Math.ceil(seconds / 60)} minute(s).`}
          />,
          { title: 'Sign in' },
        )
      }

      const found = findLogin(db, email)
      // check a decoy hash for unknown emails, so timing does not reveal which accounts exist
      const matches = await verifyPassword(password, found?.passwordHash ?? (await decoyHash()))
      if (!found || !matches || found.user.disabled) {
        logAuthEvent(logger, 'login_failed', { email, address, status: 401 })
        c.status(401)
        return c.render(<Login email={email} next={next} message={NO_MATCH} />, {
          title: 'Sign in',
        })
      }

      throttle.succeed(account, address)
      startSession(c, db, config.auth, found.user.id, now)
      logAuthEvent(logger, 'login_ok', { userId: found.user.id, address })
      return c.redirect(next, 303)
    })
    .post('/logout', (c) => {
      const viewer = c.get('viewer')
      endSession(c, db, config.auth)
      logAuthEvent(logger, 'logout', { userId: viewer.userId })
      return c.redirect('/login', 303)
    })
}
