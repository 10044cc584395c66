/** What the projection table renders: period columns, rows that add up to the total row, totals. */
import type { Currency } from '../../src/domain/money.ts'

export interface Column {
  key: string
  /** Indexes of the projection months the column sums. */
  months: number[]
}

export interface TableRow {
  key: string
  values: number[]
  total: number
}

export interface ProjectionTable {
  currency: Currency
  columns: Column[]
  rows: TableRow[]
  /** Column sums of the rows: the total row. */
  totals: number[]
  grandTotal: number
}
