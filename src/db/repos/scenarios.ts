/**
 * Scenario writes, versioned: created from the baseline (no changes), then saved whole (its
 * changes, assumption overrides and rate set) only if nobody saved it since it was read.
 */
import type { Scenario } from '../../domain/model.ts'
import type { Database } from '../open.ts'
import { decodeScenarioRow, insertScenario, type ScenarioRow, scenarioColumns } from './plans.ts'

export interface StoredScenario {
  version: number
  scenario: Scenario
}

export type SaveScenarioResult =
  | { ok: true; stored: StoredScenario }
  | { ok: false; reason: 'stale'; current: StoredScenario }
  | { ok: false; reason: 'not_found' }

const stored = (row: ScenarioRow): StoredScenario => ({
  version: row.version,
  scenario: decodeScenarioRow(row),
})

export function getScenario(db: Database, id: string): StoredScenario | null {
  const row = db.prepare('SELECT * FROM scenarios WHERE id = ?').get(id) as ScenarioRow | undefined
  return row ? stored(row) : null
}

export function listScenarios(db: Database, planId: string): StoredScenario[] {
  const rows = db
    .prepare('SELECT * FROM scenarios WHERE plan_id = ? ORDER BY sort_order, rowid')
    .all(planId) as ScenarioRow[]
  return rows.map(stored)
}

export function scenarioIdTaken(db: Database, id: string): boolean {
  return db.prepare('SELECT 1 FROM scenarios WHERE id = ?').get(id) !== undefined
}

/** Adds a scenario after the others; throws if the id is taken or a reference is unknown. */
export function createScenario(db: Database, s: Scenario): StoredScenario {
  return db.transaction(() => {
    const { next } = db
      .prepare('SELECT COALESCE(MAX(sort_order) + 1, 0) AS next FROM scenarios')
      .get() as { next: number }
    insertScenario(db, s, next)
    return getScenario(db, s.id)!
  })()
}

/** Replaces a scenario if it is still at `expectedVersion`; otherwise changes nothing. */
export function saveScenario(
  db: Database,
  s: Scenario,
  expectedVersion: number,
): SaveScenarioResult {
  return db.transaction((): SaveScenarioResult => {
    const { changes } = db
      .prepare(
        `UPDATE scenarios SET name = @name, fx_rate_set_id = @fx_rate_set_id,
          assumptions_json = @assumptions_json, changes_json = @changes_json,
          version = version + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
        WHERE id = @id AND plan_id = @plan_id AND version = @expected_version`,
      )
      .run({ ...scenarioColumns(s), expected_version: expectedVersion })
    if (changes === 0) {
      const current = getScenario(db, s.id)
      return current ? { ok: false, reason: 'stale', current } : { ok: false, reason: 'not_found' }
    }
    return { ok: true, stored: getScenario(db, s.id)! }
  })()
}
