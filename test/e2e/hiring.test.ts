import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { SCREENSHOTS, useBrowserApp } from '../helpers/browser.ts'

const session = useBrowserApp()

/** A manager's new research scientist in London for Interpretability: a proposal; its id. */
async function proposeRole(page: Page, title: string, start: string): Promise<string> {
  await page.goto(`${session.app.url}/positions/new`)
  await page.getByLabel('Title', { exact: true }).fill(title)
  await page.getByLabel('Team', { exact: true }).selectOption('interpretability')
  await page.getByLabel('Office', { exact: true }).selectOption('london')
  await page.getByLabel('Job family').selectOption('research-scientist')
  await page.getByLabel('Level', { exact: true }).selectOption('l5')
  await page.getByLabel('Base salary (annual, office currency)').fill('150000')
  await page.getByLabel('Status', { exact: true }).selectOption('approved')
  await page.getByLabel('Target start date').fill(start)
  await Promise.all([
    page.waitForURL((u) => u.searchParams.has('proposed')),
    page.getByRole('button', { name: 'Add role' }).click(),
  ])
  return new URL(page.url()).searchParams.get('proposed')!
}

const TITLES = ['Research Scientist A', 'Research Scientist B']

describe('recruiting capacity', () => {
  it('a manager sees two near roles flagged, moves their start and sees the warning clear', async () => {
    const page = await session.browser.newPage({ viewport: { width: 1280, height: 800 } })
    const problems: string[] = []
    page.on('pageerror', (e) => problems.push(e.message))
    await session.app.signIn(page, 'manager')

    // 1 March 2027 with 90 days to fill and 2 months' UK notice: open by 3 October 2026, past.
    // A manager's new roles await approval; recruiting counts them already.
    const proposals = [
      await proposeRole(page, TITLES[0]!, '2027-03-01'),
      await proposeRole(page, TITLES[1]!, '2027-03-01'),
    ]
    await page.goto(`${session.app.url}/recruiting`)
    const warnings = page.locator('#recruiting-warnings')
    for (const title of TITLES) {
      await expect(
        warnings.locator('li', { hasText: `${title} (` }).textContent(),
      ).resolves.toContain('had to open by 3 October 2026 to start on 1 March 2027')
      // opening today (15 January 2027) + 90 days to fill + 2 months' notice
      await expect(
        warnings.locator('li', { hasText: `${title} (` }).textContent(),
      ).resolves.toContain('The earliest start still possible is 15 June 2027')
    }
    await page.screenshot({ path: `${SCREENSHOTS}/recruiting-warning-1280.png`, fullPage: true })

    // leadership approves both roles
    const leader = await session.browser.newPage({ viewport: { width: 1280, height: 800 } })
    await session.app.signIn(leader, 'leadership')
    for (const id of proposals) {
      await leader.goto(`${session.app.url}/approvals`)
      await Promise.all([
        leader.waitForURL((u) => u.pathname === '/approvals'),
        leader.locator(`#decide-${id} button[value="approved"]`).click(),
      ])
    }
    await leader.close()

    // the manager moves both starts to 1 September 2027 (open by 2 April 2027: still ahead)
    await page.goto(`${session.app.url}/recruiting`)
    const ids: string[] = []
    for (const title of TITLES) {
      const row = page.locator('tr[id^="recruit-"]', { hasText: title })
      ids.push((await row.getAttribute('id'))!.slice('recruit-'.length))
    }
    for (const id of ids) {
      await page.goto(`${session.app.url}/positions/${id}/edit`)
      await page.getByLabel('Target start date').fill('2027-09-01')
      await Promise.all([
        page.waitForURL((u) => !u.pathname.endsWith('/edit')),
        page.getByRole('button', { name: 'Save changes' }).click(),
      ])
    }
    await page.goto(`${session.app.url}/recruiting`)
    await expect(warnings.textContent()).resolves.toContain('No warnings')
    for (const title of TITLES) {
      await expect(
        page.locator('tr[id^="recruit-"]', { hasText: title }).textContent(),
      ).resolves.toContain('1 September 2027')
    }
    await page.screenshot({ path: `${SCREENSHOTS}/recruiting-clear-1280.png`, fullPage: true })
    expect(problems).toEqual([])
    await page.close()
  })

  it('refuses a pass-through rate over 100% beside the field, keeping what was typed', async () => {
    const page = await session.browser.newPage({ viewport: { width: 1280, height: 800 } })
    await session.app.signIn(page, 'admin')
    await page.goto(`${session.app.url}/recruiting/loops`)
    const field = page.locator('#loop-research-stages-0-passThrough')
    await field.fill('120')
    await page.locator('#loop-research').getByRole('button', { name: 'Save loop' }).click()
    await expect(
      page.locator('#loop-research-stages-0-passThrough-error').textContent(),
    ).resolves.toContain('must be at most 100%')
    await expect(field.inputValue()).resolves.toBe('120')
    await page.locator('#loop-research').screenshot({ path: `${SCREENSHOTS}/loop-422-1280.png` })
    await page.close()
  })

  it('stays readable at 390px', async () => {
    const page = await session.browser.newPage({ viewport: { width: 390, height: 844 } })
    await session.app.signIn(page, 'manager')
    await page.goto(`${session.app.url}/recruiting`)
    const width = await page.evaluate('document.documentElement.scrollWidth')
    expect(width).toBeLessThanOrEqual(390)
    await page.screenshot({ path: `${SCREENSHOTS}/recruiting-390.png`, fullPage: true })
    await page.close()
  })
})
