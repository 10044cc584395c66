import { describe, expect, it } from 'vitest'
import {
  addMinor,
  allocate,
  dec,
  formatMinor,
  formatMoney,
  formatPercent,
  fromMinor,
  type Minor,
  minorText,
  roundLine,
  sumMinor,
  toFixed2,
  toMinor,
} from '../../src/domain/money.ts'

describe('dec', () => {
  it.each([
    ['1234.56', '1234.56'],
    ['-0.5', '-0.5'],
    [' 12 ', '12'], // surrounding whitespace is trimmed
    ['0.000000000001', '0.000000000001'], // 12 places, no exponent form
  ])('parses %j exactly as %s', (text, expected) => {
    expect(dec(text).toFixed()).toBe(expected)
  })

  it.each([
    '0x10', // hex
    '1e3', // exponent
    '1E3',
    'Infinity',
    '-Infinity',
    'NaN',
    '1,000.50', // commas
    '',
    '.5',
    '1.',
    '+1',
    '1.0000000000001', // more than 12 places
  ])('refuses %j', (text) => {
    expect(() => dec(text)).toThrow(RangeError)
  })

  it('accepts safe integers and refuses floats, which may already carry binary error', () => {
    expect(dec(42).toFixed()).toBe('42')
    expect(() => dec(0.1)).toThrow('not an exact integer: 0.1')
    expect(() => dec(2 ** 53)).toThrow(RangeError)
  })
})

describe('roundLine: half-up to the penny/cent', () => {
  it.each([
    ['1.005', '1.01'], // Math.round(1.005 * 100) / 100 gives 1.00; Decimal is exact
    ['1.004', '1.00'],
    ['2.675', '2.68'], // another binary-float trap
    ['0.125', '0.13'],
    ['12500.00', '12500.00'],
    ['-1.005', '-1.01'], // half away from zero
    ['8333.333333', '8333.33'],
  ])('%s -> %s', (amount, rounded) => {
    expect(roundLine(dec(amount)).toFixed(2)).toBe(rounded)
  })
})

describe('minor units', () => {
  it('converts rounded amounts to integer pence/cents and back', () => {
    expect(toMinor(dec('1812.45'))).toBe(181245)
    expect(toMinor(dec('-0.01'))).toBe(-1)
    expect(fromMinor(181245).toFixed(2)).toBe('1812.45')
  })

  it('refuses an amount that is not rounded to minor units', () => {
    expect(() => toMinor(dec('12.345'))).toThrow('not rounded to minor units: 12.345')
  })

  it('adds exactly and refuses totals beyond safe integers', () => {
    expect(sumMinor([181245, 181245, 1] as Minor[])).toBe(362491)
    expect(() => addMinor(Number.MAX_SAFE_INTEGER as Minor, 1 as Minor)).toThrow('out of range')
  })
})

describe('allocate', () => {
  it('splits 100,000 into 12 months that sum exactly (rounding each month would lose 4p)', () => {
    // 100,000 / 12 = 8,333.333... Rounded per month: 12 x 8,333.33 = 99,999.96.
    expect(roundLine(dec('100000').dividedBy(12)).times(12).toFixed(2)).toBe('99999.96')
    // Largest remainder in pence: 12 x 833,333p = 9,999,996p; the 4p left go to the first four
    // months (equal remainders, so by position): 4 x 8,333.34 + 8 x 8,333.33 = 100,000.00
    const parts = allocate(dec('100000'), Array(12).fill(dec(1)))
    expect(parts.map((p) => p.toFixed(2))).toEqual([
      ...Array(4).fill('8333.34'),
      ...Array(8).fill('8333.33'),
    ])
    expect(sumMinor(parts.map(toMinor))).toBe(10_000_000)
  })

  it('splits in proportion to weights: 100.00 by 1:2 -> 33.33 + 66.67', () => {
    // exact 3,333.33p and 6,666.67p; floors 3,333 + 6,666 = 9,999; the 1p goes to the larger
    // remainder (0.67 > 0.33)
    const parts = allocate(dec('100.00'), [dec(1), dec(2)])
    expect(parts.map((p) => p.toFixed(2))).toEqual(['33.33', '66.67'])
  })

  it('refuses weights that sum to zero', () => {
    expect(() => allocate(dec('10'), [dec(0), dec(0)])).toThrow('weights sum to zero')
  })
})

describe('toFixed2 and formatting', () => {
  it.each([
    ['-0.001', '0.00'], // never "-0.00"
    ['-0.004', '0.00'],
    ['-0.005', '-0.01'],
    ['12', '12.00'],
  ])('toFixed2(%s) = %s', (amount, text) => {
    expect(toFixed2(dec(amount))).toBe(text)
  })

  it.each([
    ['13333.33', 'GBP', {}, '£13,333.33'],
    ['-1200', 'USD', {}, '-$1,200.00'],
    ['1234567.891', 'USD', {}, '$1,234,567.89'],
    ['999.995', 'GBP', {}, '£1,000.00'], // rounds half-up, then groups
    ['0', 'GBP', {}, '£0.00'],
    ['-0.001', 'GBP', {}, '£0.00'], // no "-£0.00"
    ['265000', 'GBP', { wholeUnits: true }, '£265,000'],
    ['264999.5', 'GBP', { wholeUnits: true }, '£265,000'],
    ['-0.4', 'USD', { wholeUnits: true }, '$0'], // no "-$0"
    ['999', 'USD', {}, '$999.00'],
  ] as const)('formatMoney(%s, %s, %j) = %s', (amount, currency, opts, text) => {
    expect(formatMoney(dec(amount), currency, opts)).toBe(text)
  })

  it.each([
    [181245, 'GBP', {}, '£1,812.45'],
    [0, 'GBP', {}, '£0.00'],
    [5, 'USD', {}, '$0.05'],
    [-5, 'USD', {}, '-$0.05'],
    [-120000, 'USD', {}, '-$1,200.00'],
    [123456789012, 'GBP', {}, '£1,234,567,890.12'],
    [26499950, 'GBP', { wholeUnits: true }, '£265,000'], // £264,999.50 rounds half up
    [26499949, 'GBP', { wholeUnits: true }, '£264,999'],
    [-150, 'GBP', { wholeUnits: true }, '-£2'], // half away from zero
    [-49, 'USD', { wholeUnits: true }, '$0'], // no "-$0"
  ] as const)('formatMinor(%s, %s, %j) = %s', (minor, currency, opts, text) => {
    expect(formatMinor(minor, currency, opts)).toBe(text)
  })

  it('formats minor units by integers exactly as formatMoney formats their Decimal', () => {
    const samples = [0, 1, -1, 49, 50, -50, 99, 100, 149, 150, -150, 999_999, -1_000_050]
    for (let i = 0; i < 500; i++) samples.push(Math.round((Math.random() - 0.5) * 1e12))
    for (const minor of samples) {
      for (const opts of [{}, { wholeUnits: true }]) {
        expect(formatMinor(minor, 'GBP', opts)).toBe(formatMoney(fromMinor(minor), 'GBP', opts))
      }
    }
  })

  it.each([
    ['0.15', '15%'],
    ['0.138', '13.8%'],
    ['0.0145', '1.45%'],
    ['0.062', '6.2%'],
  ])('formatPercent(%s) = %s', (rate, text) => {
    expect(formatPercent(dec(rate))).toBe(text)
  })
})

describe('minorText', () => {
  it('writes minor units with two decimals exactly as the Decimal would', () => {
    // 123456 pence = £1,234.56; -7 pence = -£0.07; 5 pence = £0.05; 0 is never "-0.00"
    expect(minorText(123456)).toBe('1234.56')
    expect(minorText(-7)).toBe('-0.07')
    expect(minorText(5)).toBe('0.05')
    expect(minorText(0)).toBe('0.00')
    expect(minorText(-0)).toBe('0.00')
    for (let k = -100_000; k <= 100_000; k += 37) {
      expect(minorText(k * 1013)).toBe(fromMinor(k * 1013).toFixed(2))
    }
    expect(minorText(9_007_199_254_740_991)).toBe(fromMinor(9_007_199_254_740_991).toFixed(2))
  })
})
