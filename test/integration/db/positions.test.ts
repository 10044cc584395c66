import { beforeEach, describe, expect, it } from 'vitest'
import { readDataFile } from '../../../src/data-files.ts'
import type { Database } from '../../../src/db/open.ts'
import {
  createPosition,
  deletePosition,
  getPosition,
  listPositions,
  updatePosition,
} from '../../../src/db/repos/positions.ts'
import { workspaceDocument } from '../../../src/domain/document.ts'
import { position } from '../../../src/domain/model.ts'
import { DEMO_FILE, seedDemoData } from '../../../src/seed.ts'
import { freshDatabase } from '../../helpers/db.ts'

const PLAN = 'fy2027'

const newRole = () =>
  position.parse({
    id: 'r-900',
    kind: 'open',
    teamId: 'circuits',
    officeId: 'london',
    familyId: 'research-engineer',
    levelId: 'l5',
    title: 'Research Engineer, Circuits',
    baseSalary: '202500.00',
    status: 'approved',
    reason: 'net_new',
    targetStartDate: '2027-07-01',
    raises: [{ effectiveDate: '2028-04-01', annualBase: '210000.50' }],
    equityGrants: [{ id: 'g-900', grantDate: '2027-07-01', valueUsd: '250000.00' }],
  })

describe('positions repository', () => {
  let db: Database
  beforeEach(() => {
    db = freshDatabase()
    seedDemoData(db)
  })

  it('lists a plan in document order, optionally one team', () => {
    const all = listPositions(db, PLAN)
    expect(all).toHaveLength(39)
    expect(all[0]!.position.id).toBe('p-001')
    const circuits = listPositions(db, PLAN, { teamId: 'circuits' })
    expect(circuits.map((s) => s.position.id)).toEqual([
      'p-003',
      'p-004',
      'p-005',
      'p-006',
      'p-007',
      'p-008',
      'r-104',
    ])
  })

  it('reads every position back as the schema would parse it, one Decimal per distinct amount', () => {
    const all = listPositions(db, PLAN)
    // rows are trusted on read (checked on write and by the table's constraints): what comes back
    // must be exactly what parsing the demo document gave
    const demo = readDataFile(DEMO_FILE, workspaceDocument).plans.find((p) => p.id === PLAN)!
    expect(all.map((s) => s.position)).toEqual(demo.positions)
    const salaries = new Map<string, unknown>()
    for (const { position: p } of all) {
      const seen = salaries.get(p.baseSalary.toFixed(2))
      if (seen) expect(p.baseSalary).toBe(seen)
      salaries.set(p.baseSalary.toFixed(2), p.baseSalary)
    }
    expect(salaries.size).toBeLessThan(all.length)
  })

  it('creates a position at version 1 with its raises and grants, money to the penny', () => {
    const created = createPosition(db, PLAN, newRole())
    expect(created.version).toBe(1)
    const read = getPosition(db, PLAN, 'r-900')!
    expect(read.position).toEqual(newRole())
    expect(read.position.raises[0]!.annualBase.toFixed(2)).toBe('210000.50')
    expect(listPositions(db, PLAN).at(-1)!.position.id).toBe('r-900')
  })

  it('refuses a position in a team that does not exist', () => {
    expect(() => createPosition(db, PLAN, { ...newRole(), teamId: 'ghosts' })).toThrow(
      /FOREIGN KEY/,
    )
    expect(getPosition(db, PLAN, 'r-900')).toBeNull()
  })

  it('updates at the expected version and bumps it', () => {
    createPosition(db, PLAN, newRole())
    const edited = { ...newRole(), title: 'Senior Research Engineer, Circuits', raises: [] }
    const result = updatePosition(db, PLAN, edited, 1)
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.position.version).toBe(2)
    expect(result.position.position).toEqual(edited)
    expect(getPosition(db, PLAN, 'r-900')!.position.raises).toEqual([])
  })

  it('refuses a stale update, returns the current record and leaves it unchanged', () => {
    createPosition(db, PLAN, newRole())
    const first = { ...newRole(), title: 'First edit' }
    expect(updatePosition(db, PLAN, first, 1).ok).toBe(true)

    // a second editor still holding version 1
    const stale = { ...newRole(), title: 'Stale edit', equityGrants: [] }
    const result = updatePosition(db, PLAN, stale, 1)
    expect(result).toMatchObject({ ok: false, reason: 'stale' })
    if (result.ok || result.reason !== 'stale') return
    expect(result.current.version).toBe(2)
    expect(result.current.position).toEqual(first)
    expect(getPosition(db, PLAN, 'r-900')).toEqual({ planId: PLAN, version: 2, position: first })
  })

  it('changes a filled position to an open role cleanly', () => {
    const filled = getPosition(db, PLAN, 'p-022')!
    const reopened = position.parse({
      ...position.encode(filled.position),
      kind: 'open',
      status: 'open',
      reason: 'backfill',
      backfillOfPositionId: 'p-022',
      targetStartDate: '2027-05-01',
    })
    const result = updatePosition(db, PLAN, reopened, filled.version)
    expect(result.ok).toBe(true)
    expect(getPosition(db, PLAN, 'p-022')!.position).toEqual(reopened)
  })

  it('reports an update of a missing position as not found', () => {
    expect(updatePosition(db, PLAN, newRole(), 1)).toEqual({ ok: false, reason: 'not_found' })
  })

  it('deletes a position with its grants', () => {
    expect(deletePosition(db, PLAN, 'p-001')).toBe(true)
    expect(getPosition(db, PLAN, 'p-001')).toBeNull()
    const grants = db
      .prepare("SELECT COUNT(*) FROM position_equity_grants WHERE position_id = 'p-001'")
      .pluck()
      .get()
    expect(grants).toBe(0)
    expect(deletePosition(db, PLAN, 'p-001')).toBe(false)
  })
})
