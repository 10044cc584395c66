/**
 * Exact integer arithmetic against decimal.js: the same value, rounded half-up at the same point,
 * on random inputs, on .5 ties (both signs) and on products too big for a double (BigInt path).
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  applyRatio,
  applyRatios,
  mulDivRound,
  ratioDecimal,
  ratioOf,
  ratioPlus,
  ratioTimes,
  roundDiv,
  scaledInteger,
} from '../../../src/domain/exact.ts'
import { Decimal, dec } from '../../../src/domain/money.ts'

/** decimal.js: a x num / den, one division, then half-up to an integer. */
const byDecimal = (a: number | bigint, num: number, den: number) =>
  new Decimal(a.toString())
    .times(num)
    .dividedBy(den)
    .toDecimalPlaces(0, Decimal.ROUND_HALF_UP)
    .toNumber() + 0 // decimal.js keeps -0; an integer amount has no sign at zero

const minor = fc.integer({ min: -1e12, max: 1e12 })
/** Rates and factors as the model writes them: 0 to 10 with up to 8 decimal places. */
const rateText = fc
  .integer({ min: 0, max: 8 })
  .chain((dp) =>
    fc.integer({ min: 0, max: 10 * 10 ** dp }).map((n) => new Decimal(n).dividedBy(10 ** dp)),
  )
  .map((d) => d.toFixed())

describe('exact arithmetic', () => {
  it('reads a Decimal rate as num / power of ten', () => {
    expect(ratioOf(dec('0.062'))).toEqual({ num: 62, den: 1000 })
    expect(ratioOf(dec('1.2735'))).toEqual({ num: 12735, den: 10000 })
    expect(ratioOf(dec('15'))).toEqual({ num: 15, den: 1 })
    expect(ratioDecimal(ratioOf(dec('0.0145'))).toFixed()).toBe('0.0145')
  })

  it('adds and multiplies ratios exactly', () => {
    // 0.6% + 1.5% = 2.1%: 6/1000 + 15/1000 = 21/1000
    expect(ratioDecimal(ratioPlus(ratioOf(dec('0.006')), ratioOf(dec('0.015')))).toFixed()).toBe(
      '0.021',
    )
    // 4% x 90% participation = 3.6%
    expect(ratioDecimal(ratioTimes(ratioOf(dec('0.04')), ratioOf(dec('0.9')))).toFixed()).toBe(
      '0.036',
    )
  })

  it('rounds .5 away from zero, as ROUND_HALF_UP does', () => {
    expect(roundDiv(5, 10)).toBe(1) // 0.5 -> 1
    expect(roundDiv(-5, 10)).toBe(-1) // -0.5 -> -1
    expect(roundDiv(15, 10)).toBe(2) // 1.5 -> 2
    expect(roundDiv(25, 10)).toBe(3) // 2.5 -> 3 (not banker's 2)
    expect(roundDiv(-25, 10)).toBe(-3)
    expect(roundDiv(49, 100)).toBe(0) // 0.49 -> 0
    // 15% x £2,163.65 = 324.5475 -> 324.55: 216365 x 15 / 100 = 32454.75 -> 32455 pence
    expect(mulDivRound(216365, 15, 100)).toBe(32455)
    // 6.2% x 33,333.33 = 2,066.66646 -> 2,066.67
    expect(applyRatio(3333333, ratioOf(dec('0.062')))).toBe(206667)
  })

  it('matches decimal.js on random amounts and ratios', () => {
    fc.assert(
      fc.property(minor, rateText, (a, text) => {
        const r = ratioOf(dec(text))
        expect(applyRatio(a, r)).toBe(byDecimal(a, r.num, r.den))
      }),
      { numRuns: 2000 },
    )
  })

  it('matches decimal.js for any positive denominator (prorations: x days / (12 x dim))', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e9, max: 1e9 }),
        fc.integer({ min: 0, max: 1e6 }),
        fc.integer({ min: 1, max: 1e6 }),
        (a, num, den) => {
          expect(mulDivRound(a, num, den)).toBe(byDecimal(a, num, den))
        },
      ),
      { numRuns: 2000 },
    )
  })

  it('matches decimal.js on exact ties, both signs', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e12 }),
        fc.integer({ min: 1, max: 1e3 }),
        (k, d) => {
          // (2k + 1) x d / (2d) = k + 0.5 exactly
          expect(mulDivRound(2 * k + 1, d, 2 * d)).toBe(byDecimal(2 * k + 1, d, 2 * d))
        },
      ),
      { numRuns: 1000 },
    )
  })

  it('falls back to BigInt when the product is not a safe integer', () => {
    // 9e15 x 7 overflows 2^53; 9,000,000,000,000,001 x 7 / 10 = 6,300,000,000,000,000.7 -> ...001
    expect(Number.isSafeInteger(9e14 * 70001)).toBe(false)
    expect(mulDivRound(9e14, 70001, 100000)).toBe(byDecimal(9e14, 70001, 100000))
    expect(mulDivRound(900000000000001, 5, 10)).toBe(450000000000001) // .5 tie -> up
    fc.assert(
      fc.property(
        fc.integer({ min: 1e13, max: 2 ** 52 }),
        fc.integer({ min: 10 ** 6, max: 10 ** 9 }),
        fc.integer({ min: 0, max: 9 }),
        (a, num, dp) => {
          const den = 10 ** dp
          const expected = byDecimal(a, num, den)
          if (!Number.isSafeInteger(expected)) {
            expect(() => mulDivRound(a, num, den)).toThrow(RangeError)
          } else {
            expect(mulDivRound(a, num, den)).toBe(expected)
          }
        },
      ),
      { numRuns: 500 },
    )
  })

  it('rounds a sum of two products once (employer tax at vest: SS + Medicare)', () => {
    // 6.2% x 1,234.57 + 1.45% x 2,000.01 = 76.54334 + 29.000145 = 105.543485 -> 105.54
    const ss = ratioOf(dec('0.062'))
    const med = ratioOf(dec('0.0145'))
    expect(applyRatios(123457, ss, 200001, med)).toBe(10554)
    fc.assert(
      fc.property(minor, rateText, minor, rateText, (a, r, b, s) => {
        const expected =
          new Decimal(a)
            .times(r)
            .plus(new Decimal(b).times(s))
            .toDecimalPlaces(0, Decimal.ROUND_HALF_UP)
            .toNumber() + 0
        expect(applyRatios(a, ratioOf(dec(r)), b, ratioOf(dec(s)))).toBe(expected)
      }),
      { numRuns: 1000 },
    )
  })

  it('reads a Decimal scaled to an integer from its digits, as times(10^places) does', () => {
    // Hand-picked: a word boundary (7 digits), trailing zeros inside the last word, negatives.
    expect(scaledInteger(dec('150000'), 2)).toBe(15000000)
    expect(scaledInteger(dec('1.2735'), 4)).toBe(12735)
    expect(scaledInteger(dec('12345678.9'), 2)).toBe(1234567890)
    expect(scaledInteger(dec('-0.05'), 2)).toBe(-5)
    expect(scaledInteger(dec('0'), 2)).toBe(0)
    expect(scaledInteger(dec('0.125'), 2)).toBeNull() // not a whole number of pence
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 17n), max: 10n ** 17n }),
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 0, max: 12 }),
        (units, scale, places) => {
          const value = new Decimal(units.toString()).dividedBy(10 ** scale)
          const scaled = value.times(10 ** places)
          const expected =
            scaled.isInteger() && Number.isSafeInteger(scaled.toNumber())
              ? scaled.toNumber() + 0
              : null
          expect(scaledInteger(value, places)).toBe(expected)
        },
      ),
      { numRuns: 2000 },
    )
  })
})
