import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DataFileError } from '../../../src/data-files.ts'
import { isEmpty } from '../../../src/db/repos/workspace.ts'
import { seedDemoData } from '../../../src/seed.ts'
import { freshDatabase, tempDir } from '../../helpers/db.ts'

const demoJson = () => JSON.parse(readFileSync('data/demo-org.json', 'utf8'))

/** Writes `text` as a demo file in a temp dir and tries to seed a fresh database from it. */
function seedFrom(text: string) {
  const file = join(tempDir(), 'demo-org.json')
  writeFileSync(file, text)
  const db = freshDatabase()
  let error: unknown
  try {
    seedDemoData(db, file)
  } catch (e) {
    error = e
  }
  return { file, db, error }
}

describe('seedDemoData', () => {
  it('seeds an empty database once', () => {
    const db = freshDatabase()
    expect(seedDemoData(db)).toBe(true)
    expect(seedDemoData(db)).toBe(false)
    expect(db.prepare('SELECT COUNT(*) FROM positions').pluck().get()).toBe(39)
  })

  it('refuses a file that is not JSON, naming the file, and writes nothing', () => {
    const { file, db, error } = seedFrom('{"schemaVersion": 1,')
    expect(error).toBeInstanceOf(DataFileError)
    expect((error as Error).message).toContain(file)
    expect((error as DataFileError).problems[0]).toMatchObject({ path: '(file)' })
    expect((error as Error).message).toMatch(/cannot be read as JSON/)
    expect(isEmpty(db)).toBe(true)
  })

  it('refuses a negative salary, naming the file, the field path and the problem', () => {
    const doc = demoJson()
    doc.plans[0].positions[4].baseSalary = '-85000.00'
    const { file, db, error } = seedFrom(JSON.stringify(doc))
    expect(error).toBeInstanceOf(DataFileError)
    expect((error as Error).message).toContain(file)
    expect((error as DataFileError).problems).toEqual([
      {
        path: 'plans.0.positions.4.baseSalary',
        message: 'must be an amount such as 1234.56 (no commas)',
      },
    ])
    expect(isEmpty(db)).toBe(true)
  })

  it('refuses a position in an unknown team, naming the path and the team', () => {
    const doc = demoJson()
    doc.plans[0].positions[2].teamId = 'no-such-team'
    const { file, db, error } = seedFrom(JSON.stringify(doc))
    expect(error).toBeInstanceOf(DataFileError)
    expect((error as Error).message).toContain(file)
    expect((error as DataFileError).problems).toEqual([
      { path: 'plans.0.positions.2.teamId', message: 'unknown team "no-such-team"' },
    ])
    expect(isEmpty(db)).toBe(true)
    expect(db.prepare('SELECT COUNT(*) FROM positions').pluck().get()).toBe(0)
  })
})
