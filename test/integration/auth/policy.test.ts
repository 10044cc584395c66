import { describe, expect, it } from 'vitest'
import type { Role } from '../../../src/db/repos/users.ts'
import { pathParam } from '../../../src/web/auth/authorize.ts'
import { can, canApprove, POLICY, ruleFor } from '../../../src/web/auth/policy.ts'
import { canSeeTeam, scopePositions, viewerOf } from '../../../src/web/auth/viewer.ts'
import { testApp } from '../../helpers/web.ts'

describe('the policy table', () => {
  it('has an entry for every route the app registers', () => {
    const { app } = testApp()
    // app.use middleware is registered as ALL; every real route names a method
    const routes = app.routes.filter((r) => r.method !== 'ALL')
    expect(routes.length).toBeGreaterThan(10)
    const missing = routes
      .map((r) => `${r.method} ${r.path}`)
      .filter((key) => ruleFor(key.split(' ')[0]!, key.slice(key.indexOf(' ') + 1)) === undefined)
    expect(missing, 'add these to POLICY in src/web/auth/policy.ts').toEqual([])
  })

  it('has no entry for a route that does not exist (a renamed route leaves none behind)', () => {
    const { app } = testApp()
    const registered = new Set(app.routes.map((r) => `${r.method} ${r.path}`))
    expect(Object.keys(POLICY).filter((key) => !registered.has(key))).toEqual([])
  })
})

describe('refusals', () => {
  it('sends a signed-out browser to sign in, remembering where it was going', async () => {
    const res = await testApp().app.request('/users')
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/login?next=%2Fusers')
  })

  it('answers a signed-out htmx or API request 401 instead of a redirect', async () => {
    const t = testApp()
    const htmx = await t.app.request('/', { headers: { 'HX-Request': 'true' } })
    expect(htmx.status).toBe(401)
    expect(htmx.headers.get('hx-redirect')).toBe('/login')
    const api = await t.app.request('/', { headers: { accept: 'application/json' } })
    expect(api.status).toBe(401)
    expect(await api.json()).toEqual({ error: 'unauthenticated' })
  })

  it('answers 403 to a viewer opening /users, and logs the refusal', async () => {
    const t = testApp()
    const res = await t.get('/users', 'viewer')
    expect(res.status).toBe(403)
    expect(await res.text()).toContain('Not allowed')
    expect(t.logs).toContainEqual(
      expect.objectContaining({ msg: 'auth', event: 'refused', status: 403, path: '/users' }),
    )
  })

  it.each([
    ['admin', 200],
    ['leadership', 403],
    ['finance', 403],
    ['manager', 403],
    ['viewer', 403],
  ] as const)('GET /users as %s answers %i', async (role, status) => {
    expect((await testApp().get('/users', role)).status).toBe(status)
  })

  it('hides a path that matches no route from signed-out users', async () => {
    const res = await testApp().app.request('/no/such/page')
    expect(res.status).toBe(303)
  })

  it('marks every signed-in response no-store, and leaves public assets cacheable', async () => {
    const t = testApp()
    expect((await t.get('/')).headers.get('cache-control')).toBe('no-store')
    expect((await t.app.request('/login')).headers.get('cache-control')).toBeNull()
  })
})

describe('permissions by role', () => {
  const viewer = (role: Role) => {
    const t = testApp()
    return viewerOf(t.db, t.user(role), 'session')
  }

  it.each([
    // role, view_pay, edit_plan, edit_bands, approve, manage_users, view_audit
    ['admin', true, true, true, true, true, true],
    ['leadership', true, true, false, true, false, false],
    ['finance', true, false, true, true, false, true],
    ['manager', true, true, false, false, false, false],
    ['viewer', false, false, false, false, false, false],
  ] as const)('%s', (role, pay, plan, bands, approve, users, audit) => {
    const v = viewer(role)
    expect(can(v, 'view_headcount')).toBe(true)
    expect(can(v, 'view_pay')).toBe(pay)
    expect(can(v, 'edit_plan')).toBe(plan)
    expect(can(v, 'edit_bands')).toBe(bands)
    expect(can(v, 'approve')).toBe(approve)
    expect(can(v, 'manage_users')).toBe(users)
    expect(can(v, 'view_audit')).toBe(audit)
  })

  it('limits a manager to the teams they manage and every subteam below', () => {
    const m = viewer('manager')
    for (const team of ['interpretability', 'circuits', 'dictionary-learning', 'model-biology']) {
      expect(canSeeTeam(m, team), team).toBe(true)
      expect(can(m, 'view_pay', team)).toBe(true)
    }
    for (const team of ['pretraining', 'inference', 'platform', 'recruiting']) {
      expect(canSeeTeam(m, team), team).toBe(false)
      expect(can(m, 'edit_plan', team)).toBe(false)
    }
    expect(can(viewer('finance'), 'view_pay', 'pretraining')).toBe(true)
  })

  it('scopes positions to the teams a manager may see', () => {
    const positions = [
      { id: 'a', teamId: 'circuits' },
      { id: 'b', teamId: 'platform' },
      { id: 'c', teamId: 'interpretability' },
    ]
    expect(scopePositions(viewer('manager'), positions).map((p) => p.id)).toEqual(['a', 'c'])
    expect(scopePositions(viewer('leadership'), positions)).toHaveLength(3)
  })

  it('lets finance approve only pay above the band', () => {
    expect(canApprove(viewer('finance'), { payAboveBand: true })).toBe(true)
    expect(canApprove(viewer('finance'), { payAboveBand: false })).toBe(false)
    expect(canApprove(viewer('leadership'), { payAboveBand: false })).toBe(true)
    expect(canApprove(viewer('manager'), { payAboveBand: true })).toBe(false)
  })
})

describe('pathParam', () => {
  it('reads a named parameter by position, ignoring a pattern suffix, decoding it', () => {
    expect(
      pathParam('/teams/:teamId/positions', '/teams/model%20biology/positions', 'teamId'),
    ).toBe('model biology')
    expect(pathParam('/users/:id/:change{disable|enable}', '/users/u1/disable', 'change')).toBe(
      'disable',
    )
    expect(pathParam('/teams', '/teams', 'teamId')).toBeUndefined()
  })
})
