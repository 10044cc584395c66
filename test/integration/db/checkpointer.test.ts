/**
 * The checkpointer (db/checkpointer.ts) copies the write-ahead log into the database file on a
 * thread of its own: with it running, a commit never checkpoints on the event loop, neither the
 * app's connection's nor a write in steps' own, and the log still reaches the file.
 */
import { statSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { type Checkpointer, startCheckpointer } from '../../../src/db/checkpointer.ts'
import { type Database, openDatabase } from '../../../src/db/open.ts'
import { currentRevision } from '../../../src/db/repos/revision.ts'
import { writeInSteps } from '../../../src/db/write-in-steps.ts'
import { atOnce } from '../../../src/domain/steps.ts'
import { tempDir } from '../../helpers/db.ts'

const running: Checkpointer[] = []
afterEach(async () => {
  await Promise.all(running.splice(0).map((c) => c.stop()))
})

function store() {
  const path = join(tempDir(), 'planner.sqlite')
  const db = openDatabase(path)
  db.exec(
    'CREATE TABLE store_revision (revision INTEGER NOT NULL); INSERT INTO store_revision VALUES (0)',
  )
  db.exec('CREATE TABLE filler (text TEXT NOT NULL)')
  return { db, path }
}

/** About 4 MB of rows: a log of about a thousand pages, past SQLite's own checkpoint threshold. */
function fill(db: Database) {
  const insert = db.prepare('INSERT INTO filler (text) VALUES (?)')
  for (let i = 0; i < 4000; i++) insert.run(`${i}`.padEnd(1000, 'x'))
}

const fileSize = (path: string) => statSync(path).size

async function until(done: () => boolean) {
  for (let waited = 0; !done() && waited < 20_000; waited += 25) {
    await new Promise((r) => setTimeout(r, 25))
  }
}

describe('the checkpointer', () => {
  it('leaves the commit to write the log only, and copies the log into the file itself', async () => {
    const { db, path } = store()
    running.push(startCheckpointer(db, 50))
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0)
    const before = fileSize(path)
    db.transaction(() => fill(db))()
    // SQLite's own checkpoint would have copied the 4 MB into the file within this commit
    expect(fileSize(path)).toBe(before)
    await until(() => fileSize(path) > before + 4_000_000)
    expect(fileSize(path)).toBeGreaterThan(before + 4_000_000)
  })

  it("gives a write in steps' own connection the same setting", () => {
    const { db, path } = store()
    db.pragma('wal_autocheckpoint = 0')
    const before = fileSize(path)
    atOnce(
      writeInSteps(db, currentRevision(db), function* (writer) {
        fill(writer)
        yield
      }),
    )
    expect(db.prepare('SELECT count(*) AS n FROM filler').get()).toEqual({ n: 4000 })
    expect(fileSize(path)).toBe(before)
  })

  it('stops, closing its connection, and the store opens as before', async () => {
    const { db, path } = store()
    const checkpointer = startCheckpointer(db, 50)
    db.transaction(() => fill(db))()
    await checkpointer.stop()
    db.close()
    const again = openDatabase(path)
    expect(again.prepare('SELECT count(*) AS n FROM filler').get()).toEqual({ n: 4000 })
    again.close()
  })
})
