/**
 * Positions indexed in their plan's order (issue 16): the workspace is read a thousand positions
 * at a time, and without this index SQLite sorted a 50,000-position plan before handing over its
 * first row, holding the event loop for that whole sort.
 */
import type { Database } from '../open.ts'

export const id = 46
export const name = 'positions_in_order'

export function up(db: Database): void {
  db.exec('CREATE INDEX positions_in_order ON positions (plan_id, sort_order)')
}
