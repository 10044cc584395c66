/**
 * Time-to-fill and notice periods (domain 7): a requisition opened on D has its offer accepted
 * after the family x level time-to-fill, and the hire starts after the notice period in the
 * office's country. `latestOpenDate` runs the same steps backwards from a target start.
 */
import { addDays, addMonthsToDate, type ISODate } from '../calendar.ts'
import type { JobFamily } from '../model.ts'
import type { NoticePeriod, TimeToFillEntry } from './schema.ts'

export interface FillTimes {
  /** Days from opening to offer accepted. */
  timeToFillDays: number
  notice: Pick<NoticePeriod, 'months' | 'days'>
}

/**
 * The family x level entry, else the family's any-level entry, else the family's own
 * `timeToFillDays` from the organisation (the default the projection already uses).
 */
export function timeToFillDays(
  table: readonly TimeToFillEntry[],
  family: Pick<JobFamily, 'id' | 'timeToFillDays'>,
  levelId: string,
): number {
  const exact = table.find((t) => t.familyId === family.id && t.levelId === levelId)
  const anyLevel = table.find((t) => t.familyId === family.id && t.levelId === null)
  return (exact ?? anyLevel)?.days ?? family.timeToFillDays
}

export function noticeFor(
  periods: readonly NoticePeriod[],
  country: NoticePeriod['country'],
): FillTimes['notice'] {
  const found = periods.find((p) => p.country === country)
  if (!found) throw new RangeError(`no notice period for ${country}`)
  return found
}

/** Offer accepted on this date, the hire starts after the notice period (months, then days). */
export function startAfterNotice(offerAccepted: ISODate, notice: FillTimes['notice']): ISODate {
  return addDays(addMonthsToDate(offerAccepted, notice.months), notice.days)
}

/** The day the offer must be accepted for a start on `start`. */
export function offerAcceptedBy(start: ISODate, notice: FillTimes['notice']): ISODate {
  return addMonthsToDate(addDays(start, -notice.days), -notice.months)
}

export function expectedStart(openDate: ISODate, times: FillTimes): ISODate {
  return startAfterNotice(addDays(openDate, times.timeToFillDays), times.notice)
}

/**
 * The last day the role can open and still start by `targetStart`. Month-end clamping makes the
 * round trip conservative: expectedStart(latestOpenDate(t)) is never after t.
 */
export function latestOpenDate(targetStart: ISODate, times: FillTimes): ISODate {
  return addDays(offerAcceptedBy(targetStart, times.notice), -times.timeToFillDays)
}
