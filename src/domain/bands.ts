/**
 * Salary band mechanics and checks (domain Part B 5.1). All ratios are exact Decimals; round them
 * only for display. Spread = (max - min) / min; compa-ratio = pay / mid; range penetration =
 * (pay - min) / (max - min); midpoint progression = upper mid / lower mid - 1.
 */
import type { ISODate } from './calendar.ts'
import { convert } from './fx.ts'
import type { Level, SalaryBand } from './model.ts'
import { type Decimal, formatMoney } from './money.ts'

type Range = Pick<SalaryBand, 'min' | 'mid' | 'max'>

export function compaRatio(pay: Decimal, band: Range): Decimal {
  return pay.dividedBy(band.mid)
}

export function rangePenetration(pay: Decimal, band: Range): Decimal {
  return pay.minus(band.min).dividedBy(band.max.minus(band.min))
}

/** Below the min is a green circle (raise the pay), above the max a red circle (freeze it). */
export type BandPosition = 'below_min' | 'in_band' | 'above_max'

export function bandPosition(pay: Decimal, band: Range): BandPosition {
  if (pay.lt(band.min)) return 'below_min'
  if (pay.gt(band.max)) return 'above_max'
  return 'in_band'
}

/**
 * Where pay sits in its band, finer than BandPosition: below the minimum, in one of the four
 * quarters of the range (by range penetration: Q1 from the minimum up to 25%, Q2 from 25% up to
 * 50%, Q3 from 50% up to 75%, Q4 from 75% to the maximum, both ends included), or above the max.
 */
export const BAND_BUCKETS = ['below_min', 'q1', 'q2', 'q3', 'q4', 'above_max'] as const
export type BandBucket = (typeof BAND_BUCKETS)[number]

/** Each bucket in words, for sentences ("in the second quartile"). */
export const BUCKET_WORDS: Record<BandBucket, string> = {
  below_min: 'below the band minimum',
  q1: 'in the first quartile',
  q2: 'in the second quartile',
  q3: 'in the third quartile',
  q4: 'in the fourth quartile',
  above_max: 'above the band maximum',
}

export function bandBucket(pay: Decimal, band: Range): BandBucket {
  const where = bandPosition(pay, band)
  if (where !== 'in_band') return where
  const quarter = rangePenetration(pay, band).times(4).floor().toNumber()
  return (['q1', 'q2', 'q3', 'q4'] as const)[Math.min(quarter, 3)]!
}

export function spread(band: Range): Decimal {
  return band.max.minus(band.min).dividedBy(band.min)
}

export function midpointProgression(lower: Range, upper: Range): Decimal {
  return upper.mid.dividedBy(lower.mid).minus(1)
}

/**
 * How far the lower band reaches into the upper one, as a share of the lower band's range:
 * (lower max - upper min) / (lower max - lower min). Negative means a gap between the bands.
 */
export function overlap(lower: Range, upper: Range): Decimal {
  return lower.max.minus(upper.min).dividedBy(lower.max.minus(lower.min))
}

/** The band in force on `onDate`: the latest effectiveFrom on or before it, or null. */
export function findBand(
  bands: readonly SalaryBand[],
  familyId: string,
  levelId: string,
  officeId: string,
  onDate: ISODate,
): SalaryBand | null {
  let found: SalaryBand | null = null
  for (const b of bands) {
    if (b.familyId !== familyId || b.levelId !== levelId || b.officeId !== officeId) continue
    if (b.effectiveFrom > onDate) continue
    if (found === null || b.effectiveFrom > found.effectiveFrom) found = b
  }
  return found
}

/** Every family x level x office band in force on `onDate`. */
export function bandsInForce(bands: readonly SalaryBand[], onDate: ISODate): SalaryBand[] {
  const latest = new Map<string, SalaryBand>()
  for (const b of bands) {
    if (b.effectiveFrom > onDate) continue
    const key = `${b.familyId}|${b.levelId}|${b.officeId}`
    const held = latest.get(key)
    if (held === undefined || b.effectiveFrom > held.effectiveFrom) latest.set(key, b)
  }
  return [...latest.values()]
}

/**
 * One US office's geo differential: the GBP office's midpoints, converted at the rate, as a share
 * of the US office's, within a tolerance (both fractions: 0.94 and 0.01 = 94% +/- 1 point).
 */
export interface GeoDifferential {
  /** The GBP office (London). */
  officeId: string
  /** The US office it is compared against. */
  baseOfficeId: string
  share: Decimal
  tolerance: Decimal
}

export interface BandPolicy {
  spreadMin: Decimal
  spreadMax: Decimal
  progressionMin: Decimal
  progressionMax: Decimal
  /** The differentials to check and the rate to compare them at; null skips the check. */
  geo: { usdPerGbp: Decimal; differentials: readonly GeoDifferential[] } | null
  /** Slack on every ratio bound, as a fraction (0.01 = one percentage point). */
  tolerance: Decimal
}

export type BandFindingCode =
  | 'min_not_below_mid'
  | 'mid_not_below_max'
  | 'spread_outside_policy'
  | 'progression_outside_policy'
  | 'overlap'
  | 'geo_differential'
  | 'geo_differential_unset'

export interface BandFinding {
  code: BandFindingCode
  bandIds: string[]
  message: string
  suggestion: string
}

const pct = (ratio: Decimal) => `${ratio.times(100).toFixed(1)}%`
const whole = (band: SalaryBand, amount: Decimal) =>
  formatMoney(amount, band.currency, { wholeUnits: true })
const clamp = (x: Decimal, lo: Decimal, hi: Decimal) => (x.lt(lo) ? lo : x.gt(hi) ? hi : x)
const outside = (x: Decimal, lo: Decimal, hi: Decimal, tolerance: Decimal) =>
  x.lt(lo.minus(tolerance)) || x.gt(hi.plus(tolerance))

/** One band's own shape: min < mid < max and a spread within policy. */
/** How findings name a band to the reader ("Recruiter L4, Seattle"), never by its id. */
export type BandNamer = (band: SalaryBand) => string

function checkShape(b: SalaryBand, policy: BandPolicy, name: BandNamer): BandFinding[] {
  const findings: BandFinding[] = []
  const halfway = b.min.plus(b.max).dividedBy(2)
  if (b.min.gte(b.mid)) {
    findings.push({
      code: 'min_not_below_mid',
      bandIds: [b.id],
      message: `Band ${name(b)}: minimum ${whole(b, b.min)} is not below the midpoint ${whole(b, b.mid)}.`,
      suggestion: `Set the midpoint to ${whole(b, halfway)}, halfway between min and max.`,
    })
  }
  if (b.mid.gte(b.max)) {
    findings.push({
      code: 'mid_not_below_max',
      bandIds: [b.id],
      message: `Band ${name(b)}: midpoint ${whole(b, b.mid)} is not below the maximum ${whole(b, b.max)}.`,
      suggestion: `Set the midpoint to ${whole(b, halfway)}, halfway between min and max.`,
    })
  }
  const s = spread(b)
  if (outside(s, policy.spreadMin, policy.spreadMax, policy.tolerance)) {
    // Keep the midpoint, rebuild min and max: min = mid / (1 + spread / 2), max = min x (1 + spread)
    const target = clamp(s, policy.spreadMin, policy.spreadMax)
    const min = b.mid.dividedBy(target.dividedBy(2).plus(1))
    findings.push({
      code: 'spread_outside_policy',
      bandIds: [b.id],
      message:
        `Band ${name(b)}: spread ${pct(s)} is outside the policy range ` +
        `${pct(policy.spreadMin)}-${pct(policy.spreadMax)}.`,
      suggestion:
        `Keep the midpoint ${whole(b, b.mid)} and use ${whole(b, min)}-` +
        `${whole(b, min.times(target.plus(1)))} (spread ${pct(target)}).`,
    })
  }
  return findings
}

/** Two adjacent levels of one family at one office. */
function checkAdjacent(
  lower: SalaryBand,
  upper: SalaryBand,
  policy: BandPolicy,
  name: BandNamer,
): BandFinding[] {
  const findings: BandFinding[] = []
  const p = midpointProgression(lower, upper)
  if (outside(p, policy.progressionMin, policy.progressionMax, policy.tolerance)) {
    const target = clamp(p, policy.progressionMin, policy.progressionMax)
    findings.push({
      code: 'progression_outside_policy',
      bandIds: [lower.id, upper.id],
      message:
        `Bands ${name(lower)} -> ${name(upper)}: midpoint progression ${pct(p)} is outside the ` +
        `policy range ${pct(policy.progressionMin)}-${pct(policy.progressionMax)}.`,
      suggestion:
        `Set the ${name(upper)} midpoint to ${whole(upper, lower.mid.times(target.plus(1)))} ` +
        `(${pct(target)} above ${whole(lower, lower.mid)}).`,
    })
  }
  if (lower.max.gt(upper.mid)) {
    findings.push({
      code: 'overlap',
      bandIds: [lower.id, upper.id],
      message:
        `Bands ${name(lower)} and ${name(upper)} overlap by ${pct(overlap(lower, upper))}: the lower ` +
        `maximum ${whole(lower, lower.max)} is above the next level's midpoint ` +
        `${whole(upper, upper.mid)}.`,
      suggestion: `Bring the ${name(lower)} maximum down to ${whole(upper, upper.mid)} or below.`,
    })
  }
  return findings
}

const points = (ratio: Decimal) => `${ratio.times(100).toFixed(1)} points`

/**
 * The GBP band's midpoint, at the rate, against the US band's for its family and level: flagged
 * when the share is off the differential by more than its tolerance, either way, with the
 * midpoint each side would need.
 */
function checkGeo(
  band: SalaryBand,
  base: SalaryBand,
  d: GeoDifferential,
  usdPerGbp: Decimal,
  name: BandNamer,
): BandFinding | null {
  const midInBase = convert(band.mid, band.currency, base.currency, usdPerGbp)
  const ratio = midInBase.dividedBy(base.mid)
  if (ratio.minus(d.share).abs().lte(d.tolerance)) return null
  const gbpMid = convert(base.mid.times(d.share), base.currency, band.currency, usdPerGbp)
  const usMid = midInBase.dividedBy(d.share)
  return {
    code: 'geo_differential',
    bandIds: [band.id, base.id],
    message:
      `Band ${name(band)}: midpoint ${whole(band, band.mid)} (${whole(base, midInBase)} at ` +
      `${usdPerGbp.toFixed()} USD/GBP) is ${pct(ratio)} of ${name(base)}'s ` +
      `${whole(base, base.mid)}, ${ratio.gt(d.share) ? 'above' : 'below'} the policy ` +
      `differential of ${pct(d.share)} by more than ${points(d.tolerance)}.`,
    suggestion:
      `Set the ${name(band)} midpoint to ${whole(band, gbpMid)}, or the ${name(base)} midpoint ` +
      `to ${whole(base, usMid)}.`,
  }
}

/**
 * Checks a band structure against policy: each band's shape, each pair of adjacent levels (by
 * rank) within a family at an office, and the geo differential. Pass the bands in force on one
 * date (`bandsInForce`); bands whose level is unknown are skipped for the adjacency checks.
 */
export function checkBands(
  bands: readonly SalaryBand[],
  levels: readonly Level[],
  policy: BandPolicy,
  name: BandNamer,
): BandFinding[] {
  const findings = bands.flatMap((b) => checkShape(b, policy, name))

  const rank = new Map(levels.map((l) => [l.id, l.rank]))
  const ladders = new Map<string, SalaryBand[]>()
  for (const b of bands) {
    if (!rank.has(b.levelId)) continue
    const key = `${b.familyId}|${b.officeId}`
    ladders.set(key, [...(ladders.get(key) ?? []), b])
  }
  for (const ladder of ladders.values()) {
    ladder.sort((a, b) => rank.get(a.levelId)! - rank.get(b.levelId)!)
    for (let i = 1; i < ladder.length; i++) {
      findings.push(...checkAdjacent(ladder[i - 1]!, ladder[i]!, policy, name))
    }
  }

  const { geo } = policy
  for (const d of geo === null ? [] : geo.differentials) {
    for (const b of bands) {
      if (b.officeId !== d.officeId) continue
      const base = bands.find(
        (o) =>
          o.officeId === d.baseOfficeId && o.familyId === b.familyId && o.levelId === b.levelId,
      )
      const finding = base && geo && checkGeo(b, base, d, geo.usdPerGbp, name)
      if (finding) findings.push(finding)
    }
  }
  return findings
}
