/**
 * Reading HR and payroll exports as they come: a header row named by the exporting system (each
 * preset lists the names its documentation gives a column), a BOM, quoted commas, dates in the
 * system's order (ISO dates are read everywhere), amounts with currency symbols or codes and
 * thousands separators (1,234.56 or 1.234,56). Problems are collected as (row, column, message)
 * and never thrown, so a whole file can be fixed in one go.
 */
import { parse } from 'csv-parse/sync'
import { isRealDate } from '../calendar.ts'
import type { RowProblem } from '../csv-import.ts'
import { CURRENCIES, type Currency } from '../money.ts'
import { atOnce, type Steps } from '../steps.ts'

export { atOnce, type Steps } from '../steps.ts'
export type { RowProblem }

export type DateOrder = 'ymd' | 'mdy' | 'dmy'

/** A field the import reads, with every header spelling that names it. */
export interface FieldSpec {
  label: string
  headers: readonly string[]
  required: boolean
}

export interface ParsedRow {
  /** The spreadsheet row: 1 is the header, 2 the first record. */
  row: number
  cells: ReadonlyMap<string, string>
}

export interface ParsedTable<F extends string> {
  rows: ParsedRow[]
  ignoredColumns: string[]
  problems: RowProblem[]
  /** The field each file column was read as (for messages naming the file's own header). */
  headerOf: Partial<Record<F, string>>
}

const squash = (s: string) =>
  s
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, ' ')

/** Rows handled between two pauses: a hundred rows of a people file take a few milliseconds. */
export const ROWS_PER_STEP = 100
const CHARS_PER_PIECE = 64 * 1024

/**
 * CSV text in pieces of about CHARS_PER_PIECE characters, each ending at a line break outside
 * quotes (a quoted cell may hold a line break), so each piece parses on its own.
 */
function* csvPieces(text: string): Generator<string> {
  let start = 0
  while (start < text.length) {
    let end = Math.min(start + CHARS_PER_PIECE, text.length)
    if (end < text.length) {
      let quotes = 0
      for (let i = start; i < end; i++) if (text.charCodeAt(i) === 34) quotes++
      while (end < text.length && !(text[end] === '\n' && quotes % 2 === 0)) {
        if (text.charCodeAt(end) === 34) quotes++
        end++
      }
      end = Math.min(end + 1, text.length)
    }
    yield text.slice(start, end)
    start = end
  }
}

type Parsed = { record: string[]; row: number }

/** Every record with its spreadsheet row (the header is row 1), parsed a piece per step. */
export function* parseSteps(text: string): Steps<Parsed[] | RowProblem> {
  const records: Parsed[] = []
  for (const piece of csvPieces(text)) {
    try {
      const parsed = parse(piece, {
        bom: true,
        relax_column_count: true,
        skip_empty_lines: true,
        trim: true,
      }) as string[][]
      for (const record of parsed) records.push({ record, row: records.length + 1 })
    } catch (error) {
      const e = error as Error & { lines?: number }
      return {
        row: records.length + (e.lines ?? 1),
        column: '',
        message: `the file is not valid CSV: ${e.message}`,
      }
    }
    yield
  }
  return records
}

/** Parses CSV text and maps its header to `fields`; missing required columns are row-1 problems. */
export function* readTableSteps<F extends string>(
  text: string,
  fields: Readonly<Record<F, FieldSpec>>,
): Steps<ParsedTable<F>> {
  const problems: RowProblem[] = []
  const records = yield* parseSteps(text)
  if (!Array.isArray(records)) {
    problems.push(records)
    return { rows: [], ignoredColumns: [], problems, headerOf: {} }
  }
  const [header, ...rest] = records
  const names = header?.record ?? []
  // each field reads the column named by its earliest-listed header (Personio has both
  // "Team" and "Department": the team preset lists Team first)
  const columnOf = new Map<F, number>()
  for (const [field, spec] of Object.entries(fields) as [F, FieldSpec][]) {
    for (const wanted of spec.headers) {
      const i = names.findIndex((h) => squash(h) === squash(wanted))
      if (i >= 0 && ![...columnOf.values()].includes(i)) {
        columnOf.set(field, i)
        break
      }
    }
  }
  const headerOf: Partial<Record<F, string>> = {}
  for (const [field, i] of columnOf) headerOf[field] = names[i]!
  const read = new Set(columnOf.values())
  for (const [field, spec] of Object.entries(fields) as [F, FieldSpec][]) {
    if (spec.required && headerOf[field] === undefined) {
      problems.push({
        row: 1,
        column: spec.headers[0]!,
        message: `column is missing from the header row (${spec.label})`,
      })
    }
  }
  if (rest.length === 0) {
    problems.push({ row: 1, column: '', message: 'the file has no rows under the header' })
  }
  const rows: ParsedTable<F>['rows'] = []
  for (const r of rest) {
    const cells = new Map<string, string>()
    for (const [field, i] of columnOf) cells.set(field, r.record[i] ?? '')
    rows.push({ row: r.row, cells })
    if (rows.length % ROWS_PER_STEP === 0) yield
  }
  const ignoredColumns = names.filter((_, i) => !read.has(i))
  return { rows, ignoredColumns, problems, headerOf }
}

export const readTable = <F extends string>(text: string, fields: Readonly<Record<F, FieldSpec>>) =>
  atOnce(readTableSteps(text, fields))

export type Cell<T> = { ok: true; value: T } | { ok: false; message: string }
export const ok = <T>(value: T): Cell<T> => ({ ok: true, value })
export const fail = <T>(message: string): Cell<T> => ({ ok: false, message })

const DATE_SHAPES: Record<DateOrder, { pattern: RegExp; example: string }> = {
  ymd: { pattern: /^(\d{4})-(\d{1,2})-(\d{1,2})$/, example: '2027-03-31' },
  mdy: { pattern: /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/, example: '03/31/2027' },
  dmy: { pattern: /^(\d{1,2})[./](\d{1,2})[./](\d{4})$/, example: '31/03/2027 or 31.03.2027' },
}

/** A date in the preset's order, or ISO; a time after the date (Workday writes one) is ignored. */
export function readDate(order: DateOrder) {
  return (text: string): Cell<string> => {
    const t = text.trim().replace(/[T ].*$/, '')
    const iso = DATE_SHAPES.ymd.pattern.exec(t)
    const local = DATE_SHAPES[order].pattern.exec(t)
    let parts: [string, string, string] | null = null
    if (iso) parts = [iso[1]!, iso[2]!, iso[3]!]
    else if (local && order === 'mdy') parts = [local[3]!, local[1]!, local[2]!]
    else if (local && order === 'dmy') parts = [local[3]!, local[2]!, local[1]!]
    const date = parts && `${parts[0]}-${parts[1].padStart(2, '0')}-${parts[2].padStart(2, '0')}`
    if (date && isRealDate(date)) return ok(date)
    const example =
      order === 'ymd' ? DATE_SHAPES.ymd.example : `${DATE_SHAPES[order].example} or 2027-03-31`
    return fail(`must be a date such as ${example}`)
  }
}

const SYMBOLS: Record<string, Currency> = { '£': 'GBP', $: 'USD' }

export interface ReadAmount {
  /** Minor units (pence or cents). */
  minor: number
  /** The currency the cell itself names by symbol or code, if any. */
  currency: Currency | null
}

/**
 * "£120,000.00", "120000", "$95,500.50", "120000.00 USD", "GBP 85.000,00"; negative amounts are
 * refused (a payroll correction belongs in the month it was paid).
 */
export function readAmount(text: string): Cell<ReadAmount> {
  let t = text.trim().replace(/\u00a0/g, ' ')
  let currency: Currency | null = null
  const code = /^([A-Z]{3})\s*|\s*([A-Z]{3})$/i.exec(t)
  if (code) {
    const named = (code[1] ?? code[2])!.toUpperCase()
    if (!(CURRENCIES as readonly string[]).includes(named)) {
      return fail(`is in ${named}; the planner pays in ${CURRENCIES.join(' or ')}`)
    }
    currency = named as Currency
    t = t.replace(code[0], '').trim()
  }
  const symbol = SYMBOLS[t.charAt(0)]
  if (symbol) {
    if (currency && currency !== symbol) return fail(`names both ${currency} and ${symbol}`)
    currency = symbol
    t = t.slice(1).trim()
  }
  if (t.startsWith('-') || t.startsWith('(')) return fail('must not be negative')
  if (/^\d{1,3}(,\d{3})+(\.\d{1,2})?$/.test(t)) t = t.replaceAll(',', '')
  else if (/^\d{1,3}(\.\d{3})+(,\d{1,2})?$/.test(t) || /^\d+,\d{1,2}$/.test(t)) {
    t = t.replaceAll('.', '').replace(',', '.')
  }
  const m = /^(\d{1,13})(?:\.(\d{1,2}))?$/.exec(t)
  if (!m) return fail('must be an amount such as 120000, 120,000.00 or £120,000')
  const minor = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'))
  return ok({ minor, currency })
}

export function readCurrency(text: string): Cell<Currency> {
  const t = text.trim().toUpperCase()
  return (CURRENCIES as readonly string[]).includes(t)
    ? ok(t as Currency)
    : fail(`must be ${CURRENCIES.join(' or ')}`)
}

/** An employee id as HR systems write them ("E-1001", "1001"), compared ignoring case. */
export function readEmployeeId(text: string): Cell<string> {
  const t = text.trim()
  return /^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/.test(t)
    ? ok(t.toLowerCase())
    : fail('must be letters, digits, ., /, - or _ (up to 64)')
}

/** Reads cells of one row, collecting problems under the file's own column header. */
export class RowCells<F extends string> {
  constructor(
    private readonly table: ParsedTable<F>,
    private readonly fields: Readonly<Record<F, FieldSpec>>,
    readonly row: ParsedRow,
    private readonly problems: RowProblem[],
  ) {}

  raw(field: F): string {
    return this.row.cells.get(field)?.trim() ?? ''
  }

  column(field: F): string {
    return this.table.headerOf[field] ?? this.fields[field].headers[0]!
  }

  problem(field: F | '', message: string): void {
    this.problems.push({ row: this.row.row, column: field ? this.column(field) : '', message })
  }

  /** The cell read by `parse`; undefined when empty (a problem if required) or invalid. */
  read<T>(field: F, parse: (text: string) => Cell<T>): T | undefined {
    const text = this.raw(field)
    if (text === '') {
      if (this.fields[field].required) this.problem(field, 'is required')
      return undefined
    }
    const cell = parse(text)
    if (!cell.ok) this.problem(field, cell.message)
    return cell.ok ? cell.value : undefined
  }
}
