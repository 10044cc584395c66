import { describe, expect, it } from 'vitest'
import {
  approvalToStartMonths,
  expectedStart,
  fillTimesLookup,
  latestOpenDate,
  startAfterApproval,
  timeToFillDays,
} from '../../../src/domain/hiring/time-to-fill.ts'

const table = [
  { familyId: 'software-engineer', levelId: null, days: 58, source: 's', verify: false },
  { familyId: 'software-engineer', levelId: 'l4', days: 94, source: 's', verify: false },
]
const uk = { daysToOpen: 0, timeToFillDays: 90, notice: { months: 2, days: 0 } }
const us = { daysToOpen: 0, timeToFillDays: 60, notice: { months: 0, days: 14 } }

describe('time to fill', () => {
  it('takes the level entry, else the family entry, else the family default', () => {
    const family = { id: 'software-engineer', timeToFillDays: 60 }
    expect(timeToFillDays(table, family, 'l4')).toBe(94)
    expect(timeToFillDays(table, family, 'l3')).toBe(58)
    expect(timeToFillDays(table, { id: 'recruiter', timeToFillDays: 45 }, 'l3')).toBe(45)
  })

  it('UK: opened 2026-10-01, +90 days = offer 2026-12-30, +2 months notice = 2027-02-28', () => {
    // Oct 31 - 1 = 30 days left in October, +30 November = 60, +30 December = 2026-12-30
    expect(expectedStart('2026-10-01', uk)).toBe('2027-02-28')
    // Backwards: 2027-02-28 - 2 months = 2026-12-28, - 90 days = 2026-09-29. Two days earlier
    // than the opening above, because 2026-12-30 + 2 months clamped to the end of February.
    expect(latestOpenDate('2027-02-28', uk)).toBe('2026-09-29')
  })

  it('US: a 2027-04-15 start must open by 2027-01-31 (offer 04-01, 60 days before)', () => {
    expect(latestOpenDate('2027-04-15', us)).toBe('2027-01-31')
    expect(expectedStart('2027-01-31', us)).toBe('2027-04-15')
  })

  it('month-end clamping never makes the round trip start after the target', () => {
    // 2027-04-30 - 2 months = 2027-02-28; forward 2027-02-28 + 2 months = 2027-04-28
    expect(expectedStart(latestOpenDate('2027-04-30', uk), uk)).toBe('2027-04-28')
  })
})

describe('approval to start: time to open + time to fill + notice', () => {
  const manager = { daysToOpen: 14, timeToFillDays: 120, notice: { months: 2, days: 0 } }

  it('London Team Manager approved 2026-10-01 starts on 2027-04-12', () => {
    // opens 1 Oct + 14 days = 15 Oct 2026; offer accepted 15 Oct + 120 days = 12 Feb 2027
    // (16 left in Oct, 30 Nov, 31 Dec, 31 Jan = 108, + 12 Feb); + 2 months' notice = 12 Apr 2027
    expect(startAfterApproval('2026-10-01', manager)).toBe('2027-04-12')
  })

  it('in whole months for a backfill: (14 + 120 + 0 days) / 30 rounded up = 5, + 2 months = 7', () => {
    expect(approvalToStartMonths(manager)).toBe(7)
    // US: 0 + 60 + 14 days = 74 days -> 3 months
    expect(approvalToStartMonths(us)).toBe(3)
  })

  it("looks a role up by family and level in the table, notice by its office's country", () => {
    const lookup = fillTimesLookup({
      families: [{ id: 'software-engineer', timeToFillDays: 60 }],
      offices: [
        { id: 'london', country: 'GB' },
        { id: 'seattle', country: 'US' },
      ],
      timeToFill: table,
      noticePeriods: [
        { country: 'GB', months: 2, days: 0, source: 's' },
        { country: 'US', months: 0, days: 14, source: 's' },
      ],
      daysToOpen: 7,
    })
    const role = { familyId: 'software-engineer', levelId: 'l4', officeId: 'london' }
    expect(lookup(role)).toEqual({
      daysToOpen: 7,
      timeToFillDays: 94,
      notice: { months: 2, days: 0 },
    })
    expect(lookup({ ...role, levelId: 'l3', officeId: 'seattle' })).toMatchObject({
      timeToFillDays: 58,
      notice: { months: 0, days: 14 },
    })
    expect(() => lookup({ ...role, officeId: 'paris' })).toThrow(/unknown office/)
  })
})
