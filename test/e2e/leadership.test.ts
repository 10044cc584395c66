import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { SCREENSHOTS, useBrowserApp, watchProblems } from '../helpers/browser.ts'

const session = useBrowserApp()

async function noSidewaysScroll(page: Page, width: number) {
  const scrollWidth = await page.evaluate('document.documentElement.scrollWidth')
  expect(scrollWidth).toBeLessThanOrEqual(width)
}

describe.each([
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
])('leadership at $width px', ({ width, height }) => {
  it('compares the baseline with Accelerated hiring, then explains a total', async () => {
    const page = await session.browser.newPage({ viewport: { width, height } })
    const problems = watchProblems(page)
    await session.app.signIn(page, 'leadership')

    // Scenarios: pick the two to compare with the real form
    await page.goto(`${session.app.url}/scenarios`)
    await page.getByLabel('From').selectOption('')
    await page.getByLabel('To').selectOption('accelerated-hiring')
    await Promise.all([
      page.waitForURL(/\/scenarios\/compare/),
      page.getByRole('button', { name: 'Compare' }).click(),
    ])
    await expect(page.locator('h1').textContent()).resolves.toBe(
      'Baseline compared with Accelerated hiring',
    )
    // the demo scenario changes roles only, at the plan's own rates: no FX effect
    await expect(page.locator('#summary-fx').textContent()).resolves.toMatch(/^[£$]0$/)
    await expect(page.locator('#summary-spend').textContent()).resolves.toMatch(/^\+£[\d,]+$/)
    const interpretability = page.locator('#team-delta tr[data-row="interpretability"]')
    await expect(interpretability.textContent()).resolves.toContain('+£')
    // at a glance: each team by fiscal year by name, a chart of the difference
    const byYear = page.locator('#year-compare tr[data-row="interpretability"] th')
    await expect(byYear.textContent()).resolves.toBe('Interpretability')
    await page.locator('#difference-chart-title').waitFor()
    if (width >= 1280) {
      // the totals stay at the top of the window while the tables below scroll past
      await page.locator('#team-delta').scrollIntoViewIfNeeded()
      const summary = (await page.locator('#compare-summary').boundingBox())!
      expect(Math.abs(summary.y)).toBeLessThan(2)
    }
    await noSidewaysScroll(page, width)
    await page.screenshot({ path: `${SCREENSHOTS}/scenario-compare-${width}.png`, fullPage: true })

    // Projection: open the explanation of the Interpretability row total in the panel
    await page.goto(`${session.app.url}/projection?groupBy=team&period=fiscal_year`)
    const rowTotal = page.locator(
      '.projection-table tr[data-row="interpretability"] td.row-total a',
    )
    const figure = (await rowTotal.textContent())!.trim()
    await rowTotal.click()
    const panel = page.locator('#explain-panel')
    await panel.getByText(/^Interpretability, .+: the lines this total sums$/).waitFor()
    await expect(panel.textContent()).resolves.toContain('Helen Okafor (Head of Interpretability)')
    // the panel's total is the figure clicked (the table in whole units, the panel to the penny),
    // and the page did not navigate (htmx swapped it)
    const pounds = (text: string) => Math.round(Number(text.replace(/[^\d.]/g, '')))
    expect(pounds((await panel.locator('.explain-total').textContent())!)).toBe(pounds(figure))
    expect(new URL(page.url()).pathname).toBe('/projection')

    // one level down: the position's figure by component, then the engine's working
    await panel.getByRole('link', { name: 'Helen Okafor (Head of Interpretability)' }).click()
    await panel.getByRole('link', { name: 'Salary' }).waitFor()
    await panel.getByRole('link', { name: 'Salary' }).click()
    await panel.getByText('January 2027').waitFor()
    await expect(panel.textContent()).resolves.toContain('Salary')

    await noSidewaysScroll(page, width)
    await page.screenshot({ path: `${SCREENSHOTS}/projection-${width}.png`, fullPage: true })
    expect(problems).toEqual([])
    await page.close()
  })
})
