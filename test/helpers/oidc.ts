/**
 * A real OpenID Connect provider for the single sign-on tests: the certified `oidc-provider`
 * package, served in-process on a free loopback port, with its development sign-in pages (any
 * login name signs in as that person) and a directory of people and their groups the tests edit.
 * Consent is given on the person's behalf, as a company provider does for its own apps. Also a
 * small user agent that walks the provider's pages without a browser, and a way to sign ID tokens
 * with the provider's own key, for the tests that forge one.
 */
import { createHmac, createSign, generateKeyPairSync, type KeyObject } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import Provider from 'oidc-provider'
import { loadConfig } from '../../src/config.ts'

export const CLIENT_ID = 'headcount-planner'
export const CLIENT_SECRET = 'a-test-client-secret-that-is-long-enough'

export interface Person {
  email: string
  name: string
  groups: string[]
}

export interface TestProvider {
  issuer: string
  /** People by login name; edit to change someone's groups before their next sign-in. */
  directory: Map<string, Person>
  /** Signs a JWT with the provider's signing key (for forged ID tokens). */
  sign(payload: Record<string, unknown>): string
  /** Stops answering (connections refused), as a provider that is down. */
  close(): Promise<void>
}

/** Starts the provider; `appOrigin` is where the planner under test runs. */
export async function startProvider(appOrigin: string): Promise<TestProvider> {
  let handle: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end()
  const server = createServer((req, res) => handle(req, res))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'test-key', alg: 'RS256', use: 'sig' }
  const directory = new Map<string, Person>()

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        redirect_uris: [`${appOrigin}/login/sso/callback`],
        post_logout_redirect_uris: [`${appOrigin}/login`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    jwks: { keys: [jwk] },
    cookies: { keys: [createHmac('sha256', 'cookies').update(issuer).digest('hex')] },
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name'],
      groups: ['groups'],
    },
    // the planner reads the groups from the ID token, as Keycloak and Entra ID send them
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    pkce: { required: () => true },
    async findAccount(_ctx, id) {
      const person = directory.get(id) ?? { email: `${id}@corp.example`, name: id, groups: [] }
      return {
        accountId: id,
        claims: () => ({
          sub: id,
          email: person.email,
          email_verified: true,
          name: person.name,
          groups: person.groups,
        }),
      }
    },
    async loadExistingGrant(ctx) {
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client!.clientId,
        accountId: ctx.oidc.session!.accountId!,
      })
      grant.addOIDCScope('openid email profile groups')
      await grant.save()
      return grant
    },
  })
  handle = provider.callback()

  return {
    issuer,
    directory,
    sign: (payload) => signJwt(privateKey, payload),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

function signJwt(key: KeyObject, payload: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
  const input = `${part({ alg: 'RS256', typ: 'JWT', kid: 'test-key' })}.${part(payload)}`
  return `${input}.${createSign('RSA-SHA256').update(input).sign(key, 'base64url')}`
}

/** The planner's settings for single sign-on through `provider`, as environment variables. */
export function ssoEnv(provider: { issuer: string }, appOrigin: string, extra = {}) {
  return {
    OIDC_ISSUER_URL: provider.issuer,
    OIDC_CLIENT_ID: CLIENT_ID,
    OIDC_CLIENT_SECRET: CLIENT_SECRET,
    OIDC_REDIRECT_URL: `${appOrigin}/login/sso/callback`,
    OIDC_SCOPES: 'openid email profile groups',
    OIDC_PROVIDER_NAME: 'Test ID',
    ...extra,
  }
}

export const ssoConfig = (provider: { issuer: string }, appOrigin: string, extra = {}) =>
  loadConfig(ssoEnv(provider, appOrigin, extra))

/**
 * Walks the provider's pages as a browser would, without one: follows its redirects with its
 * cookies, signs in as `login` on its sign-in page (or cancels there), and returns the URL it
 * finally sends the browser to (the planner's callback).
 */
export async function throughProvider(
  authorizationUrl: string,
  login: string,
  opts: { cancel?: boolean } = {},
): Promise<URL> {
  const jar = new Map<string, string>()
  const send = async (url: string, init: RequestInit = {}) => {
    const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ')
    const res = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), ...(cookie && { cookie }) },
    })
    for (const set of res.headers.getSetCookie()) {
      const [pair] = set.split(';') as [string]
      const at = pair.indexOf('=')
      jar.set(pair.slice(0, at), pair.slice(at + 1))
    }
    return res
  }
  let url = authorizationUrl
  for (let step = 0; step < 10; step++) {
    const res = await send(url)
    const location = res.headers.get('location')
    if (location) {
      const next = new URL(location, url)
      if (next.pathname === '/login/sso/callback') return next
      url = next.href
      continue
    }
    const page = await res.text()
    const uid = /\/interaction\/([\w-]+)/.exec(url)?.[1]
    if (!uid) throw new Error(`the provider answered ${res.status} at ${url}`)
    const origin = new URL(url).origin
    if (opts.cancel) {
      url = `${origin}/interaction/${uid}/abort`
      continue
    }
    if (!page.includes('name="login"')) throw new Error('expected the provider sign-in page')
    const submitted = await send(`${origin}/interaction/${uid}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ prompt: 'login', login, password: 'any' }).toString(),
    })
    url = new URL(submitted.headers.get('location')!, url).href
  }
  throw new Error('the provider never sent the browser back')
}
