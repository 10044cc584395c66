/**
 * What the positions table renders: one row per position with names instead of ids and its band
 * fit today, and the filters, sort order and page the query string asks for.
 */
import type { BandBucket, BandPosition } from '../../src/domain/bands.ts'
import type { ISODate } from '../../src/domain/calendar.ts'
import type { RequisitionStatus } from '../../src/domain/model.ts'
import type { Currency, Decimal } from '../../src/domain/money.ts'

export interface BandFit {
  position: BandPosition
  bucket: BandBucket
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
  /** The annual base in force today (the latest raise in effect, else the starting salary). */
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
  'compa',
] as const
export type SortKey = (typeof SORT_KEYS)[number]

/** The table's filters, sort and page; an absent filter means "any". */
export interface TableQuery {
  team?: string | undefined
  office?: string | undefined
  family?: string | undefined
  level?: string | undefined
  status?: RequisitionStatus | undefined
  reason?: 'net_new' | 'backfill' | undefined
  /** Where pay sits in its band; 'none' for positions with no band in force. */
  band?: BandBucket | 'none' | undefined
  sort: SortKey
  dir: 'asc' | 'desc'
  /** 1-based. */
  page: number
}

/** Rows per page: a plan of thousands stays quick to send and to read. */
export const PAGE_SIZE = 100

/** How many positions sit in each band bucket (positions with no band in force apart). */
export type BucketCounts = Record<BandBucket | 'none', number>
