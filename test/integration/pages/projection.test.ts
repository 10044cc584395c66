import { describe, expect, it } from 'vitest'
import { explain } from '../../../src/domain/projection/explain.ts'
import { viewerOf } from '../../../src/web/auth/viewer.ts'
import { ProjectionService } from '../../../src/web/services/projections.ts'
import { MANAGED_TEAM, postForm, RULES, type TestApp, testApp } from '../../helpers/web.ts'

/** "£1,234.56" or "-$1,234.56" as integer minor units, read digit by digit (no floats). */
function minorOf(text: string): number {
  const m = /^(-?)[£$]([\d,]+)\.(\d\d)$/.exec(text.trim())
  expect(m, `not a money figure: ${text}`).not.toBeNull()
  const [, sign, whole, pence] = m!
  return (sign ? -1 : 1) * Number(`${whole!.replaceAll(',', '')}${pence}`)
}

/** The figures of each table row (body rows by key, then "total"), as minor units. */
function tableRows(html: string): Map<string, number[]> {
  const rows = new Map<string, number[]>()
  const table = html.slice(
    html.indexOf('<table class="projection-table"'),
    html.indexOf('</table>'),
  )
  for (const tr of table.split('<tr').slice(1)) {
    const key = /data-row="([^"]+)"/.exec(tr)?.[1] ?? (tr.includes('total-row') ? 'total' : null)
    if (key === null) continue
    const figures = [...tr.matchAll(/class="figure">([^<]+)</g)].map((m) => minorOf(m[1]!))
    if (figures.length > 0) rows.set(key, figures)
  }
  return rows
}

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')

/** The page as a reader who chose pennies in tables sees it, so figures add up to the penny. */
async function page(t: TestApp, path: string, role: 'leadership' | 'manager' = 'leadership') {
  const res = await t.get(path, role, { cookie: `${t.as(role).cookie}; pennies=on` })
  expect(res.status).toBe(200)
  return res.text()
}

describe('GET /projection', () => {
  it('shows the charts, with the headcount lines and cost layers named in text', async () => {
    const t = testApp()
    const html = await page(t, '/projection')
    expect(html).toContain('Projection: FY2027 hiring plan')
    expect(html).toContain('<figcaption id="headcount-chart-title">')
    // each line named at its end (the label carries the last value as its hover title)
    expect(html).toMatch(/class="chart-end-label"><title>[^<]*<\/title>Interpretability<\/text>/)
    expect(html).toMatch(/<ul class="chart-legend"[^>]*>.*<li>.*Salary<\/li>/s)
    expect(text(html)).toContain('Headcount, January 2027 33')
  })

  it('gives expected vacancies, a large negative line, a cost layer of its own', async () => {
    // the demo plan's 10% attrition: vacancies are among the six largest components either way,
    // so they are not summed into "Other components" with the small positive ones
    const html = await page(testApp(), '/projection')
    const legend = html.slice(html.indexOf('<ul class="chart-legend"'))
    expect(legend.slice(0, legend.indexOf('</ul>'))).toContain('Expected vacancies')
  })

  it('shows the table in whole units until the reader asks for pennies, and remembers it', async () => {
    const t = testApp()
    const cells = (html: string) => [...html.matchAll(/class="figure">([^<]+)</g)].map((m) => m[1]!)
    const whole = await (await t.get('/projection?period=fiscal_year', 'leadership')).text()
    const exact = await page(t, '/projection?period=fiscal_year')
    expect(cells(whole).every((c) => /^-?£[\d,]+$/.test(c))).toBe(true)
    expect(cells(exact).every((c) => /^-?£[\d,]+\.\d\d$/.test(c))).toBe(true)
    // each whole figure is its exact one rounded half up: £1,234.50 -> £1,235
    cells(exact).forEach((c, i) => {
      const minor = minorOf(c)
      const rounded = Math.sign(minor) * Math.floor((Math.abs(minor) + 50) / 100)
      expect(minorOf(`${cells(whole)[i]}.00`)).toBe(rounded * 100)
    })
    expect(text(whole)).toContain('Amounts in whole units. Show pennies')
    // the toggle sets a cookie for a year and goes back to the page it was on
    const on = await postForm(
      t.app,
      '/preferences/pennies',
      { pennies: 'on', next: '/projection?period=fiscal_year' },
      t.as('leadership'),
    )
    expect(on.status).toBe(303)
    expect(on.headers.get('location')).toBe('/projection?period=fiscal_year')
    expect(on.headers.get('set-cookie')).toMatch(/^pennies=on;.*Max-Age=31536000.*HttpOnly/)
    const off = await postForm(
      t.app,
      '/preferences/pennies',
      { next: '//evil.example/' },
      t.as('leadership'),
    )
    expect(off.headers.get('set-cookie')).toMatch(/^pennies=;.*Max-Age=0/)
    expect(off.headers.get('location')).toBe('/')
    expect(text(exact)).toContain('Amounts to the penny. Round to whole units')
  })

  // Every grouping and period, in both currencies: each row's cells add up to its row total, the
  // rows add up to the total row, and all nine tables of a currency have the same grand total.
  it.each(['GBP', 'USD'])('table figures add up in every grouping and period (%s)', async (cur) => {
    const t = testApp()
    const grandTotals = new Set<number>()
    for (const groupBy of ['team', 'office', 'component']) {
      for (const period of ['month', 'quarter', 'fiscal_year']) {
        const html = await page(
          t,
          `/projection?currency=${cur}&groupBy=${groupBy}&period=${period}`,
        )
        const rows = tableRows(html)
        const total = rows.get('total')!
        const body = [...rows].filter(([k]) => k !== 'total').map(([, v]) => v)
        expect(body.length).toBeGreaterThan(1)
        for (const row of [...body, total]) {
          const cells = row.slice(0, -1)
          expect(cells.reduce((a, v) => a + v, 0)).toBe(row.at(-1))
        }
        total.forEach((v, ci) => {
          expect(body.reduce((a, row) => a + row[ci]!, 0)).toBe(v)
        })
        grandTotals.add(total.at(-1)!)
        expect(html).toContain(cur === 'GBP' ? '£' : '$')
      }
    }
    expect(grandTotals.size).toBe(1)
  })

  it('downloads the table as CSV with the same figures', async () => {
    const t = testApp()
    const html = await page(t, '/projection?groupBy=office&period=fiscal_year')
    const res = await t.get('/projection/table.csv?groupBy=office&period=fiscal_year', 'leadership')
    expect(res.headers.get('content-type')).toContain('text/csv')
    const lines = (await res.text()).trim().split('\n')
    expect(lines[0]).toBe('Office,FY2027,FY2028,Total')
    const totalRow = lines.at(-1)!.split(',')
    const shown = tableRows(html).get('total')!
    // CSV money is plain decimals; 12345.67 -> 1234567 minor units
    expect(totalRow.slice(1).map((s) => Number(s.replace('.', '')))).toEqual(shown)
  })
})

describe('GET /projection/explain', () => {
  it("lists the lines a team's quarter total sums, per position, adding up to the figure", async () => {
    const t = testApp()
    const rows = tableRows(await page(t, '/projection?groupBy=team&period=quarter'))
    const cell = rows.get(MANAGED_TEAM)![0]!
    const html = await page(
      t,
      '/projection/explain?groupBy=team&period=quarter&row=interpretability&column=FY2027+Q1',
    )
    const said = text(html)
    expect(said).toContain(
      'Interpretability, FY2027 Q1 (Jan 2027 to Mar 2027): the lines this total sums',
    )
    // each line names the person (or an open role by title, team and office), never an id
    expect(said).toContain('Helen Okafor (Head of Interpretability)')
    expect(said).not.toContain('p-001')
    const lines = [...html.matchAll(/explain-amount">([^<]+)</g)].map((m) => minorOf(m[1]!))
    // the position lines, then the subtotal: the lines sum to the subtotal, which is the cell
    expect(lines.slice(0, -1).reduce((a, v) => a + v, 0)).toBe(lines.at(-1))
    expect(lines.at(-1)).toBe(cell)
  })

  it('explains the grand total as one line per team, each opening its own lines, adding up', async () => {
    const t = testApp()
    const rows = tableRows(await page(t, '/projection?groupBy=team&period=quarter'))
    const html = await page(t, '/projection/explain?groupBy=team&period=quarter')
    expect(text(html)).toContain('the total by team')
    const amounts = [...html.matchAll(/explain-amount">([^<]+)</g)].map((m) => minorOf(m[1]!))
    const links = [...html.matchAll(/href="([^"]*row=[^"]*)"/g)].map((m) => m[1]!)
    // one line (and link) per team with cost, then the total they add up to
    expect(links).toHaveLength(amounts.length - 1)
    expect(amounts.slice(0, -1).reduce((a, v) => a + v, 0)).toBe(amounts.at(-1))
    const grand = rows.get('total')!.at(-1)!
    expect(amounts.at(-1)).toBe(grand)
    // not a line per position: far fewer than the plan's 39 positions
    expect(links.length).toBeLessThan(15)
    expect(links[0]).toContain('/projection/explain?')
  })

  it("returns the engine's own lines for a position-month-component", async () => {
    const t = testApp()
    const html = await page(
      t,
      '/projection/explain?period=month&column=2027-01&position=p-002&component=salary',
    )
    const view = new ProjectionService(t.db, RULES).view(
      viewerOf(t.db, t.user('leadership'), 'session'),
    )
    const lines = explain(view.input, 'p-002', '2027-01', 'salary')
    expect(lines.length).toBeGreaterThan(0)
    for (const line of lines) expect(text(html)).toContain(line)
    // p-002 earns £345,000 a year and is employed all of January: 345,000 / 12 = £28,750.00
    expect(text(html)).toContain('£28,750.00')
  })

  it('lists the months of a long explanation compactly: months that read alike once, by range', async () => {
    const t = testApp()
    const html = await page(
      t,
      '/projection/explain?period=fiscal_year&column=FY2027&position=p-001&component=salary',
    )
    // p-001's salary is £393,000 until the April 2027 merit (3%: £404,790.00), so FY2027
    // (January to December 2027) reads as two runs, not twelve months
    const headings = [...html.matchAll(/<h3>([^<]+)<\/h3>/g)].map((m) => m[1])
    expect(headings).toEqual(['January–March 2027, each month', 'April–December 2027, each month'])
    expect(text(html)).toContain('£393,000.00 / 12 = £32,750.00')
    expect(text(html)).toContain('£404,790.00 / 12 = £33,732.50')
    // the whole plan is named by its months, not counted
    const whole = await page(t, '/projection/explain?position=p-001&component=salary')
    expect(text(whole)).toContain('January 2027 – December 2028')
  })

  it('breaks a position figure down by component, linking each to its working', async () => {
    const t = testApp()
    const html = await page(t, '/projection/explain?period=month&column=2027-01&position=p-002')
    expect(text(html)).toContain('Salary £28,750.00')
    expect(html).toContain('position=p-002&amp;component=salary')
  })

  it('answers 404 for an unknown position or column', async () => {
    const t = testApp()
    expect((await t.get('/projection/explain?position=nope', 'leadership')).status).toBe(404)
    expect((await t.get('/projection/explain?column=1999-01', 'leadership')).status).toBe(404)
  })
})

describe('who sees the projection', () => {
  it('refuses the viewer role: no cost, no explanation, no CSV, no link', async () => {
    const t = testApp()
    for (const path of ['/projection', '/projection/explain', '/projection/table.csv']) {
      expect((await t.get(path, 'viewer')).status).toBe(403)
    }
    expect(await (await t.get('/', 'viewer')).text()).not.toContain('href="/projection"')
  })

  it("shows a manager only their own teams' rows and refuses other teams' figures", async () => {
    const t = testApp()
    const rows = tableRows(await page(t, '/projection?groupBy=team', 'manager'))
    const keys = [...rows.keys()].filter((k) => k !== 'total')
    expect(keys).toContain(MANAGED_TEAM)
    for (const k of keys) {
      expect(['interpretability', 'circuits', 'dictionary-learning', 'model-biology']).toContain(k)
    }
    const other = await t.get('/projection/explain?groupBy=team&row=pretraining', 'manager')
    expect(other.status).toBe(404)
  })
})
