/**
 * One-off hiring costs of a role, each a line in its start month (domain Part A): the agency fee
 * (rate x first-year base), relocation, and the sponsorship fees of its visa from dated data
 * (`data/hiring/costs.json`): UK Skilled Worker in GBP, US H-1B in USD, whatever the office's
 * currency. A fee's amount is the version in force on the start date.
 */
import { type ISODate, type Month, monthOf } from '../calendar.ts'
import type { Position } from '../model.ts'
import type { Currency, Decimal } from '../money.ts'
import { formatMoney, formatPercent, roundLine } from '../money.ts'
import type { HiringCostsFile, HiringFee, RoleSponsorship } from './schema.ts'

export type FeeOption = NonNullable<HiringFee['option']>

export interface HiringCostOptions {
  /** Length of the visa applied for, in months (the ISC, visa fee and IHS depend on it). */
  visaMonths: number
  /** Small-sponsor / small-employer rates where the data has them. */
  smallEmployer?: boolean
  /** Optional fees the employer pays (visa fee, health surcharge, premium processing, the $100k). */
  include?: Partial<Record<FeeOption, boolean>>
}

/** A plan's sponsorship of a role as the options its fees are costed with. */
export const sponsorshipOptions = (s: RoleSponsorship): HiringCostOptions => ({
  visaMonths: s.visaMonths,
  include: {
    visaFee: s.visaFee,
    healthSurcharge: s.healthSurcharge,
    premiumProcessing: s.premiumProcessing,
  },
})

export interface HiringCostLine {
  /** The fee's id in costs.json; null for the agency fee and relocation. */
  feeId: string | null
  label: string
  amount: Decimal
  currency: Currency
  month: Month
  explanation: string
}

export class MissingHiringCostError extends Error {
  constructor(
    readonly feeId: string,
    readonly onDate: ISODate,
  ) {
    super(`no ${feeId} amount in force on ${onDate} in data/hiring/costs.json`)
    this.name = 'MissingHiringCostError'
  }
}

export type HiringRole = Pick<Position, 'baseSalary' | 'hiring'> & {
  /** The office's currency: the agency fee and relocation are paid in it. */
  currency: Currency
}

const inForce = (fee: HiringFee, on: ISODate) =>
  fee.effectiveFrom <= on && (fee.effectiveTo === null || on < fee.effectiveTo)

/** The version of each fee of `scheme` in force on `on`, or the fee id with none in force. */
function feesInForce(table: HiringCostsFile, scheme: HiringFee['scheme'], on: ISODate) {
  const ids = [...new Set(table.fees.filter((f) => f.scheme === scheme).map((f) => f.id))]
  return ids.map((id) => {
    const versions = table.fees.filter((f) => f.id === id)
    const current = versions
      .filter((f) => inForce(f, on))
      .sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom))[0]
    return { id, option: versions[0]!.option, current }
  })
}

function feeAmount(fee: HiringFee, opts: HiringCostOptions): { amount: Decimal; why: string } {
  const money = (d: Decimal) => formatMoney(d, fee.currency)
  const months = opts.visaMonths
  switch (fee.basis) {
    case 'per_hire': {
      const small = opts.smallEmployer && fee.smallEmployerAmount !== null
      const amount = small ? fee.smallEmployerAmount! : fee.amount
      return { amount, why: `${money(amount)} per hire${small ? ' (small employer)' : ''}` }
    }
    case 'first_year_then_half_years': {
      const first = opts.smallEmployer ? fee.smallEmployerFirstYear : fee.firstYear
      const half = opts.smallEmployer ? fee.smallEmployerPerFurtherHalfYear : fee.perFurtherHalfYear
      const halves = Math.ceil(Math.max(0, months - 12) / 6)
      return {
        amount: first.plus(half.times(halves)),
        why:
          `${money(first)} for the first 12 months + ${halves} x ${money(half)} for each ` +
          `further 6 months of a ${months}-month visa`,
      }
    }
    case 'by_visa_length': {
      const over = months > fee.thresholdMonths
      const amount = over ? fee.overThreshold : fee.upToThreshold
      const band = over ? 'over' : 'up to'
      return { amount, why: `${money(amount)} for a visa ${band} ${fee.thresholdMonths} months` }
    }
    case 'per_year_in_halves': {
      const halves = Math.ceil(months / 6)
      return {
        amount: fee.perYear.dividedBy(2).times(halves),
        why: `${halves} half-years x ${money(fee.perYear.dividedBy(2))} (${money(fee.perYear)} a year) for a ${months}-month visa`,
      }
    }
  }
}

export function hiringCostLines(
  role: HiringRole,
  startDate: ISODate,
  table: HiringCostsFile,
  options: HiringCostOptions,
): HiringCostLine[] {
  const month = monthOf(startDate)
  const lines: HiringCostLine[] = []
  const { agencyFeeRate, relocation, visa } = role.hiring
  if (agencyFeeRate?.gt(0)) {
    lines.push({
      feeId: null,
      label: 'Agency fee',
      amount: roundLine(agencyFeeRate.times(role.baseSalary)),
      currency: role.currency,
      month,
      explanation:
        `${formatPercent(agencyFeeRate)} of first-year base ` +
        `${formatMoney(role.baseSalary, role.currency)}`,
    })
  }
  if (relocation.gt(0)) {
    lines.push({
      feeId: null,
      label: 'Relocation',
      amount: relocation,
      currency: role.currency,
      month,
      explanation: `${formatMoney(relocation, role.currency)} set on the role`,
    })
  }
  if (visa === 'none') return lines
  for (const { id, option, current } of feesInForce(table, visa, startDate)) {
    if (option !== null && !options.include?.[option]) continue
    if (current === undefined) {
      if (option !== null) continue
      throw new MissingHiringCostError(id, startDate)
    }
    const { amount, why } = feeAmount(current, options)
    lines.push({
      feeId: id,
      label: current.label,
      amount: roundLine(amount),
      currency: current.currency,
      month,
      explanation: `${why}; in force from ${current.effectiveFrom}`,
    })
  }
  return lines
}
