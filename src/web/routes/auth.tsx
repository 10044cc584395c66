/**
 * Signing in and out. A failed sign-in says only that the email and password do not match, so it
 * never tells whether an account exists; repeated failures from one address for one account (or
 * from one address overall) are slowed by the throttle and answered 429 with Retry-After.
 */
import { type Context, Hono } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import * as z from 'zod'
import { Login, type LoginProps } from '../../../views/pages/Login.tsx'
import { findLogin } from '../../db/repos/users.ts'
import type { AppDeps } from '../app.ts'
import { safeNext } from '../auth/authorize.ts'
import { clientAddress } from '../auth/client-address.ts'
import { logAuthEvent } from '../auth/events.ts'
import { fieldErrors, formBody } from '../auth/forms.ts'
import { decoyHash, verifyPassword } from '../auth/password.ts'
import { emailFingerprint } from '../auth/secrets.ts'
import { endSession, startSession } from '../auth/session.ts'
import type { SsoClient } from '../auth/sso.ts'
import type { LoginThrottle } from '../auth/throttle.ts'
import { landingPath } from '../http/navigation.ts'
import { silentLogger } from '../log.ts'

const loginForm = z.object({
  email: z
    .string('Enter your email')
    .trim()
    .min(1, 'Enter your email')
    .max(254, 'Too long')
    .regex(/^[^\s@]+@[^\s@]+$/, 'Enter an email address, such as name@example.com'),
  // scrypt takes any length; the cap keeps a huge body from costing more than a normal one
  password: z.string('Enter your password').min(1, 'Enter your password').max(1024, 'Too long'),
  next: z.string().max(2048).optional(),
})

const NO_MATCH = 'That email and password do not match an active account.'
const PASSWORD_OFF =
  'Password sign-in is turned off: use the button above to sign in with your company account.'

export function authRoutes(deps: AppDeps, throttle: LoginThrottle, sso: SsoClient | undefined) {
  const { db, config, clock } = deps
  const logger = deps.logger ?? silentLogger
  const { passwordSignIn } = config.auth
  /** The sign-in methods on offer, for every rendering of the sign-in page. */
  const methods: Pick<LoginProps, 'sso' | 'password'> = {
    ...(sso && { sso: { providerName: sso.settings.providerName } }),
    password: passwordSignIn.everyone ? 'everyone' : 'break_glass',
  }
  const login = (c: Context, props: LoginProps, status: ContentfulStatusCode = 200) => {
    c.status(status)
    return c.render(<Login {...methods} {...props} />, { title: 'Sign in' })
  }

  return new Hono()
    .get('/login', (c) => login(c, { next: safeNext(c.req.query('next')) }))
    .post('/login', async (c) => {
      const body = await formBody(c)
      const parsed = loginForm.safeParse(body)
      if (!parsed.success) {
        const email = typeof body.email === 'string' ? body.email : ''
        const next = safeNext(typeof body.next === 'string' ? body.next : undefined)
        return login(c, { email, next, errors: fieldErrors(parsed.error) }, 422)
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
        const message = `Too many failed sign-ins. Try again in ${Math.ceil(seconds / 60)} minute(s).`
        return login(c, { email, next, message }, 429)
      }
      // with password sign-in off, only the break-glass admin's password is even checked
      if (!passwordSignIn.everyone && email.toLowerCase() !== passwordSignIn.breakGlassEmail) {
        logAuthEvent(logger, 'login_failed', {
          email,
          address,
          status: 403,
          reason: 'password_off',
        })
        return login(c, { email, next, message: PASSWORD_OFF }, 403)
      }

      const found = findLogin(db, email)
      // check a decoy hash for unknown emails, so timing does not reveal which accounts exist
      const matches = await verifyPassword(password, found?.passwordHash ?? (await decoyHash()))
      const breakGlassRefused = !passwordSignIn.everyone && found?.user.role !== 'admin'
      if (!found || !matches || found.user.disabled || breakGlassRefused) {
        logAuthEvent(logger, 'login_failed', { email, address, status: 401 })
        return login(c, { email, next, message: NO_MATCH }, 401)
      }

      throttle.succeed(account, address)
      startSession(c, db, config.auth, found.user.id, now)
      logAuthEvent(logger, 'login_ok', { userId: found.user.id, address })
      return c.redirect(next === '/' ? landingPath(found.user) : next, 303)
    })
    .post('/logout', (c) => {
      const viewer = c.get('viewer')
      const method = endSession(c, db, config.auth)
      logAuthEvent(logger, 'logout', { userId: viewer.userId })
      // a single sign-on session also ends at the provider, which then sends the browser back
      const back = sso && new URL('/login', sso.settings.redirectUrl).href
      const atProvider = method === 'sso' && back ? sso?.logoutUrl(back) : null
      return c.redirect(atProvider?.href ?? '/login', 303)
    })
}
