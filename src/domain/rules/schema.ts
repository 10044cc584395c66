/**
 * The shape of `data/rules/uk.json` and `data/rules/us.json`. Every figure is written as
 * `{ value, source, note? }` so its citation travels with it; decoding keeps only the value, as a
 * Decimal (rates through the model's `rate` codec, amounts through `money`).
 */
import * as z from 'zod'
import { money, rate } from '../model.ts'

const sourced = (value: typeof rate | typeof money) =>
  z
    .object({ value, source: z.url(), note: z.string().optional() })
    .transform((figure) => figure.value)

const byState = <T extends z.ZodType>(value: T) => z.object({ CA: value, NY: value, WA: value })

export const ukTaxYearRules = z.object({
  /** Calendar year the tax year starts in: 2025 is 2025/26. */
  taxYear: z.number().int(),
  label: z.string(),
  employerNicRate: sourced(rate),
  /** Pay-period (calendar month) secondary threshold; not prorated for a part month. */
  secondaryThresholdMonthly: sourced(money),
  class1aRate: sourced(rate),
  apprenticeshipLevyRate: sourced(rate),
  /** Annual allowance set against the levy (one per connected group). */
  apprenticeshipLevyAllowance: sourced(money),
  /** Qualifying relocation costs per move free of tax and NIC; the excess carries Class 1A. */
  relocationExemption: sourced(money),
})

export const stateUnemploymentRules = z.object({
  rate: sourced(rate),
  wageBase: sourced(money),
  /** California's Employment Training Tax, on the same wage base; zero elsewhere. */
  ettRate: sourced(rate),
})

export const usYearRules = z.object({
  year: z.number().int(),
  socialSecurityRate: sourced(rate),
  socialSecurityWageBase: sourced(money),
  medicareRate: sourced(rate),
  futaRate: sourced(rate),
  futaWageBase: sourced(money),
  futaCreditReduction: byState(sourced(rate)),
  stateUnemployment: byState(stateUnemploymentRules),
  compensationLimit401a17: sourced(money),
})

const uniqueBy =
  <T>(key: (item: T) => number, what: string) =>
  (items: T[], ctx: z.RefinementCtx) => {
    const seen = new Set<number>()
    items.forEach((item, i) => {
      if (seen.has(key(item))) {
        ctx.addIssue({ code: 'custom', message: `${what} ${key(item)} appears twice`, path: [i] })
      }
      seen.add(key(item))
    })
  }

export const ukRulesFile = z.object({
  region: z.literal('UK'),
  description: z.string().optional(),
  taxYears: z.array(ukTaxYearRules).superRefine(uniqueBy((r) => r.taxYear, 'tax year')),
})

export const usRulesFile = z.object({
  region: z.literal('US'),
  description: z.string().optional(),
  years: z.array(usYearRules).superRefine(uniqueBy((r) => r.year, 'year')),
})

export type UkTaxYearRules = z.output<typeof ukTaxYearRules>
export type UsYearRules = z.output<typeof usYearRules>
export type StateUnemploymentRules = z.output<typeof stateUnemploymentRules>
export type UkRulesFile = z.output<typeof ukRulesFile>
export type UsRulesFile = z.output<typeof usRulesFile>
