/**
 * What users read is for users (issue #15): signed in as every role, every page reachable from the
 * navigation and the links on it names things (a person, a role's title with its team and office,
 * a band by family, level and office, an office by name) and never shows an internal id; and no
 * page carries notes meant for the people who built it.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { ROLES, type Role } from '../../../src/db/repos/users.ts'
import { around, type CrawledPage, crawl, visibleText } from '../../helpers/page-crawl.ts'
import { LONDON_ROLE, postForm, type TestApp, testApp } from '../../helpers/web.ts'

/**
 * The workspace's ids that cannot pass for words: those with a hyphen or a digit ("p-002",
 * "recruiter-l4-seattle", "role-0d38…", "fy2027"). Single-word ids ("london", "research") are
 * caught when shown as ids are, in brackets ("Office desks (london)").
 */
function workspaceIds(t: TestApp): { shaped: string[]; words: string[] } {
  const tables = t.db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .pluck()
    .all() as string[]
  const ids = tables.flatMap((table) => {
    const columns = t.db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]
    if (!columns.some((c) => c.name === 'id') || table === 'schema_migrations') return []
    return t.db.prepare(`SELECT id FROM ${table}`).pluck().all().map(String)
  })
  return {
    shaped: ids.filter((id) => /[-\d]/.test(id) && !/^\d+$/.test(id)),
    words: ids.filter((id) => /^[a-z]+$/.test(id)),
  }
}

/** Generic id shapes, whatever the data: UUIDs and prefixed sequence numbers. */
const ID_SHAPES = [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}/, /\b(?:role|p|r|g)-\d{3,}\b/]

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

function idsShown(text: string, ids: { shaped: string[]; words: string[] }): string[] {
  const found: string[] = []
  const patterns = [
    ...ID_SHAPES,
    // an id is a whole token: not part of a longer hyphenated word or a sentence's capitalised name
    ...ids.shaped.map((id) => new RegExp(`(?<![\\w-])${escapeRegExp(id)}(?![\\w-])`)),
    ...ids.words.map((id) => new RegExp(`\\(${escapeRegExp(id)}\\)`)),
  ]
  for (const pattern of patterns) {
    const m = pattern.exec(text)
    if (m) found.push(`"${m[0]}" in "…${around(text, m.index)}…"`)
  }
  return found
}

/** Notes for developers: review markers, document names, repository paths. */
const INTERNAL_NOTES = [
  /\[(?:verify|assumption|todo|tbd)\]/i,
  /\b[\w-]+\.md\b/,
  /\b(?:domain\.md|README)\b/,
  /(?:^|[\s(])\.{0,2}\/?(?:src|data|views|test|docs|work|node_modules)\/[\w./-]+/,
  /\b[\w-]+\.(?:ts|tsx|sqlite)\b/,
]

const t = testApp()
const ids = workspaceIds(t)
const pagesByRole = new Map<Role, CrawledPage[]>()

beforeAll(async () => {
  // a role added from the form (its id is generated), a manager's proposal and an audited edit
  await postForm(t.app, '/positions', LONDON_ROLE, t.as('leadership'))
  await postForm(
    t.app,
    '/positions',
    { ...LONDON_ROLE, title: 'Proposed engineer' },
    t.as('manager'),
  )
  Object.assign(ids, workspaceIds(t))
  for (const role of ROLES) {
    const session = t.as(role)
    const get = (url: string) => Promise.resolve(t.app.request(url, { headers: session }))
    pagesByRole.set(role, await crawl(get, ['/']))
  }
}, 120_000)

describe.each(ROLES)('signed in as %s', (role) => {
  it('reaches the pages of the navigation and the links on them', () => {
    const pages = pagesByRole.get(role)!
    // every role sees at least the organisation, the positions and their own API tokens
    const urls = pages.map((p) => p.url)
    expect(urls).toEqual(expect.arrayContaining(['/', '/positions', '/tokens']))
    if (role !== 'viewer') expect(urls.length).toBeGreaterThan(20)
    expect(pages.filter((p) => p.status >= 500).map((p) => p.url)).toEqual([])
  })

  it('shows no internal id on any page', () => {
    const problems = pagesByRole
      .get(role)!
      .flatMap((p) => idsShown(visibleText(p.html), ids).map((f) => `${p.url}: ${f}`))
    expect(problems).toEqual([])
  })

  it('shows no note meant for developers on any page', () => {
    const problems = pagesByRole.get(role)!.flatMap((p) => {
      const text = visibleText(p.html)
      return INTERNAL_NOTES.flatMap((pattern) => {
        const m = pattern.exec(text)
        return m ? [`${p.url}: "${m[0]}" in "…${around(text, m.index)}…"`] : []
      })
    })
    expect(problems).toEqual([])
  })
})
