import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { workspaceDocument } from '../../../src/domain/document.ts'
import { adRequirements, jobAdRange, jobAdText } from '../../../src/domain/hiring/job-ad.ts'
import { jobAdPolicy, payTransparencyFile, postedRange } from '../../../src/domain/hiring/schema.ts'
import { dec } from '../../../src/domain/money.ts'

const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'))
const rules = payTransparencyFile.parse(readJson('data/hiring/pay-transparency.json')).jurisdictions
const demo = workspaceDocument.parse(readJson('data/demo-org.json'))
const usBenefits = demo.benefitPackages.find((p) => p.region === 'US')!
const policy = jobAdPolicy.parse({
  minShareOfMinToMid: '0.1',
  maxShareOfMidToMax: '0.25',
  roundTo: '1000',
})
// NY band: min $218,500, mid $262,250, max $306,000 (mid - min = max - mid = $43,750).
// min = 218,500 + 0.1 x 43,750 = 222,875 -> up to $223,000
// max = 262,250 + 0.25 x 43,750 = 273,187.50 -> down to $273,000
const nyBand = {
  min: dec('218500'),
  mid: dec('262250'),
  max: dec('306000'),
  currency: 'USD' as const,
}
const role = {
  bonusTargetRate: dec('0.15'),
  equityGrants: [
    {
      id: 'g1',
      grantDate: '2027-06-01',
      valueUsd: dec('400000'),
      grantPriceUsd: null,
      vestingMonths: 48,
      cliffMonths: 12,
      vestEveryMonths: 1 as const,
    },
  ],
}
const on = { postedOn: '2026-09-01', employees: 120 }

describe('jobAdRange', () => {
  it('posts a sub-range of the band, min rounded up and max down to the unit', () => {
    const r = jobAdRange(nyBand, policy)
    expect([r.min.toFixed(), r.max.toFixed(), r.currency]).toEqual(['223000', '273000', 'USD'])
  })

  it('refuses a policy that leaves no range after rounding', () => {
    const narrow = {
      min: dec('100100'),
      mid: dec('100200'),
      max: dec('100300'),
      currency: 'GBP' as const,
    }
    expect(() => jobAdRange(narrow, policy)).toThrow(/no range/)
  })
})

describe('a New York and a Colorado posting', () => {
  const range = jobAdRange(nyBand, policy)

  it('New York: the minimum and maximum only', () => {
    const req = adRequirements(rules, [{ country: 'US', state: 'NY' }], on)
    const ad = jobAdText(range, req, role, usBenefits)
    expect(req.jurisdictions.map((j) => j.jurisdiction)).toEqual(['NY'])
    expect(ad.text).toBe('Salary range: $223,000 to $273,000 a year.')
    expect([ad.benefits, ad.bonusEquity]).toEqual([null, null])
  })

  it('Colorado: the range plus benefits and bonus/equity descriptions', () => {
    const req = adRequirements(rules, [{ country: 'US', state: 'CO' }], on)
    const ad = jobAdText(range, req, role, usBenefits)
    expect(ad.benefits).toMatch(/^Benefits: 401\(k\) match of 4% of pay; health, dental/)
    expect(ad.bonusEquity).toBe(
      'Other compensation: a target annual bonus of 15% of base salary; an equity grant worth ' +
        '$400,000 vesting over 48 months with a 12-month cliff.',
    )
    expect(ad.text.split('\n')).toHaveLength(3)
  })

  it('a remote role in NY and CO takes the strictest rule', () => {
    const req = adRequirements(
      rules,
      [
        { country: 'US', state: 'NY' },
        { country: 'US', state: 'CO' },
      ],
      on,
    )
    expect([req.requiresRange, req.requiresBenefits, req.requiresBonusEquity]).toEqual([
      true,
      true,
      true,
    ])
  })

  it('applies a rule only from its effective date and above its employee threshold', () => {
    // NJ from 2025-06-01; NY needs 4+ employees
    const nj = [{ country: 'US' as const, state: 'NJ' }]
    expect(adRequirements(rules, nj, { ...on, postedOn: '2025-05-31' }).requiresRange).toBe(false)
    expect(adRequirements(rules, nj, { ...on, postedOn: '2025-06-01' }).requiresBenefits).toBe(true)
    const ny = [{ country: 'US' as const, state: 'NY' }]
    expect(adRequirements(rules, ny, { ...on, employees: 3 }).requiresRange).toBe(false)
  })

  it('the UK requires nothing, so no descriptions are added', () => {
    const req = adRequirements(rules, [{ country: 'GB', state: null }], on)
    expect([req.requiresRange, req.requiresBenefits, req.requiresBonusEquity]).toEqual([
      false,
      false,
      false,
    ])
  })
})

describe('postedRange', () => {
  it('keeps what was posted, and refuses a minimum not below the maximum', () => {
    const posted = {
      roleId: 'r-103',
      location: 'New York',
      min: '223000.00',
      max: '273000.00',
      currency: 'USD',
      postedOn: '2026-09-01',
      text: 'Salary range: $223,000 to $273,000 a year.',
    }
    expect(postedRange.parse(posted).max.toFixed(2)).toBe('273000.00')
    const bad = postedRange.safeParse({ ...posted, min: '300000.00' })
    expect(bad.success).toBe(false)
    expect(bad.error!.issues[0]!.path).toEqual(['min'])
  })
})
