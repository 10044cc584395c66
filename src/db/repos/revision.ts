/** The store revision (migration 0003): changes whenever any workspace table is written. */
import type { Database } from '../open.ts'

export function currentRevision(db: Database): number {
  const row = db.prepare('SELECT revision FROM store_revision').get() as { revision: number }
  return row.revision
}
