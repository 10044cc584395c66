/**
 * Pay stays private on every GET path. A manager of Interpretability and a viewer each open every
 * GET route the app registers (pages, the same pages as htmx fragments, downloads, the API), with
 * every id the store holds for its path parameters, a probing query, and every link, fragment
 * and download those answers point to.
 *
 * How a leak is found: the same crawl runs against two workspaces that differ only in pay the
 * asker may not see (for the manager, every figure of pay of the teams outside Interpretability:
 * salaries, raises, bonus targets, equity, relocation, proposals, scenario changes, payroll; for
 * the viewer, all pay and every band). Any answer that differs between the two shows a figure
 * derived from that pay: a salary, a total, an order, a band position, a count above band. For
 * the viewer, no answer may hold an amount of money at all.
 */
import { unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import type { Database } from '../../../src/db/open.ts'
import {
  replacePayrollMonthsSteps,
  saveActualRates,
  saveEmployeeLinks,
} from '../../../src/db/repos/actuals.ts'
import { getScenario } from '../../../src/db/repos/scenarios.ts'
import { teamsWithSubteams } from '../../../src/db/repos/users.ts'
import { ACTUAL_COMPONENTS } from '../../../src/domain/actuals/variance.ts'
import { IMPORT_KINDS } from '../../../src/domain/csv-import.ts'
import { atOnce } from '../../../src/domain/steps.ts'
import { decodeEntities } from '../../helpers/page-crawl.ts'
import { MANAGED_TEAM, ORIGIN, postForm, type TestApp, testApp } from '../../helpers/web.ts'
import { seedProposals } from './fixtures.ts'

type Asker = 'manager' | 'viewer'
/** Whose pay the second workspace changes: the teams a manager may not see, or everyone's. */
type Hidden = (teamId: string) => boolean

/** £12,345.67 (or $) more, wherever pay is stored: no figure derived from it stays the same. */
const MORE = 1_234_567

function changePay(db: Database, hidden: Hidden, bands: boolean): void {
  const teams = (db.prepare('SELECT id FROM teams').pluck().all() as string[]).filter(hidden)
  const inTeams = `IN (SELECT id FROM positions WHERE team_id IN (${teams.map(() => '?').join(',')}))`
  db.prepare(
    `UPDATE positions SET base_salary_minor = base_salary_minor + ${MORE},
       bonus_target_rate = printf('%.2f', bonus_target_rate + 0.05),
       relocation_minor = relocation_minor + ${MORE}
     WHERE team_id IN (${teams.map(() => '?').join(',')})`,
  ).run(...teams)
  db.prepare(
    `UPDATE position_raises SET annual_base_minor = annual_base_minor + ${MORE} WHERE position_id ${inTeams}`,
  ).run(...teams)
  db.prepare(
    `UPDATE position_equity_grants SET value_usd_minor = value_usd_minor + ${MORE} WHERE position_id ${inTeams}`,
  ).run(...teams)
  if (bands) {
    db.prepare(
      `UPDATE salary_bands SET min_minor = min_minor + ${MORE}, mid_minor = mid_minor + ${MORE},
         max_minor = max_minor + ${MORE}`,
    ).run()
  }
}

/** Three closed months of payroll for every filled position, each paid its salary / 12. */
function payroll(db: Database, hidden: Hidden | null): void {
  const filled = db
    .prepare(
      `SELECT p.id, p.team_id, p.base_salary_minor, o.currency FROM positions p
       JOIN offices o ON o.id = p.office_id WHERE p.kind = 'filled' AND p.plan_id = 'fy2027'`,
    )
    .all() as { id: string; team_id: string; base_salary_minor: number; currency: 'GBP' | 'USD' }[]
  saveEmployeeLinks(
    db,
    'fy2027',
    filled.map((p) => ({ employeeId: `e-${p.id}`, positionId: p.id })),
  )
  const months = ['2027-01', '2027-02', '2027-03']
  const lines = months.flatMap((month) =>
    filled.map((p) => {
      const extra = hidden?.(p.team_id) ? MORE : 0
      const amounts = Object.fromEntries(ACTUAL_COMPONENTS.map((c) => [c, 10_000 + extra]))
      amounts.salary = Math.round(p.base_salary_minor / 12) + extra
      return {
        employeeId: `e-${p.id}`,
        month,
        currency: p.currency,
        amounts: amounts as Record<(typeof ACTUAL_COMPONENTS)[number], number>,
      }
    }),
  )
  atOnce(replacePayrollMonthsSteps(db, months, lines))
  saveActualRates(
    db,
    months.map((month) => ({ month, usdPerGbp: '1.25' })),
  )
}

/**
 * A workspace with something on every page: pending proposals in Interpretability and
 * Pretraining, a scenario change to another team's salary, two locked budgets and a closed
 * quarter of payroll. With `hidden`, that pay is changed first (and so everything derived from it:
 * the proposals, the scenario's salary, the budgets' snapshots, the payroll).
 */
async function workspace(hidden: Hidden | null, bands: boolean): Promise<TestApp> {
  const t = testApp()
  if (hidden) changePay(t.db, hidden, bands)
  payroll(t.db, hidden)
  await t.get('/recruiting', 'admin') // seeds interviewer pools and loops
  seedProposals(t.db, t.user('manager').id)
  const version = String(getScenario(t.db, 'accelerated-hiring')!.version)
  // leadership pays p-021 (Research Scientist, Pretraining) more in the scenario
  const salary = hidden?.('pretraining') ? '555000' : '500000'
  const scenario = await postForm(
    t.app,
    '/scenarios/accelerated-hiring/roles',
    { version, positionId: 'p-021', startDate: '', baseSalary: salary },
    t.as('leadership'),
  )
  expect(scenario.status).toBe(303)
  for (const name of ['FY2027 budget', 'FY2028 budget']) {
    const fiscalYear = name.slice(2, 6)
    const res = await postForm(
      t.app,
      '/budgets',
      { name, plan: 'fy2027', fiscalYear },
      t.as('finance'),
    )
    expect(res.status, name).toBe(201)
  }
  return t
}

// ---------------------------------------------------------------------------------------------
// What to open

const ids = (db: Database, sql: string) => db.prepare(sql).pluck().all() as string[]

/** Every value the store holds for a path parameter, by the route it is in. */
function valuesFor(db: Database, pattern: string, param: string): string[] {
  const alternatives = /\{([^}]*)\}/.exec(param)?.[1]
  if (alternatives) return alternatives.split('|')
  const name = param.slice(1)
  if (name === 'teamId') return ids(db, 'SELECT id FROM teams')
  if (name === 'planId') return ids(db, 'SELECT id FROM plans')
  if (name === 'positionId') return ids(db, 'SELECT id FROM positions')
  if (name === 'bandId') return ids(db, 'SELECT id FROM salary_bands ORDER BY id LIMIT 3')
  if (name === 'kind') return [...IMPORT_KINDS]
  if (name !== 'id') return []
  const table: [string, string][] = [
    ['/positions/', 'SELECT id FROM positions'],
    ['/recruiting/roles/', "SELECT id FROM positions WHERE kind = 'open'"],
    ['/scenarios/', 'SELECT id FROM scenarios'],
    ['/approvals/', 'SELECT id FROM proposals'],
    ['/budgets/', 'SELECT id FROM locked_budgets'],
    ['/users/', 'SELECT id FROM users'],
    ['/tokens/', 'SELECT id FROM api_tokens'],
  ]
  const sql = table.find(([prefix]) => pattern.startsWith(prefix))?.[1]
  return sql ? ids(db, sql) : []
}

/** The route's path with each parameter taking every value the store holds. */
function pathsOf(db: Database, pattern: string): string[] {
  let paths = ['']
  for (const segment of pattern.split('/').slice(1)) {
    const values = segment.startsWith(':') ? valuesFor(db, pattern, segment) : [segment]
    paths = paths.flatMap((p) => values.map((v) => `${p}/${encodeURIComponent(v)}`))
  }
  return paths
}

/**
 * Queries tried on every route without path parameters besides the plain one: another team,
 * every pending proposal and the other currency, a ranking by pay, an explanation's cell (the
 * routes that need one), one pay component.
 */
const PROBES = [
  '?team=pretraining&include=all&currency=USD&scenario=accelerated-hiring',
  '?sort=salary&dir=desc',
  '?month=2027-03&component=salary&position=p-020',
  '?component=bonus&by=component',
]

/** A regular expression matching the request paths a registered route answers. */
function routeMatcher(pattern: string): RegExp {
  const source = pattern
    .split('/')
    .map((s) => {
      const alternatives = /^:\w+\{([^}]*)\}$/.exec(s)?.[1]
      if (alternatives) return `(?:${alternatives})`
      return s.startsWith(':') ? '[^/]+' : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    })
    .join('/')
  return new RegExp(`^${source}$`)
}

/** Same-origin URLs an answer points to: links, downloads, htmx fragments, GET forms. */
function urlsIn(body: string, from: string): string[] {
  const urls: string[] = []
  for (const [, , raw] of body.matchAll(/\s(href|hx-get|src|action)="([^"]*)"/g)) {
    const url = new URL(decodeEntities(raw!), `${ORIGIN}${from}`)
    if (url.origin === ORIGIN && url.pathname !== '/logout')
      urls.push(`${url.pathname}${url.search}`)
  }
  return urls
}

const shapeOf = (url: URL) => `${url.pathname}?${[...url.searchParams.keys()].sort().join('&')}`

interface Answer {
  status: number
  type: string
  body: string
}

/** The text of an answer to compare: an Excel workbook's sheets and strings, not its zip bytes. */
async function read(res: Response): Promise<Answer> {
  const type = res.headers.get('content-type') ?? ''
  if (!type.includes('spreadsheetml')) return { status: res.status, type, body: await res.text() }
  const files = unzipSync(new Uint8Array(await res.arrayBuffer()))
  const body = Object.entries(files)
    .filter(([name]) => !name.startsWith('docProps/'))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, bytes]) => `${name}\n${new TextDecoder().decode(bytes)}`)
    .join('\n')
  return { status: res.status, type, body }
}

interface Crawl {
  /** Every URL opened, each as a page and (for HTML) as an htmx fragment. */
  answers: Map<string, Answer>
  /** Registered GET routes no request reached. */
  unreached: string[]
}

/** Opens every GET route as `asker`, following what the answers point to. */
async function crawlAs(t: TestApp, asker: Asker): Promise<Crawl> {
  const routes = t.app.routes
    .filter((r) => r.method === 'GET')
    .map((r) => r.path)
    .filter((p, i, all) => all.indexOf(p) === i)
  const cookie = t.as(asker)
  const queue = routes.flatMap((route) =>
    route.includes(':') ? pathsOf(t.db, route) : [route, ...PROBES.map((q) => route + q)],
  )
  const seen = new Set<string>()
  const shapes = new Map<string, number>()
  const answers = new Map<string, Answer>()
  while (queue.length > 0) {
    const url = queue.shift()!
    const parsed = new URL(url, ORIGIN)
    const shape = shapeOf(parsed)
    if (seen.has(url) || (shapes.get(shape) ?? 0) >= 6) continue
    seen.add(url)
    shapes.set(shape, (shapes.get(shape) ?? 0) + 1)
    const page = await read(await t.app.request(`${ORIGIN}${url}`, { headers: cookie }))
    answers.set(url, page)
    if (!page.type.startsWith('text/html')) continue
    const headers = { ...cookie, 'HX-Request': 'true' }
    answers.set(`${url} (htmx)`, await read(await t.app.request(`${ORIGIN}${url}`, { headers })))
    queue.push(...urlsIn(page.body, url))
  }
  const opened = [...answers.keys()].map((u) => new URL(u.split(' ')[0]!, ORIGIN).pathname)
  const unreached = routes.filter((r) => !opened.some((p) => routeMatcher(r).test(p)))
  return { answers, unreached }
}

/** What differs between two answers, with the text around the first difference. */
function difference(a: Answer, b: Answer): string | null {
  if (a.status !== b.status) return `status ${a.status} / ${b.status}`
  if (a.body === b.body) return null
  let at = 0
  while (a.body[at] === b.body[at]) at++
  const near = (s: string) => s.slice(Math.max(0, at - 80), at + 60).replace(/\s+/g, ' ')
  return `"${near(a.body)}" / "${near(b.body)}"`
}

/**
 * Records made with generated ids (proposals, users) in `other`, each paired with the same record
 * in `plain`, and the times the store wrote (its clock, not the app's).
 */
function sameRecords(plain: TestApp, other: TestApp): (body: string) => string {
  const pairs = (sql: string) => {
    const mine = new Map(plain.db.prepare(sql).raw().all() as [string, string][])
    return (other.db.prepare(sql).raw().all() as [string, string][]).map(
      ([key, id]) => [id, mine.get(key)!] as const,
    )
  }
  const ids = [
    ...pairs('SELECT position_id || kind, id FROM proposals'),
    ...pairs('SELECT email, id FROM users'),
  ]
  return (body) =>
    ids
      .reduce((text, [theirs, mine]) => text.replaceAll(theirs, mine), body)
      .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/g, '(written at)')
}

/** Replays `crawl`'s URLs against `other` and lists each answer that differs. */
async function leaks(
  crawl: Crawl,
  plain: TestApp,
  other: TestApp,
  asker: Asker,
): Promise<string[]> {
  const cookie = other.as(asker)
  const same = sameRecords(plain, other)
  const found: string[] = []
  for (const [key, answer] of crawl.answers) {
    const [url, variant] = key.split(' ')
    const headers = variant ? { ...cookie, 'HX-Request': 'true' } : cookie
    const again = await read(await other.app.request(`${ORIGIN}${url}`, { headers }))
    const diff = difference(
      { ...answer, body: same(answer.body) },
      { ...again, body: same(again.body) },
    )
    if (diff) found.push(`${key}: ${diff}`)
  }
  return found
}

/** An amount of money as the pages, downloads and API write one. */
const MONEY = /[£$]\s?-?\d|\d[\d,.]*\s?(?:GBP|USD)\b|"(?:baseSalary|amount|cost|salary)\w*":\s*"?\d/

describe('pay on every GET path', () => {
  it("shows a manager no pay of another team: every answer is the same whatever other teams' pay", async () => {
    const scope = (t: TestApp) => teamsWithSubteams(t.db, [MANAGED_TEAM])
    const plain = await workspace(null, false)
    const inScope = scope(plain)
    const changed = await workspace((team) => !inScope.has(team), false)
    const crawl = await crawlAs(plain, 'manager')
    expect(crawl.unreached).toEqual([])
    expect(crawl.answers.size).toBeGreaterThan(500)
    // the crawl reads the manager's own pay (so the comparison below has pay to compare)
    expect(crawl.answers.get('/positions')?.body).toMatch(/£\d{2,3},\d{3}/)
    expect(await leaks(crawl, plain, changed, 'manager')).toEqual([])
  }, 600_000)

  it('shows a viewer no pay at all: no amount of money, and every answer the same whatever anyone is paid', async () => {
    const plain = await workspace(null, false)
    const changed = await workspace(() => true, true)
    const crawl = await crawlAs(plain, 'viewer')
    expect(crawl.unreached).toEqual([])
    expect(crawl.answers.size).toBeGreaterThan(300)
    const money = [...crawl.answers]
      .filter(
        ([, a]) => a.status < 300 && !a.type.includes('javascript') && !a.type.includes('css'),
      )
      .flatMap(([url, a]) => {
        const m = MONEY.exec(a.body)
        return m ? [`${url}: ${a.body.slice(Math.max(0, m.index - 60), m.index + 40)}`] : []
      })
    expect(money).toEqual([])
    expect(await leaks(crawl, plain, changed, 'viewer')).toEqual([])
  }, 600_000)
})
