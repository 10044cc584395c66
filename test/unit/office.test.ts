import { describe, expect, it } from 'vitest'
import {
  type AttendancePolicy,
  attendancePolicy,
  office as londonOffice,
} from '../../src/domain/model.ts'
import { dec } from '../../src/domain/money.ts'
import { deskCheck, desksNeeded, inOfficeDaysPerMonth } from '../../src/domain/office.ts'
import { officeDesks } from '../../src/domain/projection/result.ts'
import type { PlanContext } from '../../src/domain/projection/terms.ts'

/** London: policy minimum 25%, peak day 1.17 x average (Kastle), 21 working days a month. */
const rawAttendance = {
  minimumShare: '0.25',
  expectedShare: '0.25',
  peakFactor: '1.17',
  rule: 'London-based staff only',
  workingDaysPerMonth: '21',
  lunchPerDay: '15.00',
}
const london = (expectedShare: string): AttendancePolicy =>
  attendancePolicy.parse({ ...rawAttendance, expectedShare })

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

describe("the projection's office desks line", () => {
  it('counts desks as desksNeeded does and costs them at desk cost x desks / 12, half-up', () => {
    // A desk cost that twelve does not divide: 7,777.77 / 12 = 648.1475 a desk a month.
    // 1 person x 0.40 x 1.17 = 0.468 -> 1 desk: 648.1475 -> 648.15; 2 people: 0.936 -> 1 desk;
    // 3 people: 1.404 -> 2 desks: 1,296.295 -> 1,296.30 (half-up); 6 people: 2.808 -> 3 desks:
    // 1,944.4425 -> 1,944.44.
    const office = londonOffice.parse({
      ...{ id: 'ldn', name: 'London', city: 'London', country: 'GB', region: 'UK' },
      ...{ currency: 'GBP', benefitPackageId: 'uk', deskCapacity: 100 },
      deskCostPerYear: '7777.77',
      attendance: { ...rawAttendance, expectedShare: '0.40' },
    })
    const ctx = { offices: new Map([[office.id, office]]) } as unknown as PlanContext
    const people = Array.from({ length: 601 }, (_, k) => k)
    const line = officeDesks(ctx, office.id, people)
    expect([0, 1, 2, 3, 6].map((n) => line.local[n])).toEqual([0, 64815, 64815, 129630, 194444])
    for (const n of people) {
      const desks = desksNeeded(dec(String(n)), office.attendance)
      const cost = dec('7777.77').times(desks).dividedBy(12).toDecimalPlaces(2)
      expect(line.local[n], `${n} people`).toBe(cost.times(100).toNumber())
    }
  })
})
