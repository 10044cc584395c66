/**
 * A plan's assumptions, read and saved against the plan's `version`: a save names the version it
 * was based on and is refused as stale, with the assumptions as they now stand, if it moved on.
 */
import { type Assumptions, assumptions } from '../../domain/model.ts'
import type { Database } from '../open.ts'
import { type AssumptionColumns, assumptionColumns, assumptionsText } from './plans.ts'
import { decodeRow } from './rows.ts'

export interface StoredAssumptions {
  planId: string
  version: number
  assumptions: Assumptions
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
  return {
    planId,
    version: row.version,
    assumptions: decodeRow(assumptions, assumptionsText(row), `plans ${planId}`),
  }
}

/** Saves the plan's assumptions. */
export function saveAssumptions(
  db: Database,
  planId: string,
  basedOn: number,
  change: Assumptions,
): SaveAssumptionsResult {
  return db.transaction((): SaveAssumptionsResult => {
    const before = getAssumptions(db, planId)
    if (!before) return { ok: false, reason: 'not_found' }
    if (before.version !== basedOn) return { ok: false, reason: 'stale', current: before }
    const columns = assumptionColumns(change)
    const names = Object.keys(columns)
    db.prepare(
      `UPDATE plans SET ${names.map((n) => `${n} = @${n}`).join(', ')}, version = version + 1,
         updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
       WHERE id = @id`,
    ).run({ ...columns, id: planId })
    return { ok: true, saved: getAssumptions(db, planId)!, before }
  })()
}
