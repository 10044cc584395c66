/**
 * Pay policy per level (issue 14): the bonus target (a rate as decimal text) and the new-hire
 * equity grant (USD minor units) a new role at the level starts with. NULL: none set. Levels
 * already bump the store revision.
 */
import type { Database } from '../open.ts'

export const id = 39
export const name = 'level_pay_defaults'

export function up(db: Database): void {
  db.exec(`
ALTER TABLE levels ADD COLUMN bonus_target_rate TEXT;
ALTER TABLE levels ADD COLUMN new_hire_equity_minor INTEGER CHECK (new_hire_equity_minor >= 0);
`)
}
