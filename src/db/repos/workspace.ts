/**
 * The whole workspace document in and out of the database. A save replaces everything in one
 * transaction, so an import or the demo seed lands completely or not at all.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import {
  DOCUMENT_SCHEMA_VERSION,
  type WorkspaceDocument,
  workspaceDocument,
} from '../../domain/document.ts'
import { atOnce, type Steps } from '../../domain/steps.ts'
import type { Database } from '../open.ts'
import { writeInSteps } from '../write-in-steps.ts'
import {
  insertSponsorship,
  readAllSponsorships,
  readWorkspaceHiring,
  replaceWorkspaceHiring,
} from './hiring.ts'
import { insertPlan, insertScenario, readPlansSteps, readScenarios } from './plans.ts'
import { insertPosition } from './positions.ts'
import {
  insertBenefitPackage,
  insertFxRateSet,
  insertJobFamily,
  insertLevel,
  insertOffice,
  insertSalaryBand,
  readBenefitPackages,
  readFxRateSets,
  readJobFamilies,
  readLevels,
  readOffices,
  readSalaryBands,
} from './reference.ts'
import { decodeRow } from './rows.ts'
import { readGroupMappings, replaceGroupMappings } from './sso.ts'
import {
  insertDepartment,
  insertOrganisation,
  insertTeam,
  readDepartments,
  readOrganisation,
  readTeams,
} from './structure.ts'
import { insertTeamBudget, readTeamBudgets } from './team-budgets.ts'

/** Every table holding workspace records, owners last, so deletes never orphan anything. */
const TABLES = [
  'team_budgets',
  'scenarios',
  'actual_ytd',
  'role_sponsorship',
  'plan_hiring_cost_rules',
  'position_equity_grants',
  'position_raises',
  'positions',
  'plans',
  'fx_monthly_rates',
  'fx_budget_rates',
  'fx_rate_sets',
  'salary_bands',
  'offices',
  'benefit_packages',
  'levels',
  'job_families',
  'teams',
  'departments',
  'organisation',
] as const

/** True before the first seed or import: there is no organisation yet. */
export function isEmpty(db: Database): boolean {
  return db.prepare('SELECT 1 FROM organisation LIMIT 1').get() === undefined
}

/** Replaces the workspace with `doc`, all or nothing. */
export function saveWorkspace(db: Database, doc: WorkspaceDocument): void {
  db.transaction(() => atOnce(replaceAllSteps(db, doc, 'inserted')))()
}

/** The tables holding a plan's positions, written to a staging database by `saveWorkspaceSteps`. */
const POSITION_TABLES = ['positions', 'position_raises', 'position_equity_grants'] as const

/** Positions written to the staging database between two pauses (a few milliseconds). */
const STAGED_PER_STEP = 100
/** Rows deleted from the store, or copied into it from the staging database, per step. */
const ROWS_PER_STEP = 5_000

/**
 * `saveWorkspace` without holding the event loop, then `alsoWrite` in the same transaction. The
 * positions (nearly all of a large workspace) are first written a hundred per step to a staging
 * database of their own, a temporary file no other request reads; then one transaction on a
 * connection of its own (`writeInSteps`) replaces the workspace and copies them in, a few
 * thousand rows per step (SQLite copies rows far faster than they are encoded one by one), while
 * other requests still read the workspace as it was. Nothing reaches the store unless all of it
 * does: a problem while staging leaves the store as it was, and one in the final transaction (a
 * broken reference) undoes all of it. A write to the store since revision `checkedAt` (the
 * import's start) refuses it (`StoreMovedError`): the import would silently undo it.
 */
export function* saveWorkspaceSteps<T>(
  db: Database,
  doc: WorkspaceDocument,
  checkedAt: number,
  alsoWrite: (writer: Database) => T,
): Steps<T> {
  const dir = mkdtempSync(join(tmpdir(), 'planner-import-'))
  const path = join(dir, 'positions.sqlite')
  try {
    const staging = new BetterSqlite3(path)
    try {
      staging.pragma('journal_mode = OFF')
      staging.pragma('synchronous = OFF')
      // the records positions name are in the store, not here: references are checked on the copy
      staging.pragma('foreign_keys = OFF')
      for (const table of POSITION_TABLES) {
        const { sql } = db
          .prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?")
          .get(table) as { sql: string }
        staging.exec(sql)
      }
      for (const p of doc.plans) {
        for (let i = 0; i < p.positions.length; i += STAGED_PER_STEP) {
          staging.transaction(() => {
            const upTo = Math.min(i + STAGED_PER_STEP, p.positions.length)
            for (let k = i; k < upTo; k++) insertPosition(staging, p.id, p.positions[k]!, k)
          })()
          yield
        }
      }
    } finally {
      staging.close()
    }
    return yield* writeInSteps(
      db,
      checkedAt,
      function* (writer) {
        yield* replaceAllSteps(writer, doc, 'staged')
        return alsoWrite(writer)
      },
      { name: 'staging', path },
    )
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/**
 * Clears the workspace and writes `doc`; call inside a transaction. Positions are `inserted` one by
 * one, or copied from the attached `staging` database where `saveWorkspaceSteps` wrote them.
 */
function* replaceAllSteps(
  db: Database,
  doc: WorkspaceDocument,
  positions: 'inserted' | 'staged',
): Steps<void> {
  // references are checked at commit, so records may come in document order (a subteam before
  // its parent) and the old workspace can be cleared first
  db.pragma('defer_foreign_keys = ON')
  for (const table of TABLES) yield* deleteAllSteps(db, table)
  insertOrganisation(db, doc.organisation)
  for (const [i, d] of doc.departments.entries()) insertDepartment(db, d, i)
  for (const [i, t] of doc.teams.entries()) insertTeam(db, t, i)
  for (const [i, p] of doc.benefitPackages.entries()) insertBenefitPackage(db, p, i)
  for (const [i, o] of doc.offices.entries()) insertOffice(db, o, i)
  for (const [i, f] of doc.jobFamilies.entries()) insertJobFamily(db, f, i)
  for (const [i, l] of doc.levels.entries()) insertLevel(db, l, i)
  for (const [i, b] of doc.salaryBands.entries()) insertSalaryBand(db, b, i)
  for (const [i, s] of doc.fxRateSets.entries()) insertFxRateSet(db, s, i)
  for (const [i, p] of doc.plans.entries()) {
    insertPlan(db, positions === 'inserted' ? p : { ...p, positions: [] }, i)
  }
  if (positions === 'staged') {
    for (const table of POSITION_TABLES) yield* copyStagedSteps(db, table)
  }
  for (const [i, s] of doc.scenarios.entries()) insertScenario(db, s, i)
  if (doc.signInGroups !== undefined) replaceGroupMappings(db, doc.signInGroups)
  for (const [i, b] of doc.teamBudgets.entries()) insertTeamBudget(db, b, i)
  for (const s of doc.roleSponsorships) insertSponsorship(db, s)
  if (doc.hiring !== undefined) replaceWorkspaceHiring(db, doc.hiring)
}

/** Empties a table ROWS_PER_STEP rows at a time. */
function* deleteAllSteps(db: Database, table: string): Steps<void> {
  const some = db.prepare(
    `DELETE FROM ${table} WHERE rowid IN (SELECT rowid FROM ${table} LIMIT ${ROWS_PER_STEP})`,
  )
  while (some.run().changes === ROWS_PER_STEP) yield
}

/** Copies a staged table into the store in rowid order, ROWS_PER_STEP rows at a time. */
function* copyStagedSteps(db: Database, table: string): Steps<void> {
  const { last } = db
    .prepare(`SELECT coalesce(max(rowid), 0) AS last FROM staging.${table}`)
    .get() as {
    last: number
  }
  const copy = db.prepare(
    `INSERT INTO main.${table} SELECT * FROM staging.${table} WHERE rowid > ? AND rowid <= ? ORDER BY rowid`,
  )
  for (let from = 0; from < last; from += ROWS_PER_STEP) {
    copy.run(from, from + ROWS_PER_STEP)
    yield
  }
}

/**
 * Reads the whole workspace back. The reference data, plans and scenarios are checked again as a
 * document, so cross-record rules the tables cannot state (a package's region, a band's currency)
 * hold for what the engine receives. Positions are left out of that check: their references,
 * unique ids and own rules are the table's constraints (positions.ts), and at 50,000 positions
 * parsing them all again cost more than projecting them.
 */
export function loadWorkspace(db: Database): WorkspaceDocument {
  return atOnce(loadWorkspaceSteps(db))
}

/**
 * `loadWorkspace` in steps (positions a few hundred at a time). Across its pauses the reads must
 * see one state of the store: give it a connection of its own inside a read transaction.
 */
export function* loadWorkspaceSteps(db: Database): Steps<WorkspaceDocument> {
  const organisation = readOrganisation(db)
  if (!organisation) throw new Error('the workspace is empty: seed or import a document first')
  const plans = yield* readPlansSteps(db)
  const doc: WorkspaceDocument = {
    schemaVersion: DOCUMENT_SCHEMA_VERSION,
    organisation,
    departments: readDepartments(db),
    teams: readTeams(db),
    benefitPackages: readBenefitPackages(db),
    offices: readOffices(db),
    jobFamilies: readJobFamilies(db),
    levels: readLevels(db),
    salaryBands: readSalaryBands(db),
    fxRateSets: readFxRateSets(db),
    plans: plans.map((p) => ({ ...p, positions: [] })),
    scenarios: readScenarios(db),
    // each budget holds a whole copy of its plan: read on its own (repos/actuals.ts), when asked
    budgets: [],
    teamBudgets: readTeamBudgets(db).map((b) => b.budget),
    // checked against their plans' roles on import; the rows are decoded on read
    roleSponsorships: [],
  }
  const hiring = readWorkspaceHiring(db)
  const signInGroups = readGroupMappings(db)
  if (signInGroups.length > 0) doc.signInGroups = signInGroups
  const checked = decodeRow(workspaceDocument, workspaceDocument.encode(doc), 'workspace')
  return {
    ...checked,
    plans: checked.plans.map((p, i) => ({ ...p, positions: plans[i]!.positions })),
    roleSponsorships: readAllSponsorships(db),
    // checked on import (a loop may name roles, left out of the check above); decoded on read
    ...(hiring ? { hiring } : {}),
  }
}
