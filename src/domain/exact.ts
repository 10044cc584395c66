/**
 * Exact integer arithmetic for the cost engine's hot path. Amounts are integer minor units
 * (pence/cents, `Minor`); rates and factors are exact rationals `num / den` with `den` a power of
 * ten, built once from the model's Decimals. Every rounding is half-up (away from zero at .5) on
 * the exact rational value, as decimal.js ROUND_HALF_UP rounds an exact Decimal, and uses integer
 * operations only, falling back to BigInt when an intermediate product is not a safe integer.
 */
import { Decimal, type Minor, toMinor } from './money.ts'

/** An exact rate or factor: num / den, den a power of ten (0.062 -> 62 / 1000). */
export interface Ratio {
  readonly num: number
  readonly den: number
}

export const RATIO_ZERO: Ratio = { num: 0, den: 1 }
export const RATIO_ONE: Ratio = { num: 1, den: 1 }

function safe(n: number, what: string): number {
  if (!Number.isSafeInteger(n)) throw new RangeError(`${what} out of exact range: ${n}`)
  return n
}

/**
 * value x 10^places when that is a safe integer, else null. Read from the Decimal's own digits
 * (base-10^7 words, most significant first, and the exponent of the first digit), which costs far
 * less than Decimal arithmetic and is exact: the position's setup converts every amount this way.
 */
export function scaledInteger(value: Decimal, places: number): number | null {
  const words = value.d
  if (!words) return null // NaN or Infinity
  if (words[0] === 0) return 0
  const last = words.length - 1
  let coefficient = 0
  let digits = 0
  for (let k = 0; k <= last; k++) {
    let word = words[k]!
    let width = k === 0 ? String(word).length : 7
    // The last word's trailing zeros are dropped so a long coefficient stays a safe integer.
    if (k === last) {
      while (word % 10 === 0) {
        word /= 10
        width--
      }
    }
    coefficient = coefficient * 10 ** width + word
    digits += width
  }
  if (!Number.isSafeInteger(coefficient)) return null
  // value = coefficient x 10^(e + 1 - digits)
  const shift = value.e + 1 - digits + places
  let n: number
  if (shift >= 0) {
    n = coefficient * 10 ** shift
    if (!Number.isSafeInteger(n)) return null
  } else {
    if (-shift > 15) return null
    const p = 10 ** -shift
    if (coefficient % p !== 0) return null
    n = coefficient / p
  }
  return value.s < 0 ? -n : n
}

/** The exact ratio of a Decimal with a terminating expansion ("1.2735" -> 12735 / 10000). */
export function ratioOf(value: Decimal): Ratio {
  const places = value.decimalPlaces()
  const den = safe(10 ** places, 'ratio')
  const num = scaledInteger(value, places) ?? safe(value.times(den).toNumber(), 'ratio numerator')
  return { num, den }
}

/** A Decimal amount in integer minor units, as `toMinor` (which explains a refusal). */
export function minorOf(amount: Decimal): Minor {
  return (scaledInteger(amount, 2) ?? toMinor(amount)) as Minor
}

/** The ratio as a Decimal, for display (exact: the denominator is a power of ten). */
export function ratioDecimal(r: Ratio): Decimal {
  return new Decimal(r.num).dividedBy(r.den)
}

export function ratioTimes(a: Ratio, b: Ratio): Ratio {
  return { num: safe(a.num * b.num, 'ratio product'), den: safe(a.den * b.den, 'ratio product') }
}

export function ratioPlus(a: Ratio, b: Ratio): Ratio {
  const den = Math.max(a.den, b.den)
  return { num: safe(a.num * (den / a.den) + b.num * (den / b.den), 'ratio sum'), den }
}

export const ratioIsZero = (r: Ratio): boolean => r.num === 0

/** round(n / d), half away from zero; n a safe integer, d a positive safe integer. */
export function roundDiv(n: number, d: number): number {
  if (n === 0) return 0 // never -0
  const x = n < 0 ? -n : n
  // Floor division by a float quotient, corrected to the exact one (cheaper than % on doubles):
  // q x d stays a safe integer, so the remainder is exact.
  let q = Math.floor(x / d)
  let r = x - q * d
  if (r < 0) {
    q--
    r += d
  } else if (r >= d) {
    q++
    r -= d
  }
  const rounded = 2 * r >= d ? q + 1 : q
  return n < 0 && rounded !== 0 ? -rounded : rounded
}

function roundDivBig(n: bigint, d: bigint): number {
  const x = n < 0n ? -n : n
  const r = x % d
  const q = (x - r) / d
  const rounded = 2n * r >= d ? q + 1n : q
  return safe(Number(n < 0n ? -rounded : rounded), 'rounded amount')
}

/** round(a x num / den) exactly, half away from zero; den > 0. */
export function mulDivRound(a: number, num: number, den: number): number {
  const product = a * num
  if (Number.isSafeInteger(product)) return roundDiv(product, den)
  return roundDivBig(BigInt(a) * BigInt(num), BigInt(den))
}

/** round(a x r): a minor amount times a rate, rounded once to the minor unit. */
export function applyRatio(a: number, r: Ratio): number {
  return r.num === 0 ? 0 : mulDivRound(a, r.num, r.den)
}

/** round(a x r + b x s), one rounding of the exact sum (two rates on two amounts). */
export function applyRatios(a: number, r: Ratio, b: number, s: Ratio): number {
  const den = Math.max(r.den, s.den)
  const rn = r.num * (den / r.den)
  const sn = s.num * (den / s.den)
  const numerator = a * rn + b * sn
  if (Number.isSafeInteger(a * rn) && Number.isSafeInteger(b * sn)) {
    if (Number.isSafeInteger(numerator)) return roundDiv(numerator, den)
  }
  return roundDivBig(BigInt(a) * BigInt(rn) + BigInt(b) * BigInt(sn), BigInt(den))
}
