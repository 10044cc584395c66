import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { migrate, UnknownMigrationsError } from '../../../src/db/migrate.ts'
import { MIGRATIONS } from '../../../src/db/migrations/index.ts'
import { openDatabase } from '../../../src/db/open.ts'
import { freshDatabase, tempDir } from '../../helpers/db.ts'

/** The id a migration added after all the real ones would take. */
const NEXT_ID = Math.max(...MIGRATIONS.map((m) => m.id)) + 1
/** Ids a newer planner applied that this code does not know (NEXT_ID is the test's own). */
const FUTURE = NEXT_ID + 1
const LATER = NEXT_ID + 3

describe('migrate', () => {
  it('applies every migration once and records it', () => {
    const db = openDatabase(':memory:')
    expect(migrate(db)).toEqual(MIGRATIONS.map((m) => m.id))
    const rows = db.prepare('SELECT id, name, applied_at FROM schema_migrations').all() as {
      id: number
      name: string
      applied_at: string
    }[]
    expect(rows.map((r) => [r.id, r.name])).toEqual(MIGRATIONS.map((m) => [m.id, m.name]))
    expect(rows[0]!.applied_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/)
    db.close()
  })

  it('is a no-op when run again', () => {
    const db = freshDatabase()
    const schemaBefore = db.prepare('SELECT sql FROM sqlite_master ORDER BY name').all()
    expect(migrate(db)).toEqual([])
    expect(db.prepare('SELECT sql FROM sqlite_master ORDER BY name').all()).toEqual(schemaBefore)
    expect(db.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get()).toEqual({
      n: MIGRATIONS.length,
    })
  })

  it('applies only the pending migrations, each in its own transaction', () => {
    const db = freshDatabase()
    const second = {
      id: NEXT_ID,
      name: 'add_notes',
      up: (d: typeof db) => d.exec('CREATE TABLE notes (x)'),
    }
    const failing = {
      id: NEXT_ID + 1,
      name: 'broken',
      up: (d: typeof db) => {
        d.exec('CREATE TABLE half_done (x)')
        throw new Error('boom')
      },
    }
    expect(() => migrate(db, [...MIGRATIONS, second, failing])).toThrow('boom')
    // the first extra one committed; the broken one rolled back entirely, its table included
    const ids = db.prepare('SELECT id FROM schema_migrations ORDER BY id').pluck().all()
    expect(ids).toEqual([...MIGRATIONS.map((m) => m.id), NEXT_ID])
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all()
    expect(tables).toContain('notes')
    expect(tables).not.toContain('half_done')
  })

  it('refuses a database written by a newer planner, naming the ids, and leaves the file unchanged', () => {
    const path = join(tempDir(), 'newer.sqlite')
    const newer = openDatabase(path)
    migrate(newer)
    newer
      .prepare("INSERT INTO schema_migrations (id, name) VALUES (?, 'future'), (?, 'later')")
      .run(FUTURE, LATER)
    newer.close()
    const bytesBefore = readFileSync(path)

    const db = openDatabase(path)
    let error: unknown
    try {
      migrate(db, [
        ...MIGRATIONS,
        { id: NEXT_ID, name: 'not_yet_applied', up: (d) => d.exec('CREATE TABLE t (x)') },
      ])
    } catch (e) {
      error = e
    }
    db.close()
    expect(error).toBeInstanceOf(UnknownMigrationsError)
    expect((error as UnknownMigrationsError).unknownIds).toEqual([FUTURE, LATER])
    expect((error as Error).message).toMatch(/written by a newer version of the planner/)
    expect((error as Error).message).toContain(`${FUTURE}, ${LATER}`)
    // not even the known pending migration ran
    expect(readFileSync(path).equals(bytesBefore)).toBe(true)
  })
})
