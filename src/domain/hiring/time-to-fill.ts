/**
 * Time to fill, the one definition every page and the projection use (issue 14): from approval
 * to start = time to open (approval to the requisition opening, a plan setting) + time to fill
 * (opening to offer accepted, by family and level) + the notice period in the office's country.
 * `latestOpenDate` runs the last two steps backwards from a target start.
 */
import { addDays, addMonthsToDate, type ISODate } from '../calendar.ts'
import type { JobFamily, Office } from '../model.ts'
import type { NoticePeriod, TimeToFillEntry } from './schema.ts'

export interface FillTimes {
  /** Days from approval to the requisition opening. */
  daysToOpen: number
  /** Days from opening to offer accepted. */
  timeToFillDays: number
  notice: Pick<NoticePeriod, 'months' | 'days'>
}

/** What fill times depend on: a role's family, level and office. */
export type FilledRole = { familyId: string; levelId: string; officeId: string }

/** The fill times of a role. */
export type FillTimesLookup = (role: FilledRole) => FillTimes

/**
 * The family x level entry, else the family's any-level entry, else the family's own
 * `timeToFillDays` from the workspace document (a family the table does not list yet).
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

const NO_NOTICE: FillTimes['notice'] = { months: 0, days: 0 }

/** The country's notice period; none where the table has no entry for it. */
export function noticeFor(
  periods: readonly NoticePeriod[],
  country: NoticePeriod['country'],
): FillTimes['notice'] {
  const found = periods.find((p) => p.country === country)
  return found ? { months: found.months, days: found.days } : NO_NOTICE
}

export interface FillTimesSetup {
  families: readonly Pick<JobFamily, 'id' | 'timeToFillDays'>[]
  offices: readonly Pick<Office, 'id' | 'country'>[]
  timeToFill: readonly TimeToFillEntry[]
  noticePeriods: readonly NoticePeriod[]
  daysToOpen: number
}

/**
 * The lookup for a setup, each family x level x office worked out once. A role whose family or
 * office is unknown is refused (the document's checks make that a programming error).
 */
export function fillTimesLookup(setup: FillTimesSetup): FillTimesLookup {
  const known = new Map<string, FillTimes>()
  return (role) => {
    const key = `${role.familyId}|${role.levelId}|${role.officeId}`
    let times = known.get(key)
    if (times === undefined) {
      const family = setup.families.find((f) => f.id === role.familyId)
      const office = setup.offices.find((o) => o.id === role.officeId)
      if (!family) throw new RangeError(`unknown job family "${role.familyId}"`)
      if (!office) throw new RangeError(`unknown office "${role.officeId}"`)
      times = {
        daysToOpen: setup.daysToOpen,
        timeToFillDays: timeToFillDays(setup.timeToFill, family, role.levelId),
        notice: noticeFor(setup.noticePeriods, office.country),
      }
      known.set(key, times)
    }
    return times
  }
}

/**
 * The lookup of a workspace document read on its own (a locked budget, a test): each family's
 * own time to fill, opening on approval, no notice period.
 */
export function documentFillTimes(doc: Pick<FillTimesSetup, 'families' | 'offices'>) {
  return fillTimesLookup({ ...doc, timeToFill: [], noticePeriods: [], daysToOpen: 0 })
}

/** Offer accepted on this date, the hire starts after the notice period (months, then days). */
export function startAfterNotice(offerAccepted: ISODate, notice: FillTimes['notice']): ISODate {
  return addDays(addMonthsToDate(offerAccepted, notice.months), notice.days)
}

/** The day the offer must be accepted for a start on `start`. */
export function offerAcceptedBy(start: ISODate, notice: FillTimes['notice']): ISODate {
  return addMonthsToDate(addDays(start, -notice.days), -notice.months)
}

/** A requisition opened on `openDate` starts after time to fill and notice. */
export function expectedStart(openDate: ISODate, times: FillTimes): ISODate {
  return startAfterNotice(addDays(openDate, times.timeToFillDays), times.notice)
}

/** The day a role approved on `approvalDate` opens. */
export function openingDate(approvalDate: ISODate, times: FillTimes): ISODate {
  return addDays(approvalDate, times.daysToOpen)
}

/** Starts after approval by approval date, per fill times (a plan's roles share a few of each). */
const startsAfterApproval = new WeakMap<FillTimes, Map<ISODate, ISODate>>()

/** Approval to start: time to open + time to fill + notice. */
export function startAfterApproval(approvalDate: ISODate, times: FillTimes): ISODate {
  let starts = startsAfterApproval.get(times)
  if (starts === undefined) {
    starts = new Map()
    startsAfterApproval.set(times, starts)
  }
  let start = starts.get(approvalDate)
  if (start === undefined) {
    start = expectedStart(openingDate(approvalDate, times), times)
    starts.set(approvalDate, start)
  }
  return start
}

/**
 * Approval to start in whole months, rounded up (a backfill's lag in the monthly projection):
 * the days of opening and filling and the notice's days in 30-day months, plus its months.
 */
export function approvalToStartMonths(times: FillTimes): number {
  const days = times.daysToOpen + times.timeToFillDays + times.notice.days
  return Math.ceil(days / 30) + times.notice.months
}

/**
 * The last day the role can open and still start by `targetStart`. Month-end clamping makes the
 * round trip conservative: expectedStart(latestOpenDate(t)) is never after t.
 */
export function latestOpenDate(targetStart: ISODate, times: FillTimes): ISODate {
  return addDays(offerAcceptedBy(targetStart, times.notice), -times.timeToFillDays)
}
