/**
 * The numbers finance signs off (issue 20): each plan's merit eligibility period, each package's
 * bonus rules for joiners (proration, cut-off), and imported actual year-to-date payroll figures
 * per plan, position and year. All are workspace data: writes bump the store revision.
 */
import type { Database } from '../open.ts'

export const id = 11
export const name = 'numbers'

export function up(db: Database): void {
  db.exec(`
ALTER TABLE plans ADD COLUMN merit_eligibility_months INTEGER NOT NULL DEFAULT 6
  CHECK (merit_eligibility_months BETWEEN 0 AND 24);
-- the package's bonusRules in the document's text form, checked by zod on read
ALTER TABLE benefit_packages ADD COLUMN bonus_rules_json TEXT NOT NULL DEFAULT '{}';
CREATE TABLE actual_ytd (
  plan_id TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
  position_id TEXT NOT NULL,
  year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  wages_minor INTEGER NOT NULL CHECK (wages_minor >= 0),
  eligible_minor INTEGER NOT NULL CHECK (eligible_minor >= 0),
  pension_minor INTEGER NOT NULL CHECK (pension_minor >= 0),
  as_at TEXT NOT NULL,
  PRIMARY KEY (plan_id, position_id, year)
);
${(['INSERT', 'UPDATE', 'DELETE'] as const)
  .map(
    (event) => `
CREATE TRIGGER actual_ytd_${event.toLowerCase()}_bumps_revision
AFTER ${event} ON actual_ytd
BEGIN
  UPDATE store_revision SET revision = revision + 1;
END;`,
  )
  .join('\n')}
`)
}
