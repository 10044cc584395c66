/**
 * The positions table as the pages read it: one row per position with names instead of ids, its
 * band fit today, and the filters and sort order taken from the query string (so a filtered,
 * sorted table is a URL that works without JavaScript).
 */
import * as z from 'zod'
import {
  type BandPosition,
  bandPosition,
  compaRatio,
  findBand,
  rangePenetration,
} from '../../domain/bands.ts'
import type { ISODate } from '../../domain/calendar.ts'
import type { WorkspaceDocument } from '../../domain/document.ts'
import { type Position, REQUISITION_STATUSES, type RequisitionStatus } from '../../domain/model.ts'
import type { Currency, Decimal } from '../../domain/money.ts'
import { expectedStart } from '../../domain/projection/terms.ts'

export interface BandFit {
  position: BandPosition
  compaRatio: Decimal
  penetration: Decimal
  min: Decimal
  max: Decimal
}

export interface PositionRowModel {
  id: string
  kind: 'filled' | 'open'
  title: string
  /** The person in a filled position; null for an open role. */
  personName: string | null
  teamId: string
  teamName: string
  officeName: string
  familyName: string
  levelCode: string
  levelRank: number
  /** 'filled' for a person, the requisition status for an open role. */
  status: RequisitionStatus
  reason: 'net_new' | 'backfill' | null
  /** Start date, or an open role's expected start (target, else approval + time to fill). */
  start: ISODate
  baseSalary: Decimal
  currency: Currency
  bonusTargetRate: Decimal
  /** Null when no band is in force for the family, level and office today. */
  band: BandFit | null
}

export const SORT_KEYS = [
  'title',
  'team',
  'office',
  'family',
  'level',
  'status',
  'start',
  'salary',
] as const
export type SortKey = (typeof SORT_KEYS)[number]

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
  sort: oneOf(SORT_KEYS).transform((s) => s ?? 'team'),
  dir: oneOf(['asc', 'desc'] as const).transform((d) => d ?? 'asc'),
  /** 1-based; a bad or missing page is the first. */
  page: z.coerce.number().int().min(1).catch(1),
})
/** Rows per page: a plan of thousands stays quick to send and to read. */
export const PAGE_SIZE = 100
export type TableQuery = z.output<typeof tableQuery>

export function bandFit(doc: WorkspaceDocument, p: Position, today: ISODate): BandFit | null {
  const band = findBand(doc.salaryBands, p.familyId, p.levelId, p.officeId, today)
  if (band === null) return null
  return {
    position: bandPosition(p.baseSalary, band),
    compaRatio: compaRatio(p.baseSalary, band),
    penetration: rangePenetration(p.baseSalary, band),
    min: band.min,
    max: band.max,
  }
}

export function positionRow(doc: WorkspaceDocument, p: Position, today: ISODate): PositionRowModel {
  const office = doc.offices.find((o) => o.id === p.officeId)
  const level = doc.levels.find((l) => l.id === p.levelId)
  const family = doc.jobFamilies.find((f) => f.id === p.familyId)
  return {
    id: p.id,
    kind: p.kind,
    title: p.title,
    personName: p.kind === 'filled' ? p.personName : null,
    teamId: p.teamId,
    teamName: doc.teams.find((t) => t.id === p.teamId)?.name ?? p.teamId,
    officeName: office?.name ?? p.officeId,
    familyName: family?.name ?? p.familyId,
    levelCode: level?.code ?? p.levelId,
    levelRank: level?.rank ?? 0,
    status: p.kind === 'filled' ? 'filled' : p.status,
    reason: p.kind === 'open' ? p.reason : null,
    start: expectedStart(p, family),
    baseSalary: p.baseSalary,
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
    (q.reason === undefined || row.reason === q.reason)
  )
}

const COMPARE: Record<SortKey, (a: PositionRowModel, b: PositionRowModel) => number> = {
  title: (a, b) => a.title.localeCompare(b.title),
  team: (a, b) => a.teamName.localeCompare(b.teamName),
  office: (a, b) => a.officeName.localeCompare(b.officeName),
  family: (a, b) => a.familyName.localeCompare(b.familyName),
  level: (a, b) => a.levelRank - b.levelRank,
  status: (a, b) => a.status.localeCompare(b.status),
  start: (a, b) => a.start.localeCompare(b.start),
  // salaries in different currencies are not comparable: group by currency, then amount
  salary: (a, b) => a.currency.localeCompare(b.currency) || a.baseSalary.comparedTo(b.baseSalary),
}

/** The rows matching the filters, sorted stably (ties keep the plan's order). */
export function positionTable(
  doc: WorkspaceDocument,
  positions: readonly Position[],
  q: TableQuery,
  today: ISODate,
): PositionRowModel[] {
  const sign = q.dir === 'desc' ? -1 : 1
  return positions
    .map((p) => ({ p, row: positionRow(doc, p, today) }))
    .filter(({ p, row }) => matches(row, q, p))
    .sort((a, b) => sign * COMPARE[q.sort](a.row, b.row))
    .map(({ row }) => row)
}
