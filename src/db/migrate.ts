/**
 * Forward-only migrations (as Actual's loot-core does): applied ids are recorded in
 * `schema_migrations`; each pending migration runs in its own transaction, so a failure leaves the
 * database at the last migration that completed. A database holding an id this code does not
 * know was written by a newer planner: we refuse it and change nothing.
 */
import type { Migration } from './migrations/index.ts'
import { MIGRATIONS } from './migrations/index.ts'
import type { Database } from './open.ts'

export class UnknownMigrationsError extends Error {
  constructor(readonly unknownIds: number[]) {
    super(
      `This database was written by a newer version of the planner: it holds migration(s) ` +
        `${unknownIds.join(', ')} that this version does not know. Upgrade the planner, or ` +
        'restore a backup made by this version.',
    )
    this.name = 'UnknownMigrationsError'
  }
}

function appliedIds(db: Database): number[] {
  const table = db
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
    .get()
  if (!table) return []
  return (db.prepare('SELECT id FROM schema_migrations ORDER BY id').all() as { id: number }[]).map(
    (r) => r.id,
  )
}

/** Throws UnknownMigrationsError if the database holds migrations this code does not know. */
export function assertKnownMigrations(
  db: Database,
  known: readonly Migration[] = MIGRATIONS,
): number[] {
  const ids = appliedIds(db)
  const knownIds = new Set(known.map((m) => m.id))
  const unknown = ids.filter((id) => !knownIds.has(id))
  if (unknown.length > 0) throw new UnknownMigrationsError(unknown)
  return ids
}

/** Applies pending migrations in id order; returns the ids applied now (none when up to date). */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): number[] {
  const applied = new Set(assertKnownMigrations(db, migrations))
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
  )`)
  const record = db.prepare('INSERT INTO schema_migrations (id, name) VALUES (?, ?)')
  const pending = [...migrations].sort((a, b) => a.id - b.id).filter((m) => !applied.has(m.id))
  for (const m of pending) {
    db.transaction(() => {
      m.up(db)
      record.run(m.id, m.name)
    })()
  }
  return pending.map((m) => m.id)
}
