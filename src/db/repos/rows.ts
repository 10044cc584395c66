/**
 * Shared pieces of the row <-> domain mapping. Repositories map a record through its text form
 * (the zod codec's input: money and rates as decimal strings): `z.encode` gives the text form to
 * write, and every row read back is decoded by the same codec, so a bad row fails loudly, naming
 * the table and record, instead of reaching the engine.
 */
import type * as z from 'zod'
import { listProblems } from '../../domain/document.ts'
import { dec, fromMinor, type Minor, toMinor } from '../../domain/money.ts'
import type { Database } from '../open.ts'

export class InvalidRowError extends Error {
  constructor(
    readonly where: string,
    readonly problems: { path: string; message: string }[],
  ) {
    super(
      `${where} is not valid:\n${problems.map((p) => `  - ${p.path}: ${p.message}`).join('\n')}`,
    )
    this.name = 'InvalidRowError'
  }
}

/** Decodes a row's text form with its codec; `where` names it in errors ("positions p-1"). */
export function decodeRow<S extends z.ZodType>(
  schema: S,
  input: unknown,
  where: string,
): z.output<S> {
  const result = schema.safeParse(input)
  if (!result.success) throw new InvalidRowError(where, listProblems(result.error))
  return result.data
}

/** Money text ("1234.56") to integer minor units for an INTEGER column. */
export function minorOf(text: string): Minor {
  return toMinor(dec(text))
}

export function minorOrNull(text: string | null | undefined): Minor | null {
  return text == null ? null : minorOf(text)
}

/** Integer minor units from a column back to money text. */
export function moneyText(minor: number): string {
  return fromMinor(minor).toFixed(2)
}

export function moneyTextOrNull(minor: number | null): string | null {
  return minor === null ? null : moneyText(minor)
}

/** Optional text: absent in the document is NULL in the row, and absent again when read back. */
export function optionalText<K extends string>(
  key: K,
  value: string | null,
): { [P in K]?: string } {
  return (value === null ? {} : { [key]: value }) as { [P in K]?: string }
}

/** Inserts one record; table and column names come from code, never from input. */
export function insert(db: Database, table: string, values: Record<string, unknown>): void {
  const columns = Object.keys(values)
  db.prepare(
    `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`,
  ).run(values)
}

/** All rows of a table in document order. */
export function allRows<Row>(db: Database, table: string): Row[] {
  return db.prepare(`SELECT * FROM ${table} ORDER BY sort_order, rowid`).all() as Row[]
}

/** Rows of a table matching `where`, in document order. */
export function allRowsWhere<Row>(
  db: Database,
  table: string,
  where: string,
  params: unknown[],
): Row[] {
  return db
    .prepare(`SELECT * FROM ${table} WHERE ${where} ORDER BY sort_order, rowid`)
    .all(params) as Row[]
}

/**
 * Every record of a table in document order, each row's fields (as `fields` lays them out)
 * decoded by the record's codec; a bad row fails naming the table and record.
 */
export function readTable<Row extends { id: string }, S extends z.ZodType>(
  db: Database,
  table: string,
  schema: S,
  fields: (row: Row) => unknown,
): z.output<S>[] {
  return allRows<Row>(db, table).map((row) => decodeRow(schema, fields(row), `${table} ${row.id}`))
}
