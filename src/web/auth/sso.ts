/**
 * The OpenID Connect protocol, through openid-client: the authorization code flow with PKCE, state
 * and nonce, and an ID token checked for issuer, audience, expiry, nonce and its signature against
 * the provider's published keys. The provider's metadata is fetched at start-up and, if it could
 * not be then, again at the next sign-in. Every failure becomes an SsoFailure naming what went
 * wrong in words a person can act on; no token or claim ever goes into one.
 */
import * as oidc from 'openid-client'
import { isLoopback, type SsoConfig } from '../../config.ts'

/** What can go wrong with a single sign-on, each with its own page. */
export type SsoProblem =
  /** The person (or the provider on their behalf) refused to let the planner see the account. */
  | 'declined'
  /** The provider answered the sign-in with an error of its own. */
  | 'provider_error'
  /** The sign-in was started too long ago, or its code was already used. */
  | 'expired'
  /** The answer names no sign-in this browser started. */
  | 'wrong_state'
  /** The ID token failed a check: signature, issuer, audience, expiry or nonce. */
  | 'token_rejected'
  | 'unreachable'
  /** No group the person is in is mapped to a role. */
  | 'no_group'
  | 'disabled'
  /** The ID token carries no email address to name the account by. */
  | 'no_email'
  /** The email belongs to an account that cannot sign in this way (break-glass, or linked). */
  | 'account_conflict'

export class SsoFailure extends Error {
  constructor(
    readonly problem: SsoProblem,
    /** A code safe to log (the provider's error code or the client's check), never a token. */
    readonly code: string,
  ) {
    super(`single sign-on failed: ${problem} (${code})`)
    this.name = 'SsoFailure'
  }
}

/** The claims the planner uses, read from a verified ID token (and userinfo for groups). */
export interface SsoIdentity {
  issuer: string
  subject: string
  email: string | null
  emailVerified: boolean | null
  name: string | null
  groups: string[]
}

export interface StartedSignIn {
  url: URL
  state: string
  nonce: string
  codeVerifier: string
}

/** How long the provider's metadata fetch and each call to it may take. */
const TIMEOUT_SECONDS = 10

export class SsoClient {
  #configuration: Promise<oidc.Configuration> | undefined
  #ready: oidc.Configuration | undefined

  constructor(
    readonly settings: SsoConfig,
    /** Replaces fetch for calls to the provider (tests tamper with its answers this way). */
    private readonly fetchImpl?: oidc.CustomFetch,
  ) {}

  /** Fetches the provider's metadata now; throws SsoFailure('unreachable') if it cannot. */
  async discover(): Promise<oidc.Configuration> {
    this.#configuration ??= this.#discover()
    try {
      this.#ready = await this.#configuration
      return this.#ready
    } catch (error) {
      this.#configuration = undefined // the next sign-in tries again
      throw new SsoFailure('unreachable', errorCode(error))
    }
  }

  async #discover(): Promise<oidc.Configuration> {
    const { issuerUrl, clientId, clientSecret } = this.settings
    const issuer = new URL(issuerUrl)
    const execute = [oidc.enableNonRepudiationChecks]
    if (issuer.protocol === 'http:' && isLoopback(issuer.hostname)) {
      execute.push(oidc.allowInsecureRequests)
    }
    return oidc.discovery(issuer, clientId, clientSecret, undefined, {
      execute,
      timeout: TIMEOUT_SECONDS,
      ...(this.fetchImpl && { [oidc.customFetch]: this.fetchImpl }),
    })
  }

  /** Where to send the browser to sign in, and what the answer must then match. */
  async start(): Promise<StartedSignIn> {
    const configuration = await this.discover()
    const codeVerifier = oidc.randomPKCECodeVerifier()
    const state = oidc.randomState()
    const nonce = oidc.randomNonce()
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: this.settings.redirectUrl,
      scope: this.settings.scopes,
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    })
    return { url, state, nonce, codeVerifier }
  }

  /**
   * Exchanges the code in `query` (the provider's answer at our callback) for tokens and returns
   * who signed in, once every check has passed.
   */
  async finish(
    query: URLSearchParams,
    expected: { state: string; nonce: string; codeVerifier: string },
  ): Promise<SsoIdentity> {
    const configuration = await this.discover()
    // the URL the provider redirected to, as registered (a proxy may have rewritten our own)
    const currentUrl = new URL(this.settings.redirectUrl)
    currentUrl.search = query.toString()
    try {
      const tokens = await oidc.authorizationCodeGrant(configuration, currentUrl, {
        pkceCodeVerifier: expected.codeVerifier,
        expectedState: expected.state,
        expectedNonce: expected.nonce,
        idTokenExpected: true,
      })
      const claims = tokens.claims()
      if (!claims) throw new SsoFailure('token_rejected', 'no_id_token')
      let groups = claims[this.settings.groupsClaim]
      if (groups === undefined && configuration.serverMetadata().userinfo_endpoint) {
        // some providers send groups only from userinfo unless told otherwise
        const info = await oidc.fetchUserInfo(configuration, tokens.access_token, claims.sub)
        groups = info[this.settings.groupsClaim]
      }
      return {
        issuer: claims.iss,
        subject: claims.sub,
        email: typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : null,
        emailVerified: typeof claims.email_verified === 'boolean' ? claims.email_verified : null,
        name: typeof claims.name === 'string' && claims.name.trim() ? claims.name.trim() : null,
        groups: stringList(groups),
      }
    } catch (error) {
      throw asFailure(error)
    }
  }

  /** Origins the browser is sent to by our forms: the issuer's and, once known, its endpoints'. */
  formTargets(): string[] {
    const metadata = this.#ready?.serverMetadata()
    const urls = [
      this.settings.issuerUrl,
      metadata?.authorization_endpoint,
      metadata?.end_session_endpoint,
    ]
    return [...new Set(urls.filter((u) => u !== undefined).map((u) => new URL(u).origin))]
  }

  /**
   * The provider's sign-out address for RP-initiated logout, returning to `after`; null when the
   * provider publishes none or its metadata has not been fetched (signing out never waits on it).
   */
  logoutUrl(after: string): URL | null {
    if (!this.#ready?.serverMetadata().end_session_endpoint) return null
    return oidc.buildEndSessionUrl(this.#ready, { post_logout_redirect_uri: after })
  }
}

/** A groups claim as a list of group names: an array, or one group as a string. */
function stringList(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  if (!Array.isArray(value)) return []
  return value.filter((v): v is string => typeof v === 'string')
}

/** The provider's error at the token endpoint, the network, or a failed check of its answer. */
function asFailure(error: unknown): SsoFailure {
  if (error instanceof SsoFailure) return error
  if (error instanceof oidc.ResponseBodyError) {
    // invalid_grant: the code expired, was used already, or was not issued for this verifier
    return new SsoFailure(
      error.error === 'invalid_grant' ? 'expired' : 'provider_error',
      safe(error.error),
    )
  }
  if (error instanceof oidc.AuthorizationResponseError) {
    return new SsoFailure(
      error.error === 'access_denied' ? 'declined' : 'provider_error',
      safe(error.error),
    )
  }
  if (isNetworkError(error)) return new SsoFailure('unreachable', errorCode(error))
  return new SsoFailure('token_rejected', errorCode(error))
}

function isNetworkError(error: unknown): boolean {
  for (let e = error; e instanceof Error; e = e.cause) {
    if (e.name === 'AbortError' || e.name === 'TimeoutError') return true
    if (e instanceof TypeError && e.message === 'fetch failed') return true
    if ('code' in e && typeof e.code === 'string' && /^(E[A-Z]+|UND_ERR)/.test(e.code)) {
      if (!e.code.startsWith('ERR_')) return true
    }
  }
  return false
}

/** A short code for the log: the client's error code or the error's class, never its message. */
function errorCode(error: unknown): string {
  if (error instanceof SsoFailure) return error.code
  let e = error
  while (e instanceof Error && e.cause instanceof Error && !('code' in e)) e = e.cause
  if (e instanceof Error && 'code' in e && typeof e.code === 'string') return safe(e.code)
  return e instanceof Error ? safe(e.name) : 'unknown'
}

/** Codes come from the provider too: keep them to a plain token so nothing else is logged. */
function safe(code: string): string {
  return /^[\w.-]{1,64}$/.test(code) ? code : 'unrecognised'
}
