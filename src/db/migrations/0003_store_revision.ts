/**
 * A store revision: one row whose number goes up on every write to a workspace table, bumped by
 * triggers so no write path can forget it. Caches of decoded workspaces and projections compare
 * it to know when to reload. Sessions, tokens, users and audit events are not workspace data and
 * do not bump it.
 */
import type { Database } from '../open.ts'

/** Every table holding workspace records (as of this migration). */
export const WORKSPACE_TABLES = [
  'organisation',
  'departments',
  'teams',
  'benefit_packages',
  'offices',
  'job_families',
  'levels',
  'salary_bands',
  'fx_rate_sets',
  'fx_budget_rates',
  'fx_monthly_rates',
  'plans',
  'positions',
  'position_raises',
  'position_equity_grants',
  'scenarios',
] as const

export const bumpTriggers = (table: string) =>
  (['INSERT', 'UPDATE', 'DELETE'] as const)
    .map(
      (event) => `
CREATE TRIGGER ${table}_${event.toLowerCase()}_bumps_revision AFTER ${event} ON ${table}
BEGIN
  UPDATE store_revision SET revision = revision + 1;
END;`,
    )
    .join('\n')

export const id = 3
export const name = 'store_revision'

export function up(db: Database): void {
  db.exec(`
CREATE TABLE store_revision (
  one INTEGER PRIMARY KEY CHECK (one = 1),
  revision INTEGER NOT NULL
);
INSERT INTO store_revision (one, revision) VALUES (1, 0);
${WORKSPACE_TABLES.map(bumpTriggers).join('\n')}
`)
}
