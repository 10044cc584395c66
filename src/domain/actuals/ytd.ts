/**
 * Payroll actuals as the year-to-date figures the engine starts from (conventions, "Year to date
 * at the plan's start"). For each person linked to a position and each year (the calendar year in
 * the US, the tax year from April in the UK) whose payroll runs unbroken from the year's start, or
 * the person's start if later, to its last imported month: wages are the cash paid (salary, bonus
 * and other pay), 401(k) eligible pay is salary and bonus, and pension is what the employer paid
 * into the pension. A year with a gap keeps the engine's worked-out figures.
 */

import type { ActualYtd } from '../actual-ytd.ts'
import { addMonths, lastDay, monthOf, monthsBetween } from '../calendar.ts'
import { fromMinor } from '../money.ts'
import { atOnce, type Steps } from '../steps.ts'
import { ROWS_PER_STEP } from './hr-files.ts'
import type { PayrollLine } from './payroll.ts'

export interface PayrollPerson {
  positionId: string
  region: 'UK' | 'US'
  startDate: string
}

/** The year a payroll month counts in: US calendar year; UK tax year by the year it starts in. */
export function payrollYear(month: string, region: 'UK' | 'US'): number {
  const year = Number(month.slice(0, 4))
  return region === 'UK' && Number(month.slice(5, 7)) < 4 ? year - 1 : year
}

const yearStart = (year: number, region: 'UK' | 'US') =>
  region === 'UK' ? `${year}-04` : `${year}-01`

export function ytdFromPayroll(
  lines: readonly PayrollLine[],
  personOf: (employeeId: string) => PayrollPerson | undefined,
): ActualYtd[] {
  return atOnce(ytdFromPayrollSteps(lines, personOf))
}

/** `ytdFromPayroll`, pausing every ROWS_PER_STEP lines and people (a year of 50,000 people). */
export function* ytdFromPayrollSteps(
  lines: readonly PayrollLine[],
  personOf: (employeeId: string) => PayrollPerson | undefined,
): Steps<ActualYtd[]> {
  const byPersonYear = new Map<
    string,
    { person: PayrollPerson; year: number; lines: PayrollLine[] }
  >()
  for (const [n, line] of lines.entries()) {
    if (n % ROWS_PER_STEP === ROWS_PER_STEP - 1) yield
    const person = personOf(line.employeeId)
    if (!person) continue
    const year = payrollYear(line.month, person.region)
    const key = `${person.positionId}|${year}`
    const entry = byPersonYear.get(key) ?? { person, year, lines: [] }
    entry.lines.push(line)
    byPersonYear.set(key, entry)
  }
  const out: ActualYtd[] = []
  let seen = 0
  for (const { person, year, lines: paid } of byPersonYear.values()) {
    if (++seen % ROWS_PER_STEP === 0) yield
    const months = new Set(paid.map((l) => l.month))
    const last = [...months].sort().at(-1)!
    const started = monthOf(person.startDate)
    const first =
      // biome-ignore lint/complexity/useMathMinMax: months are YYYY-MM text, compared as text
      started > yearStart(year, person.region) ? started : yearStart(year, person.region)
    const span = monthsBetween(first, last) + 1
    if (span < 1) continue // paid only before the start the plan knows: nothing to trust
    const unbroken = Array.from({ length: span }, (_, i) => addMonths(first, i)).every((m) =>
      months.has(m),
    )
    if (!unbroken) continue
    const sum = (pick: (l: PayrollLine) => number) => paid.reduce((total, l) => total + pick(l), 0)
    out.push({
      positionId: person.positionId,
      year,
      wages: fromMinor(sum((l) => l.amounts.salary + l.amounts.bonus + l.amounts.other)),
      k401EligiblePay: fromMinor(sum((l) => l.amounts.salary + l.amounts.bonus)),
      pension: fromMinor(person.region === 'UK' ? sum((l) => l.amounts.retirement) : 0),
      asAt: lastDay(last),
    })
  }
  // ids compared as code units: a locale's collation is slow over a year of 50,000 people
  return out.sort((a, b) =>
    a.positionId === b.positionId ? a.year - b.year : a.positionId < b.positionId ? -1 : 1,
  )
}
