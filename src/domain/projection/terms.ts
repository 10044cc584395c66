/**
 * What the engine needs to know about one position, worked out once per projection: when it is on
 * the books, its office and package, its salary steps (explicit raises and the plan's merit) and
 * its grants' schedules. The month calculation reads only these terms, the month and the
 * year-to-date state.
 */
import { addDays, type ISODate, type Month, monthNumber, yearOf } from '../calendar.ts'
import {
  type ExpenseMethod,
  expenseSchedule,
  type Tranche,
  vestingSchedule,
  vestOffsets,
} from '../equity.ts'
import {
  type Assumptions,
  type BenefitPackage,
  type EquityGrant,
  EXCLUDED_STATUSES,
  type FxRateSet,
  type JobFamily,
  type Office,
  type Position,
} from '../model.ts'
import { type Currency, type Decimal, roundLine } from '../money.ts'
import type { RuleBook } from '../rules/index.ts'
import { monthPlus } from './month-facts.ts'

/** Everything a projection holds constant: rules, assumptions, rates and reference data. */
export interface PlanContext {
  rules: RuleBook
  assumptions: Assumptions
  fx: FxRateSet
  fiscalYearStartMonth: number
  /** The projected months, in order. */
  months: Month[]
  offices: ReadonlyMap<string, Office>
  packages: ReadonlyMap<string, BenefitPackage>
  families: ReadonlyMap<string, JobFamily>
}

export interface SalaryStep {
  /** First day this annual base applies. */
  from: ISODate
  annualBase: Decimal
  why: 'base' | 'raise' | 'merit'
}

export interface GrantTerms {
  grant: EquityGrant
  tranches: Tranche[]
  /** Accounting expense by month from `expenseStart`, USD, unrounded. */
  expenseStart: Month
  expense: readonly Decimal[]
}

export interface PositionTerms {
  position: Position
  /** First day on the books: the start date, or an open role's expected start. */
  start: ISODate
  end: ISODate | null
  office: Office
  pkg: BenefitPackage
  currency: Currency
  salarySteps: SalaryStep[]
  grants: GrantTerms[]
}

const BEGINNING: ISODate = '0001-01-01'

/** An open role counts from its target start, else approval + the family's time to fill. */
export function expectedStart(position: Position, family: JobFamily | undefined): ISODate {
  if (position.kind === 'filled') return position.startDate
  if (position.targetStartDate !== null) return position.targetStartDate
  if (position.approvalDate === null || family === undefined) {
    throw new RangeError(`open role ${position.id} has no target start and no approval date`)
  }
  return addDays(position.approvalDate, family.timeToFillDays)
}

export function isProjected(position: Position): boolean {
  return position.kind === 'filled' || !EXCLUDED_STATUSES.includes(position.status)
}

/**
 * Explicit raises set the base from their date; the plan's merit multiplies the base in effect on
 * the 1st of the merit month each projected year, for people who started before that day. An
 * explicit raise on the merit date is taken as that year's merit decision.
 */
export function salarySteps(
  position: Position,
  start: ISODate,
  assumptions: Assumptions,
  months: readonly Month[],
): SalaryStep[] {
  const raises = position.raises.map((r) => ({ from: r.effectiveDate, annualBase: r.annualBase }))
  const meritDates: ISODate[] = []
  if (!assumptions.meritRate.isZero()) {
    for (const m of months) {
      const day = `${m}-01`
      if (monthNumber(m) === assumptions.meritMonth && start < day) meritDates.push(day)
    }
  }
  const events = [
    ...raises.map((r) => ({ ...r, why: 'raise' as const })),
    ...meritDates
      .filter((d) => !raises.some((r) => r.from === d))
      .map((from) => ({ from, why: 'merit' as const })),
  ].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0))

  const steps: SalaryStep[] = [{ from: BEGINNING, annualBase: position.baseSalary, why: 'base' }]
  for (const e of events) {
    const current = steps.at(-1)!.annualBase
    const annualBase =
      e.why === 'merit' ? roundLine(current.times(assumptions.meritRate.plus(1))) : e.annualBase!
    steps.push({ from: e.from, annualBase, why: e.why })
  }
  return steps
}

/** Grant schedules keyed by their shape, so identical grants are scheduled once per run. */
export class ScheduleMemo {
  private readonly fractions = new Map<string, Decimal[]>()
  private readonly expense = new Map<string, Decimal[]>()

  grantTerms(grant: EquityGrant, method: ExpenseMethod): GrantTerms {
    const shape = `${grant.valueUsd.toFixed()}|${grant.vestingMonths}|${grant.cliffMonths}|${grant.vestEveryMonths}`
    const start = grant.grantDate.slice(0, 7)
    let fractions = this.fractions.get(shape)
    if (!fractions) {
      fractions = vestingSchedule(grant).map((t) => t.fraction)
      this.fractions.set(shape, fractions)
    }
    const expenseKey = `${shape}|${method}`
    let expense = this.expense.get(expenseKey)
    if (!expense) {
      expense = expenseSchedule(grant, method).map((e) => e.amountUsd)
      this.expense.set(expenseKey, expense)
    }
    const tranches = vestOffsets(grant).map((k, i) => ({
      month: monthPlus(start, k),
      fraction: fractions[i]!,
    }))
    return { grant, tranches, expenseStart: start, expense }
  }
}

/** Whole months from `from` to `to`, by arithmetic on the text (no date library per call). */
export function monthIndex(from: Month, to: Month): number {
  return (yearOf(to) - yearOf(from)) * 12 + monthNumber(to) - monthNumber(from)
}

/** The grant's accounting expense in `month` (USD, unrounded); zero outside its schedule. */
export function grantExpense(terms: GrantTerms, month: Month): Decimal | null {
  return terms.expense[monthIndex(terms.expenseStart, month)] ?? null
}

export function positionTerms(
  ctx: PlanContext,
  position: Position,
  memo: ScheduleMemo,
): PositionTerms | null {
  if (!isProjected(position)) return null
  const office = ctx.offices.get(position.officeId)
  if (!office) throw new RangeError(`position ${position.id}: unknown office ${position.officeId}`)
  const pkg = ctx.packages.get(office.benefitPackageId)
  if (!pkg) throw new RangeError(`office ${office.id}: unknown package ${office.benefitPackageId}`)
  const start = expectedStart(position, ctx.families.get(position.familyId))
  return {
    position,
    start,
    end: position.kind === 'filled' ? position.endDate : null,
    office,
    pkg,
    currency: office.currency,
    salarySteps: salarySteps(position, start, ctx.assumptions, ctx.months),
    grants: position.equityGrants.map((g) =>
      memo.grantTerms(g, ctx.assumptions.equityExpenseMethod),
    ),
  }
}
