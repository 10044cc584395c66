import { describe, expect, it } from 'vitest'
import {
  expectedStart,
  latestOpenDate,
  timeToFillDays,
} from '../../../src/domain/hiring/time-to-fill.ts'

const table = [
  { familyId: 'software-engineer', levelId: null, days: 58, source: 's', verify: false },
  { familyId: 'software-engineer', levelId: 'l4', days: 94, source: 's', verify: false },
]
const uk = { timeToFillDays: 90, notice: { months: 2, days: 0 } }
const us = { timeToFillDays: 60, notice: { months: 0, days: 14 } }

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
