/**
 * Opens the planner's SQLite database with the settings every connection needs: WAL so readers
 * never block the writer, synchronous=FULL so an acknowledged commit survives a crash or power
 * loss, foreign keys enforced, and a busy timeout so a second process waits instead of failing.
 */
import BetterSqlite3 from 'better-sqlite3'

export type Database = BetterSqlite3.Database

export function openDatabase(path: string, opts: { readonly?: boolean } = {}): Database {
  const db = new BetterSqlite3(path, {
    readonly: opts.readonly ?? false,
    fileMustExist: opts.readonly ?? false,
  })
  if (!opts.readonly) db.pragma('journal_mode = WAL')
  db.pragma('synchronous = FULL')
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 5000')
  return db
}
