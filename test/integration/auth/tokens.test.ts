import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { ORIGIN, postForm, testApp } from '../../helpers/web.ts'

const TOKEN = /<code id="new-token">(hcp_[A-Za-z0-9_-]{43})<\/code>/

async function createToken(t: ReturnType<typeof testApp>, role: Parameters<typeof t.as>[0]) {
  const headers = t.as(role)
  const res = await postForm(t.app, '/tokens', { name: 'BI export' }, headers)
  expect(res.status).toBe(201)
  const value = TOKEN.exec(await res.text())?.[1]
  expect(value).toBeDefined()
  return { value: value!, headers }
}

describe('API tokens', () => {
  it('are shown once at creation and stored only as their SHA-256', async () => {
    const t = testApp()
    const { value, headers } = await createToken(t, 'finance')
    const list = await (await t.app.request('/tokens', { headers })).text()
    expect(list).toContain('BI export')
    expect(list).not.toContain(value)
    const stored = t.db.prepare('SELECT token_hash FROM api_tokens').pluck().all()
    expect(stored).toEqual([createHash('sha256').update(value).digest('hex')])
    expect(JSON.stringify(t.db.prepare('SELECT * FROM api_tokens').all())).not.toContain(value)
  })

  it("carry their user's role: a viewer's token cannot open /users, an admin's can", async () => {
    const t = testApp()
    const viewer = await t.app.request('/users', { headers: t.bearer('viewer') })
    expect(viewer.status).toBe(403)
    expect(await viewer.json()).toEqual({ error: 'forbidden' })
    const admin = await t.app.request('/users', { headers: t.bearer('admin') })
    expect(admin.status).toBe(200)
    expect(admin.headers.get('cache-control')).toBe('no-store')
  })

  it('are refused once revoked, and an unknown token is 401 with WWW-Authenticate', async () => {
    const t = testApp()
    const { value, headers } = await createToken(t, 'leadership')
    const bearer = { authorization: `Bearer ${value}` }
    expect((await t.app.request('/', { headers: bearer })).status).toBe(200)
    const id = t.db.prepare('SELECT id FROM api_tokens').pluck().get() as string
    expect((await postForm(t.app, `/tokens/${id}/revoke`, {}, headers)).status).toBe(303)
    const refused = await t.app.request('/', { headers: bearer })
    expect(refused.status).toBe(401)
    expect(refused.headers.get('www-authenticate')).toBe('Bearer')
    const unknown = await t.app.request('/', { headers: { authorization: 'Bearer hcp_nope' } })
    expect(unknown.status).toBe(401)
  })

  it('end when their user is disabled, and enabling the account does not bring them back', async () => {
    const t = testApp()
    const { value } = await createToken(t, 'finance')
    const bearer = { authorization: `Bearer ${value}` }
    const admin = t.as('admin')
    const finance = t.user('finance').id
    expect((await postForm(t.app, `/users/${finance}/disable`, {}, admin)).status).toBe(303)
    expect((await t.app.request('/', { headers: bearer })).status).toBe(401)
    expect((await postForm(t.app, `/users/${finance}/enable`, {}, admin)).status).toBe(303)
    expect((await t.app.request('/', { headers: bearer })).status).toBe(401)
    const revoked = t.db.prepare('SELECT revoked_at FROM api_tokens').pluck().get()
    expect(revoked).not.toBeNull()
  })

  it("end when an admin resets their user's password", async () => {
    const t = testApp()
    const { value } = await createToken(t, 'manager')
    const bearer = { authorization: `Bearer ${value}` }
    expect((await t.app.request('/', { headers: bearer })).status).toBe(200)
    const reset = await postForm(
      t.app,
      `/users/${t.user('manager').id}/password`,
      {},
      t.as('admin'),
    )
    expect(reset.status).toBeLessThan(400)
    expect((await t.app.request('/', { headers: bearer })).status).toBe(401)
  })

  it('cannot be revoked by another user: 404, and the token keeps working', async () => {
    const t = testApp()
    const { value } = await createToken(t, 'finance')
    const id = t.db.prepare('SELECT id FROM api_tokens').pluck().get() as string
    const res = await postForm(t.app, `/tokens/${id}/revoke`, {}, t.as('admin'))
    expect(res.status).toBe(404)
    const still = await t.app.request('/', { headers: { authorization: `Bearer ${value}` } })
    expect(still.status).toBe(200)
  })

  it('skip the cross-site check only for token requests, never for cookie ones', async () => {
    const t = testApp()
    const form = { 'content-type': 'application/x-www-form-urlencoded' }
    // a script with a token sends no Origin: allowed
    const scripted = await t.app.request(`${ORIGIN}/tokens`, {
      method: 'POST',
      headers: { ...t.bearer('viewer'), ...form },
      body: 'name=from-a-script',
    })
    expect(scripted.status).toBe(201)
    // the same request riding on a session cookie from another site: refused
    const crossSite = await t.app.request(`${ORIGIN}/tokens`, {
      method: 'POST',
      headers: { ...t.as('viewer'), ...form, origin: 'https://evil.example' },
      body: 'name=planted',
    })
    expect(crossSite.status).toBe(403)
    // an Authorization header that is no valid token does not fall back to the cookie
    const fallback = await t.app.request(`${ORIGIN}/tokens`, {
      method: 'POST',
      headers: { ...t.as('viewer'), ...form, authorization: 'Bearer junk' },
      body: 'name=planted',
    })
    expect(fallback.status).toBe(401)
    const names = t.db.prepare('SELECT name FROM api_tokens ORDER BY name').pluck().all()
    expect(names).toEqual(['from-a-script', 'test'])
  })

  it('need a name: 422 with the field named, nothing stored', async () => {
    const t = testApp()
    const res = await postForm(t.app, '/tokens', { name: '   ' }, t.as('viewer'))
    expect(res.status).toBe(422)
    expect(await res.text()).toContain('Give the token a name')
    expect(t.db.prepare('SELECT COUNT(*) FROM api_tokens').pluck().get()).toBe(0)
  })
})
