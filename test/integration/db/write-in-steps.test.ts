/**
 * A long write in steps (db/write-in-steps.ts): between its steps the app's own connection still
 * reads the store as it was, a failure in any step leaves nothing of the earlier ones, and a write
 * checked against an older revision is refused before anything is written.
 */
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Database } from '../../../src/db/open.ts'
import { readEmployeeLinks, saveEmployeeLinks } from '../../../src/db/repos/actuals.ts'
import { currentRevision } from '../../../src/db/repos/revision.ts'
import { readTeams } from '../../../src/db/repos/structure.ts'
import { loadWorkspace } from '../../../src/db/repos/workspace.ts'
import { StoreMovedError, writeInSteps } from '../../../src/db/write-in-steps.ts'
import type { Steps } from '../../../src/domain/steps.ts'
import { seedDemoData } from '../../../src/seed.ts'
import { importWorkspaceSteps } from '../../../src/web/services/workspace-documents.ts'
import { freshDatabase, tempDir } from '../../helpers/db.ts'

function seeded(path = join(tempDir(), 'planner.sqlite')) {
  const db = freshDatabase(path)
  seedDemoData(db)
  const planId = (db.prepare('SELECT id FROM plans LIMIT 1').get() as { id: string }).id
  const positionIds = (
    db.prepare('SELECT id FROM positions WHERE plan_id = ? LIMIT 3').all(planId) as { id: string }[]
  ).map((r) => r.id)
  return { db, planId, positionIds }
}

/** Links one employee per step to the positions given, pausing after each. */
function* linkEach(writer: Parameters<typeof saveEmployeeLinks>[0], planId: string, ids: string[]) {
  for (const [i, positionId] of ids.entries()) {
    saveEmployeeLinks(writer, planId, [{ employeeId: `E${i + 1}`, positionId }])
    yield
  }
  return ids.length
}

/** Runs steps to the end, calling `between` at every pause. */
function drive<T>(steps: Steps<T>, between: () => void): T {
  for (;;) {
    const step = steps.next()
    if (step.done) return step.value
    between()
  }
}

describe('a write in steps on a database file', () => {
  it('keeps the app reading the store as it was until the last step commits', () => {
    const { db, planId, positionIds } = seeded()
    const seen: number[] = []
    const written = drive(
      writeInSteps(db, currentRevision(db), (writer) => linkEach(writer, planId, positionIds)),
      () => seen.push(readEmployeeLinks(db, planId).size),
    )
    expect(written).toBe(3)
    expect(seen).toEqual([0, 0, 0])
    expect([...readEmployeeLinks(db, planId).values()]).toEqual(positionIds)
  })

  it('leaves nothing of the earlier steps when a later one fails', () => {
    const { db, planId, positionIds } = seeded()
    const before = currentRevision(db)
    const steps = writeInSteps(db, before, function* (writer) {
      yield* linkEach(writer, planId, positionIds.slice(0, 2))
      throw new Error('the third step fails')
    })
    expect(() => drive(steps, () => {})).toThrow('the third step fails')
    expect(readEmployeeLinks(db, planId).size).toBe(0)
    expect(currentRevision(db)).toBe(before)
  })

  it('refuses, writing nothing, when the store moved on since the check', () => {
    const { db, planId, positionIds } = seeded()
    const checkedAt = currentRevision(db)
    saveEmployeeLinks(db, planId, [{ employeeId: 'E9', positionId: positionIds[0]! }])
    expect(currentRevision(db)).toBeGreaterThan(checkedAt)
    const steps = writeInSteps(db, checkedAt, (writer) => linkEach(writer, planId, positionIds))
    expect(() => drive(steps, () => {})).toThrow(StoreMovedError)
    expect([...readEmployeeLinks(db, planId).keys()]).toEqual(['E9'])
  })
})

describe('a write in steps on an in-memory database', () => {
  it('runs its steps at once, since the one connection cannot let others in between', () => {
    const { db, planId, positionIds } = seeded(':memory:')
    let pauses = 0
    drive(
      writeInSteps(db, currentRevision(db), (writer) => linkEach(writer, planId, positionIds)),
      () => pauses++,
    )
    expect(pauses).toBe(0)
    expect(readEmployeeLinks(db, planId).size).toBe(3)
  })
})

describe('a workspace import in steps on a database file', () => {
  const by = { userId: 'u-admin', now: new Date('2027-01-15T10:00:00Z') }
  const teamNames = (db: Database) => readTeams(db).map((t) => t.name)

  it('keeps the app reading the workspace as it was at every pause until it commits', () => {
    const { db } = seeded()
    const before = teamNames(db)
    const doc = loadWorkspace(db)
    const renamed = { ...doc, teams: doc.teams.map((t) => ({ ...t, name: `${t.name} (new)` })) }
    const seen = new Set<string>()
    const result = drive(importWorkspaceSteps(db, JSON.stringify(renamed), by), () =>
      seen.add(JSON.stringify(teamNames(db))),
    )
    expect(result.ok).toBe(true)
    expect([...seen]).toEqual([JSON.stringify(before)])
    expect(teamNames(db)).toEqual(before.map((name) => `${name} (new)`))
  })

  it('is refused, storing nothing, when the workspace is written while it is checked', () => {
    const { db, planId, positionIds } = seeded()
    const doc = JSON.stringify(loadWorkspace(db))
    const before = teamNames(db)
    let written = false
    const result = drive(importWorkspaceSteps(db, doc, by), () => {
      if (written) return
      saveEmployeeLinks(db, planId, [{ employeeId: 'E9', positionId: positionIds[0]! }])
      written = true
    })
    expect(result).toMatchObject({ ok: false, moved: true })
    expect(teamNames(db)).toEqual(before)
    // the write made meanwhile is kept, not undone by the import
    expect([...readEmployeeLinks(db, planId).keys()]).toEqual(['E9'])
  })
})
