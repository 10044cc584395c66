/**
 * A proposal keeps the role as it was when it was proposed (the position's document JSON; NULL for
 * a new role, and for proposals made before this migration). The decided list then shows before
 * and after exactly as they were, instead of comparing with the plan as it stands now, which after
 * approval already holds the proposed value ("$145,000.00 -> $145,000.00").
 */
import type { Database } from '../open.ts'

export const id = 15
export const name = 'proposal_before'

export function up(db: Database): void {
  db.exec(`
ALTER TABLE proposals ADD COLUMN before_json TEXT CHECK (before_json IS NULL OR json_valid(before_json));
`)
}
