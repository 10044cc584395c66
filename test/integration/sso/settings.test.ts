/**
 * Single sign-on's settings, password sign-in turned off but for the break-glass admin, the
 * cross-site and session rules with single sign-on on, and the group mapping in the workspace
 * document. No provider is contacted here: a planner with single sign-on on talks to it only when
 * someone presses the button.
 */
import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../../../src/config.ts'
import { countSessionsOf } from '../../../src/db/repos/sessions.ts'
import { readGroupMappings, saveGroupMapping } from '../../../src/db/repos/sso.ts'
import { ssoEnv } from '../../helpers/oidc.ts'
import {
  ORIGIN,
  postForm,
  sessionCookieOf,
  TEST_PASSWORD,
  TODAY,
  testApp,
  testEmail,
} from '../../helpers/web.ts'
import { routeWorld } from '../security/fixtures.ts'

/** A provider address nothing listens on: these tests must never need it. */
const NOWHERE = { issuer: 'http://127.0.0.1:9' }
const ssoOn = (extra: Record<string, string> = {}) => loadConfig(ssoEnv(NOWHERE, ORIGIN, extra))

describe('settings, checked at start-up', () => {
  it('needs the client id, secret and redirect URL with the issuer, and the issuer with them', () => {
    expect(() => loadConfig({ OIDC_ISSUER_URL: 'https://sso.example.com/realms/acme' })).toThrow(
      /OIDC_CLIENT_ID must be set when OIDC_ISSUER_URL is[\s\S]*OIDC_CLIENT_SECRET must be set/,
    )
    expect(() => loadConfig({ OIDC_CLIENT_ID: 'planner' })).toThrow(
      'OIDC_CLIENT_ID is set but OIDC_ISSUER_URL is not',
    )
  })

  it('refuses plain http to another host, a redirect URL that is not our callback, and scopes without openid', () => {
    const bad = (extra: Record<string, string>) => () => loadConfig(ssoEnv(NOWHERE, ORIGIN, extra))
    expect(bad({ OIDC_ISSUER_URL: 'http://sso.example.com' })).toThrow(
      /OIDC_ISSUER_URL must be an https URL/,
    )
    expect(bad({ OIDC_REDIRECT_URL: 'https://planner.example.com/callback' })).toThrow(
      /OIDC_REDIRECT_URL must end in \/login\/sso\/callback/,
    )
    expect(bad({ OIDC_SCOPES: 'email profile' })).toThrow(/OIDC_SCOPES must include openid/)
  })

  it('never echoes the client secret', () => {
    try {
      loadConfig({ OIDC_CLIENT_SECRET: 'hunter2-secret' })
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError)
      expect((error as Error).message).toContain(
        'OIDC_CLIENT_SECRET is set but OIDC_ISSUER_URL is not (value hidden)',
      )
      expect((error as Error).message).not.toContain('hunter2')
    }
  })

  it('turns password sign-in off only with single sign-on on; the break-glass admin defaults to ADMIN_EMAIL', () => {
    expect(() => loadConfig({ PASSWORD_SIGN_IN: 'false' })).toThrow(
      /PASSWORD_SIGN_IN can only be false/,
    )
    expect(
      ssoOn({ PASSWORD_SIGN_IN: 'false', ADMIN_EMAIL: 'Root@Example.com' }).auth.passwordSignIn,
    ).toEqual({
      everyone: false,
      breakGlassEmail: 'root@example.com',
    })
  })
})

describe('password sign-in turned off but for the break-glass admin', () => {
  const app = () => {
    const t = testApp({
      config: ssoOn({ PASSWORD_SIGN_IN: 'false', BREAK_GLASS_EMAIL: testEmail('admin') }),
    })
    t.user('admin')
    t.user('finance')
    return t
  }
  const attempt = (t: ReturnType<typeof app>, email: string) =>
    postForm(t.app, '/login', { email, password: TEST_PASSWORD })

  it('offers the provider first and the password form folded away for the break-glass admin', async () => {
    const html = await (
      await testApp({ config: ssoOn({ PASSWORD_SIGN_IN: 'false' }) }).app.request('/login')
    ).text()
    expect(html).toContain('Sign in with Test ID')
    expect(html).toMatch(/<details[^>]*>\s*<summary>Break-glass administrator sign-in<\/summary>/)
    const both = await (await testApp({ config: ssoOn() }).app.request('/login')).text()
    expect(both).toContain('Sign in with Test ID')
    expect(both).not.toContain('Break-glass')
    const passwordOnly = await (await testApp().app.request('/login')).text()
    expect(passwordOnly).not.toContain('Sign in with')
  })

  it('refuses anyone else the password form, even with the right password', async () => {
    const t = app()
    const res = await attempt(t, testEmail('finance'))
    expect(res.status).toBe(403)
    expect(await res.text()).toContain('Password sign-in is turned off')
    expect(sessionCookieOf(res)).toBeUndefined()
  })

  it('signs the break-glass admin in with the password, and only while it is an admin', async () => {
    const t = app()
    const res = await attempt(t, testEmail('admin'))
    expect(res.status).toBe(303)
    expect(sessionCookieOf(res)).toBeDefined()
    t.db.prepare("UPDATE users SET role = 'viewer' WHERE email = ?").run(testEmail('admin'))
    expect((await attempt(t, testEmail('admin'))).status).toBe(401)
  })
})

describe('cross-site requests and sessions with single sign-on on', () => {
  it('refuses a cross-site POST to every POST route, the sign-in ones included, writing nothing', async () => {
    const { t, routes } = await routeWorld({ config: ssoOn() })
    const posts = routes.filter((k) => k.startsWith('POST ') && !k.includes(':'))
    expect(posts).toEqual(expect.arrayContaining(['POST /login/sso', 'POST /sign-in-groups']))
    const count = (table: string) => t.db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get()
    const before = ['users', 'audit_events', 'sso_sign_ins'].map(count)
    for (const key of posts) {
      const res = await t.app.request(`${ORIGIN}${key.slice(5)}`, {
        method: 'POST',
        headers: {
          ...t.as('admin'),
          'content-type': 'application/x-www-form-urlencoded',
          origin: 'https://evil.example',
        },
        body: 'group=x&role=admin',
      })
      expect(res.status, key).toBe(403)
    }
    expect(['users', 'audit_events', 'sso_sign_ins'].map(count)).toEqual(before)
    expect(readGroupMappings(t.db)).toEqual([])
  })

  it('keeps the session timeouts: idle 30 minutes, 12 hours at most', async () => {
    const t = testApp({ config: ssoOn() })
    const headers = t.as('viewer')
    t.setNow(new Date(TODAY.getTime() + 31 * 60_000))
    expect((await t.app.request('/', { headers })).status).toBe(303)
    expect(countSessionsOf(t.db, t.user('viewer').id)).toBe(0)
  })

  it('signs a password session out at the planner only, even with single sign-on on', async () => {
    const t = testApp({ config: ssoOn() })
    const res = await postForm(t.app, '/logout', {}, t.as('viewer'))
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/login')
  })
})

describe('the group mapping in the workspace document', () => {
  it('is exported, replaced by an import that carries it, kept by one that does not, and checked', async () => {
    const t = testApp()
    saveGroupMapping(t.db, { group: 'planner-finance', role: 'finance', teams: [] })
    const doc = (await (await t.get('/api/v1/workspace', 'admin')).json()) as Record<
      string,
      unknown
    >
    expect(doc.signInGroups).toEqual([{ group: 'planner-finance', role: 'finance', teams: [] }])
    const upload = (body: unknown) =>
      t.app.request(`${ORIGIN}/api/v1/workspace`, {
        method: 'POST',
        headers: { ...t.bearer('admin'), 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
    const { signInGroups: _, ...without } = doc
    expect((await upload(without)).status).toBe(200)
    expect(readGroupMappings(t.db)).toHaveLength(1)
    const replaced = [{ group: 'leads', role: 'manager', teams: ['interpretability'] }]
    expect((await upload({ ...doc, signInGroups: replaced })).status).toBe(200)
    expect(readGroupMappings(t.db)).toEqual(replaced)
    const res = await upload({
      ...doc,
      signInGroups: [{ group: 'leads', role: 'manager', teams: [] }],
    })
    expect(res.status).toBe(422)
    expect(JSON.stringify(await res.json())).toContain('signInGroups.0.teams')
    expect(readGroupMappings(t.db)).toEqual(replaced)
  })
})
