import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../../src/config.ts'
import { countSessionsOf } from '../../../src/db/repos/sessions.ts'
import { postForm, TEST_PASSWORD, TODAY, testApp, testEmail } from '../../helpers/web.ts'

const minutes = (n: number) => new Date(TODAY.getTime() + n * 60_000)

describe('session expiry (defaults: 30 minutes idle, 12 hours absolute)', () => {
  it('ends a session unused for more than 30 minutes', async () => {
    const t = testApp()
    const headers = t.as('viewer')
    t.setNow(minutes(30))
    expect((await t.app.request('/', { headers })).status).toBe(200)
    t.setNow(minutes(30 + 31)) // 31 minutes after the last request
    const res = await t.app.request('/', { headers })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/login')
    expect(countSessionsOf(t.db, t.user('viewer').id)).toBe(0)
  })

  it('keeps a session alive while it is used, but ends it 12 hours after sign-in', async () => {
    const t = testApp()
    const headers = t.as('finance')
    // a request every 20 minutes for 12 hours: never idle, still ended at the 12-hour mark
    for (let m = 20; m <= 12 * 60; m += 20) {
      t.setNow(minutes(m))
      expect((await t.app.request('/', { headers })).status, `at ${m} minutes`).toBe(200)
    }
    t.setNow(minutes(12 * 60 + 1))
    expect((await t.app.request('/', { headers })).status).toBe(303)
  })

  it('ends every session of a user an admin disables', async () => {
    const t = testApp()
    const victim = t.as('manager')
    const managerId = t.user('manager').id
    expect((await t.app.request('/', { headers: victim })).status).toBe(200)
    const res = await postForm(t.app, `/users/${managerId}/disable`, {}, t.as('admin'))
    expect(res.status).toBe(303)
    expect(countSessionsOf(t.db, managerId)).toBe(0)
    expect((await t.app.request('/', { headers: victim })).status).toBe(303)
  })
})

describe('login throttling', () => {
  /** An app trusting X-Forwarded-For, so each request can name its address. */
  function behindProxy() {
    const t = testApp({ config: loadConfig({ TRUST_PROXY: 'true' }) })
    t.user('finance')
    const attempt = (address: string, password: string) =>
      postForm(
        t.app,
        '/login',
        { email: testEmail('finance'), password },
        { 'x-forwarded-for': address },
      )
    return { ...t, attempt }
  }

  it('after 5 failures for one account from one address refuses tries there with 429 and Retry-After', async () => {
    const t = behindProxy()
    for (let i = 1; i <= 5; i++) expect((await t.attempt('203.0.113.7', 'guess')).status).toBe(401)
    // the 5th failure started a 15-second wait; even the right password waits
    const res = await t.attempt('203.0.113.7', TEST_PASSWORD)
    expect(res.status).toBe(429)
    expect(res.headers.get('retry-after')).toBe('15')
    expect(await res.text()).toContain('Too many failed sign-ins')
    expect(t.logs.filter((l) => l.event === 'login_throttled')).toHaveLength(1)
  })

  it('counts wrong passwords sent in parallel: of 40 at once, at least 35 are answered 429', async () => {
    const t = behindProxy()
    const answers = await Promise.all(
      Array.from({ length: 40 }, () => t.attempt('203.0.113.7', 'guess')),
    )
    const statuses = answers.map((r) => r.status)
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(35)
    expect(statuses.filter((s) => s !== 429 && s !== 401)).toEqual([])
  })

  it('does not lock the owner out: the right password from another address still signs in', async () => {
    const t = behindProxy()
    for (let i = 0; i < 8; i++) await t.attempt('203.0.113.7', 'guess')
    const res = await t.attempt('198.51.100.20', TEST_PASSWORD)
    expect(res.status).toBe(303)
    expect(res.headers.getSetCookie()[0]).toMatch(/^planner_session=/)
  })

  it('lets the address try again once the wait is over', async () => {
    const t = behindProxy()
    for (let i = 0; i < 5; i++) await t.attempt('203.0.113.7', 'guess')
    t.setNow(new Date(TODAY.getTime() + 15_000))
    expect((await t.attempt('203.0.113.7', TEST_PASSWORD)).status).toBe(303)
  })
})
