import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { SCREENSHOTS, useBrowserApp, watchProblems } from '../helpers/browser.ts'

const session = useBrowserApp()

/** January 2027 as payroll paid it for the Workday export's people (the app's today is 15 January). */
const JANUARY_PAYROLL = [
  'Employee ID,Pay Period,Currency,Salary,Bonus,Employer NIC,Employer Pension,Benefits,Other',
  '21001,2027-01,GBP,"33,333.33",0,4546.25,1333.33,250.00,0',
  '21002,2027-01,GBP,"28,750.00",0,3911.25,1150.00,250.00,0',
].join('\n')

describe('plan against actuals', () => {
  it('finance locks the budget, syncs the roster and a month of payroll, and reads the variance; leadership opens a figure', async () => {
    const page = await session.browser.newPage({ viewport: { width: 1280, height: 900 } })
    const problems = watchProblems(page)
    await session.app.signIn(page, 'finance')

    await page.goto(`${session.app.url}/budgets`)
    await expect(page.getByLabel('Name').inputValue()).resolves.toBe('FY2027 budget')
    await page.getByRole('button', { name: 'Lock budget' }).click()
    await expect(page.locator('.flash-success').textContent()).resolves.toContain(
      'FY2027 budget is locked.',
    )
    await page.screenshot({ path: `${SCREENSHOTS}/budgets-1280.png`, fullPage: true })

    await page.goto(`${session.app.url}/actuals`)
    await page.getByLabel('Exported from').selectOption({ label: 'Workday worker report' })
    await page.locator('#roster-file').setInputFiles({
      name: 'workday-people.csv',
      mimeType: 'text/csv',
      buffer: readFileSync('test/fixtures/hr/workday.csv'),
    })
    await page.getByRole('button', { name: 'Check the roster' }).click()
    const check = page.locator('.roster-check')
    await expect(check.textContent()).resolves.toContain('Maya Hart')
    await expect(check.textContent()).resolves.toContain('Sam Lowe')
    await check.getByLabel('Open a backfill role').check()
    await page.screenshot({ path: `${SCREENSHOTS}/roster-check-1280.png`, fullPage: true })
    await page.getByRole('button', { name: 'Apply the roster to the plan' }).click()
    await expect(page.locator('.flash-success').textContent()).resolves.toContain(
      'The roster is applied',
    )

    await page.locator('#payroll-file').setInputFiles({
      name: 'payroll-2027-01.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(JANUARY_PAYROLL),
    })
    await page.getByRole('button', { name: 'Check the payroll file' }).click()
    await expect(page.getByRole('heading', { name: 'Payroll check' }).count()).resolves.toBe(1)
    await page.getByRole('button', { name: 'Import payroll' }).click()
    await expect(page.locator('.flash-success').textContent()).resolves.toContain('2027-01 closed')

    await page.goto(`${session.app.url}/variance`)
    await page.getByLabel('Compare with').selectOption('actual')
    await page.getByRole('button', { name: 'Show', exact: true }).click()
    const table = page.getByRole('table', { name: /Actual against budget by team/ })
    const headers = await table.locator('thead th').allTextContents()
    expect(headers).toEqual(expect.arrayContaining(['Volume', 'Rate', 'FX effect']))
    await expect(table.getByRole('link', { name: 'Interpretability' }).count()).resolves.toBe(1)
    await page.screenshot({ path: `${SCREENSHOTS}/variance-1280.png`, fullPage: true })
    expect(problems).toEqual([])
    await page.close()

    const leader = await session.browser.newPage({ viewport: { width: 1280, height: 900 } })
    await session.app.signIn(leader, 'leadership')
    await leader.goto(`${session.app.url}/variance?basis=actual`)
    await leader.getByRole('link', { name: 'Interpretability' }).click()
    await expect(leader.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      'Variance: Interpretability, all components, FY2027 (Jan 2027 to Dec 2027)',
    )
    await expect(leader.locator('.explain-lines').textContent()).resolves.toContain('Check:')
    await expect(
      leader.getByRole('table', { name: 'Paid by payroll (closed months)' }).textContent(),
    ).resolves.toContain('Helen Okafor')
    await leader.screenshot({ path: `${SCREENSHOTS}/variance-explain-1280.png`, fullPage: true })
    // the overview's year now carries January's payroll in its latest estimate
    await leader.goto(`${session.app.url}/overview`)
    await expect(leader.locator('.overview-year').first().textContent()).resolves.toContain(
      'payroll for January 2027, the approved plan after',
    )
    await leader.screenshot({ path: `${SCREENSHOTS}/overview-estimate-1280.png`, fullPage: true })
    await leader.close()
  })
})
