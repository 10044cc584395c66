/**
 * Excel workbooks for the tables that have a CSV download: one sheet per view, a bold header row
 * frozen at the top, amounts as real numbers with their currency's format, months and dates as
 * real dates. Built from the same rows the CSV is (an iterable of plain rows), so both say the
 * same. Text cells are written as text (type String with the "@" Text format): a value starting
 * with "=" is stored as a string, never a formula, and stays text if someone edits it, which is
 * what the CSV's leading apostrophe does for CSV (see spreadsheet.ts).
 *
 * write-excel-file builds the workbook in memory (one dependency, fflate for the zip); the
 * projection's largest download is tens of thousands of rows, which it writes in well under a
 * second.
 */
import type { Context } from 'hono'
import writeXlsxFile, { type Cell, type SheetData } from 'write-excel-file/node'
import type { Currency } from '../../domain/money.ts'

export type CellText = string | number | null
export type XlsxRow = readonly CellText[]

export type ColumnKind = 'text' | 'money' | 'number' | 'month' | 'date' | 'timestamp'

export interface XlsxColumn {
  header: string
  kind: ColumnKind
  /** For money: the currency, or the index of the column in the same row that names it. */
  currency?: Currency | number
  /** Characters wide; a default per kind otherwise. */
  width?: number
}

export interface XlsxSheet {
  /** Shown on the sheet's tab: at most 31 characters, none of []:*?/\ (Excel's rules). */
  name: string
  columns: readonly XlsxColumn[]
  rows: Iterable<XlsxRow>
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** Money formats Excel shows with the symbol in front and negatives with a minus. */
const MONEY_FORMAT: Record<Currency, string> = {
  GBP: '"£"#,##0.00;-"£"#,##0.00',
  USD: '"$"#,##0.00;-"$"#,##0.00',
}
const WIDTH: Record<ColumnKind, number> = {
  text: 24,
  money: 16,
  number: 12,
  month: 10,
  date: 12,
  timestamp: 20,
}

/** "2027-01" or "2027-01-15" as a Date at midnight UTC (what Excel's day serials count). */
function utcDate(text: string): Date {
  return new Date(`${text.length === 7 ? `${text}-01` : text.slice(0, 10)}T00:00:00Z`)
}

function cellOf(value: CellText, column: XlsxColumn, row: XlsxRow): Cell {
  if (value === null || value === '') return null
  switch (column.kind) {
    case 'text':
      return { type: String, value: String(value), format: '@' }
    case 'number':
      return { type: Number, value: Number(value) }
    case 'money': {
      const currency =
        typeof column.currency === 'number' ? (row[column.currency] as Currency) : column.currency
      const format = currency && MONEY_FORMAT[currency]
      return {
        type: Number,
        value: Number(value),
        ...(format ? { format } : { format: '#,##0.00' }),
      }
    }
    case 'month':
      return { type: Date, value: utcDate(String(value)), format: 'mmm yyyy' }
    case 'date':
      return { type: Date, value: utcDate(String(value)), format: 'yyyy-mm-dd' }
    case 'timestamp':
      return { type: Date, value: new Date(String(value)), format: 'yyyy-mm-dd hh:mm:ss' }
  }
}

function sheetData(sheet: XlsxSheet): SheetData {
  const data: SheetData = [
    sheet.columns.map((c) => ({ type: String, value: c.header, fontWeight: 'bold' as const })),
  ]
  for (const row of sheet.rows)
    data.push(sheet.columns.map((c, i) => cellOf(row[i] ?? null, c, row)))
  return data
}

/** The workbook's bytes. */
export function xlsxBuffer(sheets: readonly XlsxSheet[]): Promise<Buffer> {
  return writeXlsxFile(
    sheets.map((s) => ({
      data: sheetData(s),
      sheet: s.name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31),
      stickyRowsCount: 1,
      columns: s.columns.map((c) => ({ width: c.width ?? WIDTH[c.kind] })),
    })),
  ).toBuffer()
}

/** The workbook as a download named `filename` (".xlsx" included). */
export async function xlsxResponse(c: Context, sheets: readonly XlsxSheet[], filename: string) {
  const body = await xlsxBuffer(sheets)
  return c.body(new Uint8Array(body), 200, {
    'Content-Type': XLSX_TYPE,
    'Content-Disposition': `attachment; filename="${filename}"`,
  })
}
