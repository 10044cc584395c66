/**
 * Single sign-on against a real OpenID provider (oidc-provider, in-process on a free loopback
 * port), walked without a browser: sign-ins that work, and every refusal the issue names, each
 * ending on its page with nothing created.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../../src/db/open.ts'
import { listAudit } from '../../../src/db/repos/audit.ts'
import { countPendingSignIns, saveGroupMapping } from '../../../src/db/repos/sso.ts'
import { findLogin, setDisabled } from '../../../src/db/repos/users.ts'
import { sha256Hex } from '../../../src/web/auth/secrets.ts'
import { SsoClient } from '../../../src/web/auth/sso.ts'
import { STATE_COOKIE } from '../../../src/web/routes/sso.tsx'
import {
  CLIENT_ID,
  ssoConfig,
  startProvider,
  type TestProvider,
  throughProvider,
} from '../../helpers/oidc.ts'
import {
  ORIGIN,
  postForm,
  sessionCookieOf,
  type TestApp,
  TODAY,
  testApp,
} from '../../helpers/web.ts'

let provider: TestProvider
beforeAll(async () => {
  provider = await startProvider(ORIGIN)
  provider.directory.set('ann', person('ann', ['planner-finance']))
  provider.directory.set('max', person('max', ['planner-managers-interp', 'planner-managers-pre']))
  provider.directory.set('lee', person('lee', ['planner-viewers', 'planner-leadership']))
  provider.directory.set('nobody', person('nobody', ['marketing']))
})
afterAll(() => provider?.close())

function person(login: string, groups: string[]) {
  return {
    email: `${login}@corp.example`,
    name: `${login[0]!.toUpperCase()}${login.slice(1)} Example`,
    groups,
  }
}

/** An app with single sign-on through the test provider and the example group mapping. */
function ssoApp(opts: { sso?: SsoClient; provider?: { issuer: string } } = {}): TestApp {
  const t = testApp({ config: ssoConfig(opts.provider ?? provider, ORIGIN), ...opts })
  saveGroupMapping(t.db, { group: 'planner-finance', role: 'finance', teams: [] })
  saveGroupMapping(t.db, { group: 'planner-leadership', role: 'leadership', teams: [] })
  saveGroupMapping(t.db, { group: 'planner-viewers', role: 'viewer', teams: [] })
  saveGroupMapping(t.db, {
    group: 'planner-managers-interp',
    role: 'manager',
    teams: ['interpretability'],
  })
  saveGroupMapping(t.db, { group: 'planner-managers-pre', role: 'manager', teams: ['pretraining'] })
  return t
}

function cookieValue(res: Response, name: string): string | undefined {
  const set = res.headers.getSetCookie().find((c) => c.startsWith(`${name}=`))
  return set?.slice(name.length + 1).split(';')[0]
}

/** Presses "Sign in with …" on the planner; returns the provider's address and the state cookie. */
async function start(t: TestApp, next = '/positions') {
  const res = await postForm(t.app, '/login/sso', { next })
  expect(res.status).toBe(303)
  return { to: res.headers.get('location')!, state: cookieValue(res, STATE_COOKIE)! }
}

/** The planner's answer to the provider sending the browser back to `callback`. */
const arrive = (t: TestApp, callback: URL | string, state: string | undefined) =>
  Promise.resolve(
    t.app.request(String(callback), {
      headers: state === undefined ? {} : { cookie: `${STATE_COOKIE}=${state}` },
    }),
  )

/** A whole sign-in as `login`: start, the provider's pages, back to the planner. */
async function signIn(t: TestApp, login: string, opts: { cancel?: boolean } = {}) {
  const { to, state } = await start(t)
  const callback = await throughProvider(to, login, opts)
  return { res: await arrive(t, callback, state), callback, state }
}

/** A page's words, tags stripped (HTML escapes left as they are). */
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')

/** Everything a sign-in could create: accounts, sessions, links to the provider. */
function created(db: Database) {
  const count = (table: string) => db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get()
  return { users: count('users'), sessions: count('sessions'), identities: count('sso_identities') }
}

/** Runs `act` and checks it ended on the page headed `heading` with `status`, creating nothing. */
async function refusedWith(
  t: TestApp,
  act: () => Promise<Response>,
  status: number,
  heading: string,
) {
  const before = created(t.db)
  const res = await act()
  const page = await res.text()
  expect(res.status, text(page).slice(0, 300)).toBe(status)
  expect(text(page)).toContain(heading)
  expect(sessionCookieOf(res)).toBeUndefined()
  expect(created(t.db)).toEqual(before)
  return page
}

const ssoFailures = (t: TestApp) => t.logs.filter((l) => l.event === 'sso_failed')

describe('signing in through the provider', () => {
  it('creates the account at the first sign-in, with the role its group gives, and starts our own session', async () => {
    const t = ssoApp()
    const { res } = await signIn(t, 'ann')
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/positions')
    const user = findLogin(t.db, 'ann@corp.example')!.user
    expect(user).toMatchObject({
      name: 'Ann Example',
      role: 'finance',
      teamIds: [],
      disabled: false,
    })
    // our own session, stored by its hash and marked as single sign-on
    const id = sessionCookieOf(res)!
    const session = t.db
      .prepare('SELECT user_id, method FROM sessions WHERE id_hash = ?')
      .get(sha256Hex(id))
    expect(session).toEqual({ user_id: user.id, method: 'sso' })
    expect(countPendingSignIns(t.db)).toBe(0)
    const page = await t.app.request(`${ORIGIN}/bands`, {
      headers: { cookie: `planner_session=${id}` },
    })
    expect(page.status).toBe(200) // finance sees bands
    expect(listAudit(t.db, { entityType: 'user', entityId: user.id }).map((e) => e.action)).toEqual(
      ['user.sso_create'],
    )
  })

  it('gives a manager the teams of every manager group, and someone in several groups the role with the most access', async () => {
    const t = ssoApp()
    await signIn(t, 'max')
    expect(findLogin(t.db, 'max@corp.example')!.user).toMatchObject({
      role: 'manager',
      teamIds: ['interpretability', 'pretraining'],
    })
    await signIn(t, 'lee') // viewers and leadership
    expect(findLogin(t.db, 'lee@corp.example')!.user.role).toBe('leadership')
  })

  it('takes a changed group at the next sign-in', async () => {
    const t = ssoApp()
    provider.directory.set('kim', person('kim', ['planner-managers-interp']))
    await signIn(t, 'kim')
    expect(findLogin(t.db, 'kim@corp.example')!.user).toMatchObject({
      role: 'manager',
      teamIds: ['interpretability'],
    })
    provider.directory.set('kim', person('kim', ['planner-viewers']))
    const accounts = created(t.db).users
    const { res } = await signIn(t, 'kim')
    expect(res.status).toBe(303)
    const user = findLogin(t.db, 'kim@corp.example')!.user
    expect(user).toMatchObject({ role: 'viewer', teamIds: [] })
    expect(created(t.db).users).toBe(accounts) // still the one account
    const changes = listAudit(t.db, { entityType: 'user', entityId: user.id }).map((e) => e.action)
    expect(changes.sort()).toEqual(['user.sso_create', 'user.sso_role'])
  })

  it('links an account an admin made for the same email instead of making a second', async () => {
    const t = ssoApp()
    const made = t.user('viewer') // viewer@test.example
    provider.directory.set('tv', {
      email: 'viewer@test.example',
      name: 'Test viewer',
      groups: ['planner-finance'],
    })
    const before = created(t.db).users
    const { res } = await signIn(t, 'tv')
    expect(res.status).toBe(303)
    expect(created(t.db).users).toBe(before)
    expect(findLogin(t.db, 'viewer@test.example')!.user).toMatchObject({
      id: made.id,
      role: 'finance',
    })
  })

  it('refuses someone in no mapped group, creating nothing', async () => {
    const t = ssoApp()
    await refusedWith(
      t,
      async () => (await signIn(t, 'nobody')).res,
      403,
      'Your account has no access to the planner',
    )
    expect(findLogin(t.db, 'nobody@corp.example')).toBeNull()
    expect(ssoFailures(t).at(-1)).toMatchObject({ reason: 'no_group', code: 'no_mapped_group' })
  })

  it('keeps an account disabled in the planner disabled, whatever the provider says', async () => {
    const t = ssoApp()
    await signIn(t, 'ann')
    const ann = findLogin(t.db, 'ann@corp.example')!.user
    setDisabled(t.db, ann.id, true, TODAY)
    await refusedWith(
      t,
      async () => (await signIn(t, 'ann')).res,
      403,
      'Your planner account is disabled',
    )
    expect(findLogin(t.db, 'ann@corp.example')!.user.disabled).toBe(true)
  })

  it('explains a sign-in cancelled at the provider', async () => {
    const t = ssoApp()
    await refusedWith(
      t,
      async () => (await signIn(t, 'ann', { cancel: true })).res,
      403,
      'Sign-in cancelled',
    )
    expect(ssoFailures(t).at(-1)).toMatchObject({ reason: 'declined', code: 'access_denied' })
  })

  it('never signs the break-glass admin in through the provider', async () => {
    const extra = { PASSWORD_SIGN_IN: 'false', BREAK_GLASS_EMAIL: 'ann@corp.example' }
    const t = testApp({ config: ssoConfig(provider, ORIGIN, extra) })
    saveGroupMapping(t.db, { group: 'planner-finance', role: 'finance', teams: [] })
    await refusedWith(t, async () => (await signIn(t, 'ann')).res, 409, 'cannot sign in this way')
  })
})

/** An SSO client whose token responses pass through `edit` (the ID token only). */
function tampering(edit: (idToken: string) => string): SsoClient {
  const settings = ssoConfig(provider, ORIGIN).auth.sso!
  return new SsoClient(settings, async (url, options) => {
    const res = await fetch(url, options as RequestInit)
    if (new URL(url).pathname !== '/token' || !res.ok) return res
    const body = (await res.json()) as { id_token: string }
    return Response.json({ ...body, id_token: edit(body.id_token) })
  })
}

const claimsOf = (jwt: string) =>
  JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>

describe('refusals, each on its page with nothing created', () => {
  it('a tampered ID token (claims changed, signature kept)', async () => {
    const t = ssoApp({
      sso: tampering((jwt) => {
        const [head, , signature] = jwt.split('.')
        const claims = { ...claimsOf(jwt), groups: ['planner-leadership'] }
        return `${head}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`
      }),
    })
    await refusedWith(
      t,
      async () => (await signIn(t, 'nobody')).res,
      502,
      'The sign-in could not be verified',
    )
    expect(ssoFailures(t).at(-1)).toMatchObject({ reason: 'token_rejected' })
  })

  it('an ID token from another issuer, though signed with the right key', async () => {
    const t = ssoApp({
      sso: tampering((jwt) => provider.sign({ ...claimsOf(jwt), iss: 'https://evil.example' })),
    })
    await refusedWith(
      t,
      async () => (await signIn(t, 'ann')).res,
      502,
      'The sign-in could not be verified',
    )
  })

  it('an ID token for another audience, though signed with the right key', async () => {
    const t = ssoApp({
      sso: tampering((jwt) => provider.sign({ ...claimsOf(jwt), aud: `not-${CLIENT_ID}` })),
    })
    await refusedWith(
      t,
      async () => (await signIn(t, 'ann')).res,
      502,
      'The sign-in could not be verified',
    )
  })

  it('an ID token that has expired', async () => {
    const t = ssoApp({
      sso: tampering((jwt) =>
        provider.sign({ ...claimsOf(jwt), exp: Math.floor(Date.now() / 1000) - 3600 }),
      ),
    })
    await refusedWith(
      t,
      async () => (await signIn(t, 'ann')).res,
      502,
      'The sign-in could not be verified',
    )
  })

  it('a replayed code: the same answer again, and the same code for a sign-in started again', async () => {
    const t = ssoApp()
    const { res, callback, state } = await signIn(t, 'ann')
    expect(res.status).toBe(303)
    // the browser replays the answer: its sign-in is used up
    await refusedWith(t, () => arrive(t, callback, state), 400, 'This sign-in has expired')
    // the used code put into a sign-in started afresh: the provider refuses it
    const again = await start(t)
    const code = callback.searchParams.get('code')!
    const replay = new URL(callback)
    replay.searchParams.set('state', again.state)
    replay.searchParams.set('code', code)
    await refusedWith(t, () => arrive(t, replay, again.state), 400, 'This sign-in has expired')
    expect(ssoFailures(t).at(-1)).toMatchObject({ reason: 'expired', code: 'invalid_grant' })
  })

  it('a missing state, and a state this browser did not start', async () => {
    const t = ssoApp()
    const { to, state } = await start(t)
    const callback = await throughProvider(to, 'ann')
    const withoutState = new URL(callback)
    withoutState.searchParams.delete('state')
    await refusedWith(
      t,
      () => arrive(t, withoutState, state),
      400,
      'This sign-in was not started here',
    )
    // the answer reaches a browser that started a different sign-in (or none)
    const other = await start(t)
    await refusedWith(
      t,
      () => arrive(t, callback, other.state),
      400,
      'This sign-in was not started here',
    )
    await refusedWith(
      t,
      () => arrive(t, callback, undefined),
      400,
      'This sign-in was not started here',
    )
    expect(ssoFailures(t).map((l) => l.code)).toEqual([
      'state_missing',
      'state_mismatch',
      'state_mismatch',
    ])
  })

  it('an expired sign-in: its nonce and verifier are no longer honoured after ten minutes', async () => {
    const t = ssoApp()
    const { to, state } = await start(t)
    const callback = await throughProvider(to, 'ann')
    t.setNow(new Date(TODAY.getTime() + 10 * 60_000 + 1))
    await refusedWith(t, () => arrive(t, callback, state), 400, 'This sign-in has expired')
    expect(countPendingSignIns(t.db)).toBe(0)
  })

  it('an ID token whose nonce is not the one this sign-in sent', async () => {
    const t = ssoApp()
    const { to, state } = await start(t)
    t.db.prepare("UPDATE sso_sign_ins SET nonce = 'another-nonce'").run()
    const callback = await throughProvider(to, 'ann')
    await refusedWith(t, () => arrive(t, callback, state), 502, 'The sign-in could not be verified')
  })

  it('the provider unreachable at sign-in', async () => {
    const down = await startProvider(ORIGIN)
    const t = ssoApp({ provider: down })
    const { to, state } = await start(t)
    const callback = await throughProvider(to, 'ann')
    await down.close()
    await refusedWith(
      t,
      () => arrive(t, callback, state),
      503,
      'The identity provider cannot be reached',
    )
    expect(ssoFailures(t).at(-1)).toMatchObject({ reason: 'unreachable' })
  })

  it('the provider unreachable at start-up: the planner starts, and the button explains', async () => {
    const gone = await startProvider(ORIGIN)
    await gone.close()
    const client = new SsoClient(ssoConfig(gone, ORIGIN).auth.sso!)
    await expect(client.discover()).rejects.toMatchObject({ problem: 'unreachable' })
    const t = ssoApp({ provider: gone, sso: client })
    await refusedWith(
      t,
      () => postForm(t.app, '/login/sso', {}),
      503,
      'The identity provider cannot be reached',
    )
    expect(countPendingSignIns(t.db)).toBe(0)
  })

  it('logs what went wrong without tokens, codes or personal data', async () => {
    const t = ssoApp()
    const { callback, state } = await signIn(t, 'nobody')
    const log = JSON.stringify(t.logs)
    expect(log).not.toContain('nobody@corp.example')
    expect(log).not.toContain(callback.searchParams.get('code')!)
    expect(log).not.toContain(state)
    expect(log).not.toMatch(/eyJ[\w-]+\.eyJ/) // no JWT
  })
})
