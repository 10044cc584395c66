/**
 * Every proposal carries the reason its proposer gave (a manager's new role or change, a pay
 * change above the band), shown to whoever decides it; NULL for proposals made before, and when
 * none was given.
 */
import type { Database } from '../open.ts'

export const id = 28
export const name = 'proposal_reason'

export function up(db: Database): void {
  db.exec(`
ALTER TABLE proposals ADD COLUMN reason TEXT CHECK (reason IS NULL OR length(reason) <= 2000);
`)
}
