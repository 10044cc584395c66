/**
 * Year to date from the jurisdiction's year start (domain Part A, continued): a plan starting
 * mid-year works out the months before it from the position's own history, or starts from
 * imported payroll actuals. Real rules; FX 1.25 USD per GBP.
 */
import { describe, expect, it } from 'vitest'
import { actualYtd, benefitPackage } from '../../../src/domain/model.ts'
import { explain } from '../../../src/domain/projection/explain.ts'
import { projectFast } from '../../../src/domain/projection/fast.ts'
import type { ProjectionInput } from '../../../src/domain/projection/input.ts'
import { projectReference } from '../../../src/domain/projection/reference.ts'
import { filled, input, ukPackage } from './fixtures.ts'
import { series } from './helpers.ts'
import { expectSameProjection } from './same.ts'

// $400,000 a year in San Francisco since 2020: 400,000 / 12 = 33,333.333... -> 33,333.33 a month.
const cy = filled({ id: 'cy', officeId: 'sf', baseSalary: '400000' })
const fromJuly = input('2026-07', 6, [cy], { reportingCurrency: 'USD' })
const fromJanuary = input('2026-01', 12, [cy], { reportingCurrency: 'USD' })

describe('a $400k San Francisco earner in a plan starting in July 2026', () => {
  const p = projectReference(fromJuly)

  it('charges no Social Security: the $184,500 base was passed in June', () => {
    // January-June worked out from his own pay: 6 x 33,333.33 = 199,999.98 wages to date,
    // above the 184,500.00 base, so July-December carry no Social Security.
    expect(series(p, 'cy', 'social_security')).toEqual(Array(6).fill('0.00'))
    // FUTA and CA UI were used up in January ($7,000 bases).
    expect(series(p, 'cy', 'futa')).toEqual(Array(6).fill('0.00'))
    expect(series(p, 'cy', 'state_unemployment')).toEqual(Array(6).fill('0.00'))
    // Medicare is uncapped: 1.45% x 33,333.33 = 483.33
    expect(series(p, 'cy', 'medicare')).toEqual(Array(6).fill('483.33'))
  })

  it('stops the match at the $360,000 401(a)(17) limit in November', () => {
    // Eligible pay to date at July: 199,999.98. July-October 4% x 33,333.33 = 1,333.33;
    // after October 199,999.98 + 4 x 33,333.33 = 333,333.30; November 4% x 26,666.70 = 1,066.67
    expect(series(p, 'cy', 'k401_match')).toEqual([...Array(4).fill('1333.33'), '1066.67', '0.00'])
  })

  it('gives the same July-December lines as a plan starting in January', () => {
    const jan = projectReference(fromJanuary)
    for (const c of ['social_security', 'k401_match', 'medicare', 'futa'] as const) {
      expect(series(p, 'cy', c)).toEqual(series(jan, 'cy', c).slice(6))
    }
  })

  it('explains a capped line with the year to date it started from', () => {
    const lines = explain(fromJuly, 'cy', '2026-11', 'k401_match')
    expect(lines.at(-1)).toBe(
      '401(k) match: 4% x $26,666.70 eligible pay (401(a)(17) limit $360,000.00 reached; eligible pay $333,333.30 since 1 January 2026 before this month) = $1,066.67',
    )
    expect(explain(fromJuly, 'cy', '2026-07', 'social_security').at(-1)).toBe(
      'Social Security: 6.2% x $0.00 wages (wage base $184,500.00 reached; wages $199,999.98 since 1 January 2026 before this month) = $0.00',
    )
  })

  it('is costed the same by the fast engine', () => {
    expectSameProjection(projectFast(fromJuly), p)
  })
})

describe('the same earner with imported actual year-to-date figures', () => {
  // Payroll says: as at 31 May 2026, wages $150,000.00 and 401(k) eligible pay $150,000.00.
  const actual = actualYtd.parse({
    positionId: 'cy',
    year: 2026,
    wages: '150000',
    k401EligiblePay: '150000',
    asAt: '2026-05-31',
  })
  const withActuals: ProjectionInput = {
    ...fromJuly,
    ctx: { ...fromJuly.ctx, actualYtd: new Map([['cy', [actual]]]) },
  }
  const p = projectReference(withActuals)

  it('starts from the actuals and works out only June', () => {
    // To date at July: 150,000.00 + June 33,333.33 = 183,333.33 wages.
    // July: 6.2% x (184,500.00 - 183,333.33 = 1,166.67) = 72.33354 -> 72.33; then nothing.
    expect(series(p, 'cy', 'social_security')).toEqual(['72.33', ...Array(5).fill('0.00')])
    // Eligible to date at July 183,333.33; after November + 5 x 33,333.33 = 349,999.98;
    // December 4% x (360,000.00 - 349,999.98 = 10,000.02) = 400.0008 -> 400.00
    expect(series(p, 'cy', 'k401_match')).toEqual([...Array(5).fill('1333.33'), '400.00'])
  })

  it('names the actuals in the explanation', () => {
    expect(explain(withActuals, 'cy', '2026-07', 'social_security').at(-1)).toBe(
      "Social Security: 6.2% x $1,166.67 wages (wage base $184,500.00 reached; wages $183,333.33 since 1 January 2026 before this month, from payroll's actual figures as at 31 May 2026) = $72.33",
    )
  })

  it('is costed the same by the fast engine', () => {
    expectSameProjection(projectFast(withActuals), p)
  })
})

describe('a UK pension cap crossed in a plan starting in January 2026', () => {
  // 10% pension capped at £10,000 a tax year, the excess paid as a cash allowance.
  const capped = benefitPackage.parse({
    ...benefitPackage.encode(ukPackage),
    retirement: {
      kind: 'uk_pension',
      rate: '0.1',
      annualCap: '10000',
      cashAllowanceAboveCap: true,
    },
  })
  const plan = input('2026-01', 4, [filled({ id: 'di', officeId: 'london', baseSalary: '114000' })])
  const withCap: ProjectionInput = {
    ...plan,
    ctx: { ...plan.ctx, packages: new Map([[capped.id, capped]]) },
  }
  const p = projectReference(withCap)

  it('counts the pension paid since 6 April 2025 and crosses the cap in February', () => {
    // 114,000 / 12 = 9,500.00 a month; 10% = 950.00. April-December 2025: 9 x 950 = 8,550.00.
    // January: room 1,450.00, pays 950.00 (9,500.00 to date). February: room 500.00, so 500.00
    // and 450.00 cash allowance. March: 0.00 and 950.00. April 2026 (2026/27): 950.00 again.
    expect(series(p, 'di', 'pension')).toEqual(['950.00', '500.00', '0.00', '950.00'])
    expect(series(p, 'di', 'pension_cash_allowance')).toEqual(['0.00', '450.00', '950.00', '0.00'])
    // The allowance is NIC-able: February 15% x (9,950.00 - 417.00) = 1,429.95;
    // March 15% x (10,450.00 - 417.00) = 1,504.95; January and April 15% x 9,083.00 = 1,362.45
    expect(series(p, 'di', 'employer_nic')).toEqual(['1362.45', '1429.95', '1504.95', '1362.45'])
  })

  it('explains the cap with the year to date it started from', () => {
    expect(explain(withCap, 'di', '2026-02', 'pension').at(-1)).toBe(
      'Employer pension: 10% x £9,500.00 basic salary, capped (cap £10,000.00 a tax year; £9,500.00 paid since 6 April 2025 before this month) = £500.00',
    )
  })

  it('is costed the same by the fast engine', () => {
    expectSameProjection(projectFast(withCap), p)
  })
})

describe('the Apprenticeship Levy allowance from 6 April', () => {
  // 40 people at £150,000 (12,500.00 a month): pay bill 500,000.00 a month.
  const people = Array.from({ length: 40 }, (_, k) =>
    filled({ id: `p${k}`, officeId: 'london', baseSalary: '150000' }),
  )
  it('runs the levy through the tax year from April, not from the plan start', () => {
    // Each month: due to date after k months = 0.5% x 500,000 k - 1,250 k = 1,250 k, so
    // 1,250.00 a month from April; a plan starting in July gives July 1,250.00 as well.
    const july = projectReference(input('2025-07', 3, people))
    expect(july.totals.byComponent.get('apprenticeship_levy')).toEqual([125000, 125000, 125000])
    const april = projectReference(input('2025-04', 6, people))
    expect(april.companyLines[0]!.local.slice(3)).toEqual(
      july.companyLines.find((l) => l.component === 'apprenticeship_levy')!.local,
    )
  })

  it('carries the allowance unused before the plan into its first months', () => {
    // 2 people at £150,000 since 2020 (25,000.00 a month), 38 more from 1 July 2025 (40 in all,
    // 500,000.00 a month). April-June: bill 75,000.00, 0.5% = 375.00 < 3 x 1,250 allowance.
    // July: bill to date 575,000.00 -> 2,875.00 - 5,000.00 < 0 -> 0.00
    // August: 1,075,000.00 -> 5,375.00 - 6,250.00 < 0 -> 0.00
    // September: 1,575,000.00 -> 7,875.00 - 7,500.00 = 375.00 -> 375.00
    // October: 2,075,000.00 -> 10,375.00 - 8,750.00 = 1,625.00 - 375.00 charged = 1,250.00
    // (A plan starting in July without the months before it would charge 1,250.00 in July.)
    const staff = [
      ...people.slice(0, 2),
      ...people.slice(2).map((p) => ({ ...p, startDate: '2025-07-01' })),
    ]
    const plan = input('2025-07', 4, staff)
    const p = projectReference(plan)
    expect(p.totals.byComponent.get('apprenticeship_levy')).toEqual([0, 0, 37500, 125000])
    expectSameProjection(projectFast(plan), p)
    const april = projectReference(input('2025-04', 7, staff))
    expect(april.totals.byComponent.get('apprenticeship_levy')!.slice(3)).toEqual([
      0, 0, 37500, 125000,
    ])
    expect(p.companyLines[0]!.explain(2)[0]).toBe(
      "UK NIC-able pay bill this month £500,000.00; £1,575,000.00 so far in 2025/26 (from 6 April 2025, starting from £75,000.00 before the plan's first month)",
    )
  })
})
