/**
 * Single sign-on through the company's OpenID Connect provider. POST /login/sso (from the sign-in
 * page's button, so cross-site pages cannot start one) records the sign-in in the database and in
 * a short-lived cookie, then sends the browser to the provider; the provider sends it back to
 * /login/sso/callback, which checks the answer belongs to this browser's sign-in, lets
 * openid-client check the tokens, and starts one of our own sessions. Whatever goes wrong ends on a
 * page saying what happened and what to do, logged by kind and code only.
 */
import { type Context, Hono } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { SignInProblem } from '../../../views/pages/SignInProblem.tsx'
import { insertPendingSignIn, takePendingSignIn } from '../../db/repos/sso.ts'
import type { AppDeps } from '../app.ts'
import { safeNext } from '../auth/authorize.ts'
import { logAuthEvent } from '../auth/events.ts'
import { formBody } from '../auth/forms.ts'
import { sha256Hex } from '../auth/secrets.ts'
import { cookieOptions, startSession } from '../auth/session.ts'
import { type SsoClient, SsoFailure, type SsoProblem } from '../auth/sso.ts'
import { ssoAccount } from '../auth/sso-accounts.ts'
import { landingPath } from '../http/navigation.ts'
import { silentLogger } from '../log.ts'

/** A sign-in must be finished this soon after it starts. */
export const SIGN_IN_MINUTES = 10
/** Holds the state of the sign-in this browser started, so only this browser can finish it. */
export const STATE_COOKIE = 'planner_sso_state'
const STATE_COOKIE_PATH = '/login/sso'

const TRY_AGAIN = 'Start the sign-in again.'
const ASK_ADMIN = 'If this keeps happening, tell whoever runs the planner and quote the reference.'

const PROBLEMS: Record<
  SsoProblem,
  { status: ContentfulStatusCode; heading: string; message: string; advice: string; retry: boolean }
> = {
  declined: {
    status: 403,
    heading: 'Sign-in cancelled',
    message: 'The identity provider says the sign-in was cancelled or permission was refused.',
    advice: `To use the planner, sign in again and allow it to see your account. ${ASK_ADMIN}`,
    retry: true,
  },
  provider_error: {
    status: 502,
    heading: 'The identity provider refused the sign-in',
    message: 'The identity provider answered with an error instead of signing you in.',
    advice: `${TRY_AGAIN} ${ASK_ADMIN}`,
    retry: true,
  },
  expired: {
    status: 400,
    heading: 'This sign-in has expired',
    message: `A sign-in must be finished within ${SIGN_IN_MINUTES} minutes, and each one works only once: this one is too old or was already used.`,
    advice: TRY_AGAIN,
    retry: true,
  },
  wrong_state: {
    status: 400,
    heading: 'This sign-in was not started here',
    message:
      'The answer from the identity provider does not belong to a sign-in started in this browser, so it was not used.',
    advice: `${TRY_AGAIN} If a link sent you here, do not trust it.`,
    retry: true,
  },
  token_rejected: {
    status: 502,
    heading: 'The sign-in could not be verified',
    message:
      "The identity provider's answer failed the planner's checks (its signature, issuer, audience or expiry), so it was not trusted.",
    advice: `${TRY_AGAIN} If it fails again, the planner's single sign-on settings may not match the provider's: tell whoever runs the planner and quote the reference.`,
    retry: true,
  },
  unreachable: {
    status: 503,
    heading: 'The identity provider cannot be reached',
    message: 'The planner could not reach the identity provider to finish signing you in.',
    advice: `Try again in a few minutes. ${ASK_ADMIN}`,
    retry: true,
  },
  no_group: {
    status: 403,
    heading: 'Your account has no access to the planner',
    message:
      'You signed in, but none of your groups at the identity provider gives access to the planner.',
    advice:
      'Ask an administrator of the planner to add you to a group that does, then sign in again.',
    retry: false,
  },
  disabled: {
    status: 403,
    heading: 'Your planner account is disabled',
    message:
      'An administrator has disabled your account in the planner, whatever the identity provider says.',
    advice: 'Ask an administrator of the planner to enable it if you should have access.',
    retry: false,
  },
  no_email: {
    status: 403,
    heading: 'The identity provider did not send your email address',
    message:
      'The planner names each account by its email address, and none came with this sign-in.',
    advice:
      'Tell whoever runs the planner: the provider must release the email claim (the "email" scope) to the planner.',
    retry: false,
  },
  account_conflict: {
    status: 409,
    heading: 'This email address cannot sign in this way',
    message:
      'A planner account with your email address already exists and cannot be signed in through the identity provider (it is the break-glass administrator, is linked to another sign-in, or the provider has not verified the address).',
    advice: 'Ask an administrator of the planner to sort out the account.',
    retry: false,
  },
}

export function ssoRoutes(deps: AppDeps, sso: SsoClient | undefined) {
  const { db, config, clock } = deps
  const logger = deps.logger ?? silentLogger
  const { passwordSignIn } = config.auth

  function problem(c: Context, failure: SsoFailure) {
    const p = PROBLEMS[failure.problem]
    const requestId = c.get('requestId') as string | undefined
    logAuthEvent(logger, 'sso_failed', {
      reason: failure.problem,
      code: failure.code,
      status: p.status,
      ...(requestId && { requestId }),
    })
    c.status(p.status)
    return c.render(
      <SignInProblem
        heading={p.heading}
        message={p.message}
        advice={p.advice}
        retry={p.retry}
        providerName={sso?.settings.providerName ?? ''}
        {...(requestId && { requestId })}
      />,
      { title: p.heading },
    )
  }

  return new Hono()
    .post('/login/sso', async (c) => {
      if (!sso) return c.notFound()
      const body = await formBody(c)
      const now = clock()
      try {
        const started = await sso.start()
        insertPendingSignIn(
          db,
          sha256Hex(started.state),
          {
            nonce: started.nonce,
            codeVerifier: started.codeVerifier,
            nextPath: safeNext(typeof body.next === 'string' ? body.next : undefined),
            expiresAt: new Date(now.getTime() + SIGN_IN_MINUTES * 60_000).toISOString(),
          },
          now,
        )
        setCookie(c, STATE_COOKIE, started.state, {
          ...cookieOptions(c, config.auth),
          path: STATE_COOKIE_PATH,
          maxAge: SIGN_IN_MINUTES * 60,
        })
        return c.redirect(started.url.href, 303)
      } catch (error) {
        if (error instanceof SsoFailure) return problem(c, error)
        throw error
      }
    })
    .get('/login/sso/callback', async (c) => {
      if (!sso) return c.notFound()
      const query = new URL(c.req.url).searchParams
      const state = query.get('state')
      const started = getCookie(c, STATE_COOKIE)
      deleteCookie(c, STATE_COOKIE, { ...cookieOptions(c, config.auth), path: STATE_COOKIE_PATH })
      const now = clock()
      try {
        if (!state || state !== started) {
          throw new SsoFailure('wrong_state', state ? 'state_mismatch' : 'state_missing')
        }
        const pending = takePendingSignIn(db, sha256Hex(state))
        if (!pending || Date.parse(pending.expiresAt) <= now.getTime()) {
          throw new SsoFailure('expired', pending ? 'sign_in_expired' : 'sign_in_unknown')
        }
        const error = query.get('error')
        if (error !== null) {
          const code = /^[\w.-]{1,64}$/.test(error) ? error : 'unrecognised'
          throw new SsoFailure(code === 'access_denied' ? 'declined' : 'provider_error', code)
        }
        const identity = await sso.finish(query, { ...pending, state })
        const user = ssoAccount(db, identity, {
          ...(!passwordSignIn.everyone && { breakGlassEmail: passwordSignIn.breakGlassEmail }),
          now,
        })
        startSession(c, db, config.auth, user.id, now, 'sso')
        logAuthEvent(logger, 'login_ok', { userId: user.id, reason: 'sso' })
        const next = pending.nextPath === '/' ? landingPath(user) : pending.nextPath
        return c.redirect(next, 303)
      } catch (error) {
        if (error instanceof SsoFailure) return problem(c, error)
        throw error
      }
    })
}
