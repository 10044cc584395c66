/**
 * Time to fill as one definition (issue 14): each plan's days from approval to a requisition
 * opening, beside its other hiring settings. The projection now reads the time-to-fill and
 * notice-period tables and these settings, so writes to them bump the store revision and cached
 * projections reload.
 */
import type { Database } from '../open.ts'
import { bumpTriggers } from './0003_store_revision.ts'

export const id = 30
export const name = 'days_to_open'

export function up(db: Database): void {
  db.exec(`
ALTER TABLE plan_hiring_settings
  ADD COLUMN days_to_open INTEGER NOT NULL DEFAULT 0 CHECK (days_to_open BETWEEN 0 AND 180);
${bumpTriggers('hiring_time_to_fill')}
${bumpTriggers('hiring_notice_periods')}
${bumpTriggers('plan_hiring_settings')}
`)
}
