import { describe, expect, it } from 'vitest'
import { convert, convertLine, minorConverter, usdPerGbp } from '../../src/domain/fx.ts'
import { fxRateSet } from '../../src/domain/model.ts'
import { dec } from '../../src/domain/money.ts'

const set = fxRateSet.parse({
  id: 'plan-2026',
  name: 'Plan 2026',
  budgetRates: [
    { fiscalYear: 2026, usdPerGbp: '1.27' },
    { fiscalYear: 2027, usdPerGbp: '1.35' },
  ],
  monthlyRates: [{ month: '2026-02', usdPerGbp: '1.367' }],
})

describe('usdPerGbp', () => {
  it.each([
    // [month, fiscal year start, expected rate, why]
    ['2026-02', 1, '1.367', 'a listed monthly rate overrides the budget rate'],
    ['2026-03', 1, '1.27', 'calendar fiscal year: March 2026 is FY2026'],
    ['2026-12', 1, '1.27', 'calendar fiscal year: December 2026 is FY2026'],
    ['2026-03', 4, '1.27', 'April start: March 2026 closes FY2026'],
    ['2026-04', 4, '1.35', 'April start: April 2026 opens FY2027'],
  ])('%s with fiscal start %i -> %s (%s)', (month, start, rate) => {
    expect(usdPerGbp(set, month, start).toFixed()).toBe(rate)
  })

  it('throws naming the month and fiscal year when no rate covers it', () => {
    expect(() => usdPerGbp(set, '2028-01', 1)).toThrow(
      'FX rate set "Plan 2026" has no USD/GBP rate for January 2028: add a monthly rate or a ' +
        'budget rate for FY2028',
    )
  })
})

describe('convert', () => {
  const rate = dec('1.27')

  it('leaves an amount in its own currency untouched', () => {
    expect(convert(dec('123.45'), 'GBP', 'GBP', rate).toFixed()).toBe('123.45')
    expect(convert(dec('123.45'), 'USD', 'USD', rate).toFixed()).toBe('123.45')
  })

  it('multiplies GBP by the rate and divides USD by it, unrounded', () => {
    // 1,812.45 x 1.27 = 2,301.8115 (kept to the fraction of a cent)
    expect(convert(dec('1812.45'), 'GBP', 'USD', rate).toFixed()).toBe('2301.8115')
    // 100 / 1.27 = 78.7401574803... (1.27 = 127/100, so 10000/127), kept to 40 significant digits
    expect(convert(dec('100'), 'USD', 'GBP', rate).toFixed()).toBe(
      '78.74015748031496062992125984251968503937',
    )
  })
})

describe('convertLine', () => {
  const rate = dec('1.27')

  it.each([
    // 1,812.45 x 1.27 = 2,301.8115 -> 2,301.81
    ['1812.45', 'GBP', 'USD', '2301.81'],
    // 10.50 x 1.27 = 13.335 exactly -> half-up 13.34
    ['10.50', 'GBP', 'USD', '13.34'],
    // 100 / 1.27 = 78.7401... -> 78.74
    ['100.00', 'USD', 'GBP', '78.74'],
    // 2.54 / 1.27 = 2 exactly
    ['2.54', 'USD', 'GBP', '2.00'],
  ] as const)('%s %s -> %s %s', (amount, from, to, expected) => {
    expect(convertLine(dec(amount), from, to, rate).toFixed(2)).toBe(expected)
  })
})

describe('minorConverter', () => {
  it('converts minor units per month exactly as convertLine does with Decimals', () => {
    const months = ['2026-01', '2026-06', '2027-02'] as const
    const toUsd = minorConverter(set, months, 1, 'USD')
    const toGbp = minorConverter(set, months, 1, 'GBP')
    // £1,000.01 at 1.27 = $1,270.0127, rounded half-up to $1,270.01
    expect(toUsd(100001, 'GBP', 0)).toBe(127001)
    expect(toUsd(100001, 'USD', 0)).toBe(100001)
    for (let minor = -50_000; minor <= 50_000; minor += 97) {
      months.forEach((m, i) => {
        const rate = usdPerGbp(set, m, 1)
        const exact = (to: 'GBP' | 'USD', from: 'GBP' | 'USD') =>
          Number(convertLine(dec(minor).dividedBy(100), from, to, rate).times(100).toFixed(0))
        expect(toUsd(minor, 'GBP', i)).toBe(exact('USD', 'GBP'))
        expect(toGbp(minor, 'USD', i)).toBe(exact('GBP', 'USD'))
      })
    }
  })
})
