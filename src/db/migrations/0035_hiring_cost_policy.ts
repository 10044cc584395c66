/**
 * Each plan's hiring-cost policy (issue 20): the hiring costs a new role starts with, by family,
 * level and office (null: any), in the plan's order. Workspace data: writes bump the store
 * revision.
 */
import type { Database } from '../open.ts'
import { bumpTriggers } from './0003_store_revision.ts'

export const id = 35
export const name = 'hiring_cost_policy'

export function up(db: Database): void {
  db.exec(`
CREATE TABLE plan_hiring_cost_rules (
  plan_id TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
  sort_order INTEGER NOT NULL,
  family_id TEXT,
  level_id TEXT,
  office_id TEXT,
  agency_share TEXT NOT NULL,
  agency_fee TEXT NOT NULL,
  relocation_minor INTEGER NOT NULL CHECK (relocation_minor >= 0),
  visa TEXT NOT NULL CHECK (visa IN ('none', 'uk_skilled_worker', 'us_h1b')),
  PRIMARY KEY (plan_id, sort_order)
);
${bumpTriggers('plan_hiring_cost_rules')}
`)
}
