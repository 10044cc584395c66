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

/** The pay `p` has on `effective`, against the band in force that day (null: no band then). */
export function payAgainstBand(
  bands: readonly SalaryBand[],
  p: Position,
  effective: ISODate,
): PayAgainstBand | null {
  const band = findBand(bands, p.familyId, p.levelId, p.officeId, effective)
  if (band === null) return null
  const pay = payOn(p, effective)
  return { band, pay, bucket: bandBucket(pay, band), compaRatio: compaRatio(pay, band) }
}
