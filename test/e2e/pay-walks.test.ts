/**
 * Issue 14's walks in a real browser: a manager plans a London role against its band and finds it
 * proposed with its cost; finance follows a below-band check to the person and raises the pay into
 * the band.
 */
import { describe, expect, it } from 'vitest'
import { SCREENSHOTS, useBrowserApp, watchProblems } from '../helpers/browser.ts'

const session = useBrowserApp()

describe('pay against the band, as managers and finance walk it', () => {
  it('a manager adds a London role, watches the band and compa-ratio follow the salary, and finds it proposed with its annual cost', async () => {
    const page = await session.browser.newPage({ viewport: { width: 1280, height: 900 } })
    const problems = watchProblems(page)
    await session.app.signIn(page, 'manager')
    await page.goto(`${session.app.url}/positions/new`)

    await page.getByLabel('Title', { exact: true }).fill('Research Engineer, Probing')
    await page.getByLabel('Team', { exact: true }).selectOption('interpretability')
    await page.getByLabel('Office', { exact: true }).selectOption({ label: 'London' })
    await page.getByLabel('Job family', { exact: true }).selectOption('research-engineer')
    await page.getByLabel('Level', { exact: true }).selectOption('l4')
    const preview = page.locator('.band-preview')
    // Research Engineer L4, London: £130,000 - £155,000 - £180,000 (demo bands)
    await expect
      .poll(() => preview.textContent())
      .toContain('minimum £130,000, midpoint £155,000, maximum £180,000')

    const salary = page.getByLabel(/Base salary/)
    const compa = page.locator('.band-preview [id$="-compa"]')
    // 124,000 / 155,000 = 0.80, below the £130,000 minimum
    await salary.fill('124,000')
    await expect.poll(() => compa.textContent()).toBe('0.80')
    await expect(preview.textContent()).resolves.toContain('below the band minimum')
    // 162,750 / 155,000 = 1.05; penetration (162,750 - 130,000) / 50,000 = 65.5%: third quartile
    await salary.fill('162,750')
    await expect.poll(() => compa.textContent()).toBe('1.05')
    await expect(preview.textContent()).resolves.toContain('in the third quartile')
    // the bonus and grant left empty take the level's defaults, said under the band
    await expect(preview.textContent()).resolves.toContain(
      'L4 Senior defaults: bonus target 10%, new-hire equity grant $150,000.',
    )
    await expect(page.locator('.on-save').textContent()).resolves.toContain('approval')
    await page.screenshot({ path: `${SCREENSHOTS}/new-role-band-1280.png`, fullPage: true })

    await page.getByLabel('Target start date').fill('2027-09-01')
    await Promise.all([
      page.waitForURL((u) => u.pathname === '/positions' && u.searchParams.has('proposed')),
      page.getByRole('button', { name: 'Add role' }).click(),
    ])
    const proposalId = new URL(page.url()).searchParams.get('proposed')!
    const row = page.locator(`#proposed-${proposalId}`)
    const rowText = (await row.textContent()) ?? ''
    expect(rowText).toContain('Research Engineer, Probing')
    expect(rowText).toContain('Proposed')
    // employer cost over its first twelve months: at least the £162,750 salary
    const annual = (await row.locator('[data-annual-cost]').textContent()) ?? ''
    expect(Number(annual.replace(/[^\d.]/g, ''))).toBeGreaterThan(162_750)
    await page.screenshot({ path: `${SCREENSHOTS}/new-role-proposed-1280.png`, fullPage: true })
    expect(problems).toEqual([])
    await page.close()
  })

  it('finance opens the below-band check, follows it to the person, raises the pay into the band and the check is gone', async () => {
    const page = await session.browser.newPage({ viewport: { width: 1280, height: 900 } })
    const problems = watchProblems(page)
    await session.app.signIn(page, 'finance')
    await page.goto(`${session.app.url}/bands`)

    // Ethan Park, Research Engineer L3 San Francisco ($145,000 - $174,000 - $203,000), paid $140,000
    const check = page.locator('#finding-p-019')
    await expect(check.textContent()).resolves.toContain('Ethan Park')
    await expect(check.textContent()).resolves.toContain('below the band minimum $145,000')
    await Promise.all([
      page.waitForURL((u) => u.pathname === '/positions/p-019/pay'),
      check.getByRole('link', { name: "Change Ethan Park's pay" }).click(),
    ])
    await expect(page.locator('h1').textContent()).resolves.toBe("Change Ethan Park's pay")

    // 150,800 / 174,000 = 0.8667 -> 0.87; within the band, so it applies at once
    await page.getByLabel(/New annual base salary/).fill('150,800')
    await page.getByLabel('Effective from').fill('2027-01-15')
    await page.getByLabel('Reason for the change').fill('Brought up to the band minimum')
    await expect.poll(() => page.locator('#band-preview-compa').textContent()).toBe('0.87')
    await expect(page.locator('#pay-on-save').textContent()).resolves.toMatch(/at once/)
    await page.screenshot({ path: `${SCREENSHOTS}/pay-change-1280.png`, fullPage: true })
    await Promise.all([
      page.waitForURL((u) => u.pathname === '/bands' && u.searchParams.has('paid')),
      page.getByRole('button', { name: 'Save pay change' }).click(),
    ])
    await expect(page.locator('.flash-success').textContent()).resolves.toContain(
      "Saved Ethan Park's pay: $150,800 from 15 January 2027.",
    )
    await expect(page.locator('#finding-p-019').count()).resolves.toBe(0)
    // the pay policy finance sets below the bands: London against each US office
    await page.locator('#geo-differentials').scrollIntoViewIfNeeded()
    await expect(page.getByLabel("Midpoint there as % of Seattle's").inputValue()).resolves.toBe(
      '101',
    )
    await page
      .locator('#geo-differentials')
      .screenshot({ path: `${SCREENSHOTS}/geo-differentials-1280.png` })

    // the positions table's below-minimum filter no longer lists him either
    await page.goto(`${session.app.url}/positions?band=below_min&sort=compa`)
    await expect(page.locator('main').textContent()).resolves.not.toContain('Ethan Park')
    await page.screenshot({ path: `${SCREENSHOTS}/pay-fixed-1280.png`, fullPage: true })
    expect(problems).toEqual([])
    await page.close()
  })
})
