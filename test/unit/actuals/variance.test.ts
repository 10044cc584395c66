/**
 * Variance split (docs/actuals.md "Variance"), hand-worked to the penny. The budget: two London
 * people and one San Francisco role in one team, reported in GBP, budget rate 1.25 USD per GBP.
 *   Alice (London)  £6,000.00 a month salary
 *   Ben (London)    £5,000.00 a month salary
 *   Cara (SF role)  $12,000.00 a month salary, budgeted from January
 * What happened: Cara starts a month late (paid from February); Ben is paid £5,500.00; the actual
 * rate moves from 1.25 (January) to 1.30 (February) and 1.20 (March).
 */
import { describe, expect, it } from 'vitest'
import {
  amountKey,
  headKey,
  type LocalAmounts,
  splitVariance,
  sumVariance,
  type VarianceSide,
} from '../../../src/domain/actuals/variance.ts'
import { dec } from '../../../src/domain/money.ts'

const side = (salaries: LocalAmounts[], heads: number[], rates: string[]): VarianceSide => ({
  amounts: new Map(salaries.map((a, m) => [amountKey('interp', 'salary', m), a])),
  heads: new Map(heads.map((h, m) => [headKey('interp', m), h])),
  rates: rates.map((r) => dec(r)),
})

// Budget each month: £6,000 + £5,000 = £11,000 (1,100,000p) and $12,000 (1,200,000c); 3 heads.
const budget = side(
  [0, 1, 2].map(() => ({ GBP: 1_100_000, USD: 1_200_000 })),
  [3, 3, 3],
  ['1.25', '1.25', '1.25'],
)
// Actual: £6,000 + £5,500 = £11,500 every month; Cara's $12,000 from February.
const actual = side(
  [
    { GBP: 1_150_000, USD: 0 },
    { GBP: 1_150_000, USD: 1_200_000 },
    { GBP: 1_150_000, USD: 1_200_000 },
  ],
  [2, 3, 3],
  ['1.25', '1.30', '1.20'],
)

describe('variance split', () => {
  const cells = splitVariance(budget, actual, 'GBP').sort((a, b) => a.month - b.month)

  it('January: Cara not yet started is volume; Ben paid more is rate; no FX at the budget rate', () => {
    // budget = 11,000 + 12,000 / 1.25 = 11,000 + 9,600 = £20,600.00
    // actual = £11,500.00 (no USD), at either rate
    // volume = (2 - 3) x 20,600 / 3 = -6,866.666.. -> -£6,866.67
    // rate   = 11,500 - 20,600 - (-6,866.67) = -£2,233.33 ; FX = 0
    expect(cells[0]).toMatchObject({
      budget: 2_060_000,
      actual: 1_150_000,
      volume: -686_667,
      rate: -223_333,
      fx: 0,
      budgetHeads: 3,
      actualHeads: 2,
    })
  })

  it('February: heads as budgeted; Ben +£500 is rate; the dollar weakening to 1.30 is FX', () => {
    // at budget rate: 11,500 + 12,000 / 1.25 = 11,500 + 9,600 = £21,100.00
    // at actual rate: 11,500 + 12,000 / 1.30 = 11,500 + 9,230.769.. -> 11,500 + 9,230.77 = £20,730.77
    // volume 0; rate = 21,100 - 20,600 = £500.00; FX = 20,730.77 - 21,100 = -£369.23
    expect(cells[1]).toMatchObject({
      budget: 2_060_000,
      actual: 2_073_077,
      volume: 0,
      rate: 50_000,
      fx: -36_923,
    })
  })

  it('March: the rate at 1.20 makes the dollars dearer: FX +£400.00', () => {
    // at actual rate: 11,500 + 12,000 / 1.20 = 11,500 + 10,000 = £21,500.00
    // rate £500.00 ; FX = 21,500 - 21,100 = £400.00
    expect(cells[2]).toMatchObject({ actual: 2_150_000, volume: 0, rate: 50_000, fx: 40_000 })
  })

  it('every cell and the year: volume + rate + FX = actual - budget, to the penny', () => {
    for (const c of cells) expect(c.volume + c.rate + c.fx).toBe(c.actual - c.budget)
    // year: budget 3 x 20,600 = £61,800.00; actual 11,500 + 20,730.77 + 21,500 = £53,730.77
    // volume -6,866.67; rate -2,233.33 + 500 + 500 = -1,233.33; FX 0 - 369.23 + 400 = 30.77
    // -6,866.67 - 1,233.33 + 30.77 = -8,069.23 = 53,730.77 - 61,800.00
    const year = sumVariance(cells, () => 'year').get('year')!
    expect(year).toEqual({
      budget: 6_180_000,
      actual: 5_373_077,
      volume: -686_667,
      rate: -123_333,
      fx: 3_077,
      budgetHeads: 9,
      actualHeads: 8,
    })
  })

  it('reported in USD the same story converts at each side of the rate', () => {
    const usd = splitVariance(budget, actual, 'USD')
    for (const c of usd) expect(c.volume + c.rate + c.fx).toBe(c.actual - c.budget)
    // February in USD: budget 11,000 x 1.25 + 12,000 = $25,750.00; actual 11,500 x 1.30 + 12,000
    // = $26,950.00; at budget rate 11,500 x 1.25 + 12,000 = $26,375.00 -> FX $575.00, rate $625.00
    const feb = usd.find((c) => c.month === 1)!
    expect(feb).toMatchObject({ budget: 2_575_000, actual: 2_695_000, rate: 62_500, fx: 57_500 })
  })

  it('an unplanned hire in a month the budget has no heads uses the year cost per head', () => {
    const b = side(
      [
        { GBP: 600_000, USD: 0 },
        { GBP: 0, USD: 0 },
      ],
      [1, 0],
      ['1.25', '1.25'],
    )
    const a = side(
      [
        { GBP: 600_000, USD: 0 },
        { GBP: 700_000, USD: 0 },
      ],
      [1, 1],
      ['1.25', '1.25'],
    )
    // month 1: budget £0 with 0 heads; the year's cost per head is 6,000 / 1 head-month
    // volume = (1 - 0) x 6,000 = £6,000.00; rate = 7,000 - 0 - 6,000 = £1,000.00
    const feb = splitVariance(b, a, 'GBP').find((c) => c.month === 1)!
    expect(feb).toMatchObject({ budget: 0, actual: 700_000, volume: 600_000, rate: 100_000 })
  })
})
