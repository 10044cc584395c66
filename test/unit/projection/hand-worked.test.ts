/**
 * Hand-worked projections, checked to the penny. Each test writes out its working; the rules are
 * the real data/rules files, FX is a flat 1.25 USD per GBP.
 */
import { describe, expect, it } from 'vitest'
import { projectReference } from '../../../src/domain/projection/reference.ts'
import { filled, input } from './fixtures.ts'
import { series, yearTotal } from './helpers.ts'

describe('a London hire starting mid-month (2025/26 rules)', () => {
  // £60,000 a year, starts Wednesday 16 July 2025: 16 of July's 31 days.
  const p = projectReference(
    input('2025-07', 2, [
      filled({ id: 'ana', officeId: 'london', baseSalary: '60000', startDate: '2025-07-16' }),
    ]),
  )

  it('prorates salary and the per-head benefit by calendar day', () => {
    // July: 60,000 / 12 = 5,000 x 16/31 = 2,580.645... -> 2,580.65; August: 5,000.00
    expect(series(p, 'ana', 'salary')).toEqual(['2580.65', '5000.00'])
    // PMI 1,200 / 12 = 100 x 16/31 = 51.612... -> 51.61; August 100.00
    expect(series(p, 'ana', 'benefits')).toEqual(['51.61', '100.00'])
  })

  it('takes pension from the rounded salary line', () => {
    // 4% x 2,580.65 = 103.226 -> 103.23; 4% x 5,000.00 = 200.00
    expect(series(p, 'ana', 'pension')).toEqual(['103.23', '200.00'])
  })

  it('charges employer NIC above the whole monthly threshold, not a prorated one', () => {
    // July: 15% x (2,580.65 - 417.00) = 15% x 2,163.65 = 324.5475 -> 324.55
    // August: 15% x (5,000.00 - 417.00) = 687.45; pension is not NIC-able
    expect(series(p, 'ana', 'employer_nic')).toEqual(['324.55', '687.45'])
  })

  it('charges Class 1A on the taxable benefit', () => {
    // 15% x 51.61 = 7.7415 -> 7.74; 15% x 100.00 = 15.00
    expect(series(p, 'ana', 'class1a_nic')).toEqual(['7.74', '15.00'])
  })
})

describe('a plan spanning the April tax-year change (2024/25 -> 2025/26)', () => {
  // £120,000 a year: 10,000.00 a month; PMI 100.00 a month.
  const p = projectReference(
    input('2025-03', 2, [filled({ id: 'ben', officeId: 'london', baseSalary: '120000' })]),
  )

  it('uses 13.8% above £758 in March and 15% above £417 in April', () => {
    // March 2025 (2024/25): 13.8% x (10,000.00 - 758.00) = 13.8% x 9,242 = 1,275.396 -> 1,275.40
    // April 2025 (2025/26): 15% x (10,000.00 - 417.00) = 15% x 9,583 = 1,437.45
    expect(series(p, 'ben', 'employer_nic')).toEqual(['1275.40', '1437.45'])
  })

  it('moves Class 1A with the rate', () => {
    // 13.8% x 100.00 = 13.80; 15% x 100.00 = 15.00
    expect(series(p, 'ben', 'class1a_nic')).toEqual(['13.80', '15.00'])
  })
})

describe('a US high earner crossing the SS wage base and the 401(a)(17) limit (SF, 2026)', () => {
  // $400,000 a year: 400,000 / 12 = 33,333.333... -> 33,333.33 a month.
  const p = projectReference(
    input('2026-01', 12, [filled({ id: 'cy', officeId: 'sf', baseSalary: '400000' })]),
  )

  it('stops Social Security at the $184,500 wage base in June', () => {
    // Jan-May: 6.2% x 33,333.33 = 2,066.66646 -> 2,066.67; YTD wages after May 166,666.65
    // June: 6.2% x (184,500 - 166,666.65 = 17,833.35) = 1,105.6677 -> 1,105.67; then nothing
    const jan_may = Array(5).fill('2066.67')
    expect(series(p, 'cy', 'social_security')).toEqual([
      ...jan_may,
      '1105.67',
      ...Array(6).fill('0.00'),
    ])
    // 5 x 2,066.67 + 1,105.67 = 11,439.02 (the annual maximum $11,439, plus rounding pennies)
    expect(yearTotal(p, 'cy', 'social_security')).toBe('11439.02')
  })

  it('stops the 4% match at the $360,000 limit in November', () => {
    // Jan-Oct: 4% x 33,333.33 = 1,333.3332 -> 1,333.33; YTD eligible after October 333,333.30
    // November: 4% x (360,000 - 333,333.30 = 26,666.70) = 1,066.668 -> 1,066.67; December 0
    expect(series(p, 'cy', 'k401_match')).toEqual([...Array(10).fill('1333.33'), '1066.67', '0.00'])
    // 10 x 1,333.33 + 1,066.67 = 14,399.97 (maximum match $14,400)
    expect(yearTotal(p, 'cy', 'k401_match')).toBe('14399.97')
  })

  it('keeps Medicare uncapped and takes FUTA and CA UI + ETT on the first $7,000 in January', () => {
    // 1.45% x 33,333.33 = 483.3333 -> 483.33 every month
    expect(series(p, 'cy', 'medicare')).toEqual(Array(12).fill('483.33'))
    // FUTA (0.6% + 1.5% CA credit reduction, 2026) x 7,000 = 147.00
    expect(series(p, 'cy', 'futa')).toEqual(['147.00', ...Array(11).fill('0.00')])
    // CA (3.4% UI + 0.1% ETT) x 7,000 = 245.00
    expect(series(p, 'cy', 'state_unemployment')).toEqual(['245.00', ...Array(11).fill('0.00')])
  })
})

describe('worked examples (docs/conventions.md#9-worked-examples), monthly form', () => {
  it('example 1: London £150,000 in 2025/26', () => {
    // Months April 2025 - March 2026; 150,000 / 12 = 12,500.00
    const p = projectReference(
      input('2025-04', 12, [filled({ id: 'dee', officeId: 'london', baseSalary: '150000' })]),
    )
    // 15% x (12,500.00 - 417.00) = 1,812.45 a month; x 12 = 21,749.40 (annual basis 21,750)
    expect(series(p, 'dee', 'employer_nic')).toEqual(Array(12).fill('1812.45'))
    expect(yearTotal(p, 'dee', 'employer_nic')).toBe('21749.40')
    // PMI 1,200 a year: Class 1A 15% x 100.00 = 15.00 a month, 180.00 a year
    expect(yearTotal(p, 'dee', 'class1a_nic')).toBe('180.00')
  })

  it('example 1: the levy at the margin adds £750 a year for a £150,000 earner', () => {
    // 25 people x 12,500.00 = 312,500.00 pay bill a month.
    // Levy due to date after k months = 0.5% x 312,500 k - 1,250 k = 312.50 k: 312.50 a month.
    // With 26 people: 0.5% x 325,000 - 1,250 = 375.00 a month; the 26th adds 62.50 = 750 / 12.
    const people = (n: number) =>
      Array.from({ length: n }, (_, i) =>
        filled({ id: `p${i}`, officeId: 'london', baseSalary: '150000' }),
      )
    const levy = (n: number) =>
      projectReference(input('2025-04', 12, people(n))).totals.byComponent.get(
        'apprenticeship_levy',
      )
    expect(levy(25)).toEqual(Array(12).fill(31250))
    expect(levy(26)).toEqual(Array(12).fill(37500))
  })

  it('example 2: San Francisco $250,000 in 2026, new California employer', () => {
    const p = projectReference(
      input('2026-01', 12, [filled({ id: 'eve', officeId: 'sf', baseSalary: '250000' })], {
        reportingCurrency: 'USD',
      }),
    )
    // 250,000 / 12 = 20,833.33. SS Jan-Aug 6.2% x 20,833.33 = 1,291.67; YTD 166,666.64;
    // September 6.2% x 17,833.36 = 1,105.67; total 8 x 1,291.67 + 1,105.67 = 11,439.03
    expect(yearTotal(p, 'eve', 'social_security')).toBe('11439.03')
    // Medicare 1.45% x 20,833.33 = 302.08 a month; 3,624.96 a year (3,625 on the annual figure)
    expect(yearTotal(p, 'eve', 'medicare')).toBe('3624.96')
    // FUTA 2.1% x 7,000 = 147.00 (the top of the $126-147 range, 2026 projected reduction)
    expect(yearTotal(p, 'eve', 'futa')).toBe('147.00')
    // CA UI 3.4% x 7,000 = 238.00 + ETT 0.1% x 7,000 = 7.00 -> 245.00
    expect(yearTotal(p, 'eve', 'state_unemployment')).toBe('245.00')
    // Match 4% x 20,833.33 = 833.33 a month: 9,999.96 a year (max $10,000)
    expect(yearTotal(p, 'eve', 'k401_match')).toBe('9999.96')
    // All employer taxes: 11,439.03 + 3,624.96 + 147.00 + 245.00 = 15,455.99 (about $15.4k)
    const taxes = ['social_security', 'medicare', 'futa', 'state_unemployment'] as const
    const total = taxes.reduce(
      (a, c) => a + (p.totals.byComponent.get(c) ?? []).reduce((x, y) => x + y, 0),
      0,
    )
    expect(total).toBe(1545599)
  })
})
