/** The fast projection against the reference on the hand-worked plans, and one-position edits. */
import { describe, expect, it } from 'vitest'
import { projectFast } from '../../../src/domain/projection/fast.ts'
import { projectReference } from '../../../src/domain/projection/reference.ts'
import { filled, input } from './fixtures.ts'
import { expectSameProjection } from './same.ts'

const grant = { id: 'g1', grantDate: '2025-01-15', valueUsd: '48000', vestEveryMonths: 3 as const }
const plan = input(
  '2025-01',
  24,
  [
    filled({
      id: 'uk',
      officeId: 'london',
      baseSalary: '150000',
      bonusTargetRate: '0.1',
      equityGrants: [grant],
    }),
    filled({
      id: 'us',
      officeId: 'sf',
      baseSalary: '400000',
      startDate: '2025-03-10',
      equityGrants: [grant],
    }),
    filled({
      id: 'mover',
      officeId: 'sf',
      baseSalary: '90000',
      endDate: '2026-02-14',
      raises: [{ effectiveDate: '2025-06-20', annualBase: '99000' }],
    }),
  ],
  { assumptions: { meritRate: '0.03', equityExpenseMethod: 'graded' } },
)

describe('fast projection', () => {
  it('matches the reference to the penny, cell by cell and in every total', () => {
    expectSameProjection(projectFast(plan), projectReference(plan))
  })

  it('re-projects one edited position by difference, matching a full run', () => {
    const before = projectFast(plan)
    const edited = filled({
      id: 'us',
      officeId: 'sf',
      baseSalary: '200000',
      startDate: '2025-05-01',
    })
    const next = { ...plan, positions: plan.positions.map((p) => (p.id === 'us' ? edited : p)) }
    expectSameProjection(before.withPosition(next, 'us'), projectReference(next))
    // The projection it was called on is unchanged.
    expectSameProjection(before, projectReference(plan))
  })
})

describe('fast projection at the edges of the horizon', () => {
  it('keeps the desks line of an office whose only position starts after the horizon', () => {
    // Reference: every projected position's office gets a desks line, here £0.00 in each month.
    const late = input('2025-01', 3, [
      filled({ id: 'late', officeId: 'london', startDate: '2025-06-01' }),
    ])
    const p = projectFast(late)
    expect(p.companyLines.map((l) => [l.officeId, l.local])).toEqual([['london', [0, 0, 0]]])
    expectSameProjection(p, projectReference(late))
  })
})

describe('fast projection of very large lines', () => {
  it('keeps amounts past 32-bit minor units exact', () => {
    // £300,000,000 a year: 25,000,000.00 a month = 2,500,000,000 pence, above 2^31 - 1
    // (2,147,483,647), so the run store switches that chunk to doubles; the small position
    // written before it must keep its amounts too.
    const big = input('2025-01', 3, [
      filled({ id: 'small', officeId: 'london', baseSalary: '30000' }),
      filled({ id: 'big', officeId: 'london', baseSalary: '300000000' }),
    ])
    const p = projectFast(big)
    expect(p.cell(1, 0, 'salary')).toBe(2_500_000_000)
    expect(p.cell(0, 0, 'salary')).toBe(250_000) // 30,000 / 12 = 2,500.00
    expectSameProjection(p, projectReference(big))
  })
})
