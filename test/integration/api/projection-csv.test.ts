/**
 * The whole projection's CSV written as bytes (projection-csv.ts) is byte for byte what the CSV
 * library path writes from the line rows (csvText(lineRows)): for the company, a manager's scope,
 * the other currency, and names that need quotes, a formula guard or more than one byte a
 * character; and every amount's digits are minorText's.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { minorText } from '../../../src/domain/money.ts'
import { viewerOf } from '../../../src/web/auth/viewer.ts'
import { csvText } from '../../../src/web/http/stream.ts'
import { ByteWriter, lineCsv } from '../../../src/web/services/projection-csv.ts'
import { lineRows } from '../../../src/web/services/projection-report.ts'
import type { ProjectionView } from '../../../src/web/services/projections.ts'
import { MANAGED_TEAM, testApp } from '../../helpers/web.ts'

const bytesOf = (chunks: Iterable<Uint8Array>) => Buffer.concat([...chunks])
const libraryBytes = (view: ProjectionView) => Buffer.from([...csvText(lineRows(view))].join(''))

describe('projection CSV as bytes', () => {
  it('writes the same bytes as the rows through the CSV library', () => {
    const t = testApp()
    const admin = viewerOf(t.db, t.user('admin'), 'session')
    const manager = viewerOf(t.db, t.user('manager'), 'session')
    const views = [
      t.projections.view(admin, { planId: 'fy2027' }),
      t.projections.view(admin, { planId: 'fy2027', currency: 'USD' }),
      t.projections.view(manager, { planId: 'fy2027' }),
    ]
    for (const view of views) {
      const bytes = bytesOf(lineCsv(view))
      expect(bytes.length).toBeGreaterThan(100_000)
      expect(bytes.equals(libraryBytes(view))).toBe(true)
    }
    // the manager's holds their teams' lines only
    expect(bytesOf(lineCsv(views[2]!)).length).toBeLessThan(bytesOf(lineCsv(views[0]!)).length)
  })

  it('quotes, guards and encodes names as the library does', () => {
    const t = testApp()
    t.db.prepare('UPDATE teams SET name = ? WHERE id = ?').run('=Interp, "core"', MANAGED_TEAM)
    t.db.prepare("UPDATE positions SET title = 'Ingénieure\nde recherche' WHERE rowid = 1").run()
    const view = t.projections.view(viewerOf(t.db, t.user('admin'), 'session'), {})
    const bytes = bytesOf(lineCsv(view))
    expect(bytes.equals(libraryBytes(view))).toBe(true)
    const text = bytes.toString()
    expect(text).toContain(`"'=Interp, ""core"""`)
    expect(text).toContain('"Ingénieure\nde recherche"')
  })

  it('writes every amount as minorText does, across chunk ends', () => {
    const writer = new ByteWriter()
    const amounts = fc.sample(
      fc.oneof(
        fc.integer(),
        fc.maxSafeInteger(),
        fc.maxSafeNat().map((n) => -n),
      ),
      20_000,
    )
    const edges = [
      0,
      7,
      -7,
      99,
      100,
      -100,
      1_000_000,
      999_999,
      Number.MAX_SAFE_INTEGER,
      -Number.MAX_SAFE_INTEGER,
    ]
    for (const minor of [...edges, ...amounts]) {
      writer.amount(minor)
      writer.byte(0x0a)
    }
    const written = bytesOf(writer.rest()).toString().split('\n').slice(0, -1)
    expect(written).toEqual([...edges, ...amounts].map(minorText))
  })
})
