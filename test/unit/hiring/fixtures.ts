/**
 * A small hand-workable hiring setup. Per hire through the `eng` loop:
 *   offers = 1 / 0.5 acceptance = 2
 *   onsite candidates = 2 / 0.25 = 8; hours = 8 x 4 interviewers x 1 h = 32 (panel)
 *   screen candidates = 8 / 0.5 = 16; hours = 16 x 1 x 0.5 h = 8 (recruiters)
 * Budgets: panel 3 people x 4 h/week = 12 h/week; March (31 days) 31/7 x 12 = 53.142857 h,
 * April (30 days) 30/7 x 12 = 51.428571 h. Recruiters 1 person x 10 h/week.
 */

import type { HiringContext } from '../../../src/domain/hiring/schedule.ts'
import { hiringSetup } from '../../../src/domain/hiring/schema.ts'
import { type FillTimesSetup, fillTimesLookup } from '../../../src/domain/hiring/time-to-fill.ts'
import { type OpenPosition, openPosition } from '../../../src/domain/model.ts'

export const setupInput = {
  pools: [
    { id: 'recruiters', name: 'Recruiters', people: ['Rae'], weeklyHoursPerPerson: '10' },
    { id: 'panel', name: 'Panel', people: ['Ann', 'Bo', 'Cy'], weeklyHoursPerPerson: '4' },
  ],
  loops: [
    {
      id: 'eng',
      name: 'Engineering',
      familyIds: ['software-engineer'],
      stages: [
        {
          id: 'screen',
          name: 'Screen',
          passThrough: '0.5',
          interviewersPerCandidate: 1,
          hoursPerInterviewer: '0.5',
          poolId: 'recruiters',
          days: 10,
        },
        {
          id: 'onsite',
          name: 'Onsite',
          passThrough: '0.25',
          interviewersPerCandidate: 4,
          hoursPerInterviewer: '1',
          poolId: 'panel',
          days: 10,
        },
      ],
      offer: { acceptance: '0.5', days: 5 },
    },
  ],
  recruiting: { recruiterPoolId: 'recruiters', maxOpenRolesPerRecruiter: 1 },
}

/** Opening on approval; time to fill 60 days (the table) over the family's own 45. */
export const fillSetup: FillTimesSetup = {
  families: [{ id: 'software-engineer', timeToFillDays: 45 }],
  offices: [
    { id: 'seattle', country: 'US' },
    { id: 'london', country: 'GB' },
  ],
  timeToFill: [
    { familyId: 'software-engineer', levelId: null, days: 60, source: 'test', verify: false },
  ],
  noticePeriods: [
    { country: 'US', months: 0, days: 14, source: 'test' },
    { country: 'GB', months: 1, days: 0, source: 'test' },
  ],
  daysToOpen: 0,
}

export const ctx: HiringContext = {
  setup: hiringSetup.parse(setupInput),
  fillTimes: fillTimesLookup(fillSetup),
  roleName: (role) => role.title,
}

export function role(
  id: string,
  targetStartDate: string,
  extra: Partial<Record<string, unknown>> = {},
): OpenPosition {
  return openPosition.parse({
    id,
    teamId: 'inference',
    officeId: 'seattle',
    familyId: 'software-engineer',
    levelId: 'l4',
    title: `Engineer ${id}`,
    baseSalary: '200000.00',
    kind: 'open',
    status: 'open',
    reason: 'net_new',
    targetStartDate,
    ...extra,
  })
}
