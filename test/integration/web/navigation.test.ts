/**
 * The navigation by job: four groups, each link shown only to a role the policy lets open it, a
 * manager's own teams by name, and no link to a page no route serves.
 */
import { describe, expect, it } from 'vitest'
import type { Role } from '../../../src/db/repos/users.ts'
import { LONDON_ROLE, postForm, testApp } from '../../helpers/web.ts'

/** The navigation's groups and links as text: "Plan: Organisation | Positions". */
async function navOf(role: Role): Promise<string[]> {
  const t = testApp()
  const html = await (await t.get('/', role)).text()
  const nav = html.slice(html.indexOf('<nav aria-label="Main"'), html.indexOf('</nav>'))
  return [
    ...nav.matchAll(/<span id="nav-\w+" class="nav-group-label">([^<]+)<\/span>(.*?)<\/ul>/g),
  ].map(([, label, list]) => {
    const links = [...list!.matchAll(/<a [^>]*>([^<]+)/g)].map((m) => m[1])
    return `${label}: ${links.join(' | ')}`
  })
}

describe('navigation by job', () => {
  it('offers an admin every page, grouped by what it is for', async () => {
    expect(await navOf('admin')).toEqual([
      'Plan: Overview | Organisation | Positions | Projection | Recruiting | Scenarios',
      'Pay: Bands | Packages | Offices | FX rates',
      'Review: Approvals | Team budgets | Budgets | Variance | Audit',
      'Settings: Assumptions | Plan documents | Import | Roster and payroll | Users | Sign-in groups | API tokens',
    ])
  })

  it('gives a manager their own team by name and leaves out what they may not open', async () => {
    expect(await navOf('manager')).toEqual([
      'Plan: Overview | Organisation | My team: Interpretability | Positions | Projection | Recruiting | Scenarios',
      'Pay: Bands | Packages | Offices | FX rates',
      'Review: Approvals | Team budgets | Budgets | Variance',
      'Settings: Assumptions | Import | API tokens',
    ])
  })

  it('shows a viewer, who may not see pay, only headcount pages and their own tokens', async () => {
    expect(await navOf('viewer')).toEqual([
      'Plan: Organisation | Positions',
      'Review: Budgets | Variance',
      'Settings: API tokens',
    ])
  })

  it('marks the page being shown, and the group it belongs to', async () => {
    const t = testApp()
    const html = await (await t.get('/bands', 'finance')).text()
    expect(html).toContain('<a href="/bands" aria-current="page">Bands</a>')
    expect(html).toMatch(/<div class="nav-group is-current"><span id="nav-pay"/)
  })

  it('follows the account, its count and the page, though the shell around each page is rendered only once', async () => {
    const t = testApp()
    const approvals = (html: string) => /<a href="\/approvals"[^>]*>.*?<\/a>/s.exec(html)?.[0]
    const first = await (await t.get('/bands', 'leadership')).text()
    const other = await (await t.get('/bands', 'finance')).text()
    expect(other).toContain('Test finance')
    expect(other).not.toContain('Test leadership')
    // a manager's proposal waits for leadership: the next page counts it
    await postForm(t.app, '/positions', { ...LONDON_ROLE, title: 'Waiting' }, t.as('manager'))
    const after = await (await t.get('/bands', 'leadership')).text()
    expect(approvals(first)).not.toContain('nav-count')
    expect(approvals(after)).toContain('<span class="nav-count">1<')
    const elsewhere = await (await t.get('/offices', 'leadership')).text()
    expect(elsewhere).toContain('<a href="/offices" aria-current="page">Offices</a>')
    expect(elsewhere).not.toContain('aria-current="page">Bands')
  })
})
