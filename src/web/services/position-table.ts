/**
 * The positions table as the pages read it: one row per position with names instead of ids, its
 * band fit today, and the filters and sort order taken from the query string (so a filtered,
 * sorted table is a URL that works without JavaScript).
 */
import * as z from 'zod'
import {
  type BandFit,
  type BucketCounts,
  type PositionRowModel,
  SORT_KEYS,
  type SortKey,
  type TableQuery,
} from '../../../views/models/position-table.ts'
import { payOn } from '../../domain/band-review.ts'
import {
  BAND_BUCKETS,
  bandBucket,
  bandPosition,
  compaRatio,
  findBand,
  rangePenetration,
} from '../../domain/bands.ts'
import type { ISODate } from '../../domain/calendar.ts'
import type { WorkspaceDocument } from '../../domain/document.ts'
import type { FillTimesLookup } from '../../domain/hiring/time-to-fill.ts'
import { Lru } from '../../domain/lru.ts'
import { type Position, REQUISITION_STATUSES } from '../../domain/model.ts'
import { namesOf } from '../../domain/names.ts'
import { expectedStart } from '../../domain/projection/terms.ts'
import type { Steps } from '../../domain/steps.ts'

/** An unknown or empty filter value means "any", so a hand-edited URL never errors. */
const anyText = z
  .string()
  .optional()
  .transform((s) => (s ? s : undefined))
const oneOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .optional()
    .transform((s) =>
      (values as readonly string[]).includes(s ?? '') ? (s as T[number]) : undefined,
    )

export const tableQuery = z.object({
  team: anyText,
  office: anyText,
  family: anyText,
  level: anyText,
  status: oneOf(REQUISITION_STATUSES),
  reason: oneOf(['net_new', 'backfill'] as const),
  /** Where pay sits in its band; 'none' for positions with no band in force. */
  band: oneOf([...BAND_BUCKETS, 'none'] as const),
  sort: oneOf(SORT_KEYS).transform((s) => s ?? 'team'),
  dir: oneOf(['asc', 'desc'] as const).transform((d) => d ?? 'asc'),
  /** 1-based; a bad or missing page is the first. */
  page: z.coerce.number().int().min(1).catch(1),
}) satisfies z.ZodType<TableQuery, unknown>

/**
 * The table's query for a reader who may not see pay. Ordering by salary or by compa-ratio would
 * rank people by what they are paid, and a band filter would pick them by it: they read as the
 * default order and no band filter, as an unknown key or value does.
 */
export function withoutPayOrder(q: TableQuery): TableQuery {
  const payOrder = q.sort === 'salary' || q.sort === 'compa'
  return { ...q, band: undefined, ...(payOrder && { sort: 'team', dir: 'asc' }) }
}

/** The pay in force today against the band in force today. */
export function bandFit(doc: WorkspaceDocument, p: Position, today: ISODate): BandFit | null {
  const band = findBand(doc.salaryBands, p.familyId, p.levelId, p.officeId, today)
  if (band === null) return null
  const pay = payOn(p, today)
  return {
    position: bandPosition(pay, band),
    bucket: bandBucket(pay, band),
    compaRatio: compaRatio(pay, band),
    penetration: rangePenetration(pay, band),
    min: band.min,
    max: band.max,
  }
}

/** What a row reads besides its position: today and the reference data it names. */
interface RowContext {
  today: ISODate
  refs: readonly unknown[]
}

let lastContext: RowContext = { today: '', refs: [] }

/** The same context object while today and the reference data are the same objects. */
function contextOf(doc: WorkspaceDocument, fillTimes: FillTimesLookup, today: ISODate): RowContext {
  const refs = [doc.teams, doc.offices, doc.jobFamilies, doc.levels, doc.salaryBands, fillTimes]
  const same = lastContext.today === today && refs.every((r, i) => r === lastContext.refs[i])
  if (!same) lastContext = { today, refs }
  return lastContext
}

/**
 * Rows by position, reused while the position and the row context are the same objects: the
 * projection service replaces only the edited position after an edit, so a 2,000-row table
 * recomputes one row, not every band fit.
 */
const rows = new WeakMap<Position, { row: PositionRowModel; context: RowContext }>()

/** The row of each position in `doc` today, from the cache where it still holds. */
function rowsOf(
  doc: WorkspaceDocument,
  fillTimes: FillTimesLookup,
  today: ISODate,
): (p: Position) => PositionRowModel {
  const context = contextOf(doc, fillTimes, today)
  return (p) => {
    const cached = rows.get(p)
    if (cached?.context === context) return cached.row
    const row = rowOf(doc, fillTimes, p, today)
    rows.set(p, { row, context })
    return row
  }
}

/** Rows worked out between two pauses: a thousand band fits take about 25 ms. */
const ROWS_PER_STEP = 1000

/**
 * The rows of `positions` not yet kept, worked out in steps: the first table after a start or an
 * import would otherwise work out 10,000 band fits at once (about 300 ms) while everyone waits.
 * Tables built after it find every row kept; two requests warming at once share the rows made.
 */
export function* rowsWarmedSteps(
  doc: WorkspaceDocument,
  fillTimes: FillTimesLookup,
  positions: readonly Position[],
  today: ISODate,
): Steps<void> {
  const context = contextOf(doc, fillTimes, today)
  let made = 0
  for (const p of positions) {
    if (rows.get(p)?.context === context) continue
    rows.set(p, { row: rowOf(doc, fillTimes, p, today), context })
    if (++made % ROWS_PER_STEP === 0) yield
  }
}

/** A position's row as the tables show it (`fillTimes`: when a role without a start starts). */
export function positionRow(
  doc: WorkspaceDocument,
  fillTimes: FillTimesLookup,
  p: Position,
  today: ISODate,
): PositionRowModel {
  return rowsOf(doc, fillTimes, today)(p)
}

function rowOf(
  doc: WorkspaceDocument,
  fillTimes: FillTimesLookup,
  p: Position,
  today: ISODate,
): PositionRowModel {
  const names = namesOf(doc)
  const office = doc.offices.find((o) => o.id === p.officeId)
  const level = doc.levels.find((l) => l.id === p.levelId)
  return {
    id: p.id,
    kind: p.kind,
    title: p.title,
    personName: p.kind === 'filled' ? p.personName : null,
    teamId: p.teamId,
    teamName: names.team(p.teamId),
    officeName: names.office(p.officeId),
    familyName: names.family(p.familyId),
    levelCode: names.level(p.levelId),
    levelRank: level?.rank ?? 0,
    status: p.kind === 'filled' ? 'filled' : p.status,
    reason: p.kind === 'open' ? p.reason : null,
    start: expectedStart(p, fillTimes),
    baseSalary: payOn(p, today),
    currency: office?.currency ?? 'GBP',
    bonusTargetRate: p.bonusTargetRate,
    band: bandFit(doc, p, today),
  }
}

function matches(row: PositionRowModel, q: TableQuery, p: Position): boolean {
  return (
    (q.team === undefined || p.teamId === q.team) &&
    (q.office === undefined || p.officeId === q.office) &&
    (q.family === undefined || p.familyId === q.family) &&
    (q.level === undefined || p.levelId === q.level) &&
    (q.status === undefined || row.status === q.status) &&
    (q.reason === undefined || row.reason === q.reason) &&
    (q.band === undefined || (row.band?.bucket ?? 'none') === q.band)
  )
}

/** How many of `rows` sit in each band bucket (positions with no band in force apart). */
export function bucketCounts(rows: readonly PositionRowModel[]): BucketCounts {
  const counts = Object.fromEntries([...BAND_BUCKETS, 'none'].map((b) => [b, 0])) as BucketCounts
  for (const r of rows) counts[r.band?.bucket ?? 'none']++
  return counts
}

/** localeCompare's order (the default locale), with the locale data looked up once, not per call. */
const text = new Intl.Collator().compare

/** The text each text sort orders rows by. */
export const SORT_TEXT: Record<
  Exclude<SortKey, 'level' | 'salary' | 'compa'>,
  (r: PositionRowModel) => string
> = {
  title: (r) => r.title,
  team: (r) => r.teamName,
  office: (r) => r.officeName,
  family: (r) => r.familyName,
  status: (r) => r.status,
  start: (r) => r.start,
}

/**
 * Each row's place in the order of `value`: the distinct values (a few dozen team names, not
 * 2,000) are ordered once, and values that `compare` calls equal share a place, so they tie.
 */
function ranks<T>(
  rows: readonly PositionRowModel[],
  value: (r: PositionRowModel) => T,
  compare: (a: T, b: T) => number,
): number[] {
  const distinct = [...new Set(rows.map(value))].sort(compare)
  const rank = new Map<T, number>()
  distinct.forEach((v, i) => {
    const prev = distinct[i - 1]
    rank.set(v, i > 0 && compare(prev!, v) === 0 ? rank.get(prev!)! : i)
  })
  return rows.map((r) => rank.get(value(r))!)
}

const byNumber = (a: number, b: number) => a - b

/**
 * Each row's place in the `sort` order. Salaries in different currencies are not comparable, so
 * they group by currency first, then by amount.
 */
function sortRanks(rows: readonly PositionRowModel[], sort: SortKey): number[] {
  if (sort === 'level') return ranks(rows, (r) => r.levelRank, byNumber)
  // positions with no band in force sort after every compa-ratio
  if (sort === 'compa')
    return ranks(rows, (r) => r.band?.compaRatio.toNumber() ?? Infinity, byNumber)
  if (sort !== 'salary') return ranks(rows, SORT_TEXT[sort], text)
  return ranks(
    rows,
    (r) => r,
    (a, b) => text(a.currency, b.currency) || a.baseSalary.comparedTo(b.baseSalary),
  )
}

/**
 * Tables by positions list, row context and query (less its page): the list is replaced on every
 * write, so between writes a table is filtered and sorted once, and the same array comes back
 * (which lets the page keep its rendered HTML too).
 */
const tables = new WeakMap<
  readonly Position[],
  { context: RowContext; byQuery: Lru<string, PositionRowModel[]> }
>()
/** Tables kept per list: the filters are free text, so distinct ones must not pile up. */
const TABLES_PER_LIST = 64

/** Positions by id, per positions list (replaced on every write). */
const indexes = new WeakMap<readonly Position[], Map<string, Position>>()

/** The position `id` in `positions`, found through an index kept with the list. */
export function findPosition(positions: readonly Position[], id: string): Position | undefined {
  let index = indexes.get(positions)
  if (!index) {
    index = new Map(positions.map((p) => [p.id, p]))
    indexes.set(positions, index)
  }
  return index.get(id)
}

/** The rows matching the filters, sorted stably (ties keep the plan's order). */
export function positionTable(
  doc: WorkspaceDocument,
  fillTimes: FillTimesLookup,
  positions: readonly Position[],
  q: TableQuery,
  today: ISODate,
): PositionRowModel[] {
  const context = contextOf(doc, fillTimes, today)
  let kept = tables.get(positions)
  if (kept?.context !== context) {
    kept = { context, byQuery: new Lru(TABLES_PER_LIST) }
    tables.set(positions, kept)
  }
  const key = JSON.stringify([
    q.team,
    q.office,
    q.family,
    q.level,
    q.status,
    q.reason,
    q.band,
    q.sort,
    q.dir,
  ])
  let table = kept.byQuery.get(key)
  if (table === undefined) {
    table = filteredSorted(doc, fillTimes, positions, q, today)
    kept.byQuery.set(key, table)
  }
  return table
}

function filteredSorted(
  doc: WorkspaceDocument,
  fillTimes: FillTimesLookup,
  positions: readonly Position[],
  q: TableQuery,
  today: ISODate,
): PositionRowModel[] {
  const rowOfPosition = rowsOf(doc, fillTimes, today)
  const kept: PositionRowModel[] = []
  for (const p of positions) {
    const row = rowOfPosition(p)
    if (matches(row, q, p)) kept.push(row)
  }
  // Each row's place and its index packed into one number, (place x 2^21 + index): sorted as a
  // typed array, natively, with no comparator calls, and ties keep the plan's order either way.
  const place = sortRanks(kept, q.sort)
  const last = place.reduce((a, b) => Math.max(a, b), 0)
  const keys = new Float64Array(kept.length)
  for (let i = 0; i < kept.length; i++) {
    keys[i] = (q.dir === 'desc' ? last - place[i]! : place[i]!) * INDEX_SPAN + i
  }
  return Array.from(keys.sort(), (key) => kept[key % INDEX_SPAN]!)
}

/** Room for 2 million rows below each place, well within a double's exact integers. */
const INDEX_SPAN = 2 ** 21
