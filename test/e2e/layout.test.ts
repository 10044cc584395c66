/**
 * Issue #15: the main pages read without overlapping or clipped text. At 1280 px, in every chart
 * no two sibling labels' text boxes overlap and every label lies inside its chart; no table is
 * wider than its container (the positions table included) and no cell's text runs out of its cell.
 * At 390 px no page is wider than the window (a wide table or chart scrolls inside its own frame),
 * and the org chart reads as an indented list with nothing to scroll sideways. Screenshots of each
 * page at 1280 and 390 px go to the git-ignored folder for review.
 */
import { describe, expect, it } from 'vitest'
import { SCREENSHOTS, useBrowserApp } from '../helpers/browser.ts'

const session = useBrowserApp()

const MAIN_PAGES = [
  { name: 'organisation', path: '/' },
  { name: 'org-chart', path: '/org-chart' },
  { name: 'team', path: '/teams/interpretability' },
  { name: 'positions', path: '/positions' },
  { name: 'bands', path: '/bands' },
  { name: 'recruiting', path: '/recruiting' },
  { name: 'approvals', path: '/approvals' },
  { name: 'audit', path: '/audit' },
  { name: 'projection-team', path: '/projection' },
  { name: 'projection-office', path: '/projection?groupBy=office' },
  // by fiscal year: 24 months are a table that scrolls inside its frame, its names held at the left
  { name: 'projection-component', path: '/projection?groupBy=component&period=fiscal_year' },
  { name: 'compare', path: '/scenarios/compare?b=accelerated-hiring' },
]

/** Runs in the page; returns each problem as a sentence. */
const CHECK = `(() => {
  const problems = []
  const overlap = (a, b) => a.width > 0 && b.width > 0 && a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5
  for (const svg of document.querySelectorAll('main svg')) {
    const frame = svg.getBoundingClientRect()
    const texts = Array.from(svg.querySelectorAll('text'))
    for (const t of texts) {
      const r = t.getBoundingClientRect()
      if (r.width === 0) continue
      if (r.left < frame.left - 1 || r.right > frame.right + 1 || r.top < frame.top - 1 || r.bottom > frame.bottom + 1) {
        problems.push('label outside its chart: "' + t.textContent + '"')
      }
    }
    // sibling labels: the texts of one axis, one legend, or the lines' end labels
    const groups = new Map()
    for (const t of texts) {
      const key = t.closest('.chart-axis, .chart-line, .hbars, g') === t.closest('.chart-line') ? 'ends' : t.closest('g.chart-axis') || t.parentElement
      if (!groups.has(key)) groups.set(key, [])
      groups.get(key).push(t)
    }
    for (const list of groups.values()) {
      const boxes = list.map((t) => ({ t, r: t.getBoundingClientRect() }))
      for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
        if (overlap(boxes[i].r, boxes[j].r)) problems.push('labels overlap: "' + boxes[i].t.textContent + '" and "' + boxes[j].t.textContent + '"')
      }
    }
  }
  for (const table of document.querySelectorAll('main table')) {
    const caption = (table.querySelector('caption') || {}).textContent || 'a table'
    const box = table.parentElement.getBoundingClientRect()
    if (table.getBoundingClientRect().width > box.width + 1) problems.push('table wider than its container: ' + caption)
    for (const cell of table.querySelectorAll('th, td')) {
      if (cell.scrollWidth > cell.clientWidth + 1) problems.push('text runs out of a cell in ' + caption + ': ' + cell.textContent.trim().slice(0, 30))
    }
  }
  return problems
})()`

/** Runs in the page at a phone's width; returns each problem as a sentence. */
const CHECK_PHONE = `(() => {
  const problems = []
  const width = document.documentElement.clientWidth
  if (document.documentElement.scrollWidth > width + 1) {
    problems.push('the page is ' + document.documentElement.scrollWidth + ' px wide in a ' + width + ' px window')
  }
  for (const frame of document.querySelectorAll('.org-chart-frame')) {
    if (frame.getBoundingClientRect().width > 0) problems.push('the org chart shows its wide tree')
  }
  for (const card of document.querySelectorAll('.org-card')) {
    const r = card.getBoundingClientRect()
    if (r.width === 0) problems.push('an org chart card is hidden: ' + card.textContent.slice(0, 30))
    else if (r.right > width + 1) problems.push('an org chart card runs past the window: ' + card.textContent.slice(0, 30))
  }
  return problems
})()`

describe('main pages: no overlapping or clipped text', () => {
  it.each(MAIN_PAGES)(
    '$name ($path)',
    async ({ name, path }) => {
      const page = await session.browser.newPage({ viewport: { width: 1280, height: 900 } })
      await session.app.signIn(page, 'admin')
      await page.goto(`${session.app.url}${path}`)
      const problems = (await page.evaluate(CHECK)) as string[]
      await page.screenshot({ path: `${SCREENSHOTS}/layout-${name}-1280.png`, fullPage: true })
      await page.setViewportSize({ width: 390, height: 844 })
      const onPhone = (await page.evaluate(CHECK_PHONE)) as string[]
      await page.screenshot({ path: `${SCREENSHOTS}/layout-${name}-390.png`, fullPage: true })
      await page.close()
      expect([...new Set(problems)]).toEqual([])
      expect(onPhone).toEqual([])
    },
    60_000,
  )
})
