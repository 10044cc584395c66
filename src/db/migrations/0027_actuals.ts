/**
 * Plan against actuals: locked budgets (a named copy of a plan as approved, kept as its workspace
 * document text, decoded only when a variance reads it), the links from HR employee ids to plan
 * positions made by roster syncs, what payroll paid per person and month, and the actual monthly
 * GBP/USD rates. None of these is workspace data the projections cache: no revision triggers.
 */
import type { Database } from '../open.ts'

export const id = 27
export const name = 'actuals'

export function up(db: Database): void {
  db.exec(`
CREATE TABLE locked_budgets (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  plan_id TEXT NOT NULL,
  fiscal_year INTEGER NOT NULL,
  locked_at TEXT NOT NULL,
  locked_by TEXT NOT NULL,
  snapshot_json TEXT NOT NULL
);

CREATE TABLE employee_links (
  plan_id TEXT NOT NULL,
  employee_id TEXT NOT NULL,
  position_id TEXT NOT NULL,
  PRIMARY KEY (plan_id, employee_id)
);

CREATE TABLE payroll_actuals (
  employee_id TEXT NOT NULL,
  month TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
  currency TEXT NOT NULL CHECK (currency IN ('GBP', 'USD')),
  salary_minor INTEGER NOT NULL CHECK (salary_minor >= 0),
  bonus_minor INTEGER NOT NULL CHECK (bonus_minor >= 0),
  employer_tax_minor INTEGER NOT NULL CHECK (employer_tax_minor >= 0),
  retirement_minor INTEGER NOT NULL CHECK (retirement_minor >= 0),
  benefits_minor INTEGER NOT NULL CHECK (benefits_minor >= 0),
  other_minor INTEGER NOT NULL CHECK (other_minor >= 0),
  PRIMARY KEY (employee_id, month)
);
CREATE INDEX payroll_actuals_by_month ON payroll_actuals (month);

CREATE TABLE actual_fx_rates (
  month TEXT PRIMARY KEY CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
  usd_per_gbp TEXT NOT NULL
);
`)
}
