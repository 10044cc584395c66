/**
 * A plan's assumptions and the job families' time-to-fill, read and saved together as the
 * assumptions page edits them. The plan's `version` covers its assumptions and each family's own
 * `version` its time-to-fill (families are shared by every plan); a save names the versions it
 * was based on and is refused as stale, with everything as it now stands, if any has moved on.
 */
import { type Assumptions, assumptions, type JobFamily } from '../../domain/model.ts'
import type { Database } from '../open.ts'
import { type AssumptionColumns, assumptionColumns, assumptionsText } from './plans.ts'
import { readJobFamilies } from './reference.ts'
import { decodeRow } from './rows.ts'

export interface StoredFamily {
  version: number
  family: JobFamily
}

export interface StoredAssumptions {
  planId: string
  version: number
  assumptions: Assumptions
  families: StoredFamily[]
}

export interface AssumptionsChange {
  assumptions: Assumptions
  /** Days by family id, for the families the form showed. */
  timeToFill: ReadonlyMap<string, number>
}

export interface BasedOn {
  plan: number
  /** Version by family id. */
  families: ReadonlyMap<string, number>
}

export type SaveAssumptionsResult =
  | { ok: true; saved: StoredAssumptions; before: StoredAssumptions }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'stale'; current: StoredAssumptions }

export function getAssumptions(db: Database, planId: string): StoredAssumptions | null {
  const row = db.prepare('SELECT * FROM plans WHERE id = ?').get(planId) as
    | (AssumptionColumns & { version: number })
    | undefined
  if (!row) return null
  const versions = new Map(
    (
      db.prepare('SELECT id, version FROM job_families').all() as { id: string; version: number }[]
    ).map((r) => [r.id, r.version]),
  )
  return {
    planId,
    version: row.version,
    assumptions: decodeRow(assumptions, assumptionsText(row), `plans ${planId}`),
    families: readJobFamilies(db).map((family) => ({
      version: versions.get(family.id)!,
      family,
    })),
  }
}

const isStale = (current: StoredAssumptions, basedOn: BasedOn) =>
  current.version !== basedOn.plan ||
  current.families.some(
    (f) => basedOn.families.has(f.family.id) && basedOn.families.get(f.family.id) !== f.version,
  )

/** Saves the plan's assumptions and each family whose time-to-fill changed. */
export function saveAssumptions(
  db: Database,
  planId: string,
  basedOn: BasedOn,
  change: AssumptionsChange,
): SaveAssumptionsResult {
  return db.transaction((): SaveAssumptionsResult => {
    const before = getAssumptions(db, planId)
    if (!before) return { ok: false, reason: 'not_found' }
    if (isStale(before, basedOn)) return { ok: false, reason: 'stale', current: before }
    const columns = assumptionColumns(change.assumptions)
    const names = Object.keys(columns)
    db.prepare(
      `UPDATE plans SET ${names.map((n) => `${n} = @${n}`).join(', ')}, version = version + 1,
         updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
       WHERE id = @id`,
    ).run({ ...columns, id: planId })
    const updateFamily = db.prepare(
      `UPDATE job_families SET time_to_fill_days = ?, version = version + 1,
         updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
       WHERE id = ?`,
    )
    for (const { family } of before.families) {
      const days = change.timeToFill.get(family.id)
      if (days !== undefined && days !== family.timeToFillDays) updateFamily.run(days, family.id)
    }
    return { ok: true, saved: getAssumptions(db, planId)!, before }
  })()
}
