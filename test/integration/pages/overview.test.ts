/**
 * The overview: the current and next fiscal year against the team budgets, in the currency last
 * chosen, by department and team, with what needs attention; scoped to a manager's teams; where a
 * sign-in lands. The demo (today 15 Jan 2027) has Pretraining over its FY2027 cost budget.
 */
import { describe, expect, it } from 'vitest'
import { viewerOf } from '../../../src/web/auth/viewer.ts'
import { section, textOf } from '../../helpers/html.ts'
import { LONDON_ROLE, postForm, TEST_PASSWORD, testApp, testEmail } from '../../helpers/web.ts'

/** "£1,234.56" or "$1,234.56" as minor units. */
const minor = (money: string) => Math.round(Number(money.replace(/[£$,\s]/g, '')) * 100)

/** The text of the figure (a link) with `id`. */
function figure(html: string, id: string): string {
  const m = new RegExp(`id="${id}"[^>]*>([^<]*)<`).exec(html)
  if (!m) throw new Error(`no figure #${id}`)
  return m[1]!.trim()
}

const sumYear = (series: readonly number[], months: readonly string[], year: string) =>
  series.reduce((s, v, i) => s + (months[i]!.startsWith(year) ? v : 0), 0)

describe('the overview', () => {
  it('shows this and next fiscal year, the months each covers, and the totals the projection gives', async () => {
    const t = testApp()
    const html = await (await t.get('/overview', 'leadership')).text()
    expect(section(html, 'fy-2027-covers')).toContain('Jan 2027 to Dec 2027')
    expect(section(html, 'fy-2028-covers')).toContain('Jan 2028 to Dec 2028')
    expect(textOf(html)).toContain('FY2027 (Jan 2027 to Dec 2027) This fiscal year')
    expect(textOf(html)).toContain('FY2028 (Jan 2028 to Dec 2028) Next fiscal year')

    // the same figures as the engine's projection, summed over each fiscal year's months
    const view = t.projections.view(viewerOf(t.db, t.user('leadership'), 'session'))
    const { months, totals } = view.projection
    expect(minor(figure(html, 'fy-2027-cost'))).toBe(sumYear(totals.total, months, '2027'))
    expect(minor(figure(html, 'fy-2028-cost'))).toBe(sumYear(totals.total, months, '2028'))
    // every figure opens its explanation: the year's grand total, by team
    expect(html).toContain(
      'href="/projection/explain?plan=fy2027&amp;currency=GBP&amp;period=fiscal_year&amp;groupBy=team&amp;column=FY2027"',
    )
  })

  it('lists what needs attention, each with where it is fixed', async () => {
    const t = testApp()
    const html = await (await t.get('/overview', 'leadership')).text()
    const text = textOf(html)
    // Pretraining FY2027: budget £1,600,000.00, plan £1,606,371.98 -> £6,371.98 over (expected
    // backfills start after approval to start: time to fill and the notice period)
    expect(text).toContain(
      'Pretraining is over its FY2027 (Jan 2027 to Dec 2027) budget: cost by £6,371.98.',
    )
    expect(html).toContain('<a href="/teams/pretraining">Open the team</a>')
    expect(html).toContain('href="/positions?band=below_min"')
  })

  it('switches to USD in one click and remembers it; budgets converted at the plan rate', async () => {
    const t = testApp()
    const session = t.as('leadership')
    const first = await t.app.request('http://localhost/overview?currency=USD', {
      headers: session,
    })
    const cookie = first.headers.get('set-cookie')!
    expect(cookie).toMatch(/^hp_currency=USD;.*HttpOnly/)
    // the next visit, with no currency in the address, opens in USD
    const again = await t.app.request('http://localhost/overview', {
      headers: { cookie: `${session.cookie}; ${cookie.split(';')[0]}` },
    })
    const html = await again.text()
    const usd = t.projections.view(viewerOf(t.db, t.user('leadership'), 'session'), {
      currency: 'USD',
    })
    const { months, totals } = usd.projection
    expect(minor(figure(html, 'fy-2028-cost'))).toBe(sumYear(totals.total, months, '2028'))
    expect(figure(html, 'fy-2028-cost')).toMatch(/^\s*\$/)
    // Pretraining's FY2027 budget £1,600,000.00 x 1.36 (FY2027 budget rate) = $2,176,000.00
    expect(textOf(html)).toContain('$2,176,000.00')
    expect(textOf(html)).toContain('Budgets are set in GBP; shown here in USD')
  })

  it('adds pending proposals apart from the approved plan, and says they wait', async () => {
    const t = testApp()
    const before = await (await t.get('/overview', 'leadership')).text()
    const res = await postForm(t.app, '/positions', LONDON_ROLE, t.as('manager'))
    expect(res.status).toBe(303)
    const after = await (await t.get('/overview', 'leadership')).text()
    expect(figure(after, 'fy-2027-cost')).toBe(figure(before, 'fy-2027-cost'))
    expect(minor(figure(after, 'fy-2027-cost-proposed'))).toBeGreaterThan(
      minor(figure(before, 'fy-2027-cost-proposed')),
    )
    expect(Number(figure(after, 'fy-2027-heads-proposed'))).toBe(
      Number(figure(before, 'fy-2027-heads-proposed')) + 1,
    )
    expect(textOf(after)).toContain('1 proposal waits for your decision.')
  })

  it("shows a manager only their teams' figures", async () => {
    const t = testApp()
    const html = await (await t.get('/overview', 'manager')).text()
    const text = textOf(html)
    expect(text).toContain('your teams: Interpretability')
    expect(text).toContain('Circuits')
    expect(text).not.toContain('Pretraining')
    expect(text).not.toContain('Company-wide')
  })
})

describe('where a sign-in lands', () => {
  it('opens the overview for those who may read cost, the organisation for a viewer', async () => {
    const t = testApp()
    for (const [role, landing] of [
      ['leadership', '/overview'],
      ['finance', '/overview'],
      ['viewer', '/'],
    ] as const) {
      t.user(role)
      const res = await postForm(t.app, '/login', {
        email: testEmail(role),
        password: TEST_PASSWORD,
      })
      expect(res.headers.get('location'), role).toBe(landing)
    }
  })
})

describe('the organisation page', () => {
  it("shows each budget's plan against it this fiscal year, to those who may see cost", async () => {
    const t = testApp()
    const html = await (await t.get('/', 'leadership')).text()
    // Pretraining FY2027: budget £1,600,000.00, plan £1,606,371.98 (expected backfills start
    // after time to fill and notice); cap 5, 5 heads
    expect(section(html, 'budget-line-team-pretraining')).toContain(
      'FY2027 (Jan 2027 to Dec 2027) budget £1,600,000.00: £6,371.98 over; cap 5: 0 left (over budget)',
    )
    expect(section(html, 'budget-line-department-research')).toContain(
      'FY2027 (Jan 2027 to Dec 2027) budget £9,500,000.00: £621,451.79 left; cap 30: 2 left',
    )
    const viewer = await (await t.get('/', 'viewer')).text()
    expect(viewer).not.toContain('budget-line-')
  })
})

describe("a team's page", () => {
  it('shows the plan against its budget, and says when it is over', async () => {
    const t = testApp()
    const html = await (await t.get('/teams/pretraining', 'leadership')).text()
    const budget = section(html, 'team-budget')
    expect(budget).toContain('Pretraining is over its budget in FY2027')
    expect(budget).toContain('£1,600,000.00')
    expect(budget).toContain('£6,371.98 over')
  })
})
