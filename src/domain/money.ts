/**
 * Money for the whole project: one Decimal configuration, exact parsing, named rounding points,
 * integer minor units for totals, and display formatting.
 *
 * Rounding policy (docs/conventions.md#money-and-rounding): each position-month-component amount
 * is rounded once, to the penny/cent, half-up (`roundLine`); totals are sums of rounded lines, kept as integer minor units
 * (`Minor`) so a table always adds up. Never build a Decimal from a computed float.
 */
import { Decimal as DecimalBase } from 'decimal.js'

/** The project's Decimal: 40 significant digits, half-up, never exponent notation in strings. */
export const Decimal = DecimalBase.clone({
  precision: 40,
  rounding: DecimalBase.ROUND_HALF_UP,
  toExpNeg: -40,
  toExpPos: 40,
})
export type Decimal = InstanceType<typeof Decimal>

export const CURRENCIES = ['GBP', 'USD'] as const
export type Currency = (typeof CURRENCIES)[number]

/**
 * An amount in integer minor units (pence or cents). A JS number is exact for integers below 2^53
 * (about 90 trillion pounds), so totals add without rounding error; `toMinor` and `addMinor`
 * refuse anything that is not a safe integer.
 */
export type Minor = number & { readonly __minor: unique symbol }

export const ZERO = new Decimal(0)

/** Plain decimal text: optional minus, digits, optional fraction. No exponents, hex, or commas. */
export const DECIMAL_TEXT = /^-?\d{1,15}(\.\d{1,12})?$/
/** A money amount as users type it: up to 2 decimal places. */
export const MONEY_TEXT = /^-?\d{1,13}(\.\d{1,2})?$/

/** Parses plain decimal text exactly; throws on anything else (hex, exponent, Infinity, NaN). */
export function dec(value: string | number | Decimal): Decimal {
  if (value instanceof Decimal) return value
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new RangeError(`not an exact integer: ${value}`)
    return new Decimal(value)
  }
  const text = value.trim()
  if (!DECIMAL_TEXT.test(text)) throw new RangeError(`not a plain decimal number: ${value}`)
  return new Decimal(text)
}

/** Rounds one line (a position-month-component amount) to the penny/cent, half-up. */
export function roundLine(amount: Decimal): Decimal {
  return amount.toDecimalPlaces(2, Decimal.ROUND_HALF_UP)
}

/** A rounded amount as integer minor units. */
export function toMinor(amount: Decimal): Minor {
  const minor = amount.times(100)
  if (!minor.isInteger()) throw new RangeError(`not rounded to minor units: ${amount.toFixed()}`)
  const n = minor.toNumber()
  if (!Number.isSafeInteger(n)) throw new RangeError(`amount out of range: ${amount.toFixed()}`)
  return n as Minor
}

export function fromMinor(minor: Minor | number): Decimal {
  return new Decimal(minor).dividedBy(100)
}

export function addMinor(a: Minor, b: Minor): Minor {
  const sum = a + b
  if (!Number.isSafeInteger(sum)) throw new RangeError('total out of range')
  return sum as Minor
}

export function sumMinor(values: Iterable<Minor>): Minor {
  let total = 0 as Minor
  for (const v of values) total = addMinor(total, v)
  return total
}

/** Fixed two decimals, never "-0.00". */
export function toFixed2(amount: Decimal): string {
  const text = amount.toFixed(2, Decimal.ROUND_HALF_UP)
  return text === '-0.00' ? '0.00' : text
}

/** Integer minor units as text with two decimals ("1234.50", "-0.07"), without a Decimal. */
export function minorText(minor: number): string {
  const abs = Math.abs(minor)
  const pence = abs % 100
  return `${minor < 0 ? '-' : ''}${(abs - pence) / 100}.${pence < 10 ? '0' : ''}${pence}`
}

const SYMBOL: Record<Currency, string> = { GBP: '£', USD: '$' }

/** "£13,333.33", "-$1,200.00"; `wholeUnits` drops the pennies ("£265,000"). */
export function formatMoney(
  amount: Decimal,
  currency: Currency,
  opts: { wholeUnits?: boolean } = {},
): string {
  const fixed = opts.wholeUnits
    ? amount.toFixed(0, Decimal.ROUND_HALF_UP).replace(/^-0$/, '0')
    : toFixed2(amount)
  const negative = fixed.startsWith('-')
  const [whole = '0', fraction] = (negative ? fixed.slice(1) : fixed).split('.')
  return withSymbol(negative, whole, fraction, currency)
}

/** "-", the symbol, the whole units grouped in thousands, then the fraction if any. */
function withSymbol(negative: boolean, whole: string, fraction: string | undefined, c: Currency) {
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${negative ? '-' : ''}${SYMBOL[c]}${grouped}${fraction ? `.${fraction}` : ''}`
}

/**
 * Minor units formatted as formatMoney formats them, by integer arithmetic (the pages format
 * thousands of totals a render, and a Decimal per figure was a tenth of the dashboard's time).
 */
export function formatMinor(
  minor: Minor | number,
  currency: Currency,
  opts: { wholeUnits?: boolean } = {},
): string {
  if (!Number.isSafeInteger(minor)) return formatMoney(fromMinor(minor), currency, opts)
  const size = Math.abs(minor)
  if (opts.wholeUnits) {
    // half up, away from zero, as ROUND_HALF_UP rounds
    const whole = Math.floor(size / 100) + (size % 100 >= 50 ? 1 : 0)
    return withSymbol(minor < 0 && whole > 0, String(whole), undefined, currency)
  }
  const digits = String(size).padStart(3, '0')
  return withSymbol(minor < 0, digits.slice(0, -2), digits.slice(-2), currency)
}

/** A rate held as a fraction (0.15) shown as a percentage ("15%", "13.8%"). */
export function formatPercent(rate: Decimal): string {
  return `${rate.times(100).toDecimalPlaces(4).toFixed()}%`
}

/**
 * Splits `total` (already rounded) into parts proportional to `weights` so the parts sum exactly
 * to the total: largest-remainder allocation in minor units (dinero.js `allocate`).
 */
export function allocate(total: Decimal, weights: readonly Decimal[]): Decimal[] {
  const totalMinor = toMinor(total)
  const weightSum = weights.reduce((a, w) => a.plus(w), ZERO)
  if (weightSum.isZero()) throw new RangeError('weights sum to zero')
  const exact = weights.map((w) => new Decimal(totalMinor).times(w).dividedBy(weightSum))
  const floors = exact.map((e) => e.floor())
  let remainder = new Decimal(totalMinor).minus(floors.reduce((a, f) => a.plus(f), ZERO)).toNumber()
  const order = exact
    .map((e, i) => ({ i, frac: e.minus(floors[i]!) }))
    .sort((a, b) => b.frac.comparedTo(a.frac) || a.i - b.i)
  const parts = floors.slice()
  for (const { i } of order) {
    if (remainder <= 0) break
    parts[i] = parts[i]!.plus(1)
    remainder--
  }
  return parts.map((p) => p.dividedBy(100))
}
