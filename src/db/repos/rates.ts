/**
 * FX rate set edits. A set's budget and monthly rates belong to it, so the set's `version` covers
 * them: a save names the version it was based on and replaces the rates only if that is still the
 * stored one (an optimistic UPDATE), else it is refused as stale with the set as it now stands.
 */
import type { FxRateSet } from '../../domain/model.ts'
import type { Database } from '../open.ts'
import { insertFxRates, readFxRateSets } from './reference.ts'

export interface StoredRateSet {
  version: number
  set: FxRateSet
}

export type SaveRateSetResult =
  | { ok: true; saved: StoredRateSet }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'stale'; current: StoredRateSet }

/** Every rate set in document order, with its version. */
export function listRateSets(db: Database): StoredRateSet[] {
  const versions = new Map(
    (
      db.prepare('SELECT id, version FROM fx_rate_sets').all() as { id: string; version: number }[]
    ).map((r) => [r.id, r.version]),
  )
  return readFxRateSets(db).map((set) => ({ version: versions.get(set.id)!, set }))
}

export function getRateSet(db: Database, id: string): StoredRateSet | null {
  return listRateSets(db).find((s) => s.set.id === id) ?? null
}

/** Replaces the set's source and rates (monthly rates kept in month order). */
export function saveRateSet(
  db: Database,
  next: FxRateSet,
  expectedVersion: number,
): SaveRateSetResult {
  return db.transaction((): SaveRateSetResult => {
    const { changes } = db
      .prepare(
        `UPDATE fx_rate_sets SET name = ?, source = ?, version = version + 1,
           updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
         WHERE id = ? AND version = ?`,
      )
      .run(next.name, next.source ?? null, next.id, expectedVersion)
    if (changes === 0) {
      const current = getRateSet(db, next.id)
      return current ? { ok: false, reason: 'stale', current } : { ok: false, reason: 'not_found' }
    }
    for (const table of ['fx_budget_rates', 'fx_monthly_rates']) {
      db.prepare(`DELETE FROM ${table} WHERE fx_rate_set_id = ?`).run(next.id)
    }
    const monthlyRates = [...next.monthlyRates].sort((a, b) => a.month.localeCompare(b.month))
    const budgetRates = [...next.budgetRates].sort((a, b) => a.fiscalYear - b.fiscalYear)
    insertFxRates(db, { ...next, budgetRates, monthlyRates })
    return { ok: true, saved: getRateSet(db, next.id)! }
  })()
}
