/**
 * An equity grant over its cliff: expense in both methods, employer tax at vest in both
 * countries; and explanations in the engine's own words. FX is 1.25 USD per GBP.
 */
import { describe, expect, it } from 'vitest'
import { explain, explainTotal } from '../../../src/domain/projection/explain.ts'
import { projectReference } from '../../../src/domain/projection/reference.ts'
import { filled, input } from './fixtures.ts'
import { series } from './helpers.ts'

// $48,000 granted 15 Jan 2025: 48 months, 12-month cliff, monthly after. At the cliff (January
// 2026) 12/48 vests = $12,000; then $1,000 a month. Share price = grant value (no price given).
const grant = { id: 'g1', grantDate: '2025-01-15', valueUsd: '48000' }
const people = [
  filled({ id: 'uk', officeId: 'london', baseSalary: '60000', equityGrants: [grant] }),
  filled({ id: 'us', officeId: 'sf', baseSalary: '120000', equityGrants: [grant] }),
]
const months = 14 // January 2025 .. February 2026

describe('equity over the cliff', () => {
  it('expenses straight-line: 48,000 / 48 = $1,000.00 a month, in USD for both', () => {
    const p = projectReference(input('2025-01', months, people))
    expect(series(p, 'uk', 'equity_expense')).toEqual(Array(months).fill('1000.00'))
  })

  it('expenses graded: each tranche over its own months, front-loaded', () => {
    const p = projectReference(
      input('2025-01', months, people, { assumptions: { equityExpenseMethod: 'graded' } }),
    )
    // Month 1: cliff tranche 12,000 / 12 + the 36 monthly $1,000 tranches vesting at months
    // 13..48, each over its k months: 1,000 + sum(k=13..48) 1,000/k = 1,000 + 1,355.5865 = 2,355.59
    // Month 13 (January 2026): the cliff tranche is done; sum(k=13..48) 1,000/k = 1,355.59
    const s = series(p, 'us', 'equity_expense')
    expect(s[0]).toBe('2355.59')
    expect(s[12]).toBe('1355.59')
  })

  it('charges UK NIC on the vest value in GBP at the vest month rate', () => {
    const p = projectReference(input('2025-01', months, people))
    // January 2026: 12,000 / 1.25 = £9,600.00; salary 5,000 is already above £417, so
    // 15% x 9,600.00 = 1,440.00. February: 1,000 / 1.25 = 800.00 x 15% = 120.00.
    expect(series(p, 'uk', 'equity_employer_tax')).toEqual([
      ...Array(12).fill('0.00'),
      '1440.00',
      '120.00',
    ])
  })

  it('charges US Social Security (within the base) and Medicare at vest', () => {
    const p = projectReference(input('2025-01', months, people))
    // January 2026: wages so far 10,000 (salary), far below $184,500: 6.2% x 12,000 = 744.00
    // + 1.45% x 12,000 = 174.00 -> 918.00. February: 62.00 + 14.50 = 76.50.
    expect(series(p, 'us', 'equity_employer_tax')).toEqual([
      ...Array(12).fill('0.00'),
      '918.00',
      '76.50',
    ])
  })
})

describe('explanations', () => {
  const hire = input('2025-07', 2, [
    filled({ id: 'ana', officeId: 'london', baseSalary: '360000', startDate: '2025-07-16' }),
  ])

  it('shows salary proration and NIC on the rounded salary line', () => {
    expect(explain(hire, 'ana', '2025-07', 'salary')).toEqual([
      'Salary: £360,000.00 / 12 x 16/31 days = £15,483.87',
    ])
    expect(explain(hire, 'ana', '2025-07', 'employer_nic')).toEqual([
      'Employer NIC: 15% x (£15,483.87 - £417.00) = £2,260.03',
    ])
  })

  it('says when a US cap binds, with the year-to-date figure', () => {
    const us = input('2026-01', 6, [filled({ id: 'cy', officeId: 'sf', baseSalary: '400000' })], {
      reportingCurrency: 'USD',
    })
    expect(explain(us, 'cy', '2026-06', 'social_security')).toEqual([
      'Social Security: 6.2% x $17,833.35 wages (wage base $184,500.00 reached; wages $166,666.65 since 1 January 2026 before this month) = $1,105.67',
    ])
  })

  it('lists the lines a total sums, converted to the reporting currency', () => {
    const p = projectReference(
      input('2025-04', 1, [
        filled({ id: 'a', officeId: 'london', baseSalary: '60000' }),
        filled({ id: 'b', officeId: 'sf', baseSalary: '120000' }),
      ]),
    )
    // a: £5,000.00; b: $10,000.00 / 1.25 = £8,000.00; total £13,000.00
    expect(explainTotal(p, 0, 'salary')).toEqual([
      'a: £5,000.00',
      'b: $10,000.00',
      "Salary, 2025-04: £13,000.00 (each line converted to GBP at the month's rate and rounded)",
    ])
  })

  it('explains a London line in USD with its conversion', () => {
    // £60,000 / 12 = £5,000.00; in USD at 1.25 USD per GBP: 5,000.00 x 1.25 = $6,250.00
    const usd = input(
      '2025-04',
      1,
      [filled({ id: 'a', officeId: 'london', baseSalary: '60000' })],
      {
        reportingCurrency: 'USD',
      },
    )
    expect(explain(usd, 'a', '2025-04', 'salary')).toEqual([
      'Salary: £60,000.00 / 12 = £5,000.00',
      'In USD: £5,000.00 x 1.25 USD per GBP = $6,250.00',
    ])
  })
})
