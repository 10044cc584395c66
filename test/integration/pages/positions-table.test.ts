import { describe, expect, it } from 'vitest'
import { testApp } from '../../helpers/web.ts'

const htmx = { 'hx-request': 'true' }
/** Position ids in the order the table lists them. */
const order = (html: string) => [...html.matchAll(/<tr id="position-([^"]+)"/g)].map((m) => m[1])

describe('the positions table swaps in place', () => {
  it('an htmx sort request is answered with the table alone, sorted', async () => {
    const t = testApp()
    const res = await t.get(
      '/positions?team=interpretability&sort=salary&dir=desc',
      'finance',
      htmx,
    )
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toMatch(/^<div id="positions-table">/)
    expect(html).not.toContain('<html')
    expect(html).not.toContain('<form')
    expect(html).not.toContain('id="team-figures"')
    expect(order(html)).toEqual(['p-001', 'p-002', 'r-101', 'r-102'])
    // the sort it shows, for the filter form to send with its next change
    expect(html).toContain(
      '<input type="hidden" form="positions-filters" name="sort" value="salary"',
    )
    expect(html).toContain('<input type="hidden" form="positions-filters" name="dir" value="desc"')
  })

  it('sort links are real links that htmx follows by swapping only the table', async () => {
    const t = testApp()
    const html = await (await t.get('/positions?team=interpretability', 'finance')).text()
    expect(html).toContain('<form id="positions-filters"')
    const link = html.match(/<a href="([^"]*sort=salary[^"]*)"([^>]*)>Base salary/)
    expect(link).not.toBeNull()
    const [, href, attrs] = link!
    expect(href).toBe('/positions?team=interpretability&amp;sort=salary&amp;dir=asc&amp;page=1')
    expect(attrs).toContain(`hx-get="${href}"`)
    expect(attrs).toContain('hx-target="#positions-table"')
    expect(attrs).toContain('hx-swap="outerHTML"')
    expect(attrs).toContain('hx-push-url="true"')
    // following the link without JavaScript: the whole page, sorted
    const page = await (await t.get(href!.replaceAll('&amp;', '&'), 'finance')).text()
    expect(page).toContain('<html')
    expect(order(page)).toEqual(['r-101', 'r-102', 'p-002', 'p-001'])
  })

  it('Back to a pushed URL (an htmx history restore) gets the whole page', async () => {
    const t = testApp()
    const html = await (
      await t.get('/positions?sort=salary&dir=desc', 'finance', {
        ...htmx,
        'hx-history-restore-request': 'true',
      })
    ).text()
    expect(html).toContain('<html')
    expect(html).toContain('<form id="positions-filters"')
  })
})
