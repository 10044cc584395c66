/**
 * A long write that lets other requests through: its steps run inside one transaction on a
 * connection of its own, so between steps the app's connection still reads the store as it was
 * before (WAL), and a failure anywhere rolls every step back. The transaction starts IMMEDIATE (it
 * holds the write lock from the first step), and it refuses to start if the store moved on from
 * the revision the caller's checks were made against. An in-memory database has no second
 * connection: its steps run at once in a transaction on the app's one. While the write runs, a
 * write on the app's connection waits for it (the busy timeout), as it would behind another process.
 * The writer checkpoints as the app's connection does (db/checkpointer.ts).
 */
import { atOnce, type Steps } from '../domain/steps.ts'
import { sameCheckpoints } from './checkpointer.ts'
import { type Database, openDatabase } from './open.ts'
import { currentRevision } from './repos/revision.ts'

/** The store was written between the caller's checks and its write: check again. */
export class StoreMovedError extends Error {
  constructor() {
    super('The plan changed while this was being checked.')
    this.name = 'StoreMovedError'
  }
}

/**
 * `attach`: a database file the write reads from, by schema name (ATTACH is refused inside a
 * transaction, so it is attached before the write begins and detached after it ends).
 */
export function* writeInSteps<T>(
  db: Database,
  checkedAt: number,
  write: (writer: Database) => Steps<T>,
  attach: { name: string; path: string } | null = null,
): Steps<T> {
  const writer = db.memory ? db : openDatabase(db.name)
  if (writer !== db) sameCheckpoints(db, writer)
  if (attach !== null) writer.prepare(`ATTACH DATABASE ? AS ${attach.name}`).run(attach.path)
  try {
    writer.exec('BEGIN IMMEDIATE')
    try {
      if (currentRevision(writer) !== checkedAt) throw new StoreMovedError()
      // the one connection cannot let others in mid-transaction: their writes would join it
      const out = writer === db ? atOnce(write(writer)) : yield* write(writer)
      writer.exec('COMMIT')
      return out
    } catch (e) {
      if (writer.inTransaction) writer.exec('ROLLBACK')
      throw e
    }
  } finally {
    if (writer !== db) writer.close()
    else if (attach !== null) writer.exec(`DETACH DATABASE ${attach.name}`)
  }
}
