/**
 * Band edits. A band is a family x level x office range effective from a date; changing it either
 * corrects the version in force (same effective date: an optimistic UPDATE on `version`) or adds a
 * new version from a later date (an INSERT, keeping history). Either way the edit names the
 * version it was based on, and is refused as stale if that is no longer the latest for its key.
 */
import { type SalaryBand, salaryBand } from '../../domain/model.ts'
import type { Decimal } from '../../domain/money.ts'
import type { Database } from '../open.ts'
import { insertSalaryBand, readSalaryBands } from './reference.ts'
import { allRowsWhere, minorOf } from './rows.ts'

export interface StoredBand {
  version: number
  band: SalaryBand
}

export interface BandChange {
  min: Decimal
  mid: Decimal
  max: Decimal
  effectiveFrom: string
}

export type SaveBandResult =
  | { ok: true; band: StoredBand; created: boolean }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'stale'; current: StoredBand }
  /** The new version would start before the one it replaces, so it would never be in force. */
  | { ok: false; reason: 'before_current'; current: StoredBand }

function versionOf(db: Database, id: string): number | null {
  const [row] = allRowsWhere<{ version: number }>(db, 'salary_bands', 'id = ?', [id])
  return row?.version ?? null
}

export function getBand(db: Database, id: string): StoredBand | null {
  const band = readSalaryBands(db).find((b) => b.id === id)
  const version = versionOf(db, id)
  return band && version !== null ? { version, band } : null
}

/** The latest version of the band's family x level x office. */
function latestOfKey(db: Database, band: SalaryBand): StoredBand {
  const [row] = db
    .prepare(
      `SELECT id FROM salary_bands WHERE family_id = ? AND level_id = ? AND office_id = ?
       ORDER BY effective_from DESC LIMIT 1`,
    )
    .all(band.familyId, band.levelId, band.officeId) as { id: string }[]
  return getBand(db, row!.id)!
}

/** Id of a new version: its key and start date ("software-engineer-l4-london-2027-04-01"). */
export const versionId = (band: SalaryBand, effectiveFrom: string) =>
  `${band.familyId}-${band.levelId}-${band.officeId}-${effectiveFrom}`

export function saveBandVersion(
  db: Database,
  basedOnId: string,
  expectedVersion: number,
  change: BandChange,
): SaveBandResult {
  return db.transaction((): SaveBandResult => {
    const base = getBand(db, basedOnId)
    if (!base) return { ok: false, reason: 'not_found' }
    const latest = latestOfKey(db, base.band)
    if (latest.band.id !== base.band.id || base.version !== expectedVersion) {
      return { ok: false, reason: 'stale', current: latest }
    }
    if (change.effectiveFrom < base.band.effectiveFrom) {
      return { ok: false, reason: 'before_current', current: base }
    }
    const range = { min: change.min, mid: change.mid, max: change.max }
    if (change.effectiveFrom === base.band.effectiveFrom) {
      const { changes } = db
        .prepare(
          `UPDATE salary_bands SET min_minor = ?, mid_minor = ?, max_minor = ?,
             version = version + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
           WHERE id = ? AND version = ?`,
        )
        .run(
          ...[range.min, range.mid, range.max].map((d) => minorOf(d.toFixed(2))),
          basedOnId,
          expectedVersion,
        )
      if (changes === 0) return { ok: false, reason: 'stale', current: latestOfKey(db, base.band) }
      return { ok: true, band: getBand(db, basedOnId)!, created: false }
    }
    const next = salaryBand.parse(
      salaryBand.encode({
        ...base.band,
        ...range,
        id: versionId(base.band, change.effectiveFrom),
        effectiveFrom: change.effectiveFrom,
        source: `Edited in the planner from ${base.band.id}`,
      }),
    )
    const { order } = db
      .prepare('SELECT COALESCE(MAX(sort_order) + 1, 0) AS "order" FROM salary_bands')
      .get() as { order: number }
    insertSalaryBand(db, next, order)
    return { ok: true, band: getBand(db, next.id)!, created: true }
  })()
}
