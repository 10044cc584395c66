/**
 * Properties over generated plans (fast-check picks the seed, size and options of the synthetic
 * generator the benchmark uses). Runs are few and plans small so the file takes a few seconds.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { addDays } from '../../../src/domain/calendar.ts'
import { convertLine, usdPerGbp } from '../../../src/domain/fx.ts'
import { type Plan, scenario as scenarioSchema } from '../../../src/domain/model.ts'
import { dec, fromMinor, toMinor } from '../../../src/domain/money.ts'
import {
  POSITION_COMPONENTS,
  type PositionComponent,
} from '../../../src/domain/projection/components.ts'
import { projectFast } from '../../../src/domain/projection/fast.ts'
import { type ProjectionInput, projectionMonths } from '../../../src/domain/projection/input.ts'
import { projectReference } from '../../../src/domain/projection/reference.ts'
import { lineCurrency, type Projection } from '../../../src/domain/projection/result.ts'
import { applyScenario } from '../../../src/domain/scenario.ts'
import { syntheticPlan } from '../../bench/generate.ts'
import { expectSameProjection } from './same.ts'

/** A synthetic plan with its bonus as paid or accrued monthly. */
const withAccrual = (plan: ProjectionInput, accrual: 'paid' | 'monthly'): ProjectionInput => ({
  ...plan,
  ctx: { ...plan.ctx, assumptions: { ...plan.ctx.assumptions, bonusAccrual: accrual } },
})

const plans = fc
  .record({
    seed: fc.integer({ min: 1, max: 1_000_000 }),
    count: fc.integer({ min: 1, max: 12 }),
    months: fc.integer({ min: 1, max: 30 }),
    graded: fc.boolean(),
    accrual: fc.constantFrom('paid', 'monthly'),
  })
  .map(({ seed, count, months, graded, accrual }) =>
    withAccrual(syntheticPlan(count, months, seed, graded ? 'graded' : 'straight_line'), accrual),
  )

const sumSeries = (series: Iterable<number[]>, n: number) => {
  const out = new Array<number>(n).fill(0)
  for (const s of series) {
    s.forEach((v, i) => {
      out[i]! += v
    })
  }
  return out
}

describe('projection properties', () => {
  it('fast equals reference to the penny', () => {
    fc.assert(
      fc.property(plans, (plan) => {
        expectSameProjection(projectFast(plan), projectReference(plan))
      }),
      { numRuns: 15 },
    )
  })

  it('every total is the sum of its lines, in every grouping and currency', () => {
    fc.assert(
      fc.property(plans, (plan) => {
        const p: Projection = projectFast(plan)
        const n = p.months.length
        const rates = p.months.map((m) => usdPerGbp(plan.ctx.fx, m, 1))
        // The lines: each position-month-component and company line, converted and rounded.
        const lines = new Array<number>(n).fill(0)
        p.positions.forEach((pos, pi) => {
          for (const c of POSITION_COMPONENTS) {
            p.months.forEach((_, mi) => {
              const local = fromMinor(p.cell(pi, mi, c))
              const cur = lineCurrency(pos, c)
              lines[mi]! += toMinor(convertLine(local, cur, p.totals.currency, rates[mi]!))
            })
          }
        })
        for (const l of p.companyLines) {
          l.local.forEach((v, mi) => {
            lines[mi]! += toMinor(
              convertLine(fromMinor(v), l.currency, p.totals.currency, rates[mi]!),
            )
          })
        }
        expect(p.totals.total).toEqual(lines)
        for (const grouping of [
          'byComponent',
          'byCurrency',
          'byTeam',
          'byOffice',
          'byFamily',
          'byLevel',
        ] as const) {
          expect(sumSeries(p.totals[grouping].values(), n), grouping).toEqual(p.totals.total)
        }
      }),
      { numRuns: 10 },
    )
  })

  it('a scenario with no changes equals the baseline', () => {
    fc.assert(
      fc.property(plans, (input) => {
        const plan = {
          id: 'base',
          positions: [...input.positions],
          assumptions: input.ctx.assumptions,
          fxRateSetId: 'budget',
        } as Plan
        const applied = applyScenario(
          plan,
          scenarioSchema.parse({ id: 's', planId: 'base', name: 'No change' }),
        )
        const scenarioInput = {
          ...input,
          positions: applied.positions,
          ctx: { ...input.ctx, assumptions: applied.assumptions },
        }
        expect(applied.fxRateSetId).toBe('budget')
        expectSameProjection(projectFast(scenarioInput), projectFast(input))
      }),
      { numRuns: 10 },
    )
  })

  it('moving a start date later never raises that position cost in any month before it', () => {
    fc.assert(
      fc.property(plans, fc.integer({ min: 1, max: 200 }), (input, shiftDays) => {
        const first = input.positions[0]!
        if (first.kind !== 'filled') return
        const startDate = addDays(first.startDate, shiftDays)
        if (first.endDate !== null && startDate > first.endDate) return
        const moved = {
          ...input,
          positions: [{ ...first, startDate }, ...input.positions.slice(1)],
        }
        const before = projectReference(input)
        const after = projectReference(moved)
        const cost = (p: Projection, mi: number) =>
          POSITION_COMPONENTS.reduce((a, c) => a + p.cell(0, mi, c), 0)
        for (const [mi, month] of before.months.entries()) {
          if (month >= startDate.slice(0, 7)) break
          expect(cost(after, mi)).toBeLessThanOrEqual(cost(before, mi))
        }
      }),
      { numRuns: 10 },
    )
  })

  it('a plan starting in any month gives the lines of a plan starting in January', () => {
    // Merit is the plan's forward assumption (applied within the plan's months only), so both
    // plans leave it out; everything else, year to date included, must agree month by month.
    fc.assert(
      fc.property(plans, fc.integer({ min: 1, max: 11 }), (january, later) => {
        const n = january.ctx.months.length
        if (later >= n) return
        const noMerit = { ...january.ctx.assumptions, meritRate: dec('0') }
        const a = { ...january, ctx: { ...january.ctx, assumptions: noMerit } }
        const b = { ...a, ctx: { ...a.ctx, months: a.ctx.months.slice(later) } }
        const pa = projectFast(a)
        const pb = projectFast(b)
        expectSameProjection(pb, projectReference(b))
        pb.positions.forEach((pos, pi) => {
          const ai = pa.positions.findIndex((x) => x.id === pos.id)
          for (const c of POSITION_COMPONENTS) {
            const sa = pb.months.map((_, mi) => pa.cell(ai, mi + later, c))
            const sb = pb.months.map((_, mi) => pb.cell(pi, mi, c))
            expect(sb, `${pos.id} ${c}`).toEqual(sa)
          }
        })
        // No levy line means no levy in any month (a plan whose UK pay bill is nil has none).
        const levy = (p: Projection) =>
          p.companyLines.find((l) => l.component === 'apprenticeship_levy')?.local ??
          p.months.map(() => 0)
        expect(levy(pb)).toEqual(levy(pa).slice(later))
      }),
      { numRuns: 15 },
    )
  })

  it('a bonus accrued monthly over a tax year costs what it costs paid, to the shares rounding', () => {
    // The UK package pays in March for April-March, the 2025/26 tax year the plan covers: each
    // UK position's year of each line accrued equals the year paid within half a penny a month
    // (each month's share is rounded once), and the levy follows the pay bill as paid.
    fc.assert(
      fc.property(plans, (generated) => {
        const year = { ...generated.ctx, months: projectionMonths('2025-04', 12) }
        const paid = projectFast(withAccrual({ ...generated, ctx: year }, 'paid'))
        const accrued = projectFast(withAccrual({ ...generated, ctx: year }, 'monthly'))
        const total = (p: Projection, pi: number, c: PositionComponent) =>
          p.months.reduce((sum, _, mi) => sum + p.cell(pi, mi, c), 0)
        paid.positions.forEach((pos, pi) => {
          if (pos.terms.office.region !== 'UK') return
          for (const c of POSITION_COMPONENTS) {
            const gap = Math.abs(total(accrued, pi, c) - total(paid, pi, c))
            expect(gap, `${pos.id} ${c}`).toBeLessThanOrEqual(6) // 12 months x half a penny
          }
        })
        const levy = (p: Projection) =>
          p.companyLines.find((l) => l.component === 'apprenticeship_levy')?.local
        expect(levy(accrued)).toEqual(levy(paid))
      }),
      { numRuns: 15 },
    )
  })
})
