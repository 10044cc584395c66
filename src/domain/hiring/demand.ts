/**
 * Recruiting demand by month from the plan's open roles: candidates at each stage, interviewer
 * hours per pool (against its budget) and per hiring team, offers expected, hires, open roles per
 * recruiter; and the warnings that matter. A role is an open requisition from the month it must
 * open (`openBy`) to the month its offer is accepted.
 */
import {
  addMonths,
  formatDate,
  formatMonth,
  type ISODate,
  type Month,
  monthOf,
} from '../calendar.ts'
import type { Position } from '../model.ts'
import { Decimal } from '../money.ts'
import {
  earliestStart,
  type HiringContext,
  isRecruiting,
  loopFor,
  openingOn,
  poolBudget,
  type RoleSchedule,
  roleSchedule,
} from './schedule.ts'

export interface StageMonth {
  loopId: string
  stageId: string
  stageName: string
  poolId: string
  candidates: Decimal
  hours: Decimal
}

export interface PoolMonth {
  poolId: string
  hours: Decimal
  budget: Decimal
  over: boolean
}

export interface MonthDemand {
  month: Month
  stages: StageMonth[]
  pools: PoolMonth[]
  /** Interviewer hours asked by each hiring team's roles. */
  teams: { teamId: string; hours: Decimal }[]
  offers: Decimal
  hires: number
  openRoles: number
  openRolesPerRecruiter: Decimal
}

/** A role's share of a pool's hours in a month. */
export interface PoolAsk {
  positionId: string
  stageName: string
  hours: Decimal
}

export type DemandWarning =
  | {
      code: 'pool_over_budget'
      month: Month
      poolId: string
      /** The roles asking for the month's hours, largest first. */
      asks: PoolAsk[]
      message: string
    }
  | {
      code: 'open_date_passed'
      positionId: string
      openBy: ISODate
      /** The earliest start the role can still make. */
      earliest: ISODate
      message: string
    }
  | { code: 'recruiter_over_limit'; month: Month; message: string }
  | { code: 'no_loop'; positionId: string; message: string }

export interface RecruitingDemand {
  months: MonthDemand[]
  schedules: RoleSchedule[]
  warnings: DemandWarning[]
}

/** Sums `value` into `map[key]`. */
function add(map: Map<string, Decimal>, key: string, value: Decimal) {
  map.set(key, (map.get(key) ?? new Decimal(0)).plus(value))
}

function monthSpan(first: Month, last: Month): Month[] {
  const months: Month[] = []
  for (let m = first; m <= last; m = addMonths(m, 1)) months.push(m)
  return months
}

/** Schedules for the roles still to recruit, and a warning for each that has no loop. */
export function scheduleRoles(
  positions: readonly Position[],
  ctx: HiringContext,
): { schedules: RoleSchedule[]; warnings: DemandWarning[] } {
  const schedules: RoleSchedule[] = []
  const warnings: DemandWarning[] = []
  for (const p of positions.filter(isRecruiting)) {
    const loop = loopFor(p, ctx.setup.loops)
    if (loop === null) {
      warnings.push({
        code: 'no_loop',
        positionId: p.id,
        message: `${ctx.roleName(p)} has no interview loop for its family or itself.`,
      })
      continue
    }
    schedules.push(roleSchedule(p, loop, ctx))
  }
  return { schedules, warnings }
}

export function recruitingDemand(
  positions: readonly Position[],
  ctx: HiringContext,
  asOf: ISODate,
): RecruitingDemand {
  const { schedules, warnings } = scheduleRoles(positions, ctx)
  if (schedules.length === 0) return { months: [], schedules, warnings }

  const stageCandidates = new Map<string, Decimal>()
  const stageHours = new Map<string, Decimal>()
  const poolHours = new Map<string, Decimal>()
  const poolAsks = new Map<string, PoolAsk[]>()
  const teamHours = new Map<string, Decimal>()
  const offers = new Map<string, Decimal>()
  const hires = new Map<string, number>()
  const windows: { from: Month; to: Month }[] = []
  const touched: Month[] = []

  for (const s of schedules) {
    s.load.stages.forEach((load, i) => {
      const month = monthOf(s.timeline.stages[i]!.end)
      const key = `${month}|${s.loop.id}|${load.stage.id}`
      add(stageCandidates, key, load.candidates)
      add(stageHours, key, load.interviewerHours)
      const poolMonth = `${month}|${load.stage.poolId}`
      add(poolHours, poolMonth, load.interviewerHours)
      const asks = poolAsks.get(poolMonth) ?? []
      asks.push({
        positionId: s.position.id,
        stageName: load.stage.name,
        hours: load.interviewerHours,
      })
      poolAsks.set(poolMonth, asks)
      add(teamHours, `${month}|${s.position.teamId}`, load.interviewerHours)
      touched.push(month)
    })
    add(offers, monthOf(s.timeline.offerMade), s.load.offers)
    const startMonth = monthOf(s.start)
    hires.set(startMonth, (hires.get(startMonth) ?? 0) + 1)
    windows.push({ from: monthOf(s.openBy), to: monthOf(s.timeline.offerAccepted) })
    touched.push(monthOf(s.openBy), startMonth)
    const late = lateRoleWarning(s, ctx, asOf)
    if (late) warnings.push(late)
  }

  const { pools, recruiting } = ctx.setup
  const roleNames = new Map(schedules.map((s) => [s.position.id, ctx.roleName(s.position)]))
  const recruiters = pools.find((p) => p.id === recruiting.recruiterPoolId)!.people.length
  const teamIds = [...new Set(schedules.map((s) => s.position.teamId))]
  const sorted = touched.sort()
  const months = monthSpan(sorted[0]!, sorted[sorted.length - 1]!).map((month): MonthDemand => {
    const stages = ctx.setup.loops.flatMap((loop) =>
      loop.stages.flatMap((stage): StageMonth[] => {
        const key = `${month}|${loop.id}|${stage.id}`
        const candidates = stageCandidates.get(key)
        if (candidates === undefined) return []
        const { id: stageId, name: stageName, poolId } = stage
        const hours = stageHours.get(key)!
        return [{ loopId: loop.id, stageId, stageName, poolId, candidates, hours }]
      }),
    )
    const poolMonths = pools.map((pool): PoolMonth => {
      const hours = poolHours.get(`${month}|${pool.id}`) ?? new Decimal(0)
      const budget = poolBudget(pool, month)
      return { poolId: pool.id, hours, budget, over: hours.gt(budget) }
    })
    const teams = teamIds.flatMap((teamId) => {
      const hours = teamHours.get(`${month}|${teamId}`)
      return hours === undefined ? [] : [{ teamId, hours }]
    })
    const openRoles = windows.filter((w) => w.from <= month && month <= w.to).length
    return {
      month,
      stages,
      pools: poolMonths,
      teams,
      offers: offers.get(month) ?? new Decimal(0),
      hires: hires.get(month) ?? 0,
      openRoles,
      openRolesPerRecruiter: new Decimal(openRoles).dividedBy(recruiters),
    }
  })

  for (const m of months) {
    for (const p of m.pools.filter((p) => p.over)) {
      const pool = pools.find((x) => x.id === p.poolId)!
      const asks = poolAsks.get(`${m.month}|${p.poolId}`)!.sort((a, b) => b.hours.cmp(a.hours))
      const askedBy = asks
        .map((a) => `${roleNames.get(a.positionId)} (${a.stageName}, ${a.hours.toFixed(1)} h)`)
        .join('; ')
      warnings.push({
        code: 'pool_over_budget',
        month: m.month,
        poolId: p.poolId,
        asks,
        message:
          `${pool.name}: ${p.hours.toFixed(1)} interviewer hours asked in ${formatMonth(m.month)}, ` +
          `above the ${p.budget.toFixed(1)} hours its ${pool.people.length} people have. ` +
          `Asked by ${askedBy}.`,
      })
    }
    if (m.openRolesPerRecruiter.gt(recruiting.maxOpenRolesPerRecruiter)) {
      warnings.push({
        code: 'recruiter_over_limit',
        month: m.month,
        message:
          `${formatMonth(m.month)}: ${m.openRolesPerRecruiter.toDecimalPlaces(1).toFixed()} open ` +
          `roles per recruiter, above the plan's limit of ${recruiting.maxOpenRolesPerRecruiter}.`,
      })
    }
  }
  return { months, schedules, warnings }
}

/**
 * A role that can no longer start on its start date: it opens (or opened) after the last day it
 * could, so the earliest start still possible is later. An open role with no approval date is
 * not judged (when it opened is unknown).
 */
function lateRoleWarning(
  s: RoleSchedule,
  ctx: HiringContext,
  today: ISODate,
): DemandWarning | null {
  const opening = openingOn(s.position, s.times, today)
  if (opening === null) return null
  const earliest = earliestStart(opening, s.times, today)
  if (earliest <= s.start) return null
  const state =
    s.position.status === 'open'
      ? `it opened on ${formatDate(opening)} at the earliest`
      : `it is still ${s.position.status === 'draft' ? 'a draft' : 'approved, not open'}`
  return {
    code: 'open_date_passed',
    positionId: s.position.id,
    openBy: s.openBy,
    earliest,
    message:
      `${ctx.roleName(s.position)} had to open by ${formatDate(s.openBy)} to start on ` +
      `${formatDate(s.start)}; ${state}. The earliest start still possible is ` +
      `${formatDate(earliest)}: move its start to that date or later.`,
  }
}
