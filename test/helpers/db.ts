/** Fresh databases for tests: in memory by default, or a file in its own temporary directory. */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach } from 'vitest'
import { migrate } from '../../src/db/migrate.ts'
import { type Database, openDatabase } from '../../src/db/open.ts'

const cleanups: (() => void)[] = []

afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup()
})

/** A temporary directory removed after the test. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'planner-db-'))
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

/** A migrated database, closed after the test; `path` defaults to a fresh in-memory one. */
export function freshDatabase(path = ':memory:'): Database {
  const db = openDatabase(path)
  migrate(db)
  cleanups.push(() => {
    if (db.open) db.close()
  })
  return db
}
