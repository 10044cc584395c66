/**
 * Leadership reviews the plan in Chromium: lands on the overview after signing in, reads next
 * fiscal year's total cost in USD with one click, opens the team over its budget, approves two
 * proposals at once and finds both in the decided list with their before and after; the
 * manager's team page then shows them approved.
 */
import { describe, expect, it } from 'vitest'
import { SCREENSHOTS, useBrowserApp, watchProblems } from '../helpers/browser.ts'
import { LONDON_ROLE } from '../helpers/web.ts'

const session = useBrowserApp()

describe('leadership reviews the plan', () => {
  it('reads the overview in USD, opens the team over budget, approves two proposals at once', async () => {
    const { url } = session.app
    // the manager proposes a new role and a raise (r-101, the open Team Manager role, £317,500)
    const manager = await session.browser.newPage({ viewport: { width: 1280, height: 900 } })
    await session.app.signIn(manager, 'manager')
    const post = async (path: string, form: Record<string, string>) => {
      const res = await manager.request.post(`${url}${path}`, {
        form,
        headers: { origin: url },
        maxRedirects: 0,
      })
      expect(res.status(), path).toBe(303)
    }
    await post('/positions', { ...LONDON_ROLE, proposalReason: 'Circuits needs a second engineer' })
    await manager.goto(`${url}/positions/r-101/edit`)
    await manager.getByLabel(/Base salary/).fill('330,000')
    await manager.getByLabel(/Reason for the approver/).fill('Matches the offer accepted')
    await Promise.all([
      manager.waitForURL((u) => u.searchParams.has('proposed')),
      manager.getByRole('button', { name: 'Save changes' }).click(),
    ])

    const page = await session.browser.newPage({ viewport: { width: 1280, height: 900 } })
    const problems = watchProblems(page)
    await session.app.signIn(page, 'leadership')
    expect(new URL(page.url()).pathname).toBe('/overview')
    // one click: the currency switch
    await Promise.all([
      page.waitForURL((u) => u.searchParams.get('currency') === 'USD'),
      page.getByRole('link', { name: 'USD', exact: true }).click(),
    ])
    const nextYear = page.locator('#fy-2028-cost')
    await expect(nextYear.textContent()).resolves.toMatch(/^\$\d{1,3}(,\d{3})+\.\d{2}$/)
    await expect(page.locator('#fy-2028-heading').textContent()).resolves.toContain(
      'Next fiscal year',
    )
    await expect(page.locator('#fy-2028-covers').textContent()).resolves.toContain(
      'Jan 2028 to Dec 2028',
    )
    await page.screenshot({ path: `${SCREENSHOTS}/overview-usd-1280.png`, fullPage: true })

    // the attention list leads to the team over its budget
    await Promise.all([
      page.waitForURL('**/teams/pretraining'),
      page.getByRole('link', { name: 'Open the team' }).first().click(),
    ])
    await expect(page.locator('#team-budget').textContent()).resolves.toContain(
      'Pretraining is over its budget in FY2027',
    )

    // the navigation says two wait; approve both at once
    await expect(page.locator('nav a[href="/approvals"]').textContent()).resolves.toContain('2')
    await page.locator('nav a[href="/approvals"]').click()
    await page.waitForURL('**/approvals')
    const picks = page.locator('input[name="ids"]')
    await expect(picks.count()).resolves.toBe(2)
    await expect(page.locator('.approval-context').first().textContent()).resolves.toContain(
      'compa-ratio',
    )
    await page.screenshot({ path: `${SCREENSHOTS}/approvals-context-1280.png`, fullPage: true })
    for (const box of await picks.all()) await box.check()
    await Promise.all([
      page.waitForURL((u) => u.searchParams.has('decided')),
      page.getByRole('button', { name: 'Approve selected' }).click(),
    ])
    const text = (await page.locator('main').textContent())!.replace(/\s+/g, ' ')
    expect(text).toContain('2 decisions saved.')
    expect(text).toContain('Salary: £317,500.00 → £330,000.00')
    expect(text).toContain('Research Engineer, Circuits')
    expect(text).toContain('Nothing is waiting for approval.')
    await page.screenshot({ path: `${SCREENSHOTS}/approvals-decided-1280.png`, fullPage: true })

    // the manager's team page shows both approved
    await manager.goto(`${url}/teams/interpretability`)
    const rows = manager.locator('#team-proposals tbody tr')
    await expect(rows.count()).resolves.toBe(2)
    for (const row of await rows.all()) {
      await expect(row.textContent()).resolves.toContain('Approved')
    }
    await manager.screenshot({ path: `${SCREENSHOTS}/team-proposals-1280.png`, fullPage: true })
    expect(problems).toEqual([])
    await page.close()
    await manager.close()
  }, 120_000)
})
