/**
 * What-if: the start dates interviewer capacity allows. Greedy: roles are placed one at a time in
 * order of planned start (ties keep the order given, which is the caller's priority); each is
 * pushed a month at a time until every pool it uses fits within its monthly budget on top of the
 * roles already placed. The result is a map the projection can apply (position id -> new target
 * start date); the engine works out the cost difference.
 */
import { addMonthsToDate, type ISODate, type Month } from '../calendar.ts'
import type { Position } from '../model.ts'
import { Decimal } from '../money.ts'
import { scheduleRoles } from './demand.ts'
import { type HiringContext, poolBudget, type RoleSchedule, roleSchedule } from './schedule.ts'

export interface MovedRole {
  positionId: string
  from: ISODate
  to: ISODate
  monthsLater: number
}

export interface CapacityLimitedStarts {
  /** Only the roles that move: position id -> new targetStartDate. */
  startDates: Map<string, ISODate>
  moved: MovedRole[]
  /** Roles that do not fit within `maxMonthsLater` (e.g. one role alone exceeds a pool). */
  unplaceable: string[]
}

export function capacityLimitedStarts(
  positions: readonly Position[],
  ctx: HiringContext,
  opts: { maxMonthsLater?: number } = {},
): CapacityLimitedStarts {
  const maxMonthsLater = opts.maxMonthsLater ?? 24
  const pools = new Map(ctx.setup.pools.map((p) => [p.id, p]))
  const used = new Map<string, Decimal>()
  // A role can ask one pool for hours in the same month at two stages: sum them before checking.
  const fits = (s: RoleSchedule) => {
    const asked = new Map<string, Decimal>()
    for (const { poolId, month, hours } of s.poolHours) {
      const key = `${poolId}|${month}`
      asked.set(key, (asked.get(key) ?? used.get(key) ?? new Decimal(0)).plus(hours))
    }
    return [...asked].every(([key, hours]) => {
      const [poolId, month] = key.split('|') as [string, Month]
      return hours.lte(poolBudget(pools.get(poolId)!, month))
    })
  }

  const result: CapacityLimitedStarts = { startDates: new Map(), moved: [], unplaceable: [] }
  const planned = scheduleRoles(positions, ctx).schedules
  const order = planned
    .map((s, i) => ({ s, i }))
    .sort((a, b) => a.s.start.localeCompare(b.s.start) || a.i - b.i)

  for (const { s: original } of order) {
    let placed: RoleSchedule | null = original
    let monthsLater = 0
    while (!fits(placed)) {
      monthsLater++
      if (monthsLater > maxMonthsLater) {
        placed = null
        break
      }
      const start = addMonthsToDate(original.start, monthsLater)
      placed = roleSchedule(original.position, original.loop, ctx, start)
    }
    if (placed === null) {
      result.unplaceable.push(original.position.id)
      continue
    }
    for (const { poolId, month, hours } of placed.poolHours) {
      const key = `${poolId}|${month}`
      used.set(key, (used.get(key) ?? new Decimal(0)).plus(hours))
    }
    if (placed.start !== original.start) {
      const positionId = original.position.id
      result.startDates.set(positionId, placed.start)
      result.moved.push({
        positionId,
        from: original.start,
        to: placed.start,
        monthsLater,
      })
    }
  }
  return result
}
