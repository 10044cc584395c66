import { describe, expect, it } from 'vitest'
import { monthlyAttritionRate, projectCohort, survival } from '../../src/domain/attrition.ts'
import { type Decimal, dec } from '../../src/domain/money.ts'

const pct2 = (d: Decimal) => d.times(100).toFixed(2)

describe('monthlyAttritionRate', () => {
  it.each([
    // Part B 8: m = 1 - (1 - A)^(1/12): 12% -> 1.06%, 15% -> 1.35%, 20% -> 1.84%
    ['0.12', '1.06'],
    ['0.15', '1.35'],
    ['0.20', '1.84'],
    ['0', '0.00'],
    ['1', '100.00'],
  ])('annual %s -> %s%% a month', (annual, monthly) => {
    expect(pct2(monthlyAttritionRate(dec(annual)))).toBe(monthly)
  })

  it('is not A / 12: 12% a year is 1.0596% a month, not 1%', () => {
    // 0.88^(1/12) = 0.98940375896468...; 1 - that = 0.0105962410353...
    expect(monthlyAttritionRate(dec('0.12')).toFixed(10)).toBe('0.0105962410')
  })
})

describe('survival', () => {
  it('compounds back to the annual rate: 12 months at 12% leaves 88%', () => {
    expect(survival(dec('0.12'), 12).toFixed(20)).toBe('0.88000000000000000000')
  })

  it('after 6 months at 12% leaves sqrt(0.88) = 93.81%', () => {
    expect(survival(dec('0.12'), 6).toFixed(4)).toBe('0.9381')
  })

  it('month 0 is the whole cohort', () => {
    expect(survival(dec('0.12'), 0).toFixed()).toBe('1')
  })
})

describe('projectCohort (worked example 4: 12% on 100 heads)', () => {
  it('without backfill: about 1.06 leavers a month and 88 heads a year on', () => {
    const rows = projectCohort({
      heads: dec(100),
      annualAttrition: dec('0.12'),
      months: 13,
      backfillAfterMonths: null,
    })
    expect(rows.map((r) => r.month)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])
    // month 0: 100 heads, 100 x m = 1.0596 leavers (m = 0.0105962410)
    expect(rows[0]!.heads.toFixed()).toBe('100')
    expect(rows[0]!.leavers.toFixed(4)).toBe('1.0596')
    // month 1: 100 - 1.0596 = 98.9404
    expect(rows[1]!.heads.toFixed(4)).toBe('98.9404')
    // month 12 (one year on): 100 x 0.88 = 88
    expect(rows[12]!.heads.toFixed(10)).toBe('88.0000000000')
    expect(rows.every((r) => r.backfillHires.isZero())).toBe(true)
  })

  it('with backfill after 3 months: seats refill and headcount recovers to a plateau', () => {
    const rows = projectCohort({
      heads: dec(100),
      annualAttrition: dec('0.12'),
      months: 13,
      backfillAfterMonths: 3,
    })
    // Months 1-3 decay as without backfill: 100 (1-m)^3 = 96.8547
    expect(rows[3]!.heads.toFixed(4)).toBe('96.8547')
    expect(rows[3]!.backfillHires.isZero()).toBe(true)
    // Month 4: month 0's 1.0596 leavers are replaced (empty in months 1, 2, 3):
    // 96.8547 - 1.0263 (month 3 leavers) + 1.0596 = 96.8880, the first rise
    expect(rows[4]!.backfillHires.toFixed(4)).toBe('1.0596')
    expect(rows[4]!.heads.toFixed(4)).toBe('96.8880')
    expect(rows[4]!.heads.gt(rows[3]!.heads)).toBe(true)
    // Plateau: about three months of leavers (3 x 1.027) stay vacant, far above 88 at month 12
    expect(rows[12]!.heads.toFixed(2)).toBe('96.92')
    expect(rows[12]!.backfillHires.toFixed(4)).toBe(rows[12]!.leavers.toFixed(4))
  })

  it('with immediate backfill (0 months) the cohort holds at 100', () => {
    const rows = projectCohort({
      heads: dec(100),
      annualAttrition: dec('0.12'),
      months: 6,
      backfillAfterMonths: 0,
    })
    for (const r of rows) expect(r.heads.toFixed(20)).toBe('100.00000000000000000000')
  })
})
