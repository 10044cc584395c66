import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../../src/db/open.ts'
import { tempDir } from '../../helpers/db.ts'

describe('openDatabase', () => {
  it('sets WAL, synchronous FULL, foreign keys and a busy timeout', () => {
    const db = openDatabase(join(tempDir(), 'planner.sqlite'))
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.pragma('synchronous', { simple: true })).toBe(2) // 2 = FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000)
    db.close()
  })

  it('opens an in-memory database (which cannot use WAL)', () => {
    const db = openDatabase(':memory:')
    expect(db.pragma('journal_mode', { simple: true })).toBe('memory')
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
    db.close()
  })

  it("prepares each SQL text once, handing a reader back without the last caller's pluck", () => {
    const db = openDatabase(':memory:')
    db.exec('CREATE TABLE t (a INTEGER); INSERT INTO t VALUES (7)')
    const sql = 'SELECT a FROM t'
    const first = db.prepare(sql)
    expect(db.prepare(sql)).toBe(first)
    expect(db.prepare(sql).pluck().get()).toBe(7)
    expect(db.prepare(sql).get()).toEqual({ a: 7 })
    expect(db.prepare('SELECT a + 1 AS b FROM t')).not.toBe(first)
    db.close()
  })
})
