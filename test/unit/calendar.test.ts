import { addDays as addDaysFns, differenceInCalendarDays, format, isValid, parse } from 'date-fns'
import { describe, expect, it } from 'vitest'
import {
  addMonths,
  addMonthsToDate,
  daysBetween,
  daysEmployed,
  daysInMonth,
  fiscalQuarterOf,
  fiscalYearOf,
  formatDate,
  formatMonth,
  formatMonthRange,
  isRealDate,
  lastDay,
  monthFraction,
  monthOf,
  monthRange,
  monthRuns,
  monthsBetween,
  ukTaxYearLabel,
  ukTaxYearOfDate,
  ukTaxYearOfMonth,
} from '../../src/domain/calendar.ts'

describe('real dates and months', () => {
  it.each([
    ['2026-02-28', true],
    ['2026-02-29', false],
    ['2028-02-29', true], // leap year
    ['2026-04-31', false],
    ['2026-13-01', false],
    ['2026-1-01', false],
    ['not a date', false],
  ])('isRealDate(%s) = %s', (text, real) => {
    expect(isRealDate(text)).toBe(real)
  })

  it('agrees with date-fns parsing every day-of-month text, leap centuries included', () => {
    const years = [1900, 1999, 2000, 2023, 2024, 2025, 2026, 2027, 2028, 2100, 2400]
    for (const year of years) {
      for (let month = 1; month <= 12; month++) {
        for (let day = 1; day <= 31; day++) {
          const text = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
          const parsed = parse(text, 'yyyy-MM-dd', new Date(2000, 0, 1))
          const real = isValid(parsed) && format(parsed, 'yyyy-MM-dd') === text
          expect(isRealDate(text), text).toBe(real)
        }
      }
    }
  })

  it('counts days between dates as date-fns does, by arithmetic, refusing impossible dates', () => {
    // Every pair of a 14-month stretch around each leap century and ordinary year, both ways.
    for (const year of [1899, 1999, 2023, 2027, 2099, 2399]) {
      const days = Array.from({ length: 430 }, (_, k) => addDaysFns(new Date(year, 10, 1, 12), k))
      const text = (d: Date) => format(d, 'yyyy-MM-dd')
      for (const from of days.filter((_, k) => k % 37 === 0)) {
        for (const to of days) {
          const expected = differenceInCalendarDays(to, from)
          expect(daysBetween(text(from), text(to)), `${text(from)} -> ${text(to)}`).toBe(expected)
        }
      }
    }
    expect(() => daysBetween('2026-02-29', '2026-03-01')).toThrow('not a real date: 2026-02-29')
  })

  it('keeps years below 100 as written', () => {
    expect(isRealDate('0099-12-31')).toBe(true)
    expect(formatDate('0099-12-31')).toBe('31 December 0099')
  })

  it('monthOf refuses an impossible date', () => {
    expect(monthOf('2026-03-16')).toBe('2026-03')
    expect(() => monthOf('2026-02-30')).toThrow('not a real date: 2026-02-30')
  })

  it.each([
    ['2026-02', 28, '2026-02-28'],
    ['2028-02', 29, '2028-02-29'],
    ['2026-03', 31, '2026-03-31'],
    ['2026-04', 30, '2026-04-30'],
  ])('%s has %i days, ending %s', (month, days, last) => {
    expect(daysInMonth(month)).toBe(days)
    expect(lastDay(month)).toBe(last)
  })
})

describe('month arithmetic', () => {
  it('adds months across years, both ways', () => {
    expect(addMonths('2026-11', 3)).toBe('2027-02')
    expect(addMonths('2027-01', -1)).toBe('2026-12')
    expect(addMonths('2027-03', -27)).toBe('2024-12')
    expect(addMonths('2026-12', 0)).toBe('2026-12')
    expect(addMonths('2026-12', 25)).toBe('2029-01')
    expect(addMonths('2026-01', -1)).toBe('2025-12')
    expect(monthsBetween('2026-11', '2027-02')).toBe(3)
    expect(monthsBetween('2027-02', '2026-11')).toBe(-3)
    expect(monthRange('2026-11', 3)).toEqual(['2026-11', '2026-12', '2027-01'])
  })

  it.each([
    ['2026-01-31', 1, '2026-02-28'], // clamps to the month's end
    ['2028-01-31', 1, '2028-02-29'], // leap year
    ['2026-03-31', -1, '2026-02-28'],
    ['2026-08-31', 1, '2026-09-30'],
    ['2026-01-15', 12, '2027-01-15'],
  ])('addMonthsToDate(%s, %i) = %s', (date, n, expected) => {
    expect(addMonthsToDate(date, n)).toBe(expected)
  })
})

describe('monthFraction: calendar-day proration, start and end inclusive', () => {
  it.each([
    // [month, start, end, days employed, fraction]
    ['2026-03', '2026-03-16', null, 16, '16/31'], // 16..31 March
    ['2026-03', '2025-06-01', null, 31, '1'],
    ['2026-03', '2025-06-01', '2026-03-15', 15, '15/31'], // 1..15 March
    ['2026-02', '2026-02-10', '2026-02-19', 10, '10/28'],
    ['2028-02', '2028-02-15', null, 15, '15/29'], // leap February
    ['2026-03', '2026-04-01', null, 0, '0'], // not yet started
    ['2026-03', '2025-01-01', '2026-02-28', 0, '0'], // already left
    ['2026-03', '2026-03-31', '2026-03-31', 1, '1/31'],
  ])('%s, from %s to %s: %i days = %s', (month, start, end, days, fraction) => {
    expect(daysEmployed(month, start, end)).toBe(days)
    const [num, den = '1'] = fraction.split('/')
    const got = monthFraction(month, start, end)
    expect(got.times(Number(den)).toDecimalPlaces(30).toFixed()).toBe(num)
  })

  it('is exactly 1 (not 31/31 with rounding) for a whole month', () => {
    expect(monthFraction('2026-03', '2026-03-01', null).toFixed()).toBe('1')
  })
})

describe('UK tax year: the one containing the last day of the month (6 April change)', () => {
  it.each([
    ['2026-03', 2025, '2025/26'], // 31 March 2026 is in 2025/26
    ['2026-04', 2026, '2026/27'], // 30 April 2026 is after 6 April
    ['2025-04', 2025, '2025/26'],
    ['2026-01', 2025, '2025/26'],
    ['2026-12', 2026, '2026/27'],
  ])('%s -> %i (%s)', (month, taxYear, label) => {
    expect(ukTaxYearOfMonth(month)).toBe(taxYear)
    expect(ukTaxYearLabel(taxYear)).toBe(label)
  })

  it.each([
    ['2026-04-05', 2025],
    ['2026-04-06', 2026],
  ])('date %s -> %i', (date, taxYear) => {
    expect(ukTaxYearOfDate(date)).toBe(taxYear)
  })

  it('labels the century turn with two digits', () => {
    expect(ukTaxYearLabel(2099)).toBe('2099/00')
  })
})

describe('fiscal years and quarters', () => {
  it.each([
    // April start: April 2026..March 2027 is FY2027
    ['2026-03', 4, 2026, 'FY2026 Q4'],
    ['2026-04', 4, 2027, 'FY2027 Q1'],
    ['2026-06', 4, 2027, 'FY2027 Q1'],
    ['2026-07', 4, 2027, 'FY2027 Q2'],
    ['2026-12', 4, 2027, 'FY2027 Q3'],
    ['2027-01', 4, 2027, 'FY2027 Q4'],
    ['2027-03', 4, 2027, 'FY2027 Q4'],
    // calendar fiscal year
    ['2026-01', 1, 2026, 'FY2026 Q1'],
    ['2026-12', 1, 2026, 'FY2026 Q4'],
  ])('%s with start month %i -> FY%i, %s', (month, start, year, quarter) => {
    expect(fiscalYearOf(month, start)).toBe(year)
    expect(fiscalQuarterOf(month, start)).toBe(quarter)
  })
})

describe('display', () => {
  it('formats months and dates in words', () => {
    expect(formatMonth('2026-03')).toBe('March 2026')
    expect(formatDate('2026-03-16')).toBe('16 March 2026')
  })
})

describe('month ranges', () => {
  it('names a range in as few words as read well', () => {
    expect(formatMonthRange('2027-04', '2027-04')).toBe('April 2027')
    expect(formatMonthRange('2027-04', '2027-12')).toBe('April–December 2027')
    expect(formatMonthRange('2027-12', '2028-02')).toBe('December 2027 – February 2028')
  })

  it('gathers consecutive months that read alike, never across a gap or a change', () => {
    const amount: Record<string, number> = {
      '2027-01': 1,
      '2027-02': 1,
      '2027-03': 2,
      '2027-04': 2,
      '2027-06': 2,
      '2027-07': 1,
    }
    const runs = monthRuns(Object.keys(amount), (m) => amount[m]!, String)
    expect(runs).toEqual([
      { first: '2027-01', last: '2027-02', item: 1 },
      { first: '2027-03', last: '2027-04', item: 2 },
      // May is missing: June starts a run of its own though it reads like April
      { first: '2027-06', last: '2027-06', item: 2 },
      { first: '2027-07', last: '2027-07', item: 1 },
    ])
  })
})
