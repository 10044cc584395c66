/**
 * Job-ad salary ranges (domain 5.2): post the expected hiring range, a sub-range of the band by
 * the plan's policy, always with a minimum and a maximum in the band's local currency; add the
 * benefits and bonus/equity descriptions the jurisdictions require; for a remote role with many
 * locations, apply the strictest rule of them all.
 */
import type { ISODate } from '../calendar.ts'
import type { BenefitPackage, Position, SalaryBand } from '../model.ts'
import { type Currency, Decimal, formatMoney, formatPercent } from '../money.ts'
import type { AdLocation, JobAdPolicy, PayTransparencyRule } from './schema.ts'

export interface JobAdRange {
  min: Decimal
  max: Decimal
  currency: Currency
}

/**
 * min = band min + share x (mid - min), rounded up to the unit; max = mid + share x (max - mid),
 * rounded down: both stay inside the band.
 */
export function jobAdRange(
  band: Pick<SalaryBand, 'min' | 'mid' | 'max' | 'currency'>,
  policy: JobAdPolicy,
): JobAdRange {
  const unit = policy.roundTo
  const rawMin = band.min.plus(policy.minShareOfMinToMid.times(band.mid.minus(band.min)))
  const rawMax = band.mid.plus(policy.maxShareOfMidToMax.times(band.max.minus(band.mid)))
  const min = rawMin.dividedBy(unit).ceil().times(unit)
  const max = rawMax.dividedBy(unit).floor().times(unit)
  if (!min.lt(max)) {
    throw new RangeError(
      `the policy leaves no range to post: ${min.toFixed()} to ${max.toFixed()} after rounding`,
    )
  }
  return { min, max, currency: band.currency }
}

export interface AdRequirements {
  /** The rules that apply to at least one location. */
  jurisdictions: PayTransparencyRule[]
  requiresRange: boolean
  requiresBenefits: boolean
  requiresBonusEquity: boolean
}

const jurisdictionOf = (l: AdLocation) => (l.country === 'GB' ? 'UK' : l.state)

/** What the posting must carry across all its locations: the strictest of each requirement. */
export function adRequirements(
  rules: readonly PayTransparencyRule[],
  locations: readonly AdLocation[],
  on: { postedOn: ISODate; employees: number },
): AdRequirements {
  const codes = new Set(locations.map(jurisdictionOf))
  const jurisdictions = rules.filter(
    (r) =>
      codes.has(r.jurisdiction) &&
      (r.effectiveFrom === null || r.effectiveFrom <= on.postedOn) &&
      (r.employeeThreshold === null || on.employees >= r.employeeThreshold),
  )
  return {
    jurisdictions,
    requiresRange: jurisdictions.some((r) => r.requiresRange),
    requiresBenefits: jurisdictions.some((r) => r.requiresBenefits),
    requiresBonusEquity: jurisdictions.some((r) => r.requiresBonusEquity),
  }
}

export interface JobAdText {
  rangeLine: string
  /** Null where no jurisdiction asks for it. */
  benefits: string | null
  bonusEquity: string | null
  text: string
}

function describeBenefits(pkg: BenefitPackage): string {
  const retirement =
    pkg.retirement.kind === 'uk_pension'
      ? `${formatPercent(pkg.retirement.rate)} employer pension contribution`
      : `401(k) match of ${formatPercent(pkg.retirement.rate)} of pay`
  const items = pkg.items.map((i) => i.name.toLowerCase())
  const leave = `${pkg.parentalLeave.weeksPaid} weeks of paid parental leave`
  return `Benefits: ${[retirement, ...items, leave].join('; ')}.`
}

function describeBonusEquity(role: Pick<Position, 'bonusTargetRate' | 'equityGrants'>): string {
  const bonus = role.bonusTargetRate.gt(0)
    ? `a target annual bonus of ${formatPercent(role.bonusTargetRate)} of base salary`
    : 'no bonus'
  const grant = role.equityGrants[0]
  const equity = grant
    ? `an equity grant worth ${formatMoney(
        role.equityGrants.reduce((s, g) => s.plus(g.valueUsd), new Decimal(0)),
        'USD',
        { wholeUnits: true },
      )} vesting over ${grant.vestingMonths} months with a ${grant.cliffMonths}-month cliff`
    : 'no equity'
  return `Other compensation: ${bonus}; ${equity}.`
}

/** The range line and, where required, the benefits and bonus/equity descriptions. */
export function jobAdText(
  range: JobAdRange,
  requirements: AdRequirements,
  role: Pick<Position, 'bonusTargetRate' | 'equityGrants'>,
  benefits: BenefitPackage,
): JobAdText {
  const money = (d: Decimal) => formatMoney(d, range.currency, { wholeUnits: true })
  const rangeLine = `Salary range: ${money(range.min)} to ${money(range.max)} a year.`
  const benefitsText = requirements.requiresBenefits ? describeBenefits(benefits) : null
  const bonusEquity = requirements.requiresBonusEquity ? describeBonusEquity(role) : null
  const text = [rangeLine, benefitsText, bonusEquity].filter((l) => l !== null).join('\n')
  return { rangeLine, benefits: benefitsText, bonusEquity, text }
}
