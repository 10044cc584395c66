/**
 * Pay changes and the band they are judged against. A change is judged by the band in force on
 * the day it takes effect, never on the person's start date: a 2021 hire given a raise today is
 * judged by today's band (before any band existed, a 2021 lookup found none and passed anything).
 */

import { payOn } from './band-review.ts'
import { type BandBucket, bandBucket, compaRatio, findBand } from './bands.ts'
import type { ISODate } from './calendar.ts'
import type { Position, SalaryBand } from './model.ts'
import type { Decimal } from './money.ts'

/**
 * The day a change to `p` takes effect: an open role's target start (its pay starts then), else
 * the later of the person's start and today (a change cannot reach back before it was made).
 */
export function changeEffectiveDate(p: Position, today: ISODate): ISODate {
  if (p.kind === 'open') return p.targetStartDate ?? today
  return p.startDate > today ? p.startDate : today
}

export interface PayAgainstBand {
  band: SalaryBand
  /** The annual base in force on the effective date. */
  pay: Decimal
  bucket: BandBucket
  compaRatio: Decimal
}

/** A family, level and office: what picks a band. */
export type BandKey = Pick<Position, 'familyId' | 'levelId' | 'officeId'>

/** `pay` against the band in force for `role` on `date` (null: no band in force then). */
export function judgePay(
  bands: readonly SalaryBand[],
  role: BandKey,
  pay: Decimal,
  date: ISODate,
): PayAgainstBand | null {
  const band = findBand(bands, role.familyId, role.levelId, role.officeId, date)
  if (band === null) return null
  return { band, pay, bucket: bandBucket(pay, band), compaRatio: compaRatio(pay, band) }
}

/** The pay `p` has on `effective`, against the band in force that day (null: no band then). */
export function payAgainstBand(
  bands: readonly SalaryBand[],
  p: Position,
  effective: ISODate,
): PayAgainstBand | null {
  return judgePay(bands, p, payOn(p, effective), effective)
}

export interface PayChange {
  /** The new annual base, in the office's currency. */
  salary: Decimal
  effectiveDate: ISODate
  /** Bonus target as a fraction of base (0.15). */
  bonusTargetRate: Decimal
}

/**
 * The position with the change made. A person's pay changes from the effective date on (a raise
 * on that date, replacing one already there), so the pay before it is kept as it was paid; an
 * open role or offer has no pay history, so its salary is simply replaced.
 */
export function withPayChange(p: Position, change: PayChange): Position {
  if (p.kind === 'open') {
    return { ...p, baseSalary: change.salary, bonusTargetRate: change.bonusTargetRate }
  }
  const raises = p.raises.filter((r) => r.effectiveDate !== change.effectiveDate)
  raises.push({ effectiveDate: change.effectiveDate, annualBase: change.salary })
  raises.sort((a, b) => (a.effectiveDate < b.effectiveDate ? -1 : 1))
  return { ...p, raises, bonusTargetRate: change.bonusTargetRate }
}

/** One step where two versions of a role's pay differ: from a date (null: from its start). */
export interface PayDifference {
  from: ISODate | null
  before: Decimal
  after: Decimal
}

/**
 * Where `after`'s annual base differs from `before`'s: its starting salary, then each date a
 * raise in either takes effect, with the pay the other had that day. A pay change adds a raise
 * and keeps the starting salary, so comparing starting salaries alone shows no change at all.
 */
export function payDifferences(before: Position, after: Position): PayDifference[] {
  const found: PayDifference[] = []
  if (!before.baseSalary.eq(after.baseSalary)) {
    found.push({ from: null, before: before.baseSalary, after: after.baseSalary })
  }
  const dates = [...new Set([...before.raises, ...after.raises].map((r) => r.effectiveDate))]
  for (const date of dates.sort()) {
    const was = payOn(before, date)
    const is = payOn(after, date)
    if (!was.eq(is)) found.push({ from: date, before: was, after: is })
  }
  return found
}

/**
 * The day a proposed change of `before` into `after` is judged on: the first date a raise makes
 * their pay differ (a pay change from 1 March is judged by its pay and band on 1 March, not by
 * the pay still in force today), else the change's own date from `changeEffectiveDate`.
 */
export function proposedPayDate(before: Position | null, after: Position, today: ISODate): ISODate {
  const differences = before ? payDifferences(before, after) : []
  const first = differences[0]
  return first?.from ?? changeEffectiveDate(after, today)
}
