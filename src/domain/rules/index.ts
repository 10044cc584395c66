/**
 * The rule book: UK rules by tax year and US rules by calendar year, looked up for the month or
 * year being costed. A missing year is an error naming the year and the file to edit, never a
 * silent fallback to another year's rates.
 */
import { type Month, ukTaxYearLabel, ukTaxYearOfMonth } from '../calendar.ts'
import type { HiringCostsFile } from '../hiring/schema.ts'
import type { Decimal } from '../money.ts'
import {
  type StateUnemploymentRules,
  type UkRulesFile,
  type UkTaxYearRules,
  type UsRulesFile,
  type UsYearRules,
  ukRulesFile,
  usRulesFile,
} from './schema.ts'

export type { StateUnemploymentRules, UkTaxYearRules, UsYearRules } from './schema.ts'
export { ukRulesFile, usRulesFile } from './schema.ts'

export type UsState = 'CA' | 'NY' | 'WA'

export interface RuleBook {
  uk: ReadonlyMap<number, UkTaxYearRules>
  us: ReadonlyMap<number, UsYearRules>
  /** Dated visa sponsorship fees (data/hiring/costs.json); without it no sponsorship is costed. */
  hiringCosts?: HiringCostsFile
}

/** The US rules for one state in one calendar year, flattened for the calculation. */
export interface UsStateYearRules
  extends Omit<UsYearRules, 'futaCreditReduction' | 'stateUnemployment'> {
  state: UsState
  futaCreditReduction: Decimal
  stateUnemployment: StateUnemploymentRules
}

export class MissingRulesError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'MissingRulesError'
  }
}

/** Checks both files (raw JSON) and indexes them by year; throws a ZodError on a bad file. */
export function parseRuleBook(ukJson: unknown, usJson: unknown): RuleBook {
  return ruleBookOf(ukRulesFile.parse(ukJson), usRulesFile.parse(usJson))
}

/** Indexes already decoded files by year. */
export function ruleBookOf(uk: UkRulesFile, us: UsRulesFile): RuleBook {
  return {
    uk: new Map(uk.taxYears.map((r) => [r.taxYear, r])),
    us: new Map(us.years.map((r) => [r.year, r])),
  }
}

/** UK rules for a payroll month: the tax year that contains the month's last day. */
const taxYearOfMonth = new Map<Month, number>()

export function ukRulesForMonth(book: RuleBook, month: Month): UkTaxYearRules {
  let taxYear = taxYearOfMonth.get(month)
  if (taxYear === undefined) {
    taxYear = ukTaxYearOfMonth(month)
    taxYearOfMonth.set(month, taxYear)
  }
  const rules = book.uk.get(taxYear)
  if (!rules) {
    throw new MissingRulesError(
      `no UK rules for tax year ${ukTaxYearLabel(taxYear)} (needed for ${month}); add taxYear ${taxYear} to data/rules/uk.json`,
    )
  }
  return rules
}

const flattened = new WeakMap<UsYearRules, Map<UsState, UsStateYearRules>>()

export function usRulesForYear(book: RuleBook, year: number, state: UsState): UsStateYearRules {
  const rules = book.us.get(year)
  const cached = rules && flattened.get(rules)?.get(state)
  if (cached) return cached
  if (!rules) {
    throw new MissingRulesError(`no US rules for ${year}; add year ${year} to data/rules/us.json`)
  }
  const { futaCreditReduction, stateUnemployment, ...federal } = rules
  const forState: UsStateYearRules = {
    ...federal,
    state,
    futaCreditReduction: futaCreditReduction[state],
    stateUnemployment: stateUnemployment[state],
  }
  const byState = flattened.get(rules) ?? new Map<UsState, UsStateYearRules>()
  byState.set(state, forState)
  flattened.set(rules, byState)
  return forState
}
