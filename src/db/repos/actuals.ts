/**
 * Locked budgets, employee links, payroll actuals and actual monthly rates. A budget's copy of
 * its plan is stored as the document's text form and decoded only when asked for by id.
 */
import type { PayrollLine } from '../../domain/actuals/payroll.ts'
import { ACTUAL_COMPONENTS } from '../../domain/actuals/variance.ts'
import { type LockedBudget, lockedBudget } from '../../domain/document.ts'
import { atOnce, type Steps } from '../../domain/steps.ts'
import type { Database } from '../open.ts'
import { decodeRow } from './rows.ts'

export type BudgetSummary = Omit<LockedBudget, 'snapshot'>

interface BudgetRow {
  id: string
  name: string
  plan_id: string
  fiscal_year: number
  locked_at: string
  locked_by: string
  snapshot_json: string
}

const summaryOf = (r: BudgetRow): BudgetSummary => ({
  id: r.id,
  name: r.name,
  planId: r.plan_id,
  fiscalYear: r.fiscal_year,
  lockedAt: r.locked_at,
  lockedBy: r.locked_by,
})

export function listBudgets(db: Database): BudgetSummary[] {
  return (
    db
      .prepare(
        'SELECT id, name, plan_id, fiscal_year, locked_at, locked_by FROM locked_budgets ORDER BY locked_at, name',
      )
      .all() as BudgetRow[]
  ).map(summaryOf)
}

export function getBudget(db: Database, id: string): LockedBudget | null {
  const row = db.prepare('SELECT * FROM locked_budgets WHERE id = ?').get(id) as
    | BudgetRow
    | undefined
  if (!row) return null
  const text = { ...summaryOf(row), snapshot: JSON.parse(row.snapshot_json) }
  return decodeRow(lockedBudget, text, `locked_budgets ${id}`)
}

export function readBudgets(db: Database): LockedBudget[] {
  return listBudgets(db).map((b) => getBudget(db, b.id)!)
}

export function insertBudget(db: Database, b: LockedBudget): void {
  const text = lockedBudget.encode(b)
  db.prepare(
    `INSERT INTO locked_budgets (id, name, plan_id, fiscal_year, locked_at, locked_by, snapshot_json)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(b.id, b.name, b.planId, b.fiscalYear, b.lockedAt, b.lockedBy, JSON.stringify(text.snapshot))
}

export function deleteBudget(db: Database, id: string): boolean {
  return db.prepare('DELETE FROM locked_budgets WHERE id = ?').run(id).changes > 0
}

/** For a workspace import: the document's budgets replace the stored ones. */
export function replaceBudgets(db: Database, budgets: readonly LockedBudget[]): void {
  db.prepare('DELETE FROM locked_budgets').run()
  for (const b of budgets) insertBudget(db, b)
}

export function budgetNameTaken(db: Database, name: string): boolean {
  return db.prepare('SELECT 1 FROM locked_budgets WHERE name = ?').get(name) !== undefined
}

// ---------------------------------------------------------------------------------------------
// Employee links

/** Employee links read a page per step: each page is a short query of its own, in key order. */
const LINKS_PER_PAGE = 5000

export const readEmployeeLinks = (db: Database, planId: string) =>
  atOnce(readEmployeeLinksSteps(db, planId))

/**
 * A plan's links from employee id to position id. The pages are separate reads, so a caller that
 * needs them all from one revision checks the revision before and after.
 */
export function* readEmployeeLinksSteps(db: Database, planId: string): Steps<Map<string, string>> {
  const page = db.prepare(
    `SELECT employee_id, position_id FROM employee_links
     WHERE plan_id = ? AND employee_id > ? ORDER BY employee_id LIMIT ${LINKS_PER_PAGE}`,
  )
  const links = new Map<string, string>()
  let after = ''
  for (;;) {
    const rows = page.raw(true).all(planId, after) as [string, string][]
    for (const [employeeId, positionId] of rows) links.set(employeeId, positionId)
    if (rows.length < LINKS_PER_PAGE) return links
    after = rows.at(-1)![0]
    yield
  }
}

export function saveEmployeeLinks(
  db: Database,
  planId: string,
  links: readonly { employeeId: string; positionId: string }[],
): void {
  const upsert = db.prepare(
    `INSERT INTO employee_links (plan_id, employee_id, position_id) VALUES (?, ?, ?)
     ON CONFLICT (plan_id, employee_id) DO UPDATE SET position_id = excluded.position_id`,
  )
  for (const l of links) upsert.run(planId, l.employeeId, l.positionId)
}

// ---------------------------------------------------------------------------------------------
// Payroll actuals and actual rates

const AMOUNT_COLUMNS = ACTUAL_COMPONENTS.map((c) => `${c}_minor`)

/** Lines written between two pauses of `replacePayrollMonthsSteps`, and read by `readPayrollLinesSteps`. */
const LINES_PER_STEP = 500

/** The months in `months` are replaced by `lines`, in steps: importing a month again corrects it. */
export function* replacePayrollMonthsSteps(
  db: Database,
  months: readonly string[],
  lines: readonly PayrollLine[],
): Steps<void> {
  const clear = db.prepare('DELETE FROM payroll_actuals WHERE month = ?')
  for (const m of months) clear.run(m)
  const insert = db.prepare(
    `INSERT INTO payroll_actuals (employee_id, month, currency, ${AMOUNT_COLUMNS.join(', ')})
     VALUES (?, ?, ?, ${AMOUNT_COLUMNS.map(() => '?').join(', ')})`,
  )
  for (const [n, l] of lines.entries()) {
    insert.run(l.employeeId, l.month, l.currency, ...ACTUAL_COMPONENTS.map((c) => l.amounts[c]))
    if (n % LINES_PER_STEP === LINES_PER_STEP - 1) yield
  }
}

type PayrollRow = { employee_id: string; month: string; currency: 'GBP' | 'USD' } & Record<
  string,
  number
>

export function readPayrollLines(db: Database, from: string, to: string): PayrollLine[] {
  return atOnce(readPayrollLinesSteps(db, from, to))
}

/**
 * The lines of the months from `from` to `to`, in steps. One statement reads across the pauses:
 * a caller that pauses gives this a connection no one else uses meanwhile.
 */
export function* readPayrollLinesSteps(
  db: Database,
  from: string,
  to: string,
): Steps<PayrollLine[]> {
  const rows = db
    .prepare(
      'SELECT * FROM payroll_actuals WHERE month BETWEEN ? AND ? ORDER BY month, employee_id',
    )
    .iterate(from, to) as Iterable<PayrollRow>
  const out: PayrollLine[] = []
  for (const r of rows) {
    out.push({
      employeeId: r.employee_id,
      month: r.month,
      currency: r.currency,
      amounts: Object.fromEntries(
        ACTUAL_COMPONENTS.map((c) => [c, r[`${c}_minor`]!]),
      ) as PayrollLine['amounts'],
    })
    if (out.length % LINES_PER_STEP === 0) yield
  }
  return out
}

/** Months payroll has been imported for: the closed months. */
export function closedMonths(db: Database): string[] {
  return (
    db.prepare('SELECT DISTINCT month FROM payroll_actuals ORDER BY month').all() as {
      month: string
    }[]
  ).map((r) => r.month)
}

export function saveActualRates(
  db: Database,
  rates: readonly { month: string; usdPerGbp: string }[],
): void {
  const upsert = db.prepare(
    `INSERT INTO actual_fx_rates (month, usd_per_gbp) VALUES (?, ?)
     ON CONFLICT (month) DO UPDATE SET usd_per_gbp = excluded.usd_per_gbp`,
  )
  for (const r of rates) upsert.run(r.month, r.usdPerGbp)
}

export function readActualRates(db: Database): Map<string, string> {
  const rows = db.prepare('SELECT month, usd_per_gbp FROM actual_fx_rates').all() as {
    month: string
    usd_per_gbp: string
  }[]
  return new Map(rows.map((r) => [r.month, r.usd_per_gbp]))
}
