/**
 * A version for the time-to-fill table as a whole (it is edited as one form): each save names the
 * version it was based on. No row yet means version 0, the seeded table never edited.
 */
import type { Database } from '../open.ts'

export const id = 7
export const name = 'time_to_fill_version'

export function up(db: Database): void {
  db.exec(`
CREATE TABLE hiring_time_to_fill_version (
  one INTEGER PRIMARY KEY CHECK (one = 1),
  version INTEGER NOT NULL CHECK (version >= 1)
);
`)
}
