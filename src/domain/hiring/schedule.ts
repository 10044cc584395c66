/**
 * One open role's recruiting schedule: its start, the last day it can open, its loop's stage dates
 * and the interviewer hours each stage asks of each pool, by month. Demand and the capacity
 * what-if are both sums of these.
 */
import { daysInMonth, type ISODate, type Month, monthOf } from '../calendar.ts'
import type { JobFamily, Office, OpenPosition, Position, RequisitionStatus } from '../model.ts'
import { Decimal } from '../money.ts'
import { type FunnelLoad, funnel, type LoopTimeline, loopTimeline } from './funnel.ts'
import type {
  HiringSetup,
  InterviewerPool,
  InterviewLoop,
  NoticePeriod,
  TimeToFillEntry,
} from './schema.ts'
import {
  expectedStart,
  type FillTimes,
  latestOpenDate,
  noticeFor,
  offerAcceptedBy,
  timeToFillDays,
} from './time-to-fill.ts'

export interface HiringContext {
  setup: HiringSetup
  families: readonly Pick<JobFamily, 'id' | 'timeToFillDays'>[]
  offices: readonly Pick<Office, 'id' | 'country'>[]
  timeToFill: readonly TimeToFillEntry[]
  noticePeriods: readonly NoticePeriod[]
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
  timeline: LoopTimeline
  load: FunnelLoad
  poolHours: PoolMonthHours[]
}

export function isRecruiting(p: Position): p is OpenPosition {
  return p.kind === 'open' && RECRUITING_STATUSES.includes(p.status)
}

/** A per-role loop first, else the family's. */
export function loopFor(position: OpenPosition, loops: readonly InterviewLoop[]) {
  return (
    loops.find((l) => l.positionIds.includes(position.id)) ??
    loops.find((l) => l.familyIds.includes(position.familyId)) ??
    null
  )
}

export function fillTimesFor(position: OpenPosition, ctx: HiringContext): FillTimes {
  const family = ctx.families.find((f) => f.id === position.familyId)
  const office = ctx.offices.find((o) => o.id === position.officeId)
  if (!family) throw new RangeError(`${position.id}: unknown job family "${position.familyId}"`)
  if (!office) throw new RangeError(`${position.id}: unknown office "${position.officeId}"`)
  return {
    timeToFillDays: timeToFillDays(ctx.timeToFill, family, position.levelId),
    notice: noticeFor(ctx.noticePeriods, office.country),
  }
}

/** Target start, else approval date + time-to-fill + notice (domain Part A). */
export function plannedStart(position: OpenPosition, times: FillTimes): ISODate {
  if (position.targetStartDate !== null) return position.targetStartDate
  if (position.approvalDate === null) {
    throw new RangeError(`${position.id}: an open role needs a target start or an approval date`)
  }
  return expectedStart(position.approvalDate, times)
}

/** The schedule for `position` starting on `start` (its planned start unless given). */
export function roleSchedule(
  position: OpenPosition,
  loop: InterviewLoop,
  ctx: HiringContext,
  start?: ISODate,
): RoleSchedule {
  const times = fillTimesFor(position, ctx)
  const begins = start ?? plannedStart(position, times)
  const openBy = latestOpenDate(begins, times)
  const timeline = loopTimeline(loop, offerAcceptedBy(begins, times.notice))
  const load = funnel(loop, new Decimal(1))
  const poolHours: PoolMonthHours[] = load.stages.map((s, i) => ({
    poolId: s.stage.poolId,
    month: monthOf(timeline.stages[i]!.end),
    hours: s.interviewerHours,
  }))
  return { position, loop, start: begins, openBy, timeline, load, poolHours }
}

/** A pool's hours in a month: weeks in the month (days / 7) x people x weekly hours each. */
export function poolBudget(pool: InterviewerPool, month: Month): Decimal {
  return new Decimal(daysInMonth(month))
    .dividedBy(7)
    .times(pool.people.length)
    .times(pool.weeklyHoursPerPerson)
}
