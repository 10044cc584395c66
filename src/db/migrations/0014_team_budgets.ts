/**
 * Budgets per plan and fiscal year for a team or a department: a headcount cap and a cost budget
 * in the plan's reporting currency (INTEGER minor units), either may be absent. They are
 * workspace data (in the document, export and import), so writes bump the store revision like
 * every other workspace table; each row carries a version so a stale edit is refused.
 */
import type { Database } from '../open.ts'
import { bumpTriggers } from './0003_store_revision.ts'

export const id = 14
export const name = 'team_budgets'

export function up(db: Database): void {
  db.exec(`
CREATE TABLE team_budgets (
  plan_id TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('team', 'department')),
  owner_id TEXT NOT NULL,
  fiscal_year INTEGER NOT NULL,
  headcount_cap INTEGER CHECK (headcount_cap IS NULL OR headcount_cap >= 0),
  cost_minor INTEGER CHECK (cost_minor IS NULL OR cost_minor >= 0),
  sort_order INTEGER NOT NULL DEFAULT 0,
  version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  PRIMARY KEY (plan_id, kind, owner_id, fiscal_year),
  CHECK (headcount_cap IS NOT NULL OR cost_minor IS NOT NULL)
);
${bumpTriggers('team_budgets')}
`)
}
