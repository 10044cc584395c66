/**
 * Relocation is taxed (domain Part A, continued): UK Class 1A on the excess over the £8,000
 * exemption per move in the month paid; US taxable wages (Social Security, Medicare, FUTA and
 * state unemployment within their bases), not 401(k) eligible. FX 1.25 USD per GBP.
 */
import { describe, expect, it } from 'vitest'
import { explain } from '../../../src/domain/projection/explain.ts'
import { projectFast } from '../../../src/domain/projection/fast.ts'
import { projectReference } from '../../../src/domain/projection/reference.ts'
import { filled, input, relocatedLondonHire } from './fixtures.ts'
import { series } from './helpers.ts'
import { expectSameProjection } from './same.ts'

describe('a London hire relocated for £10,000 on 1 May 2025', () => {
  const plan = input('2025-05', 2, [relocatedLondonHire()])
  const p = projectReference(plan)

  it('charges Class 1A on the £2,000 above the exemption in the start month', () => {
    // Class 1A: 15% x (10,000.00 - 8,000.00 = 2,000.00 relocation + 100.00 PMI) = 315.00;
    // June: 15% x 100.00 PMI = 15.00
    expect(series(p, 'mo', 'class1a_nic')).toEqual(['315.00', '15.00'])
    // Relocation is not NIC-able pay: 15% x (5,000.00 - 417.00) = 687.45 both months
    expect(series(p, 'mo', 'employer_nic')).toEqual(['687.45', '687.45'])
    // The hiring line carries the relocation itself
    expect(series(p, 'mo', 'hiring')).toEqual(['10000.00', '0.00'])
    expect(explain(plan, 'mo', '2025-05', 'class1a_nic')).toEqual([
      'Relocation £10,000.00 - £8,000.00 free of tax and NIC per move = £2,000.00 taxable',
      'Class 1A NIC: 15% x (£2,000.00 relocation + £100.00 taxable benefits) = £315.00',
    ])
    expectSameProjection(projectFast(plan), p)
  })
})

describe('a San Francisco hire relocated for $25,000 on 1 June 2026', () => {
  const plan = input(
    '2026-06',
    1,
    [
      filled({
        id: 'sf1',
        officeId: 'sf',
        baseSalary: '120000',
        startDate: '2026-06-01',
        hiring: { relocation: '25000' },
      }),
    ],
    { reportingCurrency: 'USD' },
  )
  const p = projectReference(plan)

  it('adds the relocation to taxable wages, not to 401(k) eligible pay', () => {
    // Wages: 10,000.00 salary + 25,000.00 relocation = 35,000.00
    // Social Security 6.2% x 35,000.00 = 2,170.00; Medicare 1.45% x 35,000.00 = 507.50
    expect(series(p, 'sf1', 'social_security')).toEqual(['2170.00'])
    expect(series(p, 'sf1', 'medicare')).toEqual(['507.50'])
    // FUTA 2.1% x 7,000.00 = 147.00; CA 3.5% x 7,000.00 = 245.00 (bases reached in the month)
    expect(series(p, 'sf1', 'futa')).toEqual(['147.00'])
    expect(series(p, 'sf1', 'state_unemployment')).toEqual(['245.00'])
    // Match on salary only: 4% x 10,000.00 = 400.00
    expect(series(p, 'sf1', 'k401_match')).toEqual(['400.00'])
    expect(explain(plan, 'sf1', '2026-06', 'medicare')).toEqual([
      'Wages: $10,000.00 pay + $25,000.00 relocation (taxable wages) = $35,000.00',
      'Medicare: 1.45% x $35,000.00 wages = $507.50',
    ])
    expectSameProjection(projectFast(plan), p)
  })
})
