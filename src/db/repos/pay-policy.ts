/**
 * The pay policy finance sets on the bands page, kept on the records it is about: each US office's
 * geo differential and each level's bonus and new-hire equity defaults. Each table is edited as
 * one form: a save names every record's version and writes all or none.
 */
import * as z from 'zod'
import { type Level, level, type Office, office } from '../../domain/model.ts'
import type { Database } from '../open.ts'
import { geoColumns } from './reference.ts'
import { minorOrNull } from './rows.ts'

export type PolicyTable = 'offices' | 'levels'

/** Each record's version, by id. */
export function recordVersions(db: Database, table: PolicyTable): Map<string, number> {
  const rows = db.prepare(`SELECT id, version FROM ${table}`).all() as {
    id: string
    version: number
  }[]
  return new Map(rows.map((r) => [r.id, r.version]))
}

interface RecordUpdate {
  id: string
  version: number
  columns: Record<string, unknown>
}

class Stale extends Error {}

/** Writes every update at its version, or none if any record moved on (false). */
function updateAtVersions(db: Database, table: PolicyTable, updates: RecordUpdate[]): boolean {
  try {
    db.transaction(() => {
      for (const u of updates) {
        const names = Object.keys(u.columns)
        const { changes } = db
          .prepare(
            `UPDATE ${table} SET ${names.map((n) => `${n} = @${n}`).join(', ')},
               version = version + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
             WHERE id = @id AND version = @version`,
          )
          .run({ ...u.columns, id: u.id, version: u.version })
        if (changes === 0) throw new Stale()
      }
    })()
    return true
  } catch (e) {
    if (e instanceof Stale) return false
    throw e
  }
}

export type GeoUpdate = { id: string; version: number; geo: Office['geoDifferential'] }

export function saveGeoDifferentials(db: Database, updates: GeoUpdate[]): boolean {
  return updateAtVersions(
    db,
    'offices',
    updates.map((u) => ({
      id: u.id,
      version: u.version,
      columns: geoColumns(u.geo && z.encode(office.shape.geoDifferential, u.geo)),
    })),
  )
}

export type LevelDefaultsUpdate = {
  id: string
  version: number
  defaults: Pick<Level, 'bonusTargetRate' | 'newHireEquityUsd'>
}

export function saveLevelDefaults(db: Database, updates: LevelDefaultsUpdate[]): boolean {
  return updateAtVersions(
    db,
    'levels',
    updates.map((u) => {
      const text = z.encode(
        level.pick({ bonusTargetRate: true, newHireEquityUsd: true }),
        u.defaults,
      )
      return {
        id: u.id,
        version: u.version,
        columns: {
          bonus_target_rate: text.bonusTargetRate ?? null,
          new_hire_equity_minor: minorOrNull(text.newHireEquityUsd),
        },
      }
    }),
  )
}
