/**
 * Joiners' and leavers' bonus and merit (domain Part A, continued). UK package: bonus paid in
 * March for the 12 months April-March; merit 3% each April, 6 months' eligibility by default.
 */
import { describe, expect, it } from 'vitest'
import { benefitPackage } from '../../../src/domain/model.ts'
import { explain } from '../../../src/domain/projection/explain.ts'
import { projectFast } from '../../../src/domain/projection/fast.ts'
import type { ProjectionInput } from '../../../src/domain/projection/input.ts'
import { projectReference } from '../../../src/domain/projection/reference.ts'
import { bonusPeriodMonths } from '../../../src/domain/projection/terms.ts'
import { filled, input, ukPackage } from './fixtures.ts'
import { series } from './helpers.ts'
import { expectSameProjection } from './same.ts'

// A Research Scientist at £100,000 with a 10% target bonus who joins on 1 February 2026.
const joiner = filled({
  id: 'rs',
  officeId: 'london',
  baseSalary: '100000',
  bonusTargetRate: '0.1',
  startDate: '2026-02-01',
})
const plan = (over: Parameters<typeof input>[3] = {}) =>
  input('2026-01', 16, [joiner], { assumptions: { meritRate: '0.03', meritMonth: 4 }, ...over })
const withRules = (base: ProjectionInput, rules: object): ProjectionInput => {
  const pkg = benefitPackage.parse({ ...benefitPackage.encode(ukPackage), bonusRules: rules })
  return { ...base, ctx: { ...base.ctx, packages: new Map([[pkg.id, pkg]]) } }
}

describe('a 1 February joiner', () => {
  const p = projectReference(plan())

  it('is paid the share of the year employed in March', () => {
    // Period 1 April 2025 - 31 March 2026: 365 days; employed 1 Feb - 31 Mar = 28 + 31 = 59.
    // 10% x 12/12 x 100,000.00 x 59/365 = 1,616.438... -> 1,616.44 (not 10,000.00)
    expect(series(p, 'rs', 'bonus')[2]).toBe('1616.44')
    expect(explain(plan(), 'rs', '2026-03', 'bonus').at(-1)).toBe(
      'Bonus: 10% x 12/12 x £100,000.00 base on the payment date x 59/365 days employed of the 12-month period from 1 April 2025 = £1,616.44',
    )
  })

  it('waits for the next merit cycle: no merit in April 2026, 3% in April 2027', () => {
    // Merit date 1 April 2026 less 6 months = 1 October 2025; she joined later.
    // 100,000 / 12 = 8,333.33 until March 2027; from April 2027 103,000 / 12 = 8,583.33
    const salary = series(p, 'rs', 'salary')
    expect(salary[3]).toBe('8333.33') // April 2026
    expect(salary[14]).toBe('8333.33') // March 2027
    expect(salary[15]).toBe('8583.33') // April 2027
    // A full year's bonus in March 2027: 10% x 100,000.00 = 10,000.00
    expect(series(p, 'rs', 'bonus')[14]).toBe('10000.00')
  })

  it('gets the April 2026 merit with no eligibility period', () => {
    const q = projectReference(
      plan({ assumptions: { meritRate: '0.03', meritMonth: 4, meritEligibilityMonths: 0 } }),
    )
    // 100,000 x 1.03 = 103,000.00 / 12 = 8,583.33
    expect(series(q, 'rs', 'salary')[3]).toBe('8583.33')
  })

  it('is paid in full, or nothing within a cut-off, as the package says', () => {
    const full = projectReference(withRules(plan(), { proration: 'full' }))
    expect(series(full, 'rs', 'bonus')[2]).toBe('10000.00') // 10% x 100,000.00
    // Cut-off 3 months: joiners in January-March of the period are paid nothing.
    const cutOff = withRules(plan(), { cutoffMonths: 3 })
    expect(series(projectReference(cutOff), 'rs', 'bonus')[2]).toBe('0.00')
    expect(explain(cutOff, 'rs', '2026-03', 'bonus').at(-1)).toBe(
      'Bonus: joined 1 February 2026, within the last 3 months of the 12-month period from 1 April 2025: no bonus = £0.00',
    )
  })

  it('is costed the same by the fast engine', () => {
    expectSameProjection(projectFast(plan()), p)
    const cutOff = withRules(plan(), { cutoffMonths: 3 })
    expectSameProjection(projectFast(cutOff), projectReference(cutOff))
  })
})

describe('a leaver before the bonus date', () => {
  it('is paid no bonus', () => {
    // Leaves 15 March 2026, before the payment date (31 March): no bonus; salary 15/31 of
    // 8,333.33... = 100,000 x 15 / (12 x 31) = 4,032.258 -> 4,032.26
    const leaver = filled({
      id: 'lv',
      officeId: 'london',
      baseSalary: '100000',
      bonusTargetRate: '0.1',
      endDate: '2026-03-15',
    })
    const p = projectReference(input('2026-03', 1, [leaver]))
    expect(series(p, 'lv', 'bonus')).toEqual(['0.00'])
    expect(series(p, 'lv', 'salary')).toEqual(['4032.26'])
  })
})

describe('bonus performance periods', () => {
  it('runs from the month after the previous payment month', () => {
    expect(bonusPeriodMonths([3], 3)).toBe(12)
    expect(bonusPeriodMonths([3, 9], 9)).toBe(6)
    expect(bonusPeriodMonths([3, 9], 3)).toBe(6)
    expect(bonusPeriodMonths([3, 6], 6)).toBe(3)
    expect(bonusPeriodMonths([3, 6], 3)).toBe(9)
  })

  it("pays each payment its period's share of the annual target", () => {
    // Payments in March and June: June's period April-June (3 months), March's July-March (9).
    // 10% x 3/12 x 120,000.00 = 3,000.00 in June; 10% x 9/12 x 120,000.00 = 9,000.00 in March
    const pkg = benefitPackage.parse({
      ...benefitPackage.encode(ukPackage),
      bonusPaymentMonths: [3, 6],
    })
    const base = input('2026-01', 6, [
      filled({ id: 'x', officeId: 'london', baseSalary: '120000', bonusTargetRate: '0.1' }),
    ])
    const p = projectReference({
      ...base,
      ctx: { ...base.ctx, packages: new Map([[pkg.id, pkg]]) },
    })
    expect(series(p, 'x', 'bonus')).toEqual(['0.00', '0.00', '9000.00', '0.00', '0.00', '3000.00'])
  })
})
