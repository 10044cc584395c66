/**
 * Geo differential per US office (issue 14): the GBP office its bands are compared against, the
 * expected share (the GBP midpoint at the plan's rate over this office's) and its tolerance, as
 * decimal text. All three NULL: no differential set. Offices already bump the store revision.
 */
import type { Database } from '../open.ts'

export const id = 38
export const name = 'geo_differential'

export function up(db: Database): void {
  db.exec(`
ALTER TABLE offices ADD COLUMN geo_against_office_id TEXT REFERENCES offices (id) ON DELETE SET NULL;
ALTER TABLE offices ADD COLUMN geo_share TEXT;
ALTER TABLE offices ADD COLUMN geo_tolerance TEXT;
`)
}
