/**
 * Calendar facts about a month, worked out once through calendar.ts and then looked up: the
 * projection asks for the same few hundred months millions of times.
 */
import {
  addMonths,
  daysInMonth,
  firstDay,
  type ISODate,
  lastDay,
  type Month,
  monthNumber,
  ukTaxYearOfMonth,
  yearOf,
} from '../calendar.ts'

export interface MonthFacts {
  first: ISODate
  last: ISODate
  days: number
  number: number
  year: number
  ukTaxYear: number
}

const cache = new Map<Month, MonthFacts>()

export function monthFacts(month: Month): MonthFacts {
  let f = cache.get(month)
  if (!f) {
    f = {
      first: firstDay(month),
      last: lastDay(month),
      days: daysInMonth(month),
      number: monthNumber(month),
      year: yearOf(month),
      ukTaxYear: ukTaxYearOfMonth(month),
    }
    cache.set(month, f)
  }
  return f
}

const shifted = new Map<string, Month>()

/** `addMonths`, remembered. */
export function monthPlus(month: Month, n: number): Month {
  const key = `${month}+${n}`
  let m = shifted.get(key)
  if (m === undefined) {
    m = addMonths(month, n)
    shifted.set(key, m)
  }
  return m
}
