/**
 * Budgets (migration 0014) in and out of the database. A budget is written against the version
 * it was read at (0 for one not set yet), so two people setting the same team's budget cannot
 * silently overwrite each other: the second gets the current budget back instead.
 */
import * as z from 'zod'
import { type TeamBudget, teamBudget, teamBudgetKey } from '../../domain/team-budgets.ts'
import type { Database } from '../open.ts'
import { decodeRow, minorOrNull, moneyTextOrNull } from './rows.ts'

interface BudgetRow {
  plan_id: string
  kind: TeamBudget['kind']
  owner_id: string
  fiscal_year: number
  headcount_cap: number | null
  cost_minor: number | null
  version: number
  updated_at: string
}

export interface TeamStoredBudget {
  budget: TeamBudget
  version: number
  updatedAt: string
}

export type TeamBudgetKey = Pick<TeamBudget, 'planId' | 'kind' | 'ownerId' | 'fiscalYear'>

function decode(r: BudgetRow): TeamStoredBudget {
  const b = decodeRow(
    teamBudget,
    {
      planId: r.plan_id,
      kind: r.kind,
      ownerId: r.owner_id,
      fiscalYear: r.fiscal_year,
      headcountCap: r.headcount_cap,
      cost: moneyTextOrNull(r.cost_minor),
    },
    `team_budgets ${teamBudgetKey({ planId: r.plan_id, kind: r.kind, ownerId: r.owner_id, fiscalYear: r.fiscal_year })}`,
  )
  return { budget: b, version: r.version, updatedAt: r.updated_at }
}

const columns = (b: TeamBudget) => {
  const e = z.encode(teamBudget, b)
  return {
    plan_id: e.planId,
    kind: e.kind,
    owner_id: e.ownerId,
    fiscal_year: e.fiscalYear,
    headcount_cap: e.headcountCap,
    cost_minor: minorOrNull(e.cost),
  }
}

/** Every budget, in the order they were written (documents keep their own order). */
export function readTeamBudgets(db: Database, planId?: string): TeamStoredBudget[] {
  const rows = db
    .prepare(
      `SELECT * FROM team_budgets WHERE (@plan IS NULL OR plan_id = @plan)
         ORDER BY sort_order, plan_id, kind, owner_id, fiscal_year`,
    )
    .all({ plan: planId ?? null }) as BudgetRow[]
  return rows.map(decode)
}

export function getTeamBudget(db: Database, key: TeamBudgetKey): TeamStoredBudget | null {
  const row = db
    .prepare(
      'SELECT * FROM team_budgets WHERE plan_id = ? AND kind = ? AND owner_id = ? AND fiscal_year = ?',
    )
    .get(key.planId, key.kind, key.ownerId, key.fiscalYear) as BudgetRow | undefined
  return row ? decode(row) : null
}

/** For the workspace document import: no version check, the workspace is replaced whole. */
export function insertTeamBudget(
  db: Database,
  b: TeamBudget,
  sortOrder: number,
  now = new Date(),
): void {
  db.prepare(
    `INSERT INTO team_budgets (plan_id, kind, owner_id, fiscal_year, headcount_cap, cost_minor,
       sort_order, updated_at)
     VALUES (@plan_id, @kind, @owner_id, @fiscal_year, @headcount_cap, @cost_minor, @sort_order,
       @updated_at)`,
  ).run({ ...columns(b), sort_order: sortOrder, updated_at: now.toISOString() })
}

export type TeamSetBudgetResult =
  | { ok: true; before: TeamStoredBudget | null; after: TeamStoredBudget | null }
  /** The budget changed (or was set, or removed) since `expectedVersion` was read. */
  | { ok: false; current: TeamStoredBudget | null }

/**
 * Sets the budget at `key` to `value` (null removes it), if it is still at `expectedVersion`
 * (0: not set yet). Returns what it was and what it is now.
 */
export function setTeamBudget(
  db: Database,
  key: TeamBudgetKey,
  value: TeamBudget | null,
  expectedVersion: number,
  now: Date,
): TeamSetBudgetResult {
  return db.transaction((): TeamSetBudgetResult => {
    const before = getTeamBudget(db, key)
    if ((before?.version ?? 0) !== expectedVersion) return { ok: false, current: before }
    if (value === null) {
      db.prepare(
        'DELETE FROM team_budgets WHERE plan_id = ? AND kind = ? AND owner_id = ? AND fiscal_year = ?',
      ).run(key.planId, key.kind, key.ownerId, key.fiscalYear)
    } else if (before === null) {
      const next = db
        .prepare('SELECT COALESCE(MAX(sort_order) + 1, 0) AS n FROM team_budgets')
        .get() as {
        n: number
      }
      insertTeamBudget(db, value, next.n, now)
    } else {
      db.prepare(
        `UPDATE team_budgets SET headcount_cap = @headcount_cap, cost_minor = @cost_minor,
           version = version + 1, updated_at = @updated_at
         WHERE plan_id = @plan_id AND kind = @kind AND owner_id = @owner_id
           AND fiscal_year = @fiscal_year`,
      ).run({ ...columns(value), updated_at: now.toISOString() })
    }
    return { ok: true, before, after: getTeamBudget(db, key) }
  })()
}
