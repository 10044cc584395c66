import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../../src/db/open.ts'
import { isEmpty, loadWorkspace, saveWorkspace } from '../../../src/db/repos/workspace.ts'
import { workspaceDocument } from '../../../src/domain/document.ts'
import { seedDemoData } from '../../../src/seed.ts'
import { freshDatabase, tempDir } from '../../helpers/db.ts'

const DEMO = 'data/demo-org.json'
const demoDocument = () => workspaceDocument.parse(JSON.parse(readFileSync(DEMO, 'utf8')))

describe('workspace repository', () => {
  it('round-trips the demo file: encode(load(save(decode(file)))) equals the file', () => {
    // the demo file is kept in the encoded form (every default written out), so the comparison
    // is with the file itself
    const db = freshDatabase()
    saveWorkspace(db, demoDocument())
    expect(workspaceDocument.encode(loadWorkspace(db))).toEqual(
      JSON.parse(readFileSync(DEMO, 'utf8')),
    )
  })

  it('is empty until a document is saved', () => {
    const db = freshDatabase()
    expect(isEmpty(db)).toBe(true)
    saveWorkspace(db, demoDocument())
    expect(isEmpty(db)).toBe(false)
  })

  it('replaces the previous workspace on save', () => {
    const db = freshDatabase()
    saveWorkspace(db, demoDocument())
    const smaller = demoDocument()
    smaller.plans[0]!.positions = smaller.plans[0]!.positions.slice(0, 3)
    smaller.scenarios = []
    saveWorkspace(db, smaller)
    const loaded = loadWorkspace(db)
    expect(loaded.plans[0]!.positions.map((p) => p.id)).toEqual(['p-001', 'p-002', 'p-003'])
    expect(loaded.scenarios).toEqual([])
  })

  it('writes all or nothing: a record the schema refuses leaves the old workspace intact', () => {
    const db = freshDatabase()
    const doc = demoDocument()
    saveWorkspace(db, doc)
    const broken = demoDocument()
    broken.organisation.name = 'Renamed'
    // two offices with one id pass the document's own checks only if we bypass them, as a
    // buggy caller might; the database's primary key refuses the second
    broken.offices.push({ ...broken.offices[0]! })
    expect(() => saveWorkspace(db, broken)).toThrow(/UNIQUE constraint failed: offices.id/)
    expect(loadWorkspace(db).organisation.name).toBe('Meridian AI')
    expect(workspaceDocument.encode(loadWorkspace(db))).toEqual(workspaceDocument.encode(doc))
  })

  it('keeps everything across a restart: seed, close, reopen, same workspace', () => {
    const path = join(tempDir(), 'planner.sqlite')
    const first = freshDatabase(path)
    expect(seedDemoData(first, DEMO)).toBe(true)
    const before = workspaceDocument.encode(loadWorkspace(first))
    first.close()

    const reopened = openDatabase(path)
    try {
      expect(seedDemoData(reopened, DEMO)).toBe(false)
      expect(workspaceDocument.encode(loadWorkspace(reopened))).toEqual(before)
    } finally {
      reopened.close()
    }
  })
})
