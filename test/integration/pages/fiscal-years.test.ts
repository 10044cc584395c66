/**
 * Wherever a fiscal year is named, its months can be seen: signed in as each role that reads
 * cost or plans, every page reachable from the navigation and the links on it (and the projection
 * by quarter and fiscal year, the comparison and the explanations they link) names each fiscal
 * year or quarter with the months it covers beside or under it. The demo's fiscal year is the
 * calendar year: FY2027 is Jan 2027 to Dec 2027, FY2027 Q2 Apr 2027 to Jun 2027. Names people gave
 * things ("FY2027 hiring plan", "FY2027 budget") are theirs, not the planner's labels.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import type { Role } from '../../../src/db/repos/users.ts'
import { around, type CrawledPage, crawl, visibleText } from '../../helpers/page-crawl.ts'
import { LONDON_ROLE, postForm, testApp } from '../../helpers/web.ts'

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** The months a calendar-year fiscal year or quarter covers, as the pages write them. */
function monthsOf(year: string, quarter: string | undefined): string {
  if (quarter === undefined) return `Jan ${year} to Dec ${year}`
  const q = Number(quarter)
  return `${MONTHS[3 * q - 3]} ${year} to ${MONTHS[3 * q - 1]} ${year}`
}

const t = testApp()
/** Names people gave things, which may contain "FY2027". */
const names = ['plans', 'scenarios', 'locked_budgets'].flatMap(
  (table) => t.db.prepare(`SELECT name FROM ${table}`).pluck().all() as string[],
)
const ROLES: Role[] = ['admin', 'leadership', 'finance', 'manager']
const pagesByRole = new Map<Role, CrawledPage[]>()

beforeAll(async () => {
  // a manager's proposal (its cost by fiscal year on the approvals and team pages) and a budget
  await postForm(
    t.app,
    '/positions',
    { ...LONDON_ROLE, title: 'Proposed engineer' },
    t.as('manager'),
  )
  await postForm(
    t.app,
    '/budgets',
    { name: 'Board-approved', plan: 'fy2027', fiscalYear: '2027' },
    t.as('leadership'),
  )
  for (const role of ROLES) {
    const session = t.as(role)
    const get = (url: string) => Promise.resolve(t.app.request(url, { headers: session }))
    const start = [
      '/',
      '/overview',
      '/projection?period=fiscal_year',
      '/projection?period=quarter&groupBy=component',
      '/scenarios/compare',
      '/team-budgets',
      '/approvals',
      '/budgets',
    ]
    pagesByRole.set(role, await crawl(get, start, { perShape: 2 }))
  }
}, 240_000)

/** Each fiscal year or quarter named in `text` without its months after it. */
function withoutMonths(text: string): string[] {
  let read = text
  for (const name of names) read = read.replaceAll(name, ' ')
  const found: string[] = []
  for (const m of read.matchAll(/\bFY(\d{4})(?: Q([1-4]))?\b/g)) {
    const after = read.slice(m.index + m[0].length).replace(/^\s*\(?/, '')
    if (!after.startsWith(monthsOf(m[1]!, m[2]))) {
      found.push(`"${m[0]}" in "…${around(read, m.index)}…"`)
    }
  }
  return found
}

describe.each(ROLES)('signed in as %s', (role) => {
  it('names every fiscal year and quarter with its months', () => {
    const pages = pagesByRole.get(role)!
    expect(pages.length).toBeGreaterThan(10)
    const problems = pages.flatMap((p) =>
      withoutMonths(visibleText(p.html)).map((f) => `${p.url}: ${f}`),
    )
    expect(problems).toEqual([])
  })
})

it('checks what it means to: a page naming FY2027 shows "FY2027 (Jan 2027 to Dec 2027)"', () => {
  const overview = pagesByRole.get('leadership')!.find((p) => p.url === '/overview')!
  expect(visibleText(overview.html)).toContain('FY2027 (Jan 2027 to Dec 2027)')
  // the crawl reached the pages naming fiscal years beside the overview
  const text = (url: string) =>
    visibleText(pagesByRole.get('leadership')!.find((p) => p.url === url)!.html)
  expect(text('/approvals')).toContain('FY2027 (Jan 2027 to Dec 2027)')
  expect(text('/budgets')).toMatch(/Board-approved .* FY2027 \(Jan 2027 to Dec 2027\)/)
  const urls = pagesByRole.get('leadership')!.map((p) => p.url.split('?')[0])
  expect(urls).toEqual(
    expect.arrayContaining(['/projection', '/scenarios/compare', '/rates', '/variance']),
  )
  expect(withoutMonths('over its FY2027 budget')).toHaveLength(1)
  expect(withoutMonths('FY2027 Q2 Apr 2027 to Jun 2027')).toEqual([])
})
