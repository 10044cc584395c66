/**
 * Shared setup for the security tests: pending proposals in the manager's team and another, and
 * every registered route with the values its path parameters take (the matrix, CSRF, logging and
 * stale-edit tests walk the same routes).
 */
import type { Config } from '../../../src/config.ts'
import type { Database } from '../../../src/db/open.ts'
import { getPosition } from '../../../src/db/repos/positions.ts'
import { createProposal } from '../../../src/db/repos/proposals.ts'
import { createUser, ROLES, type Role } from '../../../src/db/repos/users.ts'
import { IMPORT_KINDS } from '../../../src/domain/csv-import.ts'
import { dec } from '../../../src/domain/money.ts'
import { issueToken } from '../../../src/web/auth/tokens.ts'
import { formPages, readForms } from '../../fuzz/harness.ts'
import { postForm, type TestApp, testApp } from '../../helpers/web.ts'

const AT = new Date('2027-01-10T09:00:00Z')

/** A salary change proposed for p-001 (interpretability) and one for p-020 (pretraining). */
export function seedProposals(db: Database, proposedBy: string): { own: string; other: string } {
  const propose = (positionId: string) => {
    const stored = getPosition(db, 'fy2027', positionId)!
    return createProposal(
      db,
      {
        planId: 'fy2027',
        kind: 'change',
        position: { ...stored.position, baseSalary: stored.position.baseSalary.plus(dec('1000')) },
        baseVersion: stored.version,
        before: stored.position,
        changed: ['baseSalary'],
        payAboveBand: false,
        proposedBy,
      },
      AT,
    ).id
  }
  return { own: propose('p-001'), other: propose('p-020') }
}

export type Side = 'own' | 'other'

/** Values for each path parameter: the manager's side (interpretability) and another team's. */
export interface Fill {
  team: Record<Side, string>
  position: Record<Side, string>
  proposal: Record<Side, string>
  openRole: Record<Side, string>
  scenario: string
  plan: string
  pool: string
  loop: string
  band: string
  rateSet: string
  /** A locked budget: unlocking it is the route's test; a second stays for the variance pages. */
  budget: string
  user: string
  token: (role: Role) => string
}

/** Routes whose path or query names something owned by a team, so a manager's other side hides. */
export function teamed(key: string): boolean {
  return (
    /:teamId|:positionId/.test(key) ||
    key.includes('/positions/:id') ||
    key.includes('/approvals/:id') ||
    key.includes('/recruiting/roles/:id') ||
    key === 'GET /projection/explain'
  )
}

/** The request path for a route key and side, with a query where the handler needs one. */
export function pathFor(key: string, side: Side, f: Fill, role: Role): string {
  const [, pattern] = key.split(' ') as [string, string]
  const path = pattern
    .replace(':teamId', f.team[side])
    .replace(':planId', f.plan)
    .replace(':positionId', f.position[side])
    .replace(':bandId', f.band)
    .replace(':setId', f.rateSet)
    .replace(/:change\{[^}]*\}/, 'disable')
    .replace(/:edit\{[^}]*\}/, 'roles')
    .replace(/:kind\{(\w+)\|[^}]*\}/, '$1')
    .replace(':kind', IMPORT_KINDS[0])
    .replace(':poolId', f.pool)
    .replace(':loopId', f.loop)
    .replace(
      ':id',
      pattern.startsWith('/positions')
        ? f.position[side]
        : pattern.startsWith('/recruiting/roles')
          ? f.openRole[side]
          : pattern.startsWith('/approvals')
            ? f.proposal[side]
            : pattern.startsWith('/scenarios')
              ? f.scenario
              : pattern.startsWith('/budgets')
                ? f.budget
                : pattern.startsWith('/users')
                  ? f.user
                  : pattern.startsWith('/tokens')
                    ? f.token(role)
                    : 'x',
    )
  if (key.endsWith('/explain') && key.startsWith('GET /api'))
    return `${path}?month=2027-03&component=salary`
  if (key === 'GET /api/v1/plans/:planId/explain-total')
    return `${path}?month=2027-03&component=salary`
  if (key === 'GET /projection/explain') {
    return `${path}?position=${f.position[side]}&component=salary`
  }
  return path
}

/**
 * A fresh app with every role's account, a pending proposal on each side, the recruiting data, a
 * user to act on, and the routes it registers as "METHOD /pattern" keys.
 */
export async function routeWorld(
  opts: { config?: Config } = {},
): Promise<{ t: TestApp; fill: Fill; routes: string[] }> {
  const t = testApp(opts)
  // the recruiting pages seed interviewer pools and loops on first use
  await t.get('/recruiting', 'admin')
  for (const role of ROLES) t.user(role)
  const target = createUser(
    t.db,
    {
      email: 'target@test.example',
      name: 'Target',
      role: 'viewer',
      teamIds: [],
      passwordHash: 'x',
    },
    new Date('2027-01-01T00:00:00Z'),
  )
  const firstId = (table: string) =>
    (t.db.prepare(`SELECT id FROM ${table} ORDER BY id LIMIT 1`).get() as { id: string }).id
  const band = t.db.prepare('SELECT id FROM salary_bands ORDER BY id LIMIT 1').get() as {
    id: string
  }
  const tokens = new Map<Role, string>()
  const proposals = seedProposals(t.db, t.user('manager').id)
  for (const name of ['Matrix budget', 'Kept budget']) {
    await postForm(
      t.app,
      '/budgets',
      { name, plan: 'fy2027', fiscalYear: '2027' },
      t.as('leadership'),
    )
  }
  const fill: Fill = {
    team: { own: 'interpretability', other: 'pretraining' },
    position: { own: 'p-001', other: 'p-020' },
    proposal: proposals,
    openRole: { own: 'r-101', other: 'r-103' },
    scenario: 'accelerated-hiring',
    pool: firstId('interviewer_pools'),
    loop: firstId('interview_loops'),
    plan: 'fy2027',
    band: band.id,
    rateSet: 'budget-2026',
    budget: 'matrix-budget',
    user: target.id,
    token: (role) => {
      if (!tokens.has(role))
        tokens.set(role, issueToken(t.db, t.user(role).id, 'm', new Date()).token.id)
      return tokens.get(role)!
    },
  }
  const routes = t.app.routes
    .filter((r) => r.method !== 'ALL')
    .map((r) => `${r.method} ${r.path}`)
    .filter((k, i, all) => all.indexOf(k) === i)
  return { t, fill, routes }
}

/** Every page's POST forms as the admin sees them, with the page they are on. */
export async function pageForms(t: TestApp) {
  const forms = []
  for (const page of formPages(t)) {
    const html = await (await t.get(page, 'admin')).text()
    for (const form of readForms(html)) forms.push({ page, ...form })
  }
  return forms
}

export const withField = (
  body: [string, string][],
  name: string,
  value: string,
): [string, string][] => body.map(([k, v]) => [k, k === name ? value : v])

/** What a person types into the forms that start empty, by the end of their action. */
const TYPED: [RegExp, Record<string, string>][] = [
  [/\/scenarios\/[^/]+\/roles$/, { positionId: 'p-001', startDate: '2027-06-01' }],
  [
    /\/scenarios\/[^/]+\/add$/,
    { likeId: 'p-001', title: 'Another', startDate: '2027-06-01', baseSalary: '90000' },
  ],
  [/\/scenarios\/[^/]+\/remove$/, { positionId: 'r-101' }],
  [/^\/positions$/, { title: 'Typed role', baseSalary: '90000', startDate: '2027-06-01' }],
  [/^\/scenarios$/, { name: 'Typed scenario' }],
  [/^\/tokens$/, { name: 'Typed token' }],
  [/^\/users$/, { name: 'Typed person', email: 'typed@test.example' }],
]

export function typedInto(action: string, body: [string, string][]): [string, string][] {
  const typed = TYPED.find(([pattern]) => pattern.test(action))?.[1] ?? {}
  return body.map(([k, v]) => [k, typed[k] ?? v])
}
