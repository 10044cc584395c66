import { describe, expect, it } from 'vitest'
import { type Position, position, type SalaryBand, salaryBand } from '../../src/domain/model.ts'
import { dec } from '../../src/domain/money.ts'
import {
  changeEffectiveDate,
  payAgainstBand,
  payDifferences,
  proposedPayDate,
  withPayChange,
} from '../../src/domain/pay-change.ts'

const band = (min: string, mid: string, max: string, effectiveFrom: string): SalaryBand =>
  salaryBand.parse({
    id: `lon-l5-${effectiveFrom}`,
    familyId: 'eng',
    levelId: 'l5',
    officeId: 'lon',
    currency: 'GBP',
    min,
    mid,
    max,
    effectiveFrom,
  })

// no band before 2024; a 2024 band, then a higher 2027 band
const bands = [
  band('100000', '120000', '140000', '2024-01-01'),
  band('110000', '130000', '150000', '2027-01-01'),
]

const person = (baseSalary: string, raises: { effectiveDate: string; annualBase: string }[]) =>
  position.parse({
    id: 'p1',
    kind: 'filled',
    teamId: 't',
    officeId: 'lon',
    familyId: 'eng',
    levelId: 'l5',
    title: 'Engineer',
    personName: 'Ada',
    baseSalary,
    raises,
    startDate: '2021-03-01',
  }) as Position

describe('the band in force on a change’s effective date', () => {
  it('a 2021 hire changed today is judged by today’s band, not the start date’s (none then)', () => {
    const p = person('200000', [])
    expect(changeEffectiveDate(p, '2026-12-04')).toBe('2026-12-04')
    const judged = payAgainstBand(bands, p, changeEffectiveDate(p, '2026-12-04'))
    // 200,000 against the 2024 band's max 140,000: above
    expect(judged?.band.effectiveFrom).toBe('2024-01-01')
    expect(judged?.bucket).toBe('above_max')
    // at the start date no band was in force: that lookup found nothing to judge by
    expect(payAgainstBand(bands, p, '2021-03-01')).toBeNull()
  })

  it('a raise to 145,000 from 2027-02-01 is judged by the 2027 band (in band there)', () => {
    const p = person('120000', [{ effectiveDate: '2027-02-01', annualBase: '145000' }])
    const judged = payAgainstBand(bands, p, '2027-02-01')
    // 145,000 in 110,000-150,000: penetration 35,000 / 40,000 = 0.875, Q4; 145,000/130,000 = 1.1154
    expect(judged?.band.effectiveFrom).toBe('2027-01-01')
    expect(judged?.pay.toFixed(2)).toBe('145000.00')
    expect(judged?.bucket).toBe('q4')
    expect(judged?.compaRatio.toFixed(4)).toBe('1.1154')
    // the same 145,000 judged a day before the 2027 band: above the 2024 max of 140,000
    const early = person('120000', [{ effectiveDate: '2026-12-31', annualBase: '145000' }])
    expect(payAgainstBand(bands, early, '2026-12-31')?.bucket).toBe('above_max')
  })

  it('an open role takes effect on its target start', () => {
    const role = position.parse({
      id: 'r1',
      kind: 'open',
      teamId: 't',
      officeId: 'lon',
      familyId: 'eng',
      levelId: 'l5',
      title: 'Engineer',
      baseSalary: '148000',
      status: 'open',
      reason: 'net_new',
      targetStartDate: '2027-04-01',
    }) as Position
    expect(changeEffectiveDate(role, '2026-12-04')).toBe('2027-04-01')
    // 148,000 is above the 2024 max (140,000) but in the 2027 band (max 150,000)
    expect(payAgainstBand(bands, role, '2027-04-01')?.bucket).toBe('q4')
  })
})

describe('where a pay change differs from the pay before it', () => {
  const money = (ds: ReturnType<typeof payDifferences>) =>
    ds.map((d) => ({ from: d.from, before: d.before.toFixed(2), after: d.after.toFixed(2) }))

  it('a raise added before a later one: the one date it moves pay, with the pay it replaces', () => {
    // 100,000 from the start, 110,000 from 1 June; the change adds 105,000 from 1 March.
    // On 1 March the pay was 100,000 (the start's) and is now 105,000; on 1 June both are
    // 110,000, so June is no difference; the starting salary is untouched.
    const before = person('100000', [{ effectiveDate: '2027-06-01', annualBase: '110000' }])
    const after = withPayChange(before, {
      salary: dec('105000'),
      effectiveDate: '2027-03-01',
      bonusTargetRate: dec('0.1'),
    })
    expect(after.baseSalary.toFixed(2)).toBe('100000.00')
    expect(money(payDifferences(before, after))).toEqual([
      { from: '2027-03-01', before: '100000.00', after: '105000.00' },
    ])
  })

  it('a raise replaced on its own date reads the old raise before the new one', () => {
    const before = person('100000', [{ effectiveDate: '2027-03-01', annualBase: '104000' }])
    const after = withPayChange(before, {
      salary: dec('106500'),
      effectiveDate: '2027-03-01',
      bonusTargetRate: dec('0.1'),
    })
    expect(money(payDifferences(before, after))).toEqual([
      { from: '2027-03-01', before: '104000.00', after: '106500.00' },
    ])
  })

  it('a starting salary changed outright (an open role) is a difference from the start', () => {
    const before = person('100000', [])
    const after = { ...before, baseSalary: dec('98000.50') }
    expect(money(payDifferences(before, after))).toEqual([
      { from: null, before: '100000.00', after: '98000.50' },
    ])
    expect(payDifferences(before, before)).toEqual([])
  })
})

describe('the day a proposed pay change is judged on', () => {
  const before = person('100000', [])
  it('is the first date its raise moves pay, not today', () => {
    const after = withPayChange(before, {
      salary: dec('105000'),
      effectiveDate: '2027-03-01',
      bonusTargetRate: dec('0.1'),
    })
    expect(proposedPayDate(before, after, '2027-01-15')).toBe('2027-03-01')
  })

  it('is the change’s own date when the starting salary changes, or for a new role', () => {
    const after = { ...before, baseSalary: dec('98000') }
    // a 2021 hire changed today: today
    expect(proposedPayDate(before, after, '2027-01-15')).toBe('2027-01-15')
    expect(proposedPayDate(null, after, '2027-01-15')).toBe('2027-01-15')
  })
})
