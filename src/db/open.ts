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
  return withStatementCache(db)
}

/**
 * Prepares each SQL text once per connection: compiling a statement costs about as much as running
 * a small query, and every request runs the same few (its session, its user, the store revision).
 * A cached reader is handed back in its default mode, so one caller's `.pluck()` never leaks into
 * another's. The SQL texts are fixed in code (table names at most), so the cache stays small.
 */
function withStatementCache(db: Database): Database {
  const prepare = db.prepare.bind(db)
  const prepared = new Map<string, BetterSqlite3.Statement>()
  db.prepare = ((sql: string) => {
    let statement = prepared.get(sql)
    if (statement === undefined) {
      statement = prepare(sql)
      prepared.set(sql, statement)
    } else if (statement.reader) {
      statement.pluck(false).expand(false).raw(false)
    }
    return statement
  }) as Database['prepare']
  return db
}
