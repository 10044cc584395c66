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
})
