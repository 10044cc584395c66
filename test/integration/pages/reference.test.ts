import { describe, expect, it } from 'vitest'
import { testApp } from '../../helpers/web.ts'

/** The row whose first cell is `heading`, tags stripped: "January 2027 14 7 30 None". */
function row(html: string, heading: string): string {
  const at = html.indexOf(`<th scope="row">${heading}</th>`)
  expect(at, `no row ${heading}`).toBeGreaterThan(-1)
  const rowHtml = html.slice(html.lastIndexOf('<tr', at), html.indexOf('</tr>', at))
  return rowHtml
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

/** One office's section of the page. */
const officeSection = (html: string, id: string) =>
  html.slice(
    html.indexOf(`id="office-${id}"`),
    html.indexOf('</section>', html.indexOf(`id="office-${id}"`)),
  )

describe('GET /packages', () => {
  it('lists each package item by item with basis, amount, taxable flag and source', async () => {
    const html = await (await testApp().get('/packages', 'finance')).text()
    expect(row(html, 'Private health, dental and vision insurance')).toContain(
      'Per head per year £1,400.00 Yes (Class 1A NIC) No',
    )
    expect(row(html, 'Life insurance')).toContain('Share of base salary 0.5% No No')
    expect(row(html, 'Health, dental and vision insurance (dependants)')).toContain(
      'Per dependant per year $4,903.00 No',
    )
    expect(row(html, 'Relocation support (Bay Area)')).toContain('Once, at hire $7,500.00')
    expect(html).toContain('Workplace pension: employer 4% of basic salary')
    expect(html).toContain('401(k) match 4% of eligible pay')
  })

  it('is refused to a viewer (package costs are pay)', async () => {
    expect((await testApp().get('/packages', 'viewer')).status).toBe(403)
  })
})

describe('GET /offices', () => {
  it("shows each office's attendance policy and desks needed against capacity by month", async () => {
    const html = await (await testApp().get('/offices', 'finance')).text()
    const london = officeSection(html, 'london')
    expect(london).toContain('At least 25% of days in the office (London-based staff only)')
    expect(london).toContain('planned at 40%, peak day x1.17')
    expect(london).toContain('30 at £16,000.00 a year each')
    // January 2027: 14 people based in London; ceiling(14 x 0.4 x 1.17 = 6.552) = 7 desks
    expect(row(london, 'January 2027')).toBe('January 2027 14 7 30 None')
    // February: r-106 (offer, starting 1 Feb) joins: ceiling(15 x 0.4 x 1.17 = 7.02) = 8
    expect(row(london, 'February 2027')).toBe('February 2027 15 8 30 None')
    // San Francisco in January: ceiling(14 x 0.5 x 1.17 = 8.19) = 9 of 40 desks
    expect(row(officeSection(html, 'san-francisco'), 'January 2027')).toBe(
      'January 2027 14 9 40 None',
    )
    expect(london).toContain('Capacity covers the peak day in every month of the plan.')
  })

  it('is refused to a viewer', async () => {
    expect((await testApp().get('/offices', 'viewer')).status).toBe(403)
  })

  it('counts the whole office for a manager, not only their teams', async () => {
    const html = await (await testApp().get('/offices', 'manager')).text()
    expect(row(officeSection(html, 'london'), 'January 2027')).toBe('January 2027 14 7 30 None')
  })
})
