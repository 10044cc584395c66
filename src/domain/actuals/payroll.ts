/**
 * Payroll actuals: what payroll paid per person, month and component, in local currency, from a
 * file whose columns follow common payroll exports (one row per person and pay run; several runs
 * in a month add up), and the actual monthly GBP/USD rates. A month with actuals is closed: views
 * show what was paid for it and the forecast only for the months after.
 */
import { MONTH_TEXT } from '../calendar.ts'
import type { Currency } from '../money.ts'
import {
  atOnce,
  type Cell,
  type FieldSpec,
  fail,
  ok,
  ROWS_PER_STEP,
  RowCells,
  type RowProblem,
  readAmount,
  readCurrency,
  readEmployeeId,
  readTable,
  readTableSteps,
  type Steps,
} from './hr-files.ts'
import { ACTUAL_COMPONENT_LABEL, ACTUAL_COMPONENTS, type ActualComponent } from './variance.ts'

type PayrollField = 'employeeId' | 'period' | 'currency' | ActualComponent

const spec = (label: string, headers: string[], required = false): FieldSpec => ({
  label,
  headers,
  required,
})

export const PAYROLL_FIELDS: Record<PayrollField, FieldSpec> = {
  employeeId: spec(
    'employee id',
    ['Employee ID', 'Employee Number', 'Employee #', 'Payroll ID'],
    true,
  ),
  period: spec('pay period', ['Pay Period', 'Period', 'Month', 'Pay Date', 'Payment Date'], true),
  currency: spec('currency', ['Currency'], true),
  salary: spec('salary', ['Salary', 'Gross Salary', 'Basic Pay', 'Regular Earnings'], true),
  bonus: spec('bonus', ['Bonus', 'Bonus Pay']),
  employer_tax: spec('employer NIC or FICA', [
    'Employer NIC or FICA',
    'Employer NIC',
    'Employer NI',
    'Employer FICA',
    'Employer Taxes',
  ]),
  retirement: spec('pension or 401(k)', [
    'Pension or 401(k)',
    'Employer Pension',
    '401(k) Match',
    'Employer 401(k)',
    'Employer Retirement',
  ]),
  benefits: spec('benefits', ['Benefits', 'Employer Benefits']),
  other: spec('other', ['Other', 'Other Pay', 'Other Employer Costs']),
}

export interface PayrollLine {
  employeeId: string
  month: string
  currency: Currency
  /** Minor units of `currency` per component. */
  amounts: Record<ActualComponent, number>
}

export interface PayrollFile {
  lines: PayrollLine[]
  months: string[]
  rowCount: number
  ignoredColumns: string[]
  problems: RowProblem[]
}

export interface PayrollContext {
  /** The currency each known employee is paid in (from the plan, through the roster links). */
  currencyOf: (employeeId: string) => Currency | undefined
  /** The current month: later months cannot have been paid yet. */
  thisMonth: string
}

/** "2027-01", a pay date "2027-01-31", or "01/2027", as the month it falls in. */
function readMonth(text: string): Cell<string> {
  const t = text.trim()
  const month =
    MONTH_TEXT.test(t.slice(0, 7)) && /^\d{4}-\d{2}(-\d{2})?$/.test(t)
      ? t.slice(0, 7)
      : /^(\d{1,2})\/(\d{4})$/
          .exec(t)
          ?.slice(1)
          .reverse()
          .map((p) => p.padStart(2, '0'))
          .join('-')
  return month && MONTH_TEXT.test(month)
    ? ok(month)
    : fail('must be a month such as 2027-01, a pay date such as 2027-01-31, or 01/2027')
}

export const readPayroll = (text: string, ctx: PayrollContext) =>
  atOnce(readPayrollSteps(text, ctx))

export function* readPayrollSteps(text: string, ctx: PayrollContext): Steps<PayrollFile> {
  const table = yield* readTableSteps(text, PAYROLL_FIELDS)
  const problems = [...table.problems]
  const base = { rowCount: table.rows.length, ignoredColumns: table.ignoredColumns }
  if (problems.length > 0) return { ...base, lines: [], months: [], problems }
  const byKey = new Map<string, PayrollLine>()
  for (const [n, row] of table.rows.entries()) {
    if (n % ROWS_PER_STEP === ROWS_PER_STEP - 1) yield
    const r = new RowCells(table, PAYROLL_FIELDS, row, problems)
    const employeeId = r.read('employeeId', readEmployeeId)
    const month = r.read('period', readMonth)
    const currency = r.read('currency', readCurrency)
    const paidIn = employeeId === undefined ? undefined : ctx.currencyOf(employeeId)
    if (employeeId !== undefined && paidIn === undefined) {
      r.problem('employeeId', 'is nobody in the plan: sync the roster first')
    } else if (paidIn && currency && paidIn !== currency) {
      r.problem('currency', `this person is paid in ${paidIn}`)
    }
    if (month && month > ctx.thisMonth) r.problem('period', 'is after this month')
    const amounts = {} as Record<ActualComponent, number>
    let readAll = true
    for (const component of ACTUAL_COMPONENTS) {
      const cell =
        r.raw(component) === '' && !PAYROLL_FIELDS[component].required
          ? { minor: 0, currency: null }
          : r.read(component, readAmount)
      if (!cell) readAll = false
      else if (cell.currency && currency && cell.currency !== currency) {
        r.problem(component, `is in ${cell.currency} but the row's currency is ${currency}`)
      }
      amounts[component] = cell?.minor ?? 0
    }
    if (!employeeId || !month || !currency || !readAll) continue
    const key = `${employeeId}|${month}`
    const line = byKey.get(key)
    if (!line) byKey.set(key, { employeeId, month, currency, amounts })
    else for (const c of ACTUAL_COMPONENTS) line.amounts[c] += amounts[c]
  }
  problems.sort((a, b) => a.row - b.row)
  if (problems.length > 0) return { ...base, lines: [], months: [], problems }
  const lines = [...byKey.values()]
  return { ...base, lines, months: [...new Set(lines.map((l) => l.month))].sort(), problems }
}

export const PAYROLL_TEMPLATE_HEADERS = [
  'Employee ID',
  'Pay Period',
  'Currency',
  ...ACTUAL_COMPONENTS.map((c) => PAYROLL_FIELDS[c].headers[0]!),
]

export { ACTUAL_COMPONENT_LABEL }

// ---------------------------------------------------------------------------------------------
// Actual monthly rates

const RATE_FIELDS = {
  month: spec('month', ['Month', 'Period'], true),
  usdPerGbp: spec('USD per GBP', ['USD per GBP', 'GBP/USD', 'GBPUSD', 'Rate'], true),
}

export interface ActualRate {
  month: string
  /** Plain decimal text, as the rate sets store it. */
  usdPerGbp: string
}

export function readActualRates(text: string): { rates: ActualRate[]; problems: RowProblem[] } {
  const table = readTable(text, RATE_FIELDS)
  const problems = [...table.problems]
  const rates: ActualRate[] = []
  const seen = new Map<string, number>()
  for (const row of table.rows) {
    const r = new RowCells(table, RATE_FIELDS, row, problems)
    const month = r.read('month', readMonth)
    const rate = r.read(
      'usdPerGbp',
      (t): Cell<string> =>
        /^\d{1,3}(\.\d{1,8})?$/.test(t.trim()) && Number(t) > 0
          ? ok(t.trim())
          : fail('must be a rate such as 1.2654 (US dollars per pound)'),
    )
    if (month && seen.has(month)) r.problem('month', `repeats row ${seen.get(month)}`)
    if (month) seen.set(month, row.row)
    if (month && rate) rates.push({ month, usdPerGbp: rate })
  }
  problems.sort((a, b) => a.row - b.row)
  return { rates: problems.length > 0 ? [] : rates, problems }
}
