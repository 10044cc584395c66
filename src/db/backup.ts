/**
 * Online backup and offline restore. A backup copies a consistent snapshot while the planner keeps
 * running (SQLite's backup API, all pages in one step so a concurrent writer cannot force a
 * restart); a restore checks the copy, then swaps it in atomically (temp file in the same
 * directory + rename) while nothing else has the database open.
 */
import { closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { assertKnownMigrations } from './migrate.ts'
import { type Database, openDatabase } from './open.ts'

/** Pages per backup step: all of them, so the copy is taken under one read transaction. */
const ALL_PAGES = 0x7fffffff

export class RestoreError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'RestoreError'
  }
}

function fsyncPath(path: string): void {
  const fd = openSync(path, 'r')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

function tempBeside(path: string, purpose: string): string {
  return join(dirname(path), `.${basename(path)}.${purpose}-${process.pid}.tmp`)
}

/** Replaces `target` with `source` by rename, durably (the file, then its directory). */
function replaceFile(source: string, target: string): void {
  fsyncPath(source)
  renameSync(source, target)
  fsyncPath(dirname(target))
}

/** `PRAGMA integrity_check` result: 'ok', or the problems found. */
export function integrityCheck(db: Database): string {
  const rows = db.pragma('integrity_check') as { integrity_check: string }[]
  return rows.map((r) => r.integrity_check).join('; ')
}

/** Copies the open database to `dest` (replacing it atomically) and checks the copy. */
export async function backupDatabase(db: Database, dest: string): Promise<void> {
  const temp = tempBeside(dest, 'backup')
  rmSync(temp, { force: true })
  try {
    await db.backup(temp, { progress: () => ALL_PAGES })
    const copy = new BetterSqlite3(temp, { readonly: true })
    const integrity = integrityCheck(copy)
    copy.close()
    if (integrity !== 'ok')
      throw new Error(`the backup copy failed its integrity check: ${integrity}`)
    replaceFile(temp, dest)
  } finally {
    rmSync(temp, { force: true })
  }
}

/**
 * Takes and releases an exclusive lock on `target`, so a restore never swaps the file under a
 * running planner (whose open connection holds a lock on it), and empties its WAL into the file.
 */
function assertNotInUse(target: string): void {
  if (!existsSync(target)) return
  const db = new BetterSqlite3(target, { timeout: 0 })
  try {
    db.pragma('locking_mode = EXCLUSIVE')
    db.exec('BEGIN EXCLUSIVE; COMMIT')
    db.pragma('wal_checkpoint(TRUNCATE)')
  } catch (error) {
    throw new RestoreError(
      `${target} is in use (is the planner running?); stop it before restoring: ${String(error)}`,
    )
  } finally {
    db.close()
  }
}

/**
 * Restores `source` over `target`. Refuses a source that fails `PRAGMA integrity_check`, is not a
 * planner database, or was written by a newer planner; refuses while `target` is in use.
 */
export async function restoreDatabase(source: string, target: string): Promise<void> {
  if (!existsSync(source)) throw new RestoreError(`${source} does not exist`)
  const temp = tempBeside(target, 'restore')
  rmSync(temp, { force: true })
  try {
    const src = openDatabase(source, { readonly: true })
    try {
      const integrity = integrityCheck(src)
      if (integrity !== 'ok') {
        throw new RestoreError(`${source} failed its integrity check: ${integrity}`)
      }
      if (assertKnownMigrations(src).length === 0) {
        throw new RestoreError(`${source} is not a planner database (no schema_migrations)`)
      }
      // a backup-API copy rather than a file copy, so anything still in the source's WAL comes too
      await src.backup(temp, { progress: () => ALL_PAGES })
    } finally {
      src.close()
    }
    assertNotInUse(target)
    replaceFile(temp, target)
    // the old database's WAL and shared-memory index would be replayed onto the new file
    rmSync(`${target}-wal`, { force: true })
    rmSync(`${target}-shm`, { force: true })
  } finally {
    rmSync(temp, { force: true })
  }
}
