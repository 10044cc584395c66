/**
 * A scenario against its baseline by fiscal year, hand-worked to the penny: the scenario adds one
 * London hire in the middle of a fiscal year. Rules are the real data/rules files (2025/26 and
 * 2026/27: employer NIC 15% above £417 a month, Class 1A 15%); the fixture's London package is a
 * 4% pension and private medical at £1,200 a year; no bonus, merit, attrition or levy (the pay
 * bill is far below the allowance), and the second head needs no second desk.
 */
import { describe, expect, it } from 'vitest'
import { compareByFiscalYear } from '../../../src/domain/projection/compare.ts'
import { projectReference } from '../../../src/domain/projection/reference.ts'
import { filled, input } from './fixtures.ts'

/** April to March fiscal years, as the demo plan's company uses them. */
function plan(positions: Parameters<typeof input>[2]) {
  const i = input('2025-04', 24, positions)
  return projectReference({ ...i, ctx: { ...i.ctx, fiscalYearStartMonth: 4 } })
}

const pounds = (minor: number[]) => minor.map((m) => (m / 100).toFixed(2))

describe('a scenario adding one London hire on 16 July 2025 (mid FY2026)', () => {
  const ana = filled({ id: 'ana', officeId: 'london', baseSalary: '60000' })
  const hire = filled({
    id: 'new',
    officeId: 'london',
    baseSalary: '60000',
    startDate: '2025-07-16',
  })
  const compared = compareByFiscalYear(plan([ana]), plan([ana, hire]))

  it('names the fiscal years the plan covers, with their months', () => {
    expect(compared.years.map((y) => `${y.label}: ${y.covers}`)).toEqual([
      'FY2026: Apr 2025 to Mar 2026',
      'FY2027: Apr 2026 to Mar 2027',
    ])
  })

  it('differs by the hire’s employer cost in each fiscal year, to the penny', () => {
    // The hire, £60,000 a year: 5,000.00 a month.
    // July 2025, 16 of 31 days: salary 5,000 x 16/31 = 2,580.645 -> 2,580.65; PMI 100 x 16/31 =
    //   51.61; pension 4% x 2,580.65 = 103.23; NIC 15% x (2,580.65 - 417) = 324.5475 -> 324.55;
    //   Class 1A 15% x 51.61 = 7.74. July: 2,580.65 + 51.61 + 103.23 + 324.55 + 7.74 = 3,067.78
    // A whole month: 5,000.00 + PMI 100.00 + pension 200.00 + NIC 15% x 4,583 = 687.45
    //   + Class 1A 15.00 = 6,002.45
    // FY2026 (Apr 2025 - Mar 2026): July, then August to March (8 months):
    //   3,067.78 + 8 x 6,002.45 = 3,067.78 + 48,019.60 = 51,087.38
    // FY2027 (Apr 2026 - Mar 2027; 2026/27 keeps 15% above £417): 12 x 6,002.45 = 72,029.40
    const team = compared.byTeam.get('platform')!
    const difference = team.b.map((b, i) => b - team.a[i]!)
    expect(pounds(difference)).toEqual(['51087.38', '72029.40'])
    // Ana alone, £60,000 all year: 12 x 6,002.45 = 72,029.40 in each year
    expect(pounds(team.a)).toEqual(['72029.40', '72029.40'])
    expect(pounds(team.b)).toEqual(['123116.78', '144058.80'])
    // the whole plan moves by the same: company lines (desks) do not change
    const whole = compared.total.b.map((b, i) => b - compared.total.a[i]!)
    expect(pounds(whole)).toEqual(['51087.38', '72029.40'])
  })

  it('counts one more head at the end of each fiscal year', () => {
    expect(compared.heads).toEqual({ a: [1, 1], b: [2, 2] })
  })
})
