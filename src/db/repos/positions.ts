/**
 * Positions of a plan, with their raises and equity grants (child rows, covered by the position's
 * version). Updates are optimistic: `UPDATE ... WHERE id = ? AND version = ?`, so an edit made
 * from a stale form is refused and the caller gets the current record to show.
 */
import * as z from 'zod'
import {
  type EquityGrant,
  type HiringCosts,
  type OpenPosition,
  type Position,
  position,
} from '../../domain/model.ts'
import { type Decimal, dec, fromMinor } from '../../domain/money.ts'
import { atOnce, type Steps } from '../../domain/steps.ts'
import type { Database } from '../open.ts'
import { allRowsWhere, insert, minorOf, minorOrNull } from './rows.ts'

export interface StoredPosition {
  planId: string
  version: number
  position: Position
}

export type UpdatePositionResult =
  | { ok: true; position: StoredPosition }
  | { ok: false; reason: 'stale'; current: StoredPosition }
  | { ok: false; reason: 'not_found' }

/** A position's columns by name; read as a raw row (`RawRow`) in POSITION_COLUMNS' order. */
interface PositionRow {
  id: string
  kind: 'filled' | 'open'
  team_id: string
  office_id: string
  family_id: string
  level_id: string
  title: string
  base_salary_minor: number
  bonus_target_rate: string
  dependants: number
  agency_fee_rate: string | null
  relocation_minor: number
  visa: string
  person_name: string | null
  start_date: string | null
  end_date: string | null
  status: string | null
  reason: string | null
  backfill_of_position_id: string | null
  target_start_date: string | null
  approval_date: string | null
  version: number
}

interface RaiseRow {
  position_id: string
  effective_date: string
  annual_base_minor: number
}

interface GrantRow {
  position_id: string
  id: string
  grant_date: string
  value_usd_minor: number
  grant_price_usd_minor: number | null
  vesting_months: number
  cliff_months: number
  vest_every_months: number
}

/** The position's own columns (not keys or order), every one set so a change of kind is clean. */
function positionColumns(p: Position): Record<string, unknown> {
  const e = z.encode(position, p)
  const filled = e.kind === 'filled' ? e : null
  const open = e.kind === 'open' ? e : null
  return {
    kind: e.kind,
    team_id: e.teamId,
    office_id: e.officeId,
    family_id: e.familyId,
    level_id: e.levelId,
    title: e.title,
    base_salary_minor: minorOf(e.baseSalary),
    bonus_target_rate: e.bonusTargetRate ?? '0',
    dependants: e.dependants ?? 0,
    agency_fee_rate: e.hiring?.agencyFeeRate ?? null,
    relocation_minor: minorOf(e.hiring?.relocation ?? '0'),
    visa: e.hiring?.visa ?? 'none',
    person_name: filled?.personName ?? null,
    start_date: filled?.startDate ?? null,
    end_date: filled?.endDate ?? null,
    status: open?.status ?? null,
    reason: open?.reason ?? null,
    backfill_of_position_id: open?.backfillOfPositionId ?? null,
    target_start_date: open?.targetStartDate ?? null,
    approval_date: open?.approvalDate ?? null,
  }
}

function insertChildren(db: Database, planId: string, p: Position): void {
  const e = z.encode(position, p)
  e.raises?.forEach((r, i) => {
    insert(db, 'position_raises', {
      plan_id: planId,
      position_id: p.id,
      sort_order: i,
      effective_date: r.effectiveDate,
      annual_base_minor: minorOf(r.annualBase),
    })
  })
  e.equityGrants?.forEach((g, i) => {
    insert(db, 'position_equity_grants', {
      plan_id: planId,
      position_id: p.id,
      id: g.id,
      sort_order: i,
      grant_date: g.grantDate,
      value_usd_minor: minorOf(g.valueUsd),
      grant_price_usd_minor: minorOrNull(g.grantPriceUsd),
      vesting_months: g.vestingMonths ?? 48,
      cliff_months: g.cliffMonths ?? 12,
      vest_every_months: g.vestEveryMonths ?? 1,
    })
  })
}

/** Inserts a position at `sortOrder` in its plan (used by the workspace save and by create). */
export function insertPosition(db: Database, planId: string, p: Position, sortOrder: number): void {
  insert(db, 'positions', {
    plan_id: planId,
    id: p.id,
    sort_order: sortOrder,
    ...positionColumns(p),
  })
  insertChildren(db, planId, p)
}

/**
 * Values that recur across a plan's positions, one object per distinct value: money and rates as
 * Decimals (salaries, grants, relocation, bonus rates) and texts (references, titles, dates), so a
 * big plan holds a few thousand of each instead of hundreds of thousands, and the collector has
 * that much less to trace. Decimals and strings are immutable, so sharing them is safe.
 */
class Shared {
  readonly text = memo((s: string) => s)
  readonly money = memo((minor: number) => fromMinor(minor))
  readonly rate = memo((text: string) => dec(text))
  textOrNull(s: string | null): string | null {
    return s === null ? null : this.text(s)
  }
  moneyOrNull(minor: number | null): Decimal | null {
    return minor === null ? null : this.money(minor)
  }
}

/** `make`, remembering its answer for each key. */
function memo<K, V>(make: (key: K) => V): (key: K) => V {
  const known = new Map<K, V>()
  return (key) => {
    let value = known.get(key)
    if (value === undefined) {
      value = make(key)
      known.set(key, value)
    }
    return value
  }
}

/** The columns a position is built from (not its record times or order), in the order read. */
const POSITION_COLUMNS = [
  'id',
  'kind',
  'team_id',
  'office_id',
  'family_id',
  'level_id',
  'title',
  'base_salary_minor',
  'bonus_target_rate',
  'dependants',
  'agency_fee_rate',
  'relocation_minor',
  'visa',
  'person_name',
  'start_date',
  'end_date',
  'status',
  'reason',
  'backfill_of_position_id',
  'target_start_date',
  'approval_date',
  'version',
] as const satisfies readonly (keyof PositionRow)[]

const SELECT_POSITIONS = `SELECT ${POSITION_COLUMNS.join(', ')} FROM positions`

/**
 * A position's row as SQLite hands it over raw, its values in POSITION_COLUMNS' order: an array
 * costs SQLite's binding about half what an object of named fields does (10,000 rows read warm in
 * 50 ms against 100), and a big plan's load reads one per position.
 */
type RawRow = readonly unknown[]

const columnIndex = Object.fromEntries(POSITION_COLUMNS.map((name, i) => [name, i])) as Record<
  keyof PositionRow,
  number
>

const col = <K extends keyof PositionRow>(row: RawRow, name: K) =>
  row[columnIndex[name]] as PositionRow[K]

/**
 * A stored position as the domain holds it, built straight from its columns. Every write went
 * through the position schema (`positionColumns` encodes a parsed Position), and the table's
 * constraints hold what a row could still get wrong on its own: the kind and its columns, amounts
 * not negative, the visa and vesting choices, references to teams, offices, families and levels,
 * one id per plan. So a read trusts the row instead of parsing it again: at 50,000 positions the
 * schema took 0.75 s of every load and most of its garbage.
 */
function decodePosition(
  planId: string,
  row: RawRow,
  raises: readonly RaiseRow[],
  grants: readonly GrantRow[],
  shared: Shared,
): StoredPosition {
  const text = (s: string) => shared.text(s)
  const orNull = (s: string | null) => shared.textOrNull(s)
  const agencyFeeRate = col(row, 'agency_fee_rate')
  const common = {
    id: col(row, 'id'),
    teamId: text(col(row, 'team_id')),
    officeId: text(col(row, 'office_id')),
    familyId: text(col(row, 'family_id')),
    levelId: text(col(row, 'level_id')),
    title: text(col(row, 'title')),
    baseSalary: shared.money(col(row, 'base_salary_minor')),
    bonusTargetRate: shared.rate(col(row, 'bonus_target_rate')),
    raises: raises.map((r) => ({
      effectiveDate: text(r.effective_date),
      annualBase: shared.money(r.annual_base_minor),
    })),
    equityGrants: grants.map((g) => ({
      id: text(g.id),
      grantDate: text(g.grant_date),
      valueUsd: shared.money(g.value_usd_minor),
      grantPriceUsd: shared.moneyOrNull(g.grant_price_usd_minor),
      vestingMonths: g.vesting_months,
      cliffMonths: g.cliff_months,
      vestEveryMonths: g.vest_every_months as EquityGrant['vestEveryMonths'],
    })),
    dependants: col(row, 'dependants'),
    hiring: {
      agencyFeeRate: agencyFeeRate === null ? null : shared.rate(agencyFeeRate),
      relocation: shared.money(col(row, 'relocation_minor')),
      visa: col(row, 'visa') as HiringCosts['visa'],
    },
  }
  const position: Position =
    col(row, 'kind') === 'filled'
      ? Object.assign(common, {
          kind: 'filled' as const,
          personName: col(row, 'person_name')!,
          startDate: text(col(row, 'start_date')!),
          endDate: orNull(col(row, 'end_date')),
        })
      : Object.assign(common, {
          kind: 'open' as const,
          status: col(row, 'status') as OpenPosition['status'],
          reason: col(row, 'reason') as OpenPosition['reason'],
          backfillOfPositionId: col(row, 'backfill_of_position_id'),
          targetStartDate: orNull(col(row, 'target_start_date')),
          approvalDate: orNull(col(row, 'approval_date')),
        })
  return { planId, version: col(row, 'version'), position }
}

/**
 * A plan's rows of `table` (raises, grants) grouped by position, pausing every few hundred rows.
 * The rows are read as they go: a caller pausing here holds the read open, so it reads on a
 * connection of its own (the projections' reader) or runs the steps at once.
 */
function* groupByPositionSteps<Row extends { position_id: string }>(
  db: Database,
  table: string,
  planId: string,
): Steps<Map<string, Row[]>> {
  const rows = db
    .prepare(`SELECT * FROM ${table} WHERE plan_id = ? ORDER BY position_id, sort_order, rowid`)
    .iterate(planId) as Iterable<Row>
  const groups = new Map<string, Row[]>()
  let n = 0
  for (const row of rows) {
    const group = groups.get(row.position_id)
    if (group) group.push(row)
    else groups.set(row.position_id, [row])
    if (++n % POSITIONS_PER_STEP === 0) yield
  }
  return groups
}

const NONE: readonly never[] = []

/** A plan's positions in order, optionally only one team's (its own, not its subteams'). */
export function listPositions(
  db: Database,
  planId: string,
  opts: { teamId?: string } = {},
): StoredPosition[] {
  return atOnce(listPositionsSteps(db, planId, opts))
}

/** Positions built between two pauses of `listPositionsSteps`. */
const POSITIONS_PER_STEP = 250

/**
 * `listPositions` in steps of POSITIONS_PER_STEP rows. The rows are read by one statement across
 * the pauses: a caller that pauses gives this a connection of its own (another statement on the
 * same connection cannot run until this one ends).
 */
export function* listPositionsSteps(
  db: Database,
  planId: string,
  opts: { teamId?: string } = {},
): Steps<StoredPosition[]> {
  const raises = yield* groupByPositionSteps<RaiseRow>(db, 'position_raises', planId)
  const grants = yield* groupByPositionSteps<GrantRow>(db, 'position_equity_grants', planId)
  const shared = new Shared()
  const team = opts.teamId === undefined ? '' : ' AND team_id = ?'
  const rows = db
    .prepare(`${SELECT_POSITIONS} WHERE plan_id = ?${team} ORDER BY sort_order, rowid`)
    .raw()
    .iterate(planId, ...(opts.teamId === undefined ? [] : [opts.teamId])) as Iterable<RawRow>
  // row by row: each row is garbage as soon as its position is built, never a 50,000-row array
  const out: StoredPosition[] = []
  for (const row of rows) {
    const id = col(row, 'id')
    out.push(decodePosition(planId, row, raises.get(id) ?? NONE, grants.get(id) ?? NONE, shared))
    if (out.length % POSITIONS_PER_STEP === 0) yield
  }
  return out
}

export function getPosition(db: Database, planId: string, id: string): StoredPosition | null {
  const key = [planId, id]
  const row = db.prepare(`${SELECT_POSITIONS} WHERE plan_id = ? AND id = ?`).raw().get(key) as
    | RawRow
    | undefined
  if (!row) return null
  return decodePosition(
    planId,
    row,
    allRowsWhere<RaiseRow>(db, 'position_raises', 'plan_id = ? AND position_id = ?', key),
    allRowsWhere<GrantRow>(db, 'position_equity_grants', 'plan_id = ? AND position_id = ?', key),
    new Shared(),
  )
}

/** Adds a position at the end of its plan; throws if the id is taken or a reference is unknown. */
export function createPosition(db: Database, planId: string, p: Position): StoredPosition {
  return db.transaction(() => {
    insertPosition(db, planId, p, nextSortOrder(db, planId))
    return getPosition(db, planId, p.id)!
  })()
}

const nextSortOrder = (db: Database, planId: string): number =>
  (
    db
      .prepare('SELECT COALESCE(MAX(sort_order) + 1, 0) AS next FROM positions WHERE plan_id = ?')
      .get(planId) as { next: number }
  ).next

/** Replaces a position if it is still at `expectedVersion`; otherwise changes nothing. */
export function updatePosition(
  db: Database,
  planId: string,
  p: Position,
  expectedVersion: number,
): UpdatePositionResult {
  return db.transaction((): UpdatePositionResult => {
    if (!replacePosition(db, planId, p, expectedVersion)) {
      const current = getPosition(db, planId, p.id)
      return current ? { ok: false, reason: 'stale', current } : { ok: false, reason: 'not_found' }
    }
    return { ok: true, position: getPosition(db, planId, p.id)! }
  })()
}

/**
 * Writes positions as given: a known id is replaced whatever its version, a new one is added at
 * the end of the plan. For a caller that holds the write lock and has checked the store's
 * revision since it read them (a roster sync); not a transaction of its own.
 */
export function savePositions(db: Database, planId: string, positions: readonly Position[]): void {
  let next = nextSortOrder(db, planId)
  for (const p of positions) {
    if (!replacePosition(db, planId, p, null)) insertPosition(db, planId, p, next++)
  }
}

/** Rewrites a stored position and its raises and grants; false if none is at that version. */
function replacePosition(
  db: Database,
  planId: string,
  p: Position,
  expectedVersion: number | null,
): boolean {
  const columns = positionColumns(p)
  const { changes } = db
    .prepare(
      `UPDATE positions SET ${Object.keys(columns)
        .map((c) => `${c} = @${c}`)
        .join(', ')}, version = version + 1,
        updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
      WHERE plan_id = @plan_id AND id = @id
        AND (@expected_version IS NULL OR version = @expected_version)`,
    )
    .run({ ...columns, plan_id: planId, id: p.id, expected_version: expectedVersion })
  if (changes === 0) return false
  const key = [planId, p.id]
  db.prepare('DELETE FROM position_raises WHERE plan_id = ? AND position_id = ?').run(key)
  db.prepare('DELETE FROM position_equity_grants WHERE plan_id = ? AND position_id = ?').run(key)
  insertChildren(db, planId, p)
  return true
}

/** Deletes a position with its raises and grants; false if there was none. */
export function deletePosition(db: Database, planId: string, id: string): boolean {
  return (
    db.prepare('DELETE FROM positions WHERE plan_id = ? AND id = ?').run(planId, id).changes > 0
  )
}
