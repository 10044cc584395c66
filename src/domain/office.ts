/**
 * Office attendance and desks (domain Part A "Office attendance", Part B 6): size desks for the
 * peak day, not the average, and accrue in-office costs by expected in-office days.
 */
import type { AttendancePolicy } from './model.ts'
import type { Decimal } from './money.ts'

/** ceiling(people based at the office x expected attendance x peak-day factor). */
export function desksNeeded(peopleBased: Decimal, policy: AttendancePolicy): number {
  return peopleBased.times(policy.expectedShare).times(policy.peakFactor).ceil().toNumber()
}

/** Expected in-office days per head per month: working days x expected attendance. */
export function inOfficeDaysPerMonth(policy: AttendancePolicy): Decimal {
  return policy.workingDaysPerMonth.times(policy.expectedShare)
}

export interface DeskCheck {
  needed: number
  capacity: number
  /** Desks missing on the peak day; 0 when capacity suffices. */
  shortfall: number
}

export function deskCheck(
  peopleBased: Decimal,
  policy: AttendancePolicy,
  capacity: number,
): DeskCheck {
  const needed = desksNeeded(peopleBased, policy)
  return { needed, capacity, shortfall: Math.max(0, needed - capacity) }
}
