/**
 * A fiscal year's months, as every page names them beside the year: the year is named by the
 * calendar year it ends in, so with an April start FY2027 runs from April 2026 to March 2027.
 */
import { describe, expect, it } from 'vitest'
import { fiscalPeriodMonths } from '../../src/domain/calendar.ts'
import { fiscalPeriodText } from '../../views/components/FiscalPeriod.tsx'

describe('fiscal years and quarters with their months', () => {
  it('with an April start: FY2027 is April 2026 to March 2027, its Q4 January to March 2027', () => {
    expect(fiscalPeriodMonths('FY2027', 4)).toEqual({ first: '2026-04', last: '2027-03' })
    expect(fiscalPeriodMonths('FY2027 Q1', 4)).toEqual({ first: '2026-04', last: '2026-06' })
    expect(fiscalPeriodMonths('FY2027 Q4', 4)).toEqual({ first: '2027-01', last: '2027-03' })
    expect(fiscalPeriodText('FY2027', 4)).toBe('FY2027 (Apr 2026 to Mar 2027)')
  })

  it('with the calendar year: FY2027 is January to December 2027', () => {
    expect(fiscalPeriodText('FY2027', 1)).toBe('FY2027 (Jan 2027 to Dec 2027)')
    expect(fiscalPeriodText('FY2027 Q2', 1)).toBe('FY2027 Q2 (Apr 2027 to Jun 2027)')
  })

  it('names every fiscal year in a text, and leaves other text alone', () => {
    expect(fiscalPeriodText('over its FY2027 budget', 7)).toBe(
      'over its FY2027 (Jul 2026 to Jun 2027) budget',
    )
    expect(fiscalPeriodText('Mar 2027', 4)).toBe('Mar 2027')
    expect(fiscalPeriodMonths('FY27', 4)).toBeNull()
  })
})
