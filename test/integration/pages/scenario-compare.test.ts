/**
 * The compare page at a glance: a scenario adding one role mid-year read by fiscal year (each
 * team's cost on both sides and the difference, heads at each year's end), a chart of the
 * difference, and the totals above it all. The fiscal-year figures are worked out apart from the
 * period tables (compareByFiscalYear against diff by columns), so each checks the other; the
 * difference itself is hand-worked in test/unit/projection/compare.test.ts.
 */
import { describe, expect, it } from 'vitest'
import { getScenario } from '../../../src/db/repos/scenarios.ts'
import { textOf } from '../../helpers/html.ts'
import { postForm, type TestApp, testApp } from '../../helpers/web.ts'

/** "+£1,234.56", "-£1,234.56", "£0.00" as minor units. */
function minorOf(s: string): number {
  const m = /^([+-]?)[£$]([\d,]+)\.(\d\d)$/.exec(s.trim())
  expect(m, `not money: ${s}`).not.toBeNull()
  return (m![1] === '-' ? -1 : 1) * Number(`${m![2]!.replaceAll(',', '')}${m![3]}`)
}

/** Each row of a table by its data-row key: the row's name and its cells' text. */
function rows(html: string, tableId: string): Map<string, { name: string; cells: string[] }> {
  const table = html.slice(html.indexOf(`id="${tableId}"`))
  const body = table.slice(0, table.indexOf('</table>'))
  const out = new Map<string, { name: string; cells: string[] }>()
  for (const m of body.matchAll(/data-row="([^"]+)"(.*?)<\/tr>/gs)) {
    const name = textOf(/<th[^>]*>(.*?)<\/th>/s.exec(m[2]!)![1]!).trim()
    const cells = [...m[2]!.matchAll(/<td class="num[^"]*">([^<]+)</g)].map((c) => c[1]!)
    out.set(m[1]!, { name, cells })
  }
  return out
}

/** A scenario with one Research Scientist added to Interpretability from 1 June 2027. */
async function oneHire(t: TestApp) {
  const as = t.as('leadership')
  const made = await postForm(t.app, '/scenarios', { name: 'One hire', fxRateSetId: '' }, as)
  expect(made.status).toBe(303)
  await addHire(t, '2027-06-01')
}

/** A Research Scientist like Ingrid Solberg's role (Interpretability, London) at £300,000. */
async function addHire(t: TestApp, startDate: string) {
  const version = String(getScenario(t.db, 'one-hire')!.version)
  const added = await postForm(
    t.app,
    '/scenarios/one-hire/add',
    { version, likeId: 'p-002', title: 'Research Scientist', startDate, baseSalary: '300000' },
    t.as('leadership'),
  )
  expect(added.status).toBe(303)
}

const pennies = (t: TestApp) => ({ cookie: `${t.as('leadership').cookie}; pennies=on` })

describe('scenario compare at a glance', () => {
  it('reads the one-hire scenario by team and fiscal year, agreeing with the period tables', async () => {
    const t = testApp()
    await oneHire(t)
    const html = await (
      await t.get('/scenarios/compare?a=&b=one-hire&period=fiscal_year', 'leadership', pennies(t))
    ).text()
    const text = textOf(html)
    // the fiscal years with their months, the two sides by name
    expect(text).toContain('FY2027 Jan 2027 to Dec 2027')
    expect(text).toContain('FY2028 Jan 2028 to Dec 2028')
    expect(text).toContain('Baseline One hire Difference Baseline One hire Difference')

    const years = rows(html, 'year-compare')
    // Interpretability by name; the teams the hire does not touch in one row; no ids
    expect(years.get('interpretability')!.name).toBe('Interpretability')
    expect(years.get('unchanged')!.name).toMatch(/^\d+ other teams, unchanged$/)
    expect(text).not.toContain('interpretability')
    // each year: baseline, scenario, difference = scenario - baseline, to the penny
    for (const [key, { cells }] of years) {
      if (key === 'heads') continue
      for (let y = 0; y < 2; y++) {
        const [a, b, d] = cells.slice(y * 3, y * 3 + 3).map(minorOf)
        expect(d).toBe(b! - a!)
      }
    }
    // the hire costs more in FY2028 (twelve months) than in FY2027 (June to December, seven)
    const interp = years.get('interpretability')!.cells.map(minorOf)
    expect(interp[2]!).toBeGreaterThan(0)
    expect(interp[5]!).toBeGreaterThan(interp[2]!)
    expect(
      years
        .get('unchanged')!
        .cells.filter((_, i) => i % 3 === 2)
        .map(minorOf),
    ).toEqual([0, 0])

    // the period table by team (the projection's diff by columns) gives the same differences
    const byTeam = rows(html, 'team-delta')
    const periodInterp = byTeam.get('interpretability')!.cells.map(minorOf)
    expect(periodInterp.slice(0, 2)).toEqual([interp[2], interp[5]])
    // the total row adds the rows; the summary's total difference is the two years' sum
    const total = years.get('total')!.cells.map(minorOf)
    const sumOf = (col: number) =>
      [...years]
        .filter(([k]) => k !== 'total' && k !== 'heads')
        .reduce((s, [, r]) => s + minorOf(r.cells[col]!), 0)
    for (let col = 0; col < 6; col++) expect(total[col]).toBe(sumOf(col))
    const summary = minorOf(/id="summary-total">([^<]+)</.exec(html)![1]!)
    expect(summary).toBe(total[2]! + total[5]!)
    // one more head at the end of each year, and at the plan's end
    const heads = years.get('heads')!.cells
    expect([heads[2], heads[5]]).toEqual(['+1', '+1'])
    expect(textOf(/id="summary-heads">([^<]+)</.exec(html)![1]!)).toMatch(/^\d+ → \d+ \(\+1\)$/)
  })

  it('draws the difference by period, the FX effect only when there is one', async () => {
    const t = testApp()
    await oneHire(t)
    const html = await (
      await t.get('/scenarios/compare?a=&b=one-hire&period=quarter', 'leadership')
    ).text()
    const chart = html.slice(html.indexOf('id="difference-chart-title"'))
    expect(textOf(chart)).toContain('Cost difference by fiscal quarter in GBP')
    // a bar for each quarter the hire costs in: FY2027 Q2 (June) to FY2028 Q4
    const bars = [...chart.matchAll(/<title>(Change in spend[^<]+)<\/title>/g)].map((m) => m[1])
    expect(bars[0]).toMatch(
      /^Change in spend at Baseline&#39;s rates, FY2027 Q2 \(Apr 2027 to Jun 2027\): \+£[\d,]+$/,
    )
    expect(bars).toHaveLength(7)
    // both sides at the same rates: no FX layer in the legend
    expect(chart.slice(0, chart.indexOf('</figure>'))).not.toContain('FX effect')

    // the chart is kept between reads; a second hire from February shows on the next one
    await addHire(t, '2027-02-01')
    const after = await (
      await t.get('/scenarios/compare?a=&b=one-hire&period=quarter', 'leadership')
    ).text()
    const redrawn = after.slice(after.indexOf('id="difference-chart-title"'))
    const barsAfter = [...redrawn.matchAll(/<title>(Change in spend[^<]+)<\/title>/g)]
    expect(barsAfter[0]![1]).toMatch(/, FY2027 Q1 \(Jan 2027 to Mar 2027\): \+£[\d,]+$/)
    expect(barsAfter).toHaveLength(8)
  })
})
