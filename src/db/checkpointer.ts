/**
 * Copies the write-ahead log into the database file on a thread of its own. By default SQLite
 * does this inside the commit that takes the log past 1,000 pages: after a 50,000-row roster
 * sync or workspace import that commit held the event loop about twice as long as the write
 * itself, and the next small edit could pay for it instead. With a checkpointer running, the
 * server's connections leave checkpoints to it (`wal_autocheckpoint = 0`), and it runs a PASSIVE
 * checkpoint every second: one that never waits for, or blocks, readers and writers.
 */
import { once } from 'node:events'
import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import type { Database } from './open.ts'

const EVERY_MS = 1000

// CommonJS run as the thread's script: it needs no loader for TypeScript, and finds the same
// better-sqlite3 as the app through the path given.
const THREAD = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.driver)
const db = new Database(workerData.path, { fileMustExist: true })
db.pragma('busy_timeout = 5000')
const checkpoint = () => db.pragma('wal_checkpoint(PASSIVE)')
const timer = setInterval(checkpoint, workerData.everyMs)
parentPort.on('message', () => {
  clearInterval(timer)
  db.close()
  parentPort.close()
})
`

export interface Checkpointer {
  /** Ends the thread once its connection is closed. */
  stop(): Promise<void>
}

/** Starts checkpointing `db`'s file off the event loop; an in-memory database has nothing to do. */
export function startCheckpointer(db: Database, everyMs = EVERY_MS): Checkpointer {
  if (db.memory) return { stop: async () => {} }
  const driver = createRequire(import.meta.url).resolve('better-sqlite3')
  const thread = new Worker(THREAD, { eval: true, workerData: { driver, path: db.name, everyMs } })
  thread.unref()
  db.pragma('wal_autocheckpoint = 0')
  const exited = once(thread, 'exit')
  return {
    async stop() {
      thread.postMessage('stop')
      await exited
    },
  }
}

/** The checkpoint setting of `from`, for a second connection to the same file. */
export function sameCheckpoints(from: Database, to: Database): void {
  to.pragma(`wal_autocheckpoint = ${from.pragma('wal_autocheckpoint', { simple: true })}`)
}
