import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { addMonths } from '../../src/domain/calendar.ts'
import {
  expenseSchedule,
  grantUnits,
  vestingSchedule,
  vestValueUsd,
} from '../../src/domain/equity.ts'
import { type EquityGrant, equityGrant } from '../../src/domain/model.ts'
import { type Decimal, dec, ZERO } from '../../src/domain/money.ts'

const grant = (overrides: Partial<Record<string, unknown>> = {}): EquityGrant =>
  equityGrant.parse({ id: 'g1', grantDate: '2026-01-15', valueUsd: '400000.00', ...overrides })

const sum = (values: Decimal[]) => values.reduce((a, v) => a.plus(v), ZERO)
const cents = (d: Decimal) => d.toFixed(2)

/** Sums expense by service year: months 0-11 are year 1, 12-23 year 2, ... */
const byServiceYear = (schedule: { amountUsd: Decimal }[]) => {
  const years: Decimal[] = []
  schedule.forEach((m, i) => {
    const y = Math.floor(i / 12)
    years[y] = (years[y] ?? ZERO).plus(m.amountUsd)
  })
  return years.map(cents)
}

describe('vestingSchedule', () => {
  it('default 48 months, 12-month cliff, monthly: 25% at the cliff then 1/48 a month', () => {
    const tranches = vestingSchedule(grant({ grantDate: '2026-03-16' }))
    // 1 cliff tranche + 36 monthly tranches (months 13..48)
    expect(tranches).toHaveLength(37)
    expect(tranches[0]).toEqual({ month: '2027-03', fraction: dec('0.25') })
    // 1/48 = 0.0208333..., carried at 20 decimal places
    expect(tranches[1]!.month).toBe('2027-04')
    expect(tranches[1]!.fraction.toFixed()).toBe('0.02083333333333333333')
    expect(tranches.at(-1)!.month).toBe('2030-03')
    // nothing vests before the cliff
    expect(tranches.every((t) => t.month >= '2027-03')).toBe(true)
    // the last tranche takes the remainder so the fractions sum to exactly 1
    expect(sum(tranches.map((t) => t.fraction)).toFixed()).toBe('1')
  })

  it.each([
    // [description, grant fields, expected months, expected fractions]
    [
      'four annual tranches',
      { cliffMonths: 12, vestEveryMonths: 12 },
      ['2027-01', '2028-01', '2029-01', '2030-01'],
      ['0.25', '0.25', '0.25', '0.25'],
    ],
    [
      'quarterly after a 12-month cliff: 25%, then 12 x 3/48 = 6.25%',
      { vestEveryMonths: 3 },
      [
        '2027-01',
        '2027-04',
        '2027-07',
        '2027-10',
        '2028-01',
        '2028-04',
        '2028-07',
        '2028-10',
        '2029-01',
        '2029-04',
        '2029-07',
        '2029-10',
        '2030-01',
      ],
      ['0.25', ...Array<string>(12).fill('0.0625')],
    ],
    [
      'no cliff, 4 months monthly',
      { vestingMonths: 4, cliffMonths: 0 },
      ['2026-02', '2026-03', '2026-04', '2026-05'],
      ['0.25', '0.25', '0.25', '0.25'],
    ],
    [
      'steps that do not divide: 10 months every 3 -> 3/10, 3/10, 3/10 and a short 1/10',
      { vestingMonths: 10, cliffMonths: 0, vestEveryMonths: 3 },
      ['2026-04', '2026-07', '2026-10', '2026-11'],
      ['0.3', '0.3', '0.3', '0.1'],
    ],
    [
      'cliff equal to the vesting period: all at once',
      { vestingMonths: 12, cliffMonths: 12 },
      ['2027-01'],
      ['1'],
    ],
  ])('%s', (_name, fields, months, fractions) => {
    const tranches = vestingSchedule(grant(fields))
    expect(tranches.map((t) => t.month)).toEqual(months)
    expect(tranches.map((t) => t.fraction.toFixed())).toEqual(fractions)
  })
})

describe('expenseSchedule (worked example 3: $400k, four annual tranches)', () => {
  const annual = grant({ cliffMonths: 12, vestEveryMonths: 12 })

  it('straight-line: $400,000 / 48 = $8,333.33 a month, $100,000 a year, exactly $400,000', () => {
    const schedule = expenseSchedule(annual, 'straight_line')
    expect(schedule).toHaveLength(48)
    expect(schedule[0]!.month).toBe('2026-01')
    expect(schedule.at(-1)!.month).toBe('2029-12')
    expect(cents(schedule[0]!.amountUsd)).toBe('8333.33')
    expect(byServiceYear(schedule)).toEqual(['100000.00', '100000.00', '100000.00', '100000.00'])
    expect(sum(schedule.map((m) => m.amountUsd)).toFixed()).toBe('400000')
  })

  it('graded: each $100k tranche over its own 12/24/36/48 months', () => {
    const schedule = expenseSchedule(annual, 'graded')
    // First month: 100,000 x (1/12 + 1/24 + 1/36 + 1/48) = 100,000 x 25/144 = 17,361.11
    expect(cents(schedule[0]!.amountUsd)).toBe('17361.11')
    // Year 1: 100,000 + 50,000 + 33,333.33 + 25,000 = 208,333.33 (52.1%)
    // Year 2:            50,000 + 33,333.33 + 25,000 = 108,333.33 (27.1%)
    // Year 3:                     33,333.33 + 25,000 =  58,333.33 (14.6%)
    // Year 4:                                 25,000 =  25,000.00 (6.25%)
    expect(byServiceYear(schedule)).toEqual(['208333.33', '108333.33', '58333.33', '25000.00'])
    // Last month: only the fourth tranche, 100,000 / 48 = 2,083.33
    expect(cents(schedule.at(-1)!.amountUsd)).toBe('2083.33')
    expect(sum(schedule.map((m) => m.amountUsd)).toFixed()).toBe('400000')
  })

  it('straight-line meets the ASC 718 floor: cumulative expense never below the vested value', () => {
    const monthly = grant({ valueUsd: '100000.00' }) // 48 months, 12-month cliff, monthly
    const expense = expenseSchedule(monthly, 'straight_line')
    const tranches = vestingSchedule(monthly)
    let expensed = ZERO
    for (const { month, amountUsd } of expense) {
      // Vested by the start of `month` vs expensed before it. At each vest month these are equal:
      // at the cliff (2027-01) 12 x 100,000/48 = 25,000.00 expensed, 25% = 25,000.00 vested.
      const vested = sum(tranches.filter((t) => t.month <= month).map((t) => t.fraction))
      const vestedValue = dec('100000').times(vested)
      expect(expensed.toDecimalPlaces(2).gte(vestedValue.toDecimalPlaces(2))).toBe(true)
      if (tranches.some((t) => t.month === month)) {
        expect(cents(expensed)).toBe(cents(vestedValue))
      }
      expensed = expensed.plus(amountUsd)
    }
    // Before the cliff nothing has vested, yet 11 months (22,916.67) are already expensed.
    expect(cents(sum(expense.slice(0, 11).map((m) => m.amountUsd)))).toBe('22916.67')
  })
})

describe('vestValueUsd', () => {
  // Part B 3: $100,000 / $105.01 = 952.29 units, fixed at grant.
  const priced = grant({ valueUsd: '100000.00', grantPriceUsd: '105.01', vestEveryMonths: 12 })
  const cliffTranche = vestingSchedule(priced)[0]! // 25% at the cliff

  it('units = value / grant price', () => {
    expect(grantUnits(priced)!.toDecimalPlaces(2).toFixed()).toBe('952.29')
    expect(grantUnits(grant())).toBeNull()
  })

  it('at the grant price (no plan share price) a tranche is worth its share of the value', () => {
    expect(vestValueUsd(priced, cliffTranche, null).toFixed()).toBe('25000')
  })

  it('at a plan share price the fixed units are revalued', () => {
    // 952.2902580706... units x 25% x $120 = 100,000 x 0.25 x 120 / 105.01 = 28,568.71
    expect(cents(vestValueUsd(priced, cliffTranche, dec('120')))).toBe('28568.71')
  })

  it('a value-based grant (no grant price) delivers value x fraction at any share price', () => {
    const valueBased = grant({ valueUsd: '100000.00', vestEveryMonths: 12 })
    const tranche = vestingSchedule(valueBased)[0]!
    expect(vestValueUsd(valueBased, tranche, dec('120')).toFixed()).toBe('25000')
  })
})

describe('properties over any schedule', () => {
  const anyGrant = fc
    .record({
      valueUsd: fc
        .integer({ min: 1, max: 100_000_000 })
        .map((c) => `${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}`),
      vestingMonths: fc.integer({ min: 1, max: 120 }),
      cliffMonths: fc.integer({ min: 0, max: 60 }),
      vestEveryMonths: fc.constantFrom(1, 3, 6, 12),
    })
    .map((fields) => grant(fields))

  it('fractions sum to exactly 1, the last tranche at grant month + vesting months', () => {
    fc.assert(
      fc.property(anyGrant, (g) => {
        const tranches = vestingSchedule(g)
        expect(sum(tranches.map((t) => t.fraction)).toFixed()).toBe('1')
        expect(tranches.at(-1)!.month).toBe(addMonths('2026-01', g.vestingMonths))
        expect(tranches.every((t) => t.fraction.gt(0))).toBe(true)
      }),
    )
  })

  it('both methods expense exactly the grant value; graded never behind straight-line', () => {
    fc.assert(
      fc.property(anyGrant, (g) => {
        const straight = expenseSchedule(g, 'straight_line')
        const graded = expenseSchedule(g, 'graded')
        expect(sum(straight.map((m) => m.amountUsd)).eq(g.valueUsd)).toBe(true)
        expect(sum(graded.map((m) => m.amountUsd)).eq(g.valueUsd)).toBe(true)
        let s = ZERO
        let gr = ZERO
        straight.forEach((m, i) => {
          s = s.plus(m.amountUsd)
          gr = gr.plus(graded[i]!.amountUsd)
          expect(gr.toDecimalPlaces(2).gte(s.toDecimalPlaces(2))).toBe(true)
        })
      }),
    )
  })
})
