import { describe, expect, it } from 'vitest'
import { type AttendancePolicy, attendancePolicy } from '../../src/domain/model.ts'
import { dec } from '../../src/domain/money.ts'
import { deskCheck, desksNeeded, inOfficeDaysPerMonth } from '../../src/domain/office.ts'

/** London: policy minimum 25%, peak day 1.17 x average (Kastle), 21 working days a month. */
const london = (expectedShare: string): AttendancePolicy =>
  attendancePolicy.parse({
    minimumShare: '0.25',
    expectedShare,
    peakFactor: '1.17',
    rule: 'London-based staff only',
    workingDaysPerMonth: '21',
    lunchPerDay: '15.00',
  })

describe('desksNeeded', () => {
  it.each([
    // [people, expected attendance, desks, working]
    ['120', '0.25', 36, '120 x 0.25 x 1.17 = 35.1 -> 36'],
    ['120', '0.40', 57, '120 x 0.40 x 1.17 = 56.16 -> 57'],
    ['100', '0.25', 30, '100 x 0.25 x 1.17 = 29.25 -> 30'],
    ['200', '0.50', 117, '200 x 0.50 x 1.17 = 117 exactly -> 117 (no rounding up)'],
    ['0', '0.40', 0, 'nobody based there -> 0'],
    ['12.5', '0.40', 6, 'expected (fractional) heads: 12.5 x 0.40 x 1.17 = 5.85 -> 6'],
  ])('%s people at %s -> %i desks (%s)', (people, share, desks) => {
    expect(desksNeeded(dec(people), london(share))).toBe(desks)
  })
})

describe('inOfficeDaysPerMonth', () => {
  it.each([
    ['0.25', '5.25'], // 21 x 0.25
    ['0.40', '8.4'], // 21 x 0.40
  ])('21 working days at %s -> %s days', (share, days) => {
    expect(inOfficeDaysPerMonth(london(share)).toFixed()).toBe(days)
  })
})

describe('deskCheck', () => {
  it('reports the shortfall when the peak day needs more desks than the office has', () => {
    // 120 x 0.40 x 1.17 = 56.16 -> 57 needed; 50 desks -> 7 short
    expect(deskCheck(dec(120), london('0.40'), 50)).toEqual({
      needed: 57,
      capacity: 50,
      shortfall: 7,
    })
  })

  it('reports no shortfall when capacity suffices', () => {
    // 120 x 0.25 x 1.17 = 35.1 -> 36 needed; 50 desks
    expect(deskCheck(dec(120), london('0.25'), 50)).toEqual({
      needed: 36,
      capacity: 50,
      shortfall: 0,
    })
  })
})
