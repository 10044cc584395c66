/**
 * Months ('YYYY-MM') and days ('YYYY-MM-DD') as strings, the only place that uses date-fns.
 * Dates are built at 12:00 local time (as Actual's months.ts does) so a daylight-saving shift can
 * never move the day. Nothing here reads the clock: callers pass `asOf`.
 */
import {
  addDays as dfAddDays,
  addMonths as dfAddMonths,
  differenceInCalendarMonths,
  format,
  getDaysInMonth,
} from 'date-fns'
import { Decimal } from './money.ts'

export type Month = string
export type ISODate = string

export const MONTH_TEXT = /^\d{4}-(0[1-9]|1[0-2])$/
/** YYYY-MM-DD, its year, month and day captured. */
export const DATE_TEXT = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/

/**
 * The day at noon, or a RangeError for text that is not a real date. Built from its parts rather
 * than parsed with a format string: every stored date is checked on each edit, and parsing one
 * through date-fns costs a hundred times as much. setFullYear, unlike the Date constructor, keeps
 * years below 100 as written; a day past the month's end rolls over, and that is caught.
 */
function atNoon(date: ISODate): Date {
  const parts = DATE_TEXT.exec(date)
  if (parts) {
    const [year, month, day] = [Number(parts[1]), Number(parts[2]) - 1, Number(parts[3])]
    const noon = new Date(2000, 0, 1, 12)
    noon.setFullYear(year, month, day)
    if (noon.getMonth() === month && noon.getDate() === day) return noon
  }
  throw new RangeError(`not a real date: ${date}`)
}

const monthStart = (month: Month): Date => atNoon(`${month}-01`)

/**
 * `fn` remembered per month: the pages ask for the same few dozen months' labels and lengths
 * thousands of times a render, and parsing a date through date-fns is the costly part. Bounded,
 * since the months come from data and queries.
 */
function perMonth<T>(fn: (month: Month) => T): (month: Month) => T {
  const known = new Map<Month, T>()
  return (month) => {
    let value = known.get(month)
    if (value === undefined) {
      value = fn(month)
      if (known.size >= 10_000) known.clear()
      known.set(month, value)
    }
    return value
  }
}

/** True for a date that exists on the calendar ("2026-02-30" is false). */
export function isRealDate(text: string): boolean {
  try {
    atNoon(text)
    return true
  } catch {
    return false
  }
}

export function isMonth(text: string): boolean {
  return MONTH_TEXT.test(text)
}

export function monthOf(date: ISODate): Month {
  atNoon(date)
  return date.slice(0, 7)
}

export function firstDay(month: Month): ISODate {
  return `${month}-01`
}

export function lastDay(month: Month): ISODate {
  return `${month}-${String(daysInMonth(month)).padStart(2, '0')}`
}

export const daysInMonth: (month: Month) => number = perMonth((month) =>
  getDaysInMonth(monthStart(month)),
)

/** Months as integers (a date formatted per call was most of a payroll import's year-to-date check). */
export function addMonths(month: Month, n: number): Month {
  const k = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + n
  const year = Math.floor(k / 12)
  return `${String(year).padStart(4, '0')}-${String(k - year * 12 + 1).padStart(2, '0')}`
}

export function addDays(date: ISODate, n: number): ISODate {
  return format(dfAddDays(atNoon(date), n), 'yyyy-MM-dd')
}

/** Adds calendar months to a date, clamping to the month's end (31 Jan + 1 month = 28/29 Feb). */
export function addMonthsToDate(date: ISODate, n: number): ISODate {
  return format(dfAddMonths(atNoon(date), n), 'yyyy-MM-dd')
}

/** Whole months from `from` to `to` (negative when `to` is earlier). */
export function monthsBetween(from: Month, to: Month): number {
  return differenceInCalendarMonths(monthStart(to), monthStart(from))
}

export function daysBetween(from: ISODate, to: ISODate): number {
  return epochDay(to) - epochDay(from)
}

/**
 * Days from 1 January 1970 to a real date, by integer arithmetic on the proleptic Gregorian
 * calendar (H. Hinnant's days_from_civil), or a RangeError as `atNoon` gives: the engine counts
 * days employed for every joiner's bonus, and two Dates a call were most of that.
 */
function epochDay(date: ISODate): number {
  const parts = DATE_TEXT.exec(date)
  if (parts) {
    const [y, m, d] = [Number(parts[1]), Number(parts[2]), Number(parts[3])]
    if (d <= monthLength(y, m)) {
      const year = m <= 2 ? y - 1 : y
      const era = Math.floor(year / 400)
      const yearOfEra = year - era * 400
      const dayOfYear = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1
      const dayOfEra =
        yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear
      return era * 146097 + dayOfEra - 719468
    }
  }
  throw new RangeError(`not a real date: ${date}`)
}

/** Days in month `m` (1-12) of year `y`. */
function monthLength(y: number, m: number): number {
  if (m !== 2) return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31
  return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28
}

/** `count` consecutive months starting at `start`. */
export function monthRange(start: Month, count: number): Month[] {
  const months: Month[] = []
  for (let i = 0; i < count; i++) months.push(addMonths(start, i))
  return months
}

export function monthNumber(month: Month): number {
  return Number(month.slice(5, 7))
}

export function yearOf(month: Month): number {
  return Number(month.slice(0, 4))
}

/**
 * Days of `month` on which someone employed from `start` to `end` (inclusive; null = open-ended)
 * is on the books.
 */
export function daysEmployed(month: Month, start: ISODate, end: ISODate | null): number {
  const first = firstDay(month)
  const last = lastDay(month)
  const from = start > first ? start : first
  const to = end !== null && end < last ? end : last
  if (from > to) return 0
  return daysBetween(from, to) + 1
}

/** Calendar-day proration of a month: days employed / days in month, as an exact Decimal. */
export function monthFraction(month: Month, start: ISODate, end: ISODate | null): Decimal {
  const days = daysEmployed(month, start, end)
  const total = daysInMonth(month)
  return days === total ? new Decimal(1) : new Decimal(days).dividedBy(total)
}

/**
 * UK tax year that contains a day, named by its starting calendar year: 2025-04-06..2026-04-05 is
 * 2025 ("2025/26"). A payroll month uses the tax year containing its last day (domain Part A).
 */
export function ukTaxYearOfDate(date: ISODate): number {
  const year = Number(date.slice(0, 4))
  return date.slice(5) >= '04-06' ? year : year - 1
}

export function ukTaxYearOfMonth(month: Month): number {
  return ukTaxYearOfDate(lastDay(month))
}

export function ukTaxYearLabel(taxYear: number): string {
  return `${taxYear}/${String((taxYear + 1) % 100).padStart(2, '0')}`
}

/**
 * Fiscal year of a month, named by the calendar year in which it ends. With a January start it is
 * the calendar year; with an April start, April 2026..March 2027 is FY2027.
 */
export function fiscalYearOf(month: Month, fiscalStartMonth: number): number {
  const year = yearOf(month)
  if (fiscalStartMonth === 1) return year
  return monthNumber(month) >= fiscalStartMonth ? year + 1 : year
}

/** Fiscal quarter label, e.g. "FY2026 Q1". */
export function fiscalQuarterOf(month: Month, fiscalStartMonth: number): string {
  const offset = (monthNumber(month) - fiscalStartMonth + 12) % 12
  return `FY${fiscalYearOf(month, fiscalStartMonth)} Q${Math.floor(offset / 3) + 1}`
}

/** A fiscal year's or quarter's label: "FY2027", "FY2027 Q1". */
export const FISCAL_PERIOD = /FY(\d{4})(?: Q([1-4]))?/g

/**
 * The first and last month of a fiscal year or quarter named by its label ("FY2027", "FY2027 Q2"),
 * the year named by the calendar year it ends in; null for any other text.
 */
export function fiscalPeriodMonths(
  label: string,
  fiscalStartMonth: number,
): { first: Month; last: Month } | null {
  const m = /^FY(\d{4})(?: Q([1-4]))?$/.exec(label)
  if (!m) return null
  const year = Number(m[1])
  const start = `${fiscalStartMonth === 1 ? year : year - 1}-${String(fiscalStartMonth).padStart(2, '0')}`
  if (m[2] === undefined) return { first: start, last: addMonths(start, 11) }
  const first = addMonths(start, 3 * (Number(m[2]) - 1))
  return { first, last: addMonths(first, 2) }
}

/** "FY2027" -> "Jan 2027 to Dec 2027" (with an April start, "Apr 2026 to Mar 2027"). */
export function fiscalPeriodMonthsText(label: string, fiscalStartMonth: number): string | null {
  const months = fiscalPeriodMonths(label, fiscalStartMonth)
  return months && `${formatMonthShort(months.first)} to ${formatMonthShort(months.last)}`
}

/** "March 2026" */
export const formatMonth: (month: Month) => string = perMonth((month) =>
  format(monthStart(month), 'MMMM yyyy'),
)

/**
 * The months from `first` to `last` as few words as read well: "April 2027", "April–December 2027",
 * "December 2027 – February 2028".
 */
export function formatMonthRange(first: Month, last: Month): string {
  if (first === last) return formatMonth(first)
  if (yearOf(first) === yearOf(last)) {
    return `${format(monthStart(first), 'MMMM')}–${formatMonth(last)}`
  }
  return `${formatMonth(first)} – ${formatMonth(last)}`
}

/**
 * Consecutive months whose `key` is the same, gathered into runs (an explanation's months that
 * read alike are shown once, headed by their range).
 */
export function monthRuns<T>(
  months: readonly Month[],
  itemOf: (month: Month) => T,
  key: (item: T) => string,
): { first: Month; last: Month; item: T }[] {
  const runs: { first: Month; last: Month; item: T; key: string }[] = []
  for (const month of months) {
    const item = itemOf(month)
    const k = key(item)
    const prev = runs.at(-1)
    if (prev && prev.key === k && addMonths(prev.last, 1) === month) prev.last = month
    else runs.push({ first: month, last: month, item, key: k })
  }
  return runs.map(({ first, last, item }) => ({ first, last, item }))
}

/** "Mar 2026", for chart axes and table columns. */
export const formatMonthShort: (month: Month) => string = perMonth((month) =>
  format(monthStart(month), 'MMM yyyy'),
)

/** "16 March 2026" */
export function formatDate(date: ISODate): string {
  return format(atNoon(date), 'd MMMM yyyy')
}

/** The month containing `asOf`, for callers that hold a clock. */
export function monthOfClock(asOf: Date): Month {
  return format(asOf, 'yyyy-MM')
}

export function dateOfClock(asOf: Date): ISODate {
  return format(asOf, 'yyyy-MM-dd')
}
