/**
 * Downloads written as they are produced. The text comes from a generator and goes out in slices:
 * each slice waits its turn in the background (behind queued requests and those being answered,
 * turns.ts), then takes text
 * until it has about 256 kB or has held the event loop for 10 ms, so a 200 MB download never
 * holds more than a slice in memory and never keeps other users waiting. The stream asks for the
 * next slice only when the last one has gone (the response's backpressure); a client that goes
 * away stops the generator.
 */
import { stringify } from 'csv-stringify/sync'
import { SPREADSHEET_SAFE } from './spreadsheet.ts'
import { backgroundTurn } from './turns.ts'

const SLICE_MS = 10
const SLICE_CHARS = 256 * 1024

export function slicedStream(parts: Iterator<string | Uint8Array>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder()
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        await backgroundTurn()
        const started = performance.now()
        let text = ''
        let size = 0
        for (;;) {
          const next = parts.next()
          if (next.done) {
            if (text) controller.enqueue(encoder.encode(text))
            controller.close()
            return
          }
          const part = next.value
          if (typeof part === 'string') {
            text += part
          } else {
            // bytes go out as they are, after the text before them
            if (text) controller.enqueue(encoder.encode(text))
            text = ''
            controller.enqueue(part)
          }
          size += part.length
          if (size >= SLICE_CHARS || performance.now() - started >= SLICE_MS) break
        }
        if (text) controller.enqueue(encoder.encode(text))
      },
      cancel() {
        parts.return?.(undefined)
      },
    },
    { highWaterMark: 1 },
  )
}

/**
 * Rows as CSV text, a batch at a time, with a header row of the first row's keys (no rows: no
 * text); every text cell made safe to open in a spreadsheet. The whole projection is millions of
 * rows whose cells are mostly amounts, months and a few hundred distinct names: a cell that needs
 * neither quotes nor a formula guard is written as it is, and any other is written by the CSV
 * library once per distinct text and remembered (the library per row took four times as long as
 * producing the rows). Rows with a cell that is not text go through the library whole.
 */
export function* csvText(rows: Iterable<object>): Generator<string> {
  let columns: string[] | undefined
  const cells = new CsvCells()
  let text = ''
  for (const row of rows) {
    if (columns === undefined) {
      columns = Object.keys(row)
      text = cells.header(columns)
    }
    text += csvLine(cells, row as Record<string, unknown>, columns)
    if (text.length >= BATCH_CHARS) {
      yield text
      text = ''
    }
  }
  if (text) yield text
}

/** Text handed on at once: enough to spread the per-piece cost, small enough to stay small. */
const BATCH_CHARS = 64 * 1024
/** Distinct cell texts remembered at most (then forgotten and remembered afresh). */
const CELLS_KEPT = 10_000
/** Written as it is by the library too: no delimiter, quote or line break, no formula start. */
const PLAIN_CELL = /^(?:-?\d+(?:\.\d+)?|[\w(][\w .:/()&'-]*)$/

/** A row of text cells as a CSV line; a row with any other cell goes through the library whole. */
function csvLine(
  cells: CsvCells,
  row: Record<string, unknown>,
  columns: readonly string[],
): string {
  let line = ''
  for (let i = 0; i < columns.length; i++) {
    const value = row[columns[i]!]
    if (typeof value !== 'string') return stringify([row], { ...SPREADSHEET_SAFE, columns })
    line += (i === 0 ? '' : ',') + cells.cell(value)
  }
  return `${line}\n`
}

/** Text cells as the CSV library writes them (spreadsheet-safe), each distinct text worked out once. */
export class CsvCells {
  #written = new Map<string, string>()

  cell(value: string): string {
    if (PLAIN_CELL.test(value)) return value
    let written = this.#written.get(value)
    if (written === undefined) {
      if (this.#written.size === CELLS_KEPT) this.#written.clear()
      written = stringify([[value]], SPREADSHEET_SAFE).slice(0, -1)
      this.#written.set(value, written)
    }
    return written
  }

  /** The header line the library writes for these columns. */
  header(columns: readonly string[]): string {
    return stringify([columns], SPREADSHEET_SAFE)
  }
}

/** `{ ...head, [key]: [rows] }` as JSON text, the rows one at a time. */
export function* jsonText(
  head: Record<string, unknown>,
  key: string,
  rows: Iterable<unknown>,
): Generator<string> {
  const open = JSON.stringify({ ...head, [key]: [] })
  yield open.slice(0, -2)
  let first = true
  for (const row of rows) {
    yield first ? JSON.stringify(row) : `,${JSON.stringify(row)}`
    first = false
  }
  yield ']}'
}
