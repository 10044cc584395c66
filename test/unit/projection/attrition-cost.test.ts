/**
 * Attrition in cost (domain Part A, continued): expected vacancies and expected backfill as lines
 * of their own per team and month. One London engineer at £120,000 since 2020, 12% a year,
 * April-September 2025 (2025/26 rules), 60 days to fill (2 months).
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { dec } from '../../../src/domain/money.ts'
import { NOT_IN_POST } from '../../../src/domain/projection/attrition-lines.ts'
import { POSITION_COMPONENTS } from '../../../src/domain/projection/components.ts'
import { projectFast } from '../../../src/domain/projection/fast.ts'
import { projectReference } from '../../../src/domain/projection/reference.ts'
import type { Projection } from '../../../src/domain/projection/result.ts'
import { syntheticPlan } from '../../bench/generate.ts'
import { filled, input } from './fixtures.ts'
import { expectSameProjection } from './same.ts'

const engineer = filled({
  id: 'en',
  officeId: 'london',
  baseSalary: '120000',
  hiring: { agencyFeeRate: '0.2' },
})
const plan = (backfillLeavers: boolean, annualAttritionRate = '0.12') =>
  input('2025-04', 6, [engineer], { assumptions: { annualAttritionRate, backfillLeavers } })
const line = (p: Projection, component: 'expected_vacancies' | 'expected_backfill') =>
  p.companyLines.find((l) => l.component === component && l.teamId === 'platform')?.local

// In-post cost a month: salary 10,000.00 + pension 4% 400.00 + NIC 15% x (10,000.00 - 417.00)
// 1,437.45 + PMI 100.00 + Class 1A 15.00 = 11,952.45 (equity expense and hiring costs excluded).
// m = 1 - 0.88^(1/12) = 1.0596241%. Left by month k: 1 - (1 - m)^k:
// k = 1: 1.0596241% -> 11,952.45 x 0.010596241 = 126.651 -> 126.65
// k = 2: 2.1080202% -> 251.960 -> 251.96; k = 3: 3.1453072% -> 375.941 -> 375.94
// k = 4: 4.1716029% -> 498.609 -> 498.61; k = 5: 5.1870237% -> 619.976 -> 619.98
const vacancies = [0, -12665, -25196, -37594, -49861, -61998]

describe('12% attrition on a team without backfill', () => {
  const p = projectReference(plan(false))

  it('takes the expected vacancies off the team cost, month by month', () => {
    expect(line(p, 'expected_vacancies')).toEqual(vacancies)
    expect(line(p, 'expected_backfill')).toBeUndefined()
    // The person's own lines stay what they cost in post: 11,952.45 - 126.65 = 11,825.80 in May
    expect(p.totals.byTeam.get('platform')![1]).toBe(1195245 - 12665)
  })

  it('agrees with expected headcount: (1 - m)^k heads', () => {
    // k = 5: 0.88^(5/12) = 0.9481298 heads
    expect(p.headcount.expected[5]).toBe(0.9481)
  })

  it('explains the probability used', () => {
    const lines = p.companyLines.find((l) => l.component === 'expected_vacancies')!.explain(1)
    expect(lines).toEqual([
      'Monthly attrition m = 1 - (1 - 12%)^(1/12) = 1.0596%',
      '£11,952.45 in-post cost x 1.0596% probability of having left after 1 months',
      'Expected vacancies: -(sum) = -£126.65',
    ])
  })

  it('is costed the same by the fast engine', () => {
    expectSameProjection(projectFast(plan(false)), p)
  })
})

describe('12% attrition on a team with backfill after 2 months', () => {
  const p = projectReference(plan(true))

  it('adds replacements from the third month after a leaver, with their hiring costs', () => {
    expect(line(p, 'expected_vacancies')).toEqual(vacancies)
    // Replacements hired after 2 months: the seat share they hold is heads - survivors:
    // k = 3: m = 1.0596241% -> 11,952.45 x 0.010596241 = 126.651 plus the agency fee of the hire,
    // 20% x 120,000.00 = 24,000.00 x 1.0596241% = 254.310 -> 380.961 -> 380.96
    // k = 4: 2.0967921% x 11,952.45 = 250.618 + 1.0483961% x 24,000 = 251.615 -> 502.233 -> 502.23
    // k = 5: 3.1118610% x 11,952.45 = 371.943 + 1.0372870% x 24,000 = 248.949 -> 620.893 -> 620.89
    expect(line(p, 'expected_backfill')).toEqual([0, 0, 0, 38096, 50223, 62089])
    // Expected heads at k = 3: survivors 0.9685469 + replacements 0.0105962 = 0.9791432
    expect(p.headcount.expected[3]).toBe(0.9791)
  })

  it('is costed the same by the fast engine, and after an edit', () => {
    expectSameProjection(projectFast(plan(true)), p)
    const raised = { ...engineer, baseSalary: dec('150000') }
    const next = { ...plan(true), positions: [raised] }
    expectSameProjection(projectFast(plan(true)).withPosition(next, 'en'), projectReference(next))
  })
})

describe('attrition lines over generated plans', () => {
  const plans = fc.record({
    seed: fc.integer({ min: 1, max: 1_000_000 }),
    count: fc.integer({ min: 1, max: 12 }),
    months: fc.integer({ min: 1, max: 30 }),
    attrition: fc.constantFrom('0', '0.05', '0.12', '0.5', '1'),
    backfill: fc.boolean(),
  })

  it('never make a team cost negative, and vanish at 0%', () => {
    fc.assert(
      fc.property(plans, ({ seed, count, months, attrition, backfill }) => {
        const base = syntheticPlan(count, months, seed)
        const a = { ...base.ctx.assumptions, annualAttritionRate: dec(attrition) }
        const input = {
          ...base,
          ctx: { ...base.ctx, assumptions: { ...a, backfillLeavers: backfill } },
        }
        const p = projectFast(input)
        // In local currency, exactly: a team's vacancies never exceed its in-post cost.
        for (const l of p.companyLines.filter((x) => x.component === 'expected_vacancies')) {
          const inPost = p.months.map((_, mi) =>
            [...p.positions].reduce(
              (sum, pos, pi) =>
                pos.teamId !== l.teamId || pos.currency !== l.currency
                  ? sum
                  : sum +
                    POSITION_COMPONENTS.filter((c) => !NOT_IN_POST.has(c)).reduce(
                      (x, c) => x + p.cell(pi, mi, c),
                      0,
                    ),
              0,
            ),
          )
          l.local.forEach((v, mi) => {
            expect(v).toBeLessThanOrEqual(0)
            expect(-v, `${l.teamId} ${mi}`).toBeLessThanOrEqual(inPost[mi]!)
          })
        }
        // In the reporting currency each line is converted and rounded on its own, so a team
        // that has all but certainly left (100%) may show a penny of rounding; below that, none.
        if (attrition !== '1') {
          for (const [team, s] of p.totals.byTeam) {
            for (const v of s) expect(v, team).toBeGreaterThanOrEqual(0)
          }
        }
        const lines = p.companyLines.filter((l) => l.component.startsWith('expected_'))
        // Lines for every rate but 0%, wherever someone is on the books (a generated plan may
        // have nobody within its months: seed 757551, one position, one month).
        const n = p.months.length
        const onBooks = [...p.positions].some(
          (x) => Math.max(0, x.terms.startIndex) <= Math.min(n - 1, x.terms.endIndex),
        )
        if (attrition === '0' || !onBooks) expect(lines).toEqual([])
        else expect(lines.length).toBeGreaterThan(0)
      }),
      { numRuns: 20 },
    )
  })

  it('after a run of edits (team, office, pay, removal) equal a full projection', () => {
    // The fast engine keeps the lines of teams an edit leaves alone and their totals by
    // difference; each step must still give every line and total a full run gives.
    const edits = fc.array(
      fc.record({
        at: fc.nat(),
        team: fc.integer({ min: 0, max: 19 }),
        usOffice: fc.constantFrom('sf', 'ny', 'sea'),
        salary: fc.integer({ min: 40_000, max: 400_000 }),
        remove: fc.boolean(),
      }),
      { minLength: 1, maxLength: 6 },
    )
    fc.assert(
      fc.property(plans, edits, ({ seed, count, months, attrition, backfill }, steps) => {
        const base = syntheticPlan(count, months, seed)
        const a = { ...base.ctx.assumptions, annualAttritionRate: dec(attrition) }
        let plan = {
          ...base,
          ctx: { ...base.ctx, assumptions: { ...a, backfillLeavers: backfill } },
        }
        let p = projectFast(plan)
        for (const step of steps) {
          const target = plan.positions[step.at % plan.positions.length]
          if (target === undefined) break
          const positions = step.remove
            ? plan.positions.filter((x) => x.id !== target.id)
            : plan.positions.map((x) =>
                x.id !== target.id
                  ? x
                  : {
                      ...x,
                      teamId: `team${step.team}`,
                      // a US office for a US package; a London package stays in London
                      officeId: x.officeId === 'london' ? 'london' : step.usOffice,
                      baseSalary: dec(step.salary),
                    },
              )
          plan = { ...plan, positions }
          p = p.withPosition(plan, target.id)
        }
        expectSameProjection(p, projectFast(plan))
      }),
      { numRuns: 20 },
    )
  })
})
