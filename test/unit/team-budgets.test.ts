/**
 * Budgets against the plan, worked by hand: a team's headroom before and after a proposal adds a
 * role, and a department's budget against the sum of its teams' budgets.
 */
import { describe, expect, it } from 'vitest'
import { monthRange } from '../../src/domain/calendar.ts'
import type { Position, Team } from '../../src/domain/model.ts'
import {
  checkBudgets,
  departmentShortfalls,
  fiscalYearsOf,
  planYearFigures,
  teamBudget,
} from '../../src/domain/team-budgets.ts'
import { engineering, filled } from './projection/fixtures.ts'

const team = (id: string, departmentId: string, parentTeamId: string | null = null): Team => ({
  id,
  departmentId,
  parentTeamId,
  name: id,
  managerName: null,
  techLeadName: null,
})
const TEAMS = [
  team('interp', 'research'),
  team('circuits', 'research', 'interp'),
  team('pretraining', 'research'),
  team('platform', 'eng'),
]
const MONTHS = monthRange('2027-01', 24)
/** Open roles start on approval + the family's time to fill (no notice, opening at once). */
const fillTimes = () => ({
  daysToOpen: 0,
  timeToFillDays: engineering.timeToFillDays,
  notice: { months: 0, days: 0 },
})
const budgetOf = (cost: string, cap: number | null, ownerId = 'circuits', kind = 'team') =>
  teamBudget.parse({ planId: 'p', kind, ownerId, fiscalYear: 2027, headcountCap: cap, cost })

/** A flat monthly cost (minor units) for 24 months. */
const flat = (perMonth: number) => MONTHS.map(() => perMonth)

function figures(costByTeam: Map<string, number[]>, positions: Position[]) {
  return planYearFigures({
    months: MONTHS,
    fiscalStartMonth: 1,
    teams: TEAMS,
    costByTeam,
    positions,
    fillTimes,
  })
}

describe('fiscal years of a plan', () => {
  it('names each year by the calendar year it ends in and says which months it covers', () => {
    const years = fiscalYearsOf(monthRange('2027-01', 18), 4)
    // April start: Jan-Mar 2027 is FY2027 (Apr 2026 - Mar 2027), Apr 2027 - Mar 2028 is FY2028,
    // Apr-Jun 2028 is FY2029
    expect(years.map((y) => [y.label, y.monthIndexes.length])).toEqual([
      ['FY2027', 3],
      ['FY2028', 12],
      ['FY2029', 3],
    ])
    expect(years[0]!.covers).toBe('Apr 2026 to Mar 2027 (the plan covers Jan 2027 to Mar 2027)')
    expect(years[1]!.covers).toBe('Apr 2027 to Mar 2028')
  })
})

describe("a team's budget headroom before and after a proposal", () => {
  // Circuits (a subteam of Interpretability) holds nine people all year at a combined
  // £70,000.00 a month of employer cost. The proposal adds a role starting 1 July 2027 that
  // costs £12,500.00 a month.
  const people = Array.from({ length: 9 }, (_, i) =>
    filled({ id: `c${i}`, officeId: 'london', teamId: 'circuits', startDate: '2026-01-01' }),
  )
  const newRole = filled({
    id: 'new',
    officeId: 'london',
    teamId: 'circuits',
    startDate: '2027-07-01',
  })
  const budgets = [budgetOf('1000000.00', 10)]

  it('before: £1,000,000.00 - 12 x £70,000.00 = £160,000.00 left, 10 - 9 = 1 head left', () => {
    const before = figures(new Map([['circuits', flat(7_000_000)]]), people)
    const [check] = checkBudgets(budgets, before, TEAMS)
    expect(check!.plannedCost).toBe(84_000_000) // 12 x 7,000,000 pence
    expect(check!.costHeadroom).toBe(16_000_000) // 100,000,000 - 84,000,000
    expect(check!.plannedHeads).toBe(9)
    expect(check!.headsHeadroom).toBe(1)
    expect(check!.over).toBe(false)
  })

  it('after: 6 months x £12,500.00 = £75,000.00 more, £85,000.00 and 0 heads left', () => {
    // the role's cost in July to December only: 6 x 1,250,000 pence = 7,500,000
    const withRole = MONTHS.map((m) => 7_000_000 + (m >= '2027-07' ? 1_250_000 : 0))
    const after = figures(new Map([['circuits', withRole]]), [...people, newRole])
    const [check] = checkBudgets(budgets, after, TEAMS)
    expect(check!.plannedCost).toBe(91_500_000) // 84,000,000 + 7,500,000
    expect(check!.costHeadroom).toBe(8_500_000) // 100,000,000 - 91,500,000 = £85,000.00
    expect(check!.headsHeadroom).toBe(0)
    expect(check!.over).toBe(false)
  })

  it('a second such role keeps within cost (£10,000.00 left) but is 1 head over the cap', () => {
    const two = MONTHS.map((m) => 7_000_000 + (m >= '2027-07' ? 2_500_000 : 0))
    const after = figures(new Map([['circuits', two]]), [
      ...people,
      newRole,
      { ...newRole, id: 'new2' },
    ])
    const [check] = checkBudgets(budgets, after, TEAMS)
    // 84,000,000 + 6 x 2,500,000 = 99,000,000: still inside the cost budget ...
    expect(check!.costHeadroom).toBe(1_000_000)
    // ... but 11 heads against a cap of 10
    expect(check!.headsHeadroom).toBe(-1)
    expect(check!.over).toBe(true)
  })

  it("counts a subteam's cost and heads into its parent team's budget", () => {
    const f = figures(
      new Map([
        ['interp', flat(3_000_000)],
        ['circuits', flat(7_000_000)],
      ]),
      people,
    )
    const [check] = checkBudgets([budgetOf('1100000.00', 9, 'interp')], f, TEAMS)
    // (3,000,000 + 7,000,000) x 12 = 120,000,000 pence against 110,000,000
    expect(check!.plannedCost).toBe(120_000_000)
    expect(check!.costHeadroom).toBe(-10_000_000)
    expect(check!.headsHeadroom).toBe(0)
  })
})

describe('a department budget against its teams', () => {
  const budgets = [
    budgetOf('3000000.00', null, 'research', 'department'),
    budgetOf('2000000.00', 20, 'interp'),
    budgetOf('1500000.00', 12, 'pretraining'),
    // a subteam's budget is inside its parent's: not added again
    budgetOf('900000.00', 8, 'circuits'),
    teamBudget.parse({
      planId: 'p',
      kind: 'department',
      ownerId: 'research',
      fiscalYear: 2028,
      headcountCap: 30,
      cost: null,
    }),
    teamBudget.parse({
      planId: 'p',
      kind: 'team',
      ownerId: 'interp',
      fiscalYear: 2028,
      headcountCap: 20,
      cost: null,
    }),
  ]

  it('flags a cost budget below the sum of its top-level teams (£3.5m > £3m)', () => {
    expect(departmentShortfalls(budgets, TEAMS)).toEqual([
      // 2,000,000 + 1,500,000 = £3,500,000.00 against £3,000,000.00, in pence
      {
        departmentId: 'research',
        fiscalYear: 2027,
        field: 'cost',
        department: 300_000_000,
        teams: 350_000_000,
      },
    ])
  })

  it("compares the department's plan with the sum of its teams' plans", () => {
    const f = figures(
      new Map([
        ['interp', flat(10_000_000)],
        ['circuits', flat(5_000_000)],
        ['pretraining', flat(12_000_000)],
        ['platform', flat(99_000_000)],
      ]),
      [],
    )
    const dept = checkBudgets(budgets, f, TEAMS).find((c) => c.budget.kind === 'department')!
    // (10,000,000 + 5,000,000 + 12,000,000) x 12 = 324,000,000 pence; Platform is Engineering's
    expect(dept.plannedCost).toBe(324_000_000)
    expect(dept.costHeadroom).toBe(300_000_000 - 324_000_000)
    expect(dept.over).toBe(true)
  })
})
