import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../../src/config.ts'
import { countSessionsOf } from '../../../src/db/repos/sessions.ts'
import { setDisabled } from '../../../src/db/repos/users.ts'
import {
  ORIGIN,
  postForm,
  sessionCookieOf,
  TEST_PASSWORD,
  TODAY,
  testApp,
  testEmail,
} from '../../helpers/web.ts'

const cookie = (id: string) => ({ cookie: `planner_session=${id}` })

describe('GET /login', () => {
  it('shows a labelled sign-in form to anyone', async () => {
    const res = await testApp().app.request('/login')
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('<label for="email">Email</label>')
    expect(html).toContain('<label for="password">Password</label>')
    expect(html).toContain('action="/login"')
    expect(html).not.toContain('Sign out')
  })
})

describe('POST /login', () => {
  it('signs in with the right password: 303 to the next page and a secure-by-default cookie', async () => {
    const t = testApp()
    t.user('finance')
    const res = await postForm(t.app, '/login', {
      email: testEmail('finance'),
      password: TEST_PASSWORD,
      next: '/users',
    })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/users')
    const set = res.headers.getSetCookie()[0]!
    expect(set).toMatch(/^planner_session=[A-Za-z0-9_-]{43}; /)
    expect(set).toContain('HttpOnly')
    expect(set).toContain('SameSite=Lax')
    expect(set).toContain('Path=/')
    // plain http without COOKIE_SECURE: not Secure, or the browser would drop it
    expect(set).not.toContain('Secure')
    const home = await t.app.request('/', { headers: cookie(sessionCookieOf(res)!) })
    expect(home.status).toBe(200)
    expect(await home.text()).toContain('Test finance')
  })

  it('marks the cookie Secure over https, and always with COOKIE_SECURE=true', async () => {
    const t = testApp()
    t.user('viewer')
    const fields = { email: testEmail('viewer'), password: TEST_PASSWORD }
    const https = await t.app.request('https://planner.example/login', {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'https://planner.example',
      },
      body: new URLSearchParams(fields).toString(),
    })
    expect(https.headers.getSetCookie()[0]).toContain('Secure')
    const forced = testApp({ config: loadConfig({ COOKIE_SECURE: 'true' }) })
    forced.user('viewer')
    const res = await postForm(forced.app, '/login', fields)
    expect(res.headers.getSetCookie()[0]).toContain('Secure')
  })

  it('refuses a wrong password and an unknown email with the same words, 401, no cookie', async () => {
    const t = testApp()
    t.user('admin')
    const wrong = await postForm(t.app, '/login', { email: testEmail('admin'), password: 'nope' })
    const unknown = await postForm(t.app, '/login', {
      email: 'nobody@test.example',
      password: 'nope',
    })
    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(401)
      expect(sessionCookieOf(res)).toBeUndefined()
      expect(await res.text()).toContain('That email and password do not match an active account.')
    }
  })

  it('refuses a disabled account even with the right password', async () => {
    const t = testApp()
    setDisabled(t.db, t.user('leadership').id, true, TODAY)
    const res = await postForm(t.app, '/login', {
      email: testEmail('leadership'),
      password: TEST_PASSWORD,
    })
    expect(res.status).toBe(401)
  })

  it('answers a missing field 422 with the field named and the email kept', async () => {
    const res = await postForm(testApp().app, '/login', { email: 'someone@test.example' })
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(html).toContain('Enter your password')
    expect(html).toContain('value="someone@test.example"')
  })

  it('never sends the browser off-site after signing in', async () => {
    const t = testApp()
    t.user('viewer')
    const offSite = [
      '//evil.example/',
      'https://evil.example/',
      '/\\evil.example',
      // browsers drop tabs and newlines: these are "//evil.example/" once read
      '/\t/evil.example',
      '/\n/evil.example',
      '/\r\n/evil.example',
      '\t//evil.example',
    ]
    for (const next of offSite) {
      const res = await postForm(t.app, '/login', {
        email: testEmail('viewer'),
        password: TEST_PASSWORD,
        next,
      })
      expect(res.status, JSON.stringify(next)).toBe(303)
      expect(res.headers.get('location'), JSON.stringify(next)).toBe('/')
    }
  })

  it('keeps a path on this site, encoded, and the page on the sign-in form', async () => {
    const t = testApp()
    t.user('viewer')
    const signIn = (next: string) =>
      postForm(t.app, '/login', { email: testEmail('viewer'), password: TEST_PASSWORD, next })
    expect((await signIn('/positions?team=x&sort=title')).headers.get('location')).toBe(
      '/positions?team=x&sort=title',
    )
    expect((await signIn('/teams/a b')).headers.get('location')).toBe('/teams/a%20b')
    const form = await (
      await t.app.request(`/login?next=${encodeURIComponent('/\t/evil.example')}`)
    ).text()
    expect(form).toMatch(/name="next" value="\/"/)
  })

  it('rotates the session id: the session the browser had before ends and a new one starts', async () => {
    const t = testApp()
    const before = t.as('viewer').cookie.split('=')[1]!
    const res = await postForm(
      t.app,
      '/login',
      { email: testEmail('viewer'), password: TEST_PASSWORD },
      cookie(before),
    )
    const after = sessionCookieOf(res)!
    expect(after).toBeDefined()
    expect(after).not.toBe(before)
    expect((await t.app.request('/', { headers: cookie(before) })).status).toBe(303)
    expect((await t.app.request('/', { headers: cookie(after) })).status).toBe(200)
  })

  it('stores only the SHA-256 of the session id', async () => {
    const t = testApp()
    t.user('viewer')
    const res = await postForm(t.app, '/login', {
      email: testEmail('viewer'),
      password: TEST_PASSWORD,
    })
    const id = sessionCookieOf(res)!
    const stored = t.db.prepare('SELECT id_hash FROM sessions').pluck().all()
    const { createHash } = await import('node:crypto')
    expect(stored).toEqual([createHash('sha256').update(id).digest('hex')])
  })
})

describe('auth events in the log', () => {
  it('record sign-in success and failure by user id or email fingerprint, never the password or email', async () => {
    const t = testApp()
    const userId = t.user('finance').id
    await postForm(t.app, '/login', { email: testEmail('finance'), password: 'hunter2-wrong' })
    await postForm(t.app, '/login', { email: testEmail('finance'), password: TEST_PASSWORD })
    const events = t.logs.filter((l) => l.msg === 'auth')
    expect(events).toEqual([
      expect.objectContaining({
        level: 'warn',
        event: 'login_failed',
        emailHash: expect.any(String),
      }),
      expect.objectContaining({ level: 'info', event: 'login_ok', userId }),
    ])
    const text = JSON.stringify(t.logs)
    for (const secret of ['hunter2-wrong', TEST_PASSWORD, testEmail('finance')]) {
      expect(text).not.toContain(secret)
    }
  })
})

describe('POST /logout', () => {
  it('ends the session, clears the cookie and goes to the sign-in page', async () => {
    const t = testApp()
    const headers = t.as('manager')
    const res = await postForm(t.app, '/logout', {}, headers)
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/login')
    expect(res.headers.getSetCookie()[0]).toMatch(/^planner_session=;.*Max-Age=0/)
    expect(countSessionsOf(t.db, t.user('manager').id)).toBe(0)
    expect((await t.app.request('/', { headers })).status).toBe(303)
  })

  it('is refused from another site', async () => {
    const t = testApp()
    const res = await t.app.request(`${ORIGIN}/logout`, {
      method: 'POST',
      headers: {
        ...t.as('viewer'),
        origin: 'https://evil.example',
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: '',
    })
    expect(res.status).toBe(403)
    expect(countSessionsOf(t.db, t.user('viewer').id)).toBe(1)
  })
})
