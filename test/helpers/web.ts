/**
 * The app under test: createApp over a fresh migrated database holding the demo organisation, a
 * clock the test can move and a logger whose lines the test can read. No port is bound. Requests
 * sign in with `as(role)` (a session cookie) or `bearer(role)` (an API token), each for one test
 * account per role; the manager manages Interpretability (and so its three subteams).
 */
import type { Hono } from 'hono'
import { type Config, loadConfig } from '../../src/config.ts'
import type { Database } from '../../src/db/open.ts'
import { readHiring } from '../../src/db/repos/hiring.ts'
import { insertSession } from '../../src/db/repos/sessions.ts'
import { createUser, findLogin, type Role, type User } from '../../src/db/repos/users.ts'
import { loadReferenceData } from '../../src/reference-data.ts'
import { seedDemoData } from '../../src/seed.ts'
import { type AppEnv, createApp } from '../../src/web/app.ts'
import { hashPassword } from '../../src/web/auth/password.ts'
import { randomSecret, sha256Hex } from '../../src/web/auth/secrets.ts'
import { SESSION_COOKIE } from '../../src/web/auth/session.ts'
import type { SsoClient } from '../../src/web/auth/sso.ts'
import { issueToken } from '../../src/web/auth/tokens.ts'
import { createLogger } from '../../src/web/log.ts'
import { ProjectionService } from '../../src/web/services/projections.ts'
import { freshDatabase } from './db.ts'

/** "Today" for web tests: in the first month of the demo organisation's FY2027 plan. */
export const TODAY = new Date('2027-01-15T12:00:00Z')

/** The rule book as shipped in data/rules: the demo plan (2027-01, 24 months) is costed with it. */
export const RULES = loadReferenceData().rules

/** Every test account's password. */
export const TEST_PASSWORD = 'correct horse battery staple'
/** Hashed once, cheaply (N=2^10): the stored parameters make it verify like any other hash. */
const TEST_HASH = await hashPassword(TEST_PASSWORD, { N: 2 ** 10, r: 8, p: 1 })

export const testEmail = (role: Role) => `${role}@test.example`
/** The team the test manager manages. */
export const MANAGED_TEAM = 'interpretability'

/** The test account for `role` (password TEST_PASSWORD), created on first use. */
export function testUser(db: Database, role: Role, now = TODAY): User {
  const existing = findLogin(db, testEmail(role))
  if (existing) return existing.user
  const name = `Test ${role}`
  const teamIds = role === 'manager' ? [MANAGED_TEAM] : []
  return createUser(
    db,
    { email: testEmail(role), name, role, teamIds, passwordHash: TEST_HASH },
    now,
  )
}

export interface TestApp {
  app: Hono<AppEnv>
  db: Database
  /** The app's projection service (its cache is what the pages and the API read). */
  projections: ProjectionService
  /** Parsed JSON log entries written so far. */
  logs: Record<string, unknown>[]
  /** Moves the app's clock. */
  setNow(now: Date): void
  /** The test account for `role`, created on first use. */
  user(role: Role): User
  /** Headers of a browser signed in as `role` (a fresh session cookie). */
  as(role: Role): { cookie: string }
  /** Headers of a script calling with a fresh API token of `role`. */
  bearer(role: Role): Record<string, string>
  /** GET `path` signed in as `role` (a viewer unless said). */
  get(path: string, role?: Role, headers?: Record<string, string>): Promise<Response>
}

/** `path`: a database file, as the server has (long writes then run on a connection of their own). */
export function testApp(
  opts: { seed?: boolean; config?: Config; sso?: SsoClient; path?: string } = {},
): TestApp {
  const db = freshDatabase(opts.path)
  if (opts.seed ?? true) seedDemoData(db)
  let now = TODAY
  const logs: Record<string, unknown>[] = []
  const logger = createLogger(
    'debug',
    (line) => logs.push(JSON.parse(line)),
    () => now,
  )
  const projections = new ProjectionService(db, RULES)
  const app = createApp({
    db,
    config: opts.config ?? loadConfig({}),
    clock: () => now,
    logger,
    rules: RULES,
    projections,
    ...(opts.sso && { sso: opts.sso }),
  })

  const user = (role: Role) => testUser(db, role, now)

  function as(role: Role) {
    const id = randomSecret()
    insertSession(db, sha256Hex(id), user(role).id, now)
    return { cookie: `${SESSION_COOKIE}=${id}` }
  }

  return {
    app,
    db,
    projections,
    logs,
    setNow: (d) => {
      now = d
    },
    user,
    as,
    bearer(role) {
      const { value } = issueToken(db, user(role).id, 'test', now)
      return { authorization: `Bearer ${value}` }
    },
    get: (path, role = 'viewer', headers = {}) =>
      Promise.resolve(app.request(`${ORIGIN}${path}`, { headers: { ...as(role), ...headers } })),
  }
}

/** The position form's fields for a new open role in Interpretability, London (demo data). */
export const LONDON_ROLE = {
  title: 'Research Engineer, Circuits',
  teamId: 'interpretability',
  officeId: 'london',
  familyId: 'research-engineer',
  levelId: 'l4',
  baseSalary: '60,000',
  bonusPercent: '0',
  status: 'open',
  reason: 'net_new',
  startDate: '2027-07-01',
  // no new-hire grant (empty would take the level's default)
  equityUsd: '0',
}

/** An approved L5 research scientist role in Interpretability, London, at £150,000 (demo data). */
export const SCIENTIST_ROLE = {
  ...LONDON_ROLE,
  familyId: 'research-scientist',
  levelId: 'l5',
  baseSalary: '150000',
  status: 'approved',
}

/** Origin of `app.request()` URLs; same-origin requests must name it for csrf() to pass. */
export const ORIGIN = 'http://localhost'

/** A form POST as a browser on our own pages sends it (Origin set), so csrf() lets it through. */
export function postForm(
  app: Hono<AppEnv>,
  path: string,
  fields: Record<string, string> | URLSearchParams,
  headers: Record<string, string> = {},
): Promise<Response> {
  return Promise.resolve(
    app.request(`${ORIGIN}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: ORIGIN,
        ...headers,
      },
      body: new URLSearchParams(fields).toString(),
    }),
  )
}

/** Approves `proposal` at the version it was read at, as `role`; the answer (303 when saved). */
export function approveAs(
  t: TestApp,
  proposal: { id: string; version: number },
  role: Role,
): Promise<Response> {
  return postForm(
    t.app,
    `/approvals/${proposal.id}/decide`,
    { version: String(proposal.version), decision: 'approved' },
    t.as(role),
  )
}

/**
 * Leaves the demo's research interviewers' pool to Ingrid Solberg alone at `weeklyHours` a week,
 * saved as an admin from the pool's form; the answer (303 when saved) for the test to check.
 */
export function shrinkResearchPool(t: TestApp, weeklyHours: number): Promise<Response> {
  const pool = readHiring(t.db).pools.find((p) => p.value.id === 'research-interviewers')!
  return postForm(
    t.app,
    '/recruiting/pools/research-interviewers',
    {
      name: pool.value.name,
      people: 'Ingrid Solberg',
      weeklyHoursPerPerson: String(weeklyHours),
      version: String(pool.version),
    },
    t.as('admin'),
  )
}

/** The session id a response set, or undefined. */
export function sessionCookieOf(res: Response): string | undefined {
  const set = res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`))
  const value = set?.slice(SESSION_COOKIE.length + 1).split(';')[0]
  return value === '' ? undefined : value
}
