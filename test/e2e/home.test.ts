import { describe, expect, it } from 'vitest'
import { SCREENSHOTS, useBrowserApp, watchProblems } from '../helpers/browser.ts'

const session = useBrowserApp()

describe.each([
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
])('home page at $width px', ({ width, height }) => {
  it('shows the organisation and the open Team Manager roles, with htmx from our origin', async () => {
    const page = await session.browser.newPage({ viewport: { width, height } })
    // CSP violations and script errors surface here; the page must have none.
    const problems = watchProblems(page)

    await session.app.signIn(page, 'viewer')
    await page.goto(session.app.url)
    await expect(page.title()).resolves.toContain('Headcount planner')
    await expect(page.locator('h1').textContent()).resolves.toBe('Meridian AI')
    await expect(page.locator('#total-open').textContent()).resolves.toBe('5')

    const interpretability = page.locator('li.team', {
      has: page.getByRole('heading', { name: 'Interpretability', exact: true }),
    })
    await expect(interpretability.first().textContent()).resolves.toContain('2 open roles')

    // Browser-side expressions are strings: the project compiles without the DOM library.
    expect(await page.evaluate('typeof window.htmx')).toBe('object')
    const scripts = await page.evaluate('Array.from(document.scripts, (s) => s.src)')
    expect(scripts).toEqual([`${session.app.url}/static/htmx-4.0.1.min.js`])

    // Readable without sideways scrolling at this width.
    const scrollWidth = await page.evaluate('document.documentElement.scrollWidth')
    expect(scrollWidth).toBeLessThanOrEqual(width)

    await page.screenshot({ path: `${SCREENSHOTS}/home-${width}.png`, fullPage: true })

    // The first Tab lands on the skip link, and its focus ring is drawn.
    await page.keyboard.press('Tab')
    const focused = page.locator(':focus')
    await expect(focused.textContent()).resolves.toBe('Skip to content')
    const outline = await page.evaluate('getComputedStyle(document.activeElement).outlineStyle')
    expect(outline).toBe('solid')

    expect(problems).toEqual([])
    await page.close()
  })
})
