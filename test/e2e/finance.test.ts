import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { SCREENSHOTS, useBrowserApp, watchProblems } from '../helpers/browser.ts'

const session = useBrowserApp()

/** A page that records script errors and CSP violations, which must stay empty. */
async function openPage(width: number, height: number) {
  const page = await session.browser.newPage({ viewport: { width, height } })
  return { page, problems: watchProblems(page) }
}

const noSidewaysScroll = async (page: Page, width: number) =>
  expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(width)

describe('finance and salary bands', () => {
  it('finds the out-of-band salary, fixes the band, and sees the finding gone (1280px)', async () => {
    const { page, problems } = await openPage(1280, 800)
    await session.app.signIn(page, 'finance')
    await page.goto(`${session.app.url}/bands`)

    const red = page.locator('#finding-p-004')
    await expect(red.textContent()).resolves.toContain('Red circle (above maximum)')
    await expect(red.textContent()).resolves.toContain('Rafael Montoya')
    await noSidewaysScroll(page, 1280)
    await page.screenshot({ path: `${SCREENSHOTS}/bands-1280.png`, fullPage: true })

    await red
      .getByRole('link', { name: 'Edit the Research Scientist L7, San Francisco band' })
      .click()
    await page.waitForURL((u) => u.pathname.endsWith('/edit'))
    // a mistake first: the form comes back with the field's message and what was typed
    await page.getByLabel('Maximum').fill('62O000')
    await page.getByRole('button', { name: 'Save band' }).click()
    await expect(page.locator('#band-max-error').textContent()).resolves.toContain(
      'Enter the maximum as an amount',
    )
    await expect(page.getByLabel('Maximum').inputValue()).resolves.toBe('62O000')
    await page.screenshot({ path: `${SCREENSHOTS}/band-edit-422-1280.png`, fullPage: true })

    await page.getByLabel('Minimum').fill('440000')
    await page.getByLabel('Midpoint').fill('530000')
    await page.getByLabel('Maximum').fill('620000')
    await expect(page.getByLabel('Effective from').inputValue()).resolves.toBe('2027-01-15')
    await Promise.all([
      page.waitForURL((u) => u.pathname === '/bands' && u.search.includes('saved=')),
      page.getByRole('button', { name: 'Save band' }).click(),
    ])

    await expect(page.locator('.flash-success').textContent()).resolves.toContain(
      'Saved the Research Scientist L7, San Francisco band',
    )
    await expect(page.locator('#finding-p-004').count()).resolves.toBe(0)
    await expect(page.locator('#finding-p-019').count()).resolves.toBe(1)
    await expect(
      page.locator('#band-research-scientist-l7-san-francisco-2027-01-15').textContent(),
    ).resolves.toContain('0 below · 1 in · 0 above')
    await page.screenshot({ path: `${SCREENSHOTS}/bands-fixed-1280.png`, fullPage: true })
    // the 422 answer to the mistyped amount is the only thing the console reports
    expect(problems).toEqual([
      'Failed to load resource: the server responded with a status of 422 (Unprocessable Entity)',
    ])
    await page.close()
  })

  it('stays readable at 390px: checks first, the matrix scrolling in its own container', async () => {
    const { page, problems } = await openPage(390, 844)
    await session.app.signIn(page, 'finance')
    await page.goto(`${session.app.url}/bands`)
    await expect(page.locator('#finding-p-019').textContent()).resolves.toContain('Ethan Park')
    await noSidewaysScroll(page, 390)
    await page.screenshot({ path: `${SCREENSHOTS}/bands-390.png`, fullPage: true })
    expect(problems).toEqual([])
    await page.close()
  })
})
