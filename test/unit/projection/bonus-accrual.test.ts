/**
 * Bonus accrued monthly (domain Part A, continued, "Bonus for joiners and leavers"): each payment
 * and the tax it adds spread over its performance period by days employed, every other tax worked
 * out as if no bonus were paid, the levy on the pay bill as paid. Real rules; no merit.
 */
import { describe, expect, it } from 'vitest'
import { explain } from '../../../src/domain/projection/explain.ts'
import { projectFast } from '../../../src/domain/projection/fast.ts'
import type { ProjectionInput } from '../../../src/domain/projection/input.ts'
import { projectReference } from '../../../src/domain/projection/reference.ts'
import type { Projection } from '../../../src/domain/projection/result.ts'
import { filled, input } from './fixtures.ts'
import { series, yearTotal } from './helpers.ts'
import { expectSameProjection } from './same.ts'

const monthly = { assumptions: { bonusAccrual: 'monthly' as const } }

// April 2026 - March 2027, the 2026/27 tax year and the performance period of the March 2027
// bonus: 365 days (April 30, May 31, June 30, July 31, August 31, September 30, October 31,
// November 30, December 31, January 31, February 28, March 31).
const DAYS = [30, 31, 30, 31, 31, 30, 31, 30, 31, 31, 28, 31]
/** April - March, each month's figure by its days. */
const byDays = (figure: Record<number, string>) => DAYS.map((d) => figure[d])

describe('a London earner whose March bonus is accrued monthly over April-March', () => {
  // £120,000 a year since 2020, 10% target: salary 120,000 / 12 = 10,000.00 a month; the March
  // 2027 bonus 10% x 12/12 x 120,000.00 = 12,000.00.
  const ada = filled({
    id: 'ada',
    officeId: 'london',
    baseSalary: '120000',
    bonusTargetRate: '0.1',
  })
  const accrued = input('2026-04', 12, [ada], monthly)
  const paid = input('2026-04', 12, [ada])
  const p = projectReference(accrued)
  const cash = projectReference(paid)

  it('spreads the payment by the days of each month', () => {
    // 12,000.00 x 30/365 = 986.3013... -> 986.30; x 31/365 = 1,019.1780... -> 1,019.18;
    // February x 28/365 = 920.5479... -> 920.55
    expect(series(p, 'ada', 'bonus')).toEqual(byDays({ 30: '986.30', 31: '1019.18', 28: '920.55' }))
    // 7 x 1,019.18 + 4 x 986.30 + 920.55 = 7,134.26 + 3,945.20 + 920.55 = 12,000.01: the cash
    // payment to within the rounding of the monthly shares.
    expect(yearTotal(p, 'ada', 'bonus')).toBe('12000.01')
    expect(yearTotal(cash, 'ada', 'bonus')).toBe('12000.00')
    expect(explain(accrued, 'ada', '2026-04', 'bonus')).toEqual([
      'Bonus: March 2027 bonus £12,000.00 (10% x 12/12 x £120,000.00 base on the payment date), accrued x 30/365 days employed = £986.30',
    ])
  })

  it('spreads the employer NIC the payment adds the same way', () => {
    // Without the bonus, each month: 15% x (10,000.00 - 417.00) = 1,437.45.
    // Cash March with it: 15% x (22,000.00 - 417.00) = 3,237.45.
    // The tax year with it: 11 x 1,437.45 + 3,237.45 = 19,049.40; without: 12 x 1,437.45 =
    // 17,249.40; the bonus adds 1,800.00 (15% x 12,000.00).
    // April: 1,800.00 x 30/365 = 147.945... -> 147.95; 1,437.45 + 147.95 = 1,585.40
    // 31 days: 152.876... -> 152.88 -> 1,590.33; February: 138.082... -> 138.08 -> 1,575.53
    const nic = byDays({ 30: '1585.40', 31: '1590.33', 28: '1575.53' })
    expect(series(p, 'ada', 'employer_nic')).toEqual(nic)
    // 7 x 152.88 + 4 x 147.95 + 138.08 = 1,800.04 added: 17,249.40 + 1,800.04 = 19,049.44,
    // cash 19,049.40.
    expect(yearTotal(p, 'ada', 'employer_nic')).toBe('19049.44')
    expect(yearTotal(cash, 'ada', 'employer_nic')).toBe('19049.40')
    expect(explain(accrued, 'ada', '2026-04', 'employer_nic')).toEqual([
      '15% x (£10,000.00 - £417.00) = £1,437.45',
      'The March 2027 bonus adds £1,800.00 over the 2026/27 tax year (£19,049.40 with it - £17,249.40 without it), accrued x 30/365 days employed = £147.95',
      'Employer NIC: £1,437.45 + £147.95 = £1,585.40',
    ])
  })

  it('leaves the taxes the bonus does not change as they are', () => {
    // Pension 4% x 10,000.00 basic salary = 400.00; Class 1A 15% x 100.00 PMI = 15.00.
    for (const c of ['salary', 'pension', 'class1a_nic', 'benefits'] as const) {
      expect(series(p, 'ada', c), c).toEqual(series(cash, 'ada', c))
    }
    expect(series(p, 'ada', 'pension')).toEqual(Array(12).fill('400.00'))
  })

  it('is projected by the fast engine exactly as by the reference', () => {
    expectSameProjection(projectFast(accrued), p)
  })
})

describe('a joiner accrues her prorated payment over the days she is employed', () => {
  // £120,000 from 16 October 2026: the March 2027 bonus is 12,000.00 x 167/365 = 5,490.41
  // (employed 16-31 October 16 days + 30 + 31 + 31 + 28 + 31 = 167 of the period's 365).
  const bo = filled({
    id: 'bo',
    officeId: 'london',
    baseSalary: '120000',
    bonusTargetRate: '0.1',
    startDate: '2026-10-16',
  })
  const accrued = input('2026-04', 12, [bo], monthly)
  const p = projectReference(accrued)

  it('in proportion to her days in each month', () => {
    // October 5,490.41 x 16/167 = 526.028... -> 526.03; November x 30/167 = 986.301... -> 986.30;
    // 31 days x 31/167 = 1,019.178... -> 1,019.18; February x 28/167 = 920.548... -> 920.55
    expect(series(p, 'bo', 'bonus')).toEqual([
      ...Array(6).fill('0.00'),
      '526.03',
      '986.30',
      '1019.18',
      '1019.18',
      '920.55',
      '1019.18',
    ])
    expect(explain(accrued, 'bo', '2026-10', 'bonus')).toEqual([
      'Bonus: March 2027 bonus £5,490.41 (10% x 12/12 x £120,000.00 base on the payment date x 167/365 days employed of the 12-month period from 1 April 2026), accrued x 16/167 days employed = £526.03',
    ])
    expectSameProjection(projectFast(accrued), p)
  })
})

describe('a San Francisco earner over the Social Security wage base by year end', () => {
  // $360,000 a year since 2020, 10% target, bonus paid in March: 30,000.00 a month; each March
  // bonus 10% x 360,000.00 = 36,000.00. Plan January - December 2026: January - March accrue
  // the March 2026 payment (period April 2025 - March 2026, 365 days; tax year 2026), April -
  // December the March 2027 one (period April 2026 - March 2027, 365 days; tax year 2027, whose
  // rules carry 2026's forward).
  const cy = filled({ id: 'cy', officeId: 'sf', baseSalary: '360000', bonusTargetRate: '0.1' })
  const accrued = input('2026-01', 12, [cy], { ...monthly, reportingCurrency: 'USD' })
  const paid = input('2026-01', 12, [cy], { reportingCurrency: 'USD' })
  const p = projectReference(accrued)
  const cash = projectReference(paid)

  it('adds no Social Security: the bonus only reaches the $184,500 base sooner', () => {
    // Without the bonus: January - June 6.2% x 30,000.00 = 1,860.00; July 6.2% x (184,500.00 -
    // 180,000.00) = 279.00; then none. 6 x 1,860.00 + 279.00 = 11,439.00.
    // Cash, with the March bonus: 1,860.00 x 2, March 6.2% x 66,000.00 = 4,092.00, April
    // 1,860.00 (156,000.00 to date), May 6.2% x 28,500.00 = 1,767.00: also 11,439.00.
    // The bonus adds 0.00, so the accrued lines are the year without it.
    expect(series(p, 'cy', 'social_security')).toEqual([
      ...Array(6).fill('1860.00'),
      '279.00',
      ...Array(5).fill('0.00'),
    ])
    expect(yearTotal(p, 'cy', 'social_security')).toBe('11439.00')
    expect(yearTotal(cash, 'cy', 'social_security')).toBe('11439.00')
  })

  it('adds no 401(k) match past the $360,000 limit, and Medicare on the whole payment', () => {
    // Match: without the bonus 4% x 30,000.00 = 1,200.00 each month, 360,000.00 eligible in the
    // year, the limit exactly; with it the limit is reached in November (cash: 960.00, then 0):
    // 14,400.00 either way, so nothing added.
    expect(series(p, 'cy', 'k401_match')).toEqual(Array(12).fill('1200.00'))
    expect(series(cash, 'cy', 'k401_match').slice(10)).toEqual(['960.00', '0.00'])
    // Medicare 1.45% x 30,000.00 = 435.00; the bonus adds 1.45% x 36,000.00 = 522.00 a year.
    // January 522.00 x 31/365 = 44.334... -> 44.33 (479.33); February x 28/365 = 40.043... ->
    // 40.04 (475.04); April x 30/365 = 42.904... -> 42.90 (477.90)
    const medicare = series(p, 'cy', 'medicare')
    expect([medicare[0], medicare[1], medicare[2], medicare[3]]).toEqual([
      '479.33',
      '475.04',
      '479.33',
      '477.90',
    ])
    // The bonus: January 36,000.00 x 31/365 = 3,057.534... -> 3,057.53; February x 28/365 =
    // 2,761.643... -> 2,761.64; April x 30/365 = 2,958.904... -> 2,958.90
    expect(series(p, 'cy', 'bonus').slice(0, 4)).toEqual([
      '3057.53',
      '2761.64',
      '3057.53',
      '2958.90',
    ])
    // FUTA and CA UI: the $7,000 bases are passed in January with or without a bonus.
    for (const c of ['futa', 'state_unemployment'] as const) {
      expect(series(p, 'cy', c), c).toEqual(series(cash, 'cy', c))
    }
    expect(explain(accrued, 'cy', '2026-01', 'social_security').at(-1)).toBe(
      'Social Security: 6.2% x $30,000.00 wages (wage base $184,500.00; wages $0.00 since 1 January 2026 before this month) = $1,860.00',
    )
  })

  it('is projected by the fast engine exactly as by the reference', () => {
    expectSameProjection(projectFast(accrued), p)
  })
})

describe('company lines under monthly accrual', () => {
  // A £3,600,000 London earner with a 10% March bonus: a pay bill past the levy's allowance.
  const big = filled({
    id: 'big',
    officeId: 'london',
    baseSalary: '3600000',
    bonusTargetRate: '0.1',
  })
  const levy = (x: ProjectionInput) =>
    (projectFast(x) as Projection).companyLines.find((l) => l.component === 'apprenticeship_levy')
      ?.local

  it('charge the levy on the pay bill as paid, not as accrued', () => {
    const accrued = levy(input('2026-04', 12, [big], monthly))
    // April: 0.5% x 300,000.00 - 1,250.00 = 250.00; March: the 360,000.00 bonus paid adds 1,800.00
    expect(accrued?.[0]).toBe(25_000)
    expect(accrued?.[11]).toBe(25_000 + 180_000)
    expect(accrued).toEqual(levy(input('2026-04', 12, [big])))
  })
})
