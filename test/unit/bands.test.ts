import { describe, expect, it } from 'vitest'
import {
  type BandPolicy,
  bandBucket,
  bandPosition,
  bandsInForce,
  checkBands,
  compaRatio,
  findBand,
  midpointProgression,
  overlap,
  rangePenetration,
  spread,
} from '../../src/domain/bands.ts'
import { type Level, type SalaryBand, salaryBand } from '../../src/domain/model.ts'
import { type Decimal, dec } from '../../src/domain/money.ts'

const band = (
  id: string,
  officeId: string,
  levelId: string,
  [min, mid, max]: [string, string, string],
  effectiveFrom = '2026-01-01',
): SalaryBand =>
  salaryBand.parse({
    id,
    familyId: 'eng',
    levelId,
    officeId,
    currency: officeId === 'lon' ? 'GBP' : 'USD',
    min,
    mid,
    max,
    effectiveFrom,
  })

const ratio4 = (d: Decimal) => d.toFixed(4)

describe('band ratios: pay 300,000 in a 265,000-317,500-370,000 band', () => {
  const b = band('lon-l6', 'lon', 'l6', ['265000', '317500', '370000'])
  const pay = dec('300000')

  it('compa-ratio = pay / mid = 300,000 / 317,500 = 0.9449', () => {
    expect(ratio4(compaRatio(pay, b))).toBe('0.9449')
  })

  it('range penetration = (300,000 - 265,000) / (370,000 - 265,000) = 35/105 = 0.3333', () => {
    expect(ratio4(rangePenetration(pay, b))).toBe('0.3333')
  })

  it('spread = (370,000 - 265,000) / 265,000 = 0.3962', () => {
    expect(ratio4(spread(b))).toBe('0.3962')
  })

  it.each([
    ['264999.99', 'below_min'], // green circle
    ['265000', 'in_band'],
    ['370000', 'in_band'],
    ['370000.01', 'above_max'], // red circle
  ])('pay %s is %s', (p, position) => {
    expect(bandPosition(dec(p), b)).toBe(position)
  })
})

describe('band bucket and compa-ratio at the edges of a 265,000-317,500-370,000 band', () => {
  // range = 370,000 - 265,000 = 105,000; a quarter of it is 26,250, so the quarters start at
  // 265,000 (Q1), 291,250 (Q2), 317,500 (Q3) and 343,750 (Q4); Q4 runs to 370,000 inclusive
  const b = band('lon-l6', 'lon', 'l6', ['265000', '317500', '370000'])
  it.each([
    ['264999.99', 'below_min', '0.8346'], // 264,999.99 / 317,500 = 0.834645...
    ['265000', 'q1', '0.8346'], // penetration 0: the minimum is in the band
    ['291249.99', 'q1', '0.9173'], // 26,249.99 / 105,000 = 0.24999990
    ['291250', 'q2', '0.9173'], // 26,250 / 105,000 = 0.25 exactly; 291,250 / 317,500 = 0.917323
    ['317499.99', 'q2', '1.0000'], // 52,499.99 / 105,000 = 0.49999990
    ['317500', 'q3', '1.0000'], // the midpoint: penetration 0.5, compa-ratio 1
    ['343749.99', 'q3', '1.0827'], // 78,749.99 / 105,000 = 0.74999990
    ['343750', 'q4', '1.0827'], // 78,750 / 105,000 = 0.75; 343,750 / 317,500 = 1.082677
    ['370000', 'q4', '1.1654'], // the maximum: penetration 1, still in band; 1.165354
    ['370000.01', 'above_max', '1.1654'],
  ])('pay %s is %s with compa-ratio %s', (pay, bucket, cr) => {
    expect(bandBucket(dec(pay), b)).toBe(bucket)
    expect(ratio4(compaRatio(dec(pay), b))).toBe(cr)
  })
})

describe('midpointProgression and overlap between adjacent levels', () => {
  const lower = band('lon-l6', 'lon', 'l6', ['265000', '317500', '370000'])
  const upper = band('lon-l7', 'lon', 'l7', ['300000', '365125', '430000'])

  it('progression = 365,125 / 317,500 - 1 = 0.15', () => {
    expect(midpointProgression(lower, upper).toFixed()).toBe('0.15')
  })

  it('overlap = (370,000 - 300,000) / (370,000 - 265,000) = 70/105 = 0.6667', () => {
    expect(ratio4(overlap(lower, upper))).toBe('0.6667')
  })

  it('is negative when there is a gap: (370,000 - 380,000) / 105,000 = -0.0952', () => {
    const above = band('lon-l8', 'lon', 'l8', ['380000', '450000', '520000'])
    expect(ratio4(overlap(lower, above))).toBe('-0.0952')
  })
})

describe('findBand and bandsInForce', () => {
  const old = band('lon-l5-2025', 'lon', 'l5', ['90000', '110000', '130000'], '2025-01-01')
  const current = band('lon-l5-2026', 'lon', 'l5', ['100000', '120000', '140000'], '2026-04-01')
  const sf = band('sf-l5', 'sf', 'l5', ['200000', '250000', '300000'], '2025-01-01')
  const bands = [current, old, sf]

  it.each([
    ['2024-12-31', null],
    ['2025-01-01', 'lon-l5-2025'],
    ['2026-03-31', 'lon-l5-2025'],
    ['2026-04-01', 'lon-l5-2026'],
    ['2030-01-01', 'lon-l5-2026'],
  ])('London L5 on %s -> %s (latest effectiveFrom on or before the date)', (date, id) => {
    expect(findBand(bands, 'eng', 'l5', 'lon', date)?.id ?? null).toBe(id)
  })

  it('matches family, level and office', () => {
    expect(findBand(bands, 'eng', 'l5', 'sf', '2026-01-01')?.id).toBe('sf-l5')
    expect(findBand(bands, 'eng', 'l6', 'lon', '2026-06-01')).toBeNull()
    expect(findBand(bands, 'sales', 'l5', 'lon', '2026-06-01')).toBeNull()
  })

  it('bandsInForce keeps one band per family x level x office', () => {
    expect(bandsInForce(bands, '2026-03-31').map((b) => b.id)).toEqual(['lon-l5-2025', 'sf-l5'])
    expect(bandsInForce(bands, '2026-04-01').map((b) => b.id)).toEqual(['lon-l5-2026', 'sf-l5'])
  })
})

describe('checkBands', () => {
  const noDefaults = { bonusTargetRate: null, newHireEquityUsd: null }
  const levels: Level[] = [
    { id: 'l5', code: 'L5', name: 'Senior', rank: 5, ...noDefaults },
    { id: 'l6', code: 'L6', name: 'Staff', rank: 6, ...noDefaults },
  ]
  // A structure that meets policy:
  // London (GBP) L5 100,000-120,000-140,000 (spread 40%); L6 120,000-144,000-168,000 (40%),
  //   progression 144,000 / 120,000 - 1 = 20%; L5 max 140,000 <= L6 mid 144,000.
  // SF (USD) L5 200,000-250,000-300,000 (50%); L6 240,000-300,000-360,000 (50%), progression 20%.
  // Seattle (USD) L5 200,000-240,000-280,000 (40%); L6 240,000-288,000-336,000 (40%), 20%.
  // Geo at 1.25 USD/GBP: London L5 120,000 x 1.25 = 150,000 and L6 144,000 x 1.25 = 180,000;
  // against SF 150,000 / 250,000 = 180,000 / 300,000 = 60%, against Seattle
  // 150,000 / 240,000 = 180,000 / 288,000 = 62.5%.
  const structure = {
    'lon-l5': band('lon-l5', 'lon', 'l5', ['100000', '120000', '140000']),
    'lon-l6': band('lon-l6', 'lon', 'l6', ['120000', '144000', '168000']),
    'sf-l5': band('sf-l5', 'sf', 'l5', ['200000', '250000', '300000']),
    'sf-l6': band('sf-l6', 'sf', 'l6', ['240000', '300000', '360000']),
    'sea-l5': band('sea-l5', 'sea', 'l5', ['200000', '240000', '280000']),
    'sea-l6': band('sea-l6', 'sea', 'l6', ['240000', '288000', '336000']),
  }
  const differential = (baseOfficeId: string, share: string, tolerance = '0.01') => ({
    officeId: 'lon',
    baseOfficeId,
    share: dec(share),
    tolerance: dec(tolerance),
  })
  const policy = (usdPerGbp = '1.25', seattle = '0.625'): BandPolicy => ({
    spreadMin: dec('0.40'),
    spreadMax: dec('0.60'),
    progressionMin: dec('0.15'),
    progressionMax: dec('0.25'),
    geo: {
      usdPerGbp: dec(usdPerGbp),
      differentials: [differential('sf', '0.60'), differential('sea', seattle)],
    },
    tolerance: dec('0.01'),
  })
  const check = (changes: Partial<typeof structure> = {}, p = policy()) =>
    // bands named by id here, so the messages below stay short; pages name them (names.ts)
    checkBands(Object.values({ ...structure, ...changes }), levels, p, (b) => b.id)

  it('finds nothing in a structure that meets policy', () => {
    expect(check()).toEqual([])
  })

  it('flags a spread outside policy and suggests min/max keeping the midpoint', () => {
    // L6 120,000-144,000-204,000: spread 84,000 / 120,000 = 70% > 60% + 1%.
    // Suggested at 60%: min = 144,000 / 1.3 = 110,769.23; max = min x 1.6 = 177,230.77
    const findings = check({
      'lon-l6': band('lon-l6', 'lon', 'l6', ['120000', '144000', '204000']),
    })
    expect(findings).toEqual([
      {
        code: 'spread_outside_policy',
        bandIds: ['lon-l6'],
        message: 'Band lon-l6: spread 70.0% is outside the policy range 40.0%-60.0%.',
        suggestion: 'Keep the midpoint £144,000 and use £110,769-£177,231 (spread 60.0%).',
      },
    ])
  })

  it('allows a spread within the tolerance: 120,000-192,600 is 60.5%', () => {
    expect(
      check({ 'lon-l6': band('lon-l6', 'lon', 'l6', ['120000', '144000', '192600']) }),
    ).toEqual([])
  })

  it('flags a minimum that is not below the midpoint', () => {
    // 144,000-144,000-168,000: min = mid; spread 24,000 / 144,000 = 16.7% is also too narrow
    const findings = check({
      'lon-l6': band('lon-l6', 'lon', 'l6', ['144000', '144000', '168000']),
    })
    expect(findings.map((f) => f.code)).toEqual(['min_not_below_mid', 'spread_outside_policy'])
    expect(findings[0]!.suggestion).toBe(
      'Set the midpoint to £156,000, halfway between min and max.',
    )
  })

  it('flags a midpoint that is not below the maximum', () => {
    // L6 120,000-168,000-168,000: mid = max (spread 40% is fine); halfway = 144,000.
    // Mid 168,000 is 40% above L5's 120,000, so progression is flagged too, and at 1.25 it is
    // 210,000 / 300,000 = 70% of SF's L6 (policy 60%) and 210,000 / 288,000 = 72.9% of Seattle's
    // (policy 62.5%).
    const findings = check({
      'lon-l6': band('lon-l6', 'lon', 'l6', ['120000', '168000', '168000']),
    })
    expect(findings.map((f) => f.code)).toEqual([
      'mid_not_below_max',
      'progression_outside_policy',
      'geo_differential',
      'geo_differential',
    ])
    expect(findings[0]!.message).toBe(
      'Band lon-l6: midpoint £168,000 is not below the maximum £168,000.',
    )
  })

  it('flags midpoint progression outside policy and suggests the upper midpoint', () => {
    // SF L6 mid 330,000: 330,000 / 250,000 - 1 = 32% > 25% + 1%; at 25%: 250,000 x 1.25 = 312,500
    const findings = check(
      { 'sf-l6': band('sf-l6', 'sf', 'l6', ['240000', '330000', '360000']) },
      { ...policy(), geo: null },
    )
    expect(findings).toEqual([
      {
        code: 'progression_outside_policy',
        bandIds: ['sf-l5', 'sf-l6'],
        message:
          'Bands sf-l5 -> sf-l6: midpoint progression 32.0% is outside the policy range ' +
          '15.0%-25.0%.',
        suggestion: 'Set the sf-l6 midpoint to $312,500 (25.0% above $250,000).',
      },
    ])
  })

  it("flags a lower band whose maximum passes the next level's midpoint", () => {
    // L5 100,000-120,000-150,000 (spread 50%): max 150,000 > L6 mid 144,000;
    // overlap = (150,000 - 120,000) / (150,000 - 100,000) = 60%
    const findings = check({
      'lon-l5': band('lon-l5', 'lon', 'l5', ['100000', '120000', '150000']),
    })
    expect(findings).toEqual([
      {
        code: 'overlap',
        bandIds: ['lon-l5', 'lon-l6'],
        message:
          "Bands lon-l5 and lon-l6 overlap by 60.0%: the lower maximum £150,000 is above the next level's midpoint £144,000.",
        suggestion: 'Bring the lon-l5 maximum down to £144,000 or below.',
      },
    ])
  })

  it("flags London midpoints above each US office's differential at the current rate", () => {
    // At 1.35: L5 120,000 x 1.35 = 162,000 -> 162,000 / 250,000 = 64.8% of SF vs 60% (4.8 pts
    // over the 1-point tolerance); London's suggested mid 250,000 x 0.60 / 1.35 = 111,111.11, or
    // SF's 162,000 / 0.60 = 270,000. L6: 144,000 x 1.35 = 194,400 / 300,000 = 64.8%; London
    // 300,000 x 0.60 / 1.35 = 133,333.33, or SF 194,400 / 0.60 = 324,000.
    // Seattle: 162,000 / 240,000 = 67.5% vs 62.5%: London 240,000 x 0.625 / 1.35 = 111,111.11, or
    // Seattle 162,000 / 0.625 = 259,200; L6 194,400 / 288,000 = 67.5%: 133,333.33 or 311,040.
    const findings = check({}, policy('1.35'))
    expect(findings).toEqual([
      {
        code: 'geo_differential',
        bandIds: ['lon-l5', 'sf-l5'],
        message:
          "Band lon-l5: midpoint £120,000 ($162,000 at 1.35 USD/GBP) is 64.8% of sf-l5's $250,000, above the policy differential of 60.0% by more than 1.0 points.",
        suggestion: 'Set the lon-l5 midpoint to £111,111, or the sf-l5 midpoint to $270,000.',
      },
      {
        code: 'geo_differential',
        bandIds: ['lon-l6', 'sf-l6'],
        message:
          "Band lon-l6: midpoint £144,000 ($194,400 at 1.35 USD/GBP) is 64.8% of sf-l6's $300,000, above the policy differential of 60.0% by more than 1.0 points.",
        suggestion: 'Set the lon-l6 midpoint to £133,333, or the sf-l6 midpoint to $324,000.',
      },
      {
        code: 'geo_differential',
        bandIds: ['lon-l5', 'sea-l5'],
        message:
          "Band lon-l5: midpoint £120,000 ($162,000 at 1.35 USD/GBP) is 67.5% of sea-l5's $240,000, above the policy differential of 62.5% by more than 1.0 points.",
        suggestion: 'Set the lon-l5 midpoint to £111,111, or the sea-l5 midpoint to $259,200.',
      },
      {
        code: 'geo_differential',
        bandIds: ['lon-l6', 'sea-l6'],
        message:
          "Band lon-l6: midpoint £144,000 ($194,400 at 1.35 USD/GBP) is 67.5% of sea-l6's $288,000, above the policy differential of 62.5% by more than 1.0 points.",
        suggestion: 'Set the lon-l6 midpoint to £133,333, or the sea-l6 midpoint to $311,040.',
      },
    ])
  })

  it("flags London midpoints below one office's differential, leaving the office in line alone", () => {
    // Seattle's policy 70% at 1.25: London L5 150,000 / 240,000 = 62.5%, 7.5 points below;
    // London 240,000 x 0.70 / 1.25 = 134,400, or Seattle 150,000 / 0.70 = 214,285.71.
    // L6 180,000 / 288,000 = 62.5%: London 288,000 x 0.70 / 1.25 = 161,280, or Seattle
    // 180,000 / 0.70 = 257,142.86. SF stays at 60%, in line.
    const findings = check({}, policy('1.25', '0.70'))
    expect(findings.map((f) => [f.bandIds, f.suggestion])).toEqual([
      [
        ['lon-l5', 'sea-l5'],
        'Set the lon-l5 midpoint to £134,400, or the sea-l5 midpoint to $214,286.',
      ],
      [
        ['lon-l6', 'sea-l6'],
        'Set the lon-l6 midpoint to £161,280, or the sea-l6 midpoint to $257,143.',
      ],
    ])
    expect(findings[0]!.message).toContain("is 62.5% of sea-l5's $240,000, below the policy")
  })

  it('allows a share within the tolerance either way: 61% and 59% against 60% +/- 1 point', () => {
    // 1.2708333 x 120,000 = 152,500 / 250,000 = 61.0%; 1.2291667 x 120,000 = 147,500 -> 59.0%
    for (const [rate, share] of [
      ['1.27083333', '0.61'],
      ['1.22916667', '0.59'],
    ] as const) {
      const sfOnly = {
        ...policy(rate),
        geo: { usdPerGbp: dec(rate), differentials: [differential('sf', '0.60')] },
      }
      expect(check({}, sfOnly), `at ${rate}, ${share}`).toEqual([])
    }
  })
})
