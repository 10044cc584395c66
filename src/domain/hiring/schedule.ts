/**
 * One open role's recruiting schedule: its start, the last day it can open, its loop's stage dates
 * and the interviewer hours each stage asks of each pool, by month. Demand and the capacity
 * what-if are both sums of these.
 */
import { daysInMonth, type ISODate, type Month, monthOf } from '../calendar.ts'
import type { OpenPosition, Position, RequisitionStatus } from '../model.ts'
import { Decimal } from '../money.ts'
import { type FunnelLoad, funnel, type LoopTimeline, loopTimeline } from './funnel.ts'
import type { HiringSetup, InterviewerPool, InterviewLoop } from './schema.ts'
import {
  expectedStart,
  type FillTimes,
  type FillTimesLookup,
  latestOpenDate,
  offerAcceptedBy,
  openingDate,
  startAfterApproval,
  startAfterNotice,
} from './time-to-fill.ts'

export interface HiringContext {
  setup: HiringSetup
  /** Time to open, time to fill and notice of a role (the one definition, time-to-fill.ts). */
  fillTimes: FillTimesLookup
  /** How messages name a role ("Team Manager (open role, Interpretability, London)"). */
  roleName: (role: OpenPosition) => string
}

/** Roles still to be recruited; an offer out, filled, on hold or cancelled asks nothing more. */
export const RECRUITING_STATUSES: readonly RequisitionStatus[] = ['draft', 'approved', 'open']

export interface PoolMonthHours {
  poolId: string
  month: Month
  hours: Decimal
}

export interface RoleSchedule {
  position: OpenPosition
  loop: InterviewLoop
  start: ISODate
  /** The last day the requisition can open and still start on `start`. */
  openBy: ISODate
  times: FillTimes
  timeline: LoopTimeline
  load: FunnelLoad
  poolHours: PoolMonthHours[]
}

export function isRecruiting(p: Position): p is OpenPosition {
  return p.kind === 'open' && RECRUITING_STATUSES.includes(p.status)
}

/**
 * The recruiting roles' fields the hiring figures (capacity, open-by dates) depend on, with the
 * caller's own, one text per role: a cache key that an unrelated edit (a salary) leaves alone.
 */
export function recruitingKeys(
  positions: readonly Position[],
  more: (role: OpenPosition) => readonly unknown[],
): string[] {
  return positions
    .filter(isRecruiting)
    .map((r) =>
      [
        r.id,
        r.status,
        r.targetStartDate,
        r.approvalDate,
        r.familyId,
        r.levelId,
        r.officeId,
        ...more(r),
      ].join('|'),
    )
}

/** A per-role loop first, else the family's. */
export function loopFor(position: OpenPosition, loops: readonly InterviewLoop[]) {
  return (
    loops.find((l) => l.positionIds.includes(position.id)) ??
    loops.find((l) => l.familyIds.includes(position.familyId)) ??
    null
  )
}

/** Target start, else approval date + time to open + time to fill + notice (domain Part A). */
export function plannedStart(position: OpenPosition, times: FillTimes): ISODate {
  if (position.targetStartDate !== null) return position.targetStartDate
  if (position.approvalDate === null) {
    throw new RangeError(`${position.id}: an open role needs a target start or an approval date`)
  }
  return startAfterApproval(position.approvalDate, times)
}

const later = (a: ISODate, b: ISODate) => (a > b ? a : b)

/**
 * The day the requisition opens, or opened. An open role: its approval date + time to open (the
 * plan keeps no opening date), unknown without an approval date. A role not open yet opens no
 * earlier than today + time to open if still a draft (it needs approval first), else no earlier
 * than today and its approval date + time to open.
 */
export function openingOn(position: OpenPosition, times: FillTimes, today: ISODate) {
  const approved = position.approvalDate
  if (position.status === 'open') return approved === null ? null : openingDate(approved, times)
  if (position.status === 'draft' || approved === null) return openingDate(today, times)
  return later(today, openingDate(approved, times))
}

/**
 * The earliest start still possible for a role opening (or opened) on `opening`: after time to
 * fill and notice, and at least the notice period from today (an offer is accepted today at the
 * earliest).
 */
export function earliestStart(opening: ISODate, times: FillTimes, today: ISODate): ISODate {
  return later(expectedStart(opening, times), startAfterNotice(today, times.notice))
}

/** The schedule for `position` starting on `start` (its planned start unless given). */
export function roleSchedule(
  position: OpenPosition,
  loop: InterviewLoop,
  ctx: HiringContext,
  start?: ISODate,
): RoleSchedule {
  const times = ctx.fillTimes(position)
  const begins = start ?? plannedStart(position, times)
  const openBy = latestOpenDate(begins, times)
  const timeline = loopTimeline(loop, offerAcceptedBy(begins, times.notice))
  const load = funnel(loop, new Decimal(1))
  const poolHours: PoolMonthHours[] = load.stages.map((s, i) => ({
    poolId: s.stage.poolId,
    month: monthOf(timeline.stages[i]!.end),
    hours: s.interviewerHours,
  }))
  return { position, loop, start: begins, openBy, times, timeline, load, poolHours }
}

/** A pool's hours in a month: weeks in the month (days / 7) x people x weekly hours each. */
export function poolBudget(pool: InterviewerPool, month: Month): Decimal {
  return new Decimal(daysInMonth(month))
    .dividedBy(7)
    .times(pool.people.length)
    .times(pool.weeklyHoursPerPerson)
}
