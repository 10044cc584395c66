/**
 * The authorization matrix: every route the app registers x every role x (where the route names a
 * team, a position or a proposal) the manager's own team and another team. Expectations come from
 * POLICY and the manager's scope, with the handler-level refusals written out by hand; a second,
 * hand-written table pins the answers that matter most, so a wrong POLICY entry also fails here.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { ROLES, type Role } from '../../../src/db/repos/users.ts'
import { GRANTS, POLICY } from '../../../src/web/auth/policy.ts'
import { ssoConfig, startProvider, type TestProvider } from '../../helpers/oidc.ts'
import { ORIGIN, postForm, type TestApp } from '../../helpers/web.ts'
import { type Fill, pathFor, routeWorld, type Side, teamed } from './fixtures.ts'

type Outcome = 'allowed' | 'forbidden' | 'hidden'

/** Refusals made inside handlers, beyond POLICY: the route key and the roles refused there. */
const HANDLER_REFUSALS: Record<string, readonly Role[]> = {
  // the whole-workspace export holds every salary: admin and leadership only
  'GET /api/v1/workspace': ['finance', 'manager', 'viewer'],
  // finance decides only proposals paying above the band; the seeded ones do not
  'POST /approvals/:id/decide': ['finance'],
}

/** Single sign-on's routes answer 404 to everyone while it is off. */
const SSO_ROUTES = new Set(['POST /login/sso', 'GET /login/sso/callback'])

function expected(key: string, role: Role, side: Side, sso: 'on' | 'off' = 'off'): Outcome {
  if (sso === 'off' && SSO_ROUTES.has(key)) return 'hidden'
  const rule = POLICY[key]!
  if (rule.permission !== 'public' && rule.permission !== 'signed_in') {
    if (!GRANTS[rule.permission].includes(role)) return 'forbidden'
  }
  if (HANDLER_REFUSALS[key]?.includes(role)) return 'forbidden'
  if (role === 'manager' && side === 'other' && teamed(key)) return 'hidden'
  return 'allowed'
}

let t: TestApp
let fill: Fill
let routes: string[]

async function send(key: string, role: Role, side: Side): Promise<Response> {
  const path = pathFor(key, side, fill, role)
  const headers = { ...t.as(role), accept: 'text/html' }
  if (key.startsWith('GET ')) return t.app.request(`${ORIGIN}${path}`, { headers })
  // an empty body: enough to pass or fail authorization, never enough to change anything
  return postForm(t.app, path, {}, headers)
}

function judge(status: number): Outcome | 'error' {
  if (status >= 500) return 'error'
  if (status === 401 || status === 403) return 'forbidden'
  if (status === 404) return 'hidden'
  return 'allowed'
}

// with single sign-on on, the planner talks to a real provider (test/helpers/oidc.ts)
describe.each(['off', 'on'] as const)('the authorization matrix, single sign-on %s', (sso) => {
  let provider: TestProvider | undefined
  beforeAll(async () => {
    if (sso === 'on') provider = await startProvider(ORIGIN)
  })
  afterAll(() => provider?.close())

  // the helper closes each test's database afterwards, so every test gets its own app
  beforeEach(async () => {
    ;({ t, fill, routes } = await routeWorld(provider && { config: ssoConfig(provider, ORIGIN) }))
  })

  it('covers every registered route, and every route has a policy entry', () => {
    expect(routes.length).toBeGreaterThan(40)
    expect(routes.filter((k) => !POLICY[k])).toEqual([])
  })

  it('answers every route x role x side as POLICY and scope say', async () => {
    const wrong: string[] = []
    let checked = 0
    for (const key of routes) {
      if (key === 'POST /logout') continue // ends the session it is sent with: checked below
      for (const role of ROLES) {
        for (const side of teamed(key) ? (['own', 'other'] as const) : (['own'] as const)) {
          const res = await send(key, role, side)
          const got = judge(res.status)
          const want = expected(key, role, side, sso)
          checked++
          if (got !== want) wrong.push(`${key} as ${role} (${side}): ${res.status}, want ${want}`)
        }
      }
    }
    expect(wrong).toEqual([])
    expect(checked).toBeGreaterThan(300)
    // some 400 requests: its time grows with every route, so it gets more than the default
  }, 120_000)

  it('lets every role sign out', async () => {
    for (const role of ROLES) {
      const res = await postForm(t.app, '/logout', {}, t.as(role))
      expect(res.status, role).toBe(303)
    }
  })
})

describe('the answers that matter most, written out', () => {
  beforeEach(async () => {
    ;({ t, fill, routes } = await routeWorld())
  })

  // route, admin, leadership, finance, manager (own), manager (other), viewer
  const TABLE: [string, ...number[]][] = [
    ['GET /users', 200, 403, 403, 403, 403, 403],
    ['GET /audit', 200, 403, 200, 403, 403, 403],
    ['GET /audit.csv', 200, 403, 200, 403, 403, 403],
    ['GET /approvals', 200, 200, 200, 200, 200, 403],
    ['POST /approvals/:id/decide', 422, 422, 403, 403, 403, 403],
    ['GET /teams/:teamId', 200, 200, 200, 200, 404, 200],
    ['GET /projection', 200, 200, 200, 200, 200, 403],
    // the overview: cost by team and year, a manager's for their own teams
    ['GET /overview', 200, 200, 200, 200, 200, 403],
    ['GET /projection/table.csv', 200, 200, 200, 200, 200, 403],
    ['GET /projection/explain', 200, 200, 200, 200, 404, 403],
    ['GET /api/v1/plans/:planId/positions/:positionId/explain', 200, 200, 200, 200, 404, 403],
    ['GET /api/v1/plans/:planId/projection.csv', 200, 200, 200, 200, 200, 403],
    ['GET /api/v1/workspace', 200, 200, 403, 403, 403, 403],
    ['GET /positions/:id/edit', 200, 200, 403, 200, 404, 403],
    ['GET /bands/:bandId/edit', 200, 403, 200, 403, 403, 403],
    ['GET /bands', 200, 200, 200, 200, 200, 403],
    // budgets: leadership and admins set them, finance reads, a manager reads only their own
    ['GET /team-budgets', 200, 200, 200, 200, 200, 403],
    ['POST /team-budgets', 422, 422, 403, 403, 403, 403],
    ['GET /api/v1/plans/:planId/team-budgets', 200, 200, 200, 200, 200, 403],
    ['POST /api/v1/plans/:planId/team-budgets', 422, 422, 403, 403, 403, 403],
  ]
  const COLUMNS: [Role, Side][] = [
    ['admin', 'own'],
    ['leadership', 'own'],
    ['finance', 'own'],
    ['manager', 'own'],
    ['manager', 'other'],
    ['viewer', 'own'],
  ]

  it.each(TABLE)('%s', async (key, ...statuses) => {
    const got: number[] = []
    for (const [role, side] of COLUMNS) got.push((await send(key, role, side)).status)
    expect(got).toEqual(statuses)
  })

  it("keeps other teams' people out of a manager's downloads and explanations", async () => {
    const csv = await (await t.get('/api/v1/plans/fy2027/projection.csv', 'manager')).text()
    expect(csv).toContain('p-001')
    expect(csv).not.toContain('p-020')
    const total = await (
      await t.get('/api/v1/plans/fy2027/explain-total?month=2027-03&component=salary', 'manager')
    ).text()
    expect(total).not.toContain('pretraining')
  })
})
