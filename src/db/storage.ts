/**
 * The store as start-up opens it: its folder made, the file opened, checked and brought to the
 * current schema. Whatever goes wrong with the file, the disk or the permissions ends as a
 * StorageError whose message says in plain words which file, what is wrong and what to do,
 * instead of a stack trace.
 */
import { mkdirSync, statSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { migrate } from './migrate.ts'
import { type Database, openDatabase } from './open.ts'

/**
 * What a damaged database found at start-up does (DATABASE_CHECK): `refuse` to start (the
 * default), `warn` and serve what can still be read, or `skip` the check (it reads the whole
 * file, a few seconds for a very large one).
 */
export const DATABASE_CHECKS = ['refuse', 'warn', 'skip'] as const
export type DatabaseCheck = (typeof DATABASE_CHECKS)[number]

export class StorageError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'StorageError'
  }
}

const RESTORE = 'restore the last backup (npm run db:restore -- <backup file>)'

/** What is wrong and what to do, by SQLite's or the file system's error code. */
function explain(code: string | undefined): [problem: string, fix: string] {
  const prefix = code?.split('_').slice(0, 2).join('_')
  switch (code === 'SQLITE_IOERR' || prefix !== 'SQLITE_IOERR' ? code : prefix) {
    case 'SQLITE_NOTADB':
      return [
        'it is not a SQLite database',
        `point DATABASE_PATH at the planner's database, or ${RESTORE}`,
      ]
    case 'SQLITE_CORRUPT':
      return ['it is damaged (SQLite reads it as malformed)', RESTORE]
    case 'SQLITE_READONLY':
    case 'SQLITE_CANTOPEN':
    case 'SQLITE_PERM':
    case 'SQLITE_AUTH':
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return [
        'the planner may not read and write it there',
        'give the planner write access to the file and its folder (SQLite writes a -wal and a -shm file beside it), or set DATABASE_PATH to a place it may write',
      ]
    case 'SQLITE_FULL':
    case 'ENOSPC':
      return ['the disk holding it is full', 'free some space on that disk']
    case 'SQLITE_BUSY':
    case 'SQLITE_LOCKED':
      return ['another program holds it locked', 'stop the other planner or tool using it']
    case 'ENOTDIR':
    case 'EEXIST':
      return ['part of its path is a file, not a folder', 'set DATABASE_PATH to a path of folders']
    case 'SQLITE_IOERR':
      return ['the disk could not be read or written', 'check the disk and its file system']
    default:
      return ['it cannot be used', `check the file, or ${RESTORE}`]
  }
}

/** A sentence naming `path`, the problem and what to do. */
export function storageMessage(path: string, error: unknown): string {
  const code = (error as { code?: unknown }).code
  const [problem, fix] = explain(typeof code === 'string' ? code : undefined)
  const detail = error instanceof Error ? ` (${error.message})` : ''
  return `Cannot use the database ${resolve(path)}: ${problem}${detail}; ${fix}.`
}

/** The first problems SQLite's quick check finds, or null for a whole database. */
export function quickCheck(db: Database): string | null {
  const rows = db.pragma('quick_check(5)', { simple: false }) as { quick_check: string }[]
  const found = rows.map((r) => r.quick_check.replace('*** in database main ***\n', ''))
  return found.length === 1 && found[0] === 'ok' ? null : found.join('; ').replace(/\n/g, '; ')
}

/**
 * Opens the database at `path` for serving: folder made, file opened, checked as `check` says,
 * migrated. `warn` hears about a damaged file when `check` is 'warn'. Errors of the file, disk or
 * permissions are StorageErrors; others (a database from a newer planner) pass through.
 */
export function openStore(
  path: string,
  check: DatabaseCheck,
  warn: (message: string) => void,
): Database {
  const fail = (error: unknown): never => {
    if (error instanceof StorageError || !isStorageFault(error)) throw error
    throw new StorageError(storageMessage(path, error))
  }
  try {
    mkdirSync(dirname(path), { recursive: true })
    if (statSync(path, { throwIfNoEntry: false })?.isDirectory()) {
      throw new StorageError(
        `Cannot use the database ${resolve(path)}: it is a folder, not a file; set DATABASE_PATH to a file in it, such as ${path}/planner.sqlite.`,
      )
    }
  } catch (error) {
    fail(error)
  }
  let db: Database | undefined
  try {
    db = openDatabase(path)
    const problems = check === 'skip' ? null : quickCheck(db)
    if (problems !== null) {
      const message = `The database ${resolve(path)} is damaged: ${problems}.`
      if (check === 'refuse') {
        throw new StorageError(
          `${message} Nothing was changed. To recover, ${RESTORE}; to start anyway and read what can still be read, set DATABASE_CHECK=warn.`,
        )
      }
      warn(`${message} Started anyway (DATABASE_CHECK=warn): ${RESTORE} soon.`)
    }
    migrate(db)
    return db
  } catch (error) {
    db?.close()
    return fail(error)
  }
}

/** Errors of the file, the disk or permissions (SQLite's or Node's), not of the planner. */
function isStorageFault(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' && (code.startsWith('SQLITE_') || /^E[A-Z]+$/.test(code))
}
