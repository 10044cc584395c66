/**
 * Employee links (which HR and payroll id is which position) bump the store revision (issue 16): a
 * roster is reconciled against them, so a sync checked before another one linked people sees that
 * the store moved on (db/write-in-steps.ts) rather than writing over it.
 */
import type { Database } from '../open.ts'
import { bumpTriggers } from './0003_store_revision.ts'

export const id = 45
export const name = 'employee_links_revision'

export function up(db: Database): void {
  db.exec(bumpTriggers('employee_links'))
}
