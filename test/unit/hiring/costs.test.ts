import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  type HiringRole,
  hiringCostLines,
  MissingHiringCostError,
} from '../../../src/domain/hiring/costs.ts'
import { hiringCostsFile } from '../../../src/domain/hiring/schema.ts'
import { dec } from '../../../src/domain/money.ts'

const table = hiringCostsFile.parse(JSON.parse(readFileSync('data/hiring/costs.json', 'utf8')))
const summary = (lines: ReturnType<typeof hiringCostLines>) =>
  lines.map((l) => [l.label, l.amount.toFixed(2), l.currency, l.month])

const londonManager: HiringRole = {
  baseSalary: dec('317500.00'),
  currency: 'GBP',
  hiring: { agencyFeeRate: dec('0.2'), relocation: dec('0'), visa: 'uk_skilled_worker' },
}

describe('UK Skilled Worker sponsorship', () => {
  it('lands the agency fee, CoS and ISC in the start month in GBP', () => {
    // Agency 20% x £317,500 = £63,500.00; CoS £525; ISC 60-month visa = £1,320 + 8 x £660
    // (48 further months / 6) = £6,600 (domain 7: 5-year example ISC £6,600 + CoS £525 = £7,125)
    const lines = hiringCostLines(londonManager, '2027-04-01', table, { visaMonths: 60 })
    expect(summary(lines)).toEqual([
      ['Agency fee', '63500.00', 'GBP', '2027-04'],
      ['Certificate of Sponsorship', '525.00', 'GBP', '2027-04'],
      ['Immigration Skills Charge', '6600.00', 'GBP', '2027-04'],
    ])
    expect(lines[2]!.explanation).toBe(
      '£1,320.00 for the first 12 months + 8 x £660.00 for each further 6 months of a ' +
        '60-month visa; in force from 2025-12-16',
    )
  })

  it('adds the visa fee and health surcharge when the employer pays them', () => {
    // 60 months > 36: visa fee £1,519; IHS 10 half-years x £517.50 = £5,175.00.
    // 36 months: visa fee £769, IHS 6 x £517.50 = £3,105.00, ISC £1,320 + 4 x £660 = £3,960
    const include = { visaFee: true, healthSurcharge: true }
    const five = hiringCostLines(londonManager, '2027-04-01', table, { visaMonths: 60, include })
    expect(summary(five).slice(3)).toEqual([
      ['Skilled Worker visa application fee', '1519.00', 'GBP', '2027-04'],
      ['Immigration Health Surcharge', '5175.00', 'GBP', '2027-04'],
    ])
    const three = hiringCostLines(londonManager, '2027-04-01', table, { visaMonths: 36, include })
    expect(
      summary(three)
        .slice(2)
        .map((l) => l[1]),
    ).toEqual(['3960.00', '769.00', '3105.00'])
  })

  it('uses small-sponsor ISC rates when asked', () => {
    // £480 + 8 x £240 = £2,400
    const lines = hiringCostLines(londonManager, '2027-04-01', table, {
      visaMonths: 60,
      smallEmployer: true,
    })
    expect(lines[2]!.amount.toFixed(2)).toBe('2400.00')
  })

  it('refuses a start before the first ISC rate the data holds', () => {
    expect(() => hiringCostLines(londonManager, '2025-06-01', table, { visaMonths: 36 })).toThrow(
      MissingHiringCostError,
    )
  })
})

describe('US H-1B', () => {
  const sfResearcher: HiringRole = {
    baseSalary: dec('261000.00'),
    currency: 'USD',
    hiring: { agencyFeeRate: null, relocation: dec('25000.00'), visa: 'us_h1b' },
  }

  it('lands relocation and the filing fees in the start month in USD', () => {
    // $215 + $780 + $600 + $1,500 + $500 = $3,595 of fees; premium processing and the
    // proclamation fee are off unless asked for
    const lines = hiringCostLines(sfResearcher, '2027-06-15', table, { visaMonths: 36 })
    expect(summary(lines)).toEqual([
      ['Relocation', '25000.00', 'USD', '2027-06'],
      ['H-1B registration', '215.00', 'USD', '2027-06'],
      ['Form I-129 petition', '780.00', 'USD', '2027-06'],
      ['Asylum Program Fee', '600.00', 'USD', '2027-06'],
      ['ACWIA training fee', '1500.00', 'USD', '2027-06'],
      ['Fraud Prevention and Detection Fee', '500.00', 'USD', '2027-06'],
    ])
  })

  it('charges premium processing when chosen, and the $100k only while the proclamation ran', () => {
    const include = { premiumProcessing: true, proclamationFee: true }
    const after = hiringCostLines(sfResearcher, '2027-06-15', table, { visaMonths: 36, include })
    expect(after.map((l) => l.label)).toContain('Premium processing')
    expect(after.map((l) => l.feeId)).not.toContain('h1b-proclamation')
    const during = hiringCostLines(sfResearcher, '2026-03-02', table, { visaMonths: 36, include })
    expect(during.find((l) => l.feeId === 'h1b-proclamation')!.amount.toFixed(2)).toBe('100000.00')
  })

  it('uses small-employer rates: $215 + $460 + $300 + $750 + $500 = $2,225', () => {
    const lines = hiringCostLines(sfResearcher, '2027-06-15', table, {
      visaMonths: 36,
      smallEmployer: true,
    })
    const fees = lines.filter((l) => l.feeId !== null)
    expect(fees.reduce((s, l) => s.plus(l.amount), dec(0)).toFixed(2)).toBe('2225.00')
  })

  it('bills H-1B fees in USD even for a role paid in GBP', () => {
    const lines = hiringCostLines({ ...sfResearcher, currency: 'GBP' }, '2027-06-15', table, {
      visaMonths: 36,
    })
    expect(lines[0]).toMatchObject({ label: 'Relocation', currency: 'GBP' })
    expect(new Set(lines.slice(1).map((l) => l.currency))).toEqual(new Set(['USD']))
  })
})
