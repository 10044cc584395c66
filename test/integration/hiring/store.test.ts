import { describe, expect, it } from 'vitest'
import { readDataFile } from '../../../src/data-files.ts'
import {
  listPostings,
  readHiring,
  readHiringSettings,
  recordPosting,
  saveHiringSettings,
  savePool,
  seedHiringDefaults,
} from '../../../src/db/repos/hiring.ts'
import { hiringDefaultsFile, postedRange } from '../../../src/domain/hiring/schema.ts'
import { dec } from '../../../src/domain/money.ts'
import { PROJECT_DATA_DIR } from '../../../src/reference-data.ts'
import { freshDatabase } from '../../helpers/db.ts'

const defaults = readDataFile(`${PROJECT_DATA_DIR}hiring/defaults.json`, hiringDefaultsFile)

describe('hiring store', () => {
  it('seeds the defaults once, while empty, and reads them back through the codecs', () => {
    const db = freshDatabase()
    expect(seedHiringDefaults(db, defaults)).toBe(true)
    expect(seedHiringDefaults(db, defaults)).toBe(false)
    const stored = readHiring(db)
    expect(stored.pools.map((p) => p.value)).toEqual(defaults.setup.pools)
    expect(stored.loops.map((l) => l.value)).toEqual(defaults.setup.loops)
    expect(stored.timeToFill).toEqual(defaults.timeToFill)
    expect(stored.noticePeriods).toEqual(defaults.noticePeriods)
    expect(stored.pools.every((p) => p.version === 1)).toBe(true)
  })

  it('saves a pool against its version and refuses a stale one without storing it', () => {
    const db = freshDatabase()
    seedHiringDefaults(db, defaults)
    const pool = readHiring(db).pools[0]!
    const changed = { ...pool.value, weeklyHoursPerPerson: dec('12.5') }
    const saved = savePool(db, changed, 1)
    expect(saved.ok && saved.saved.version).toBe(2)
    const stale = savePool(db, { ...pool.value, weeklyHoursPerPerson: dec('1') }, 1)
    expect(stale).toMatchObject({ ok: false, reason: 'stale' })
    expect(readHiring(db).pools[0]!.value.weeklyHoursPerPerson.toFixed()).toBe('12.5')
  })

  it('reads plan settings as the defaults at version 0 until saved, then by version', () => {
    const db = freshDatabase()
    const first = readHiringSettings(db, 'p1', defaults.setup.recruiting)
    expect(first.version).toBe(0)
    expect(first.recruiting).toEqual(defaults.setup.recruiting)
    const next = { ...first, recruiting: { ...first.recruiting, maxOpenRolesPerRecruiter: 3 } }
    expect(saveHiringSettings(db, 'p1', next, 0, defaults.setup.recruiting).ok).toBe(true)
    expect(saveHiringSettings(db, 'p1', next, 0, defaults.setup.recruiting).ok).toBe(false)
    const read = readHiringSettings(db, 'p1', defaults.setup.recruiting)
    expect(read.version).toBe(1)
    expect(read.recruiting.maxOpenRolesPerRecruiter).toBe(3)
  })

  it('keeps every posting of a role, newest first, to the penny', () => {
    const db = freshDatabase()
    const posting = (min: string, postedOn: string) =>
      postedRange.parse({
        roleId: 'r1',
        location: 'New York',
        min,
        max: '273000.00',
        currency: 'USD',
        postedOn,
        text: 'Salary range: $223,000 to $273,000 a year.',
      })
    recordPosting(db, 'p1', posting('223000.00', '2027-01-10'), 'u1', new Date())
    recordPosting(db, 'p1', posting('223000.50', '2027-02-10'), 'u1', new Date())
    const history = listPostings(db, 'p1', 'r1')
    expect(history.map((h) => h.posting.postedOn)).toEqual(['2027-02-10', '2027-01-10'])
    expect(history[0]!.posting.min.toFixed(2)).toBe('223000.50')
    expect(listPostings(db, 'p1', 'r2')).toEqual([])
  })
})
