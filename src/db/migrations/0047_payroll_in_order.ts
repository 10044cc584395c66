/**
 * Payroll lines indexed by month and employee (issue 16), the order they are read in: with the
 * month alone indexed, SQLite sorted a year of 50,000 people's lines before handing over the first
 * one, holding the event loop for that whole sort. The new index also serves every read by month.
 */
import type { Database } from '../open.ts'

export const id = 47
export const name = 'payroll_in_order'

export function up(db: Database): void {
  db.exec(`
DROP INDEX payroll_actuals_by_month;
CREATE INDEX payroll_actuals_by_month ON payroll_actuals (month, employee_id);
`)
}
