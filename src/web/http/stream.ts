/**
 * Downloads written as they are produced. The text comes from a generator and goes out in slices:
 * each slice waits its turn behind the requests already queued (setImmediate), then takes text
 * until it has about 256 kB or has held the event loop for 10 ms, so a 200 MB download never
 * holds more than a slice in memory and never keeps other users waiting. The stream asks for the
 * next slice only when the last one has gone (the response's backpressure); a client that goes
 * away stops the generator.
 */
import { stringify } from 'csv-stringify/sync'
import { SPREADSHEET_SAFE } from './spreadsheet.ts'
import { nextTurn } from './turns.ts'

const SLICE_MS = 10
const SLICE_CHARS = 256 * 1024
/** Rows per call to the CSV writer: enough to spread its per-call cost, few enough to stay small. */
const CSV_BATCH = 256

export function slicedStream(parts: Iterator<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder()
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        await nextTurn()
        const started = performance.now()
        let text = ''
        for (;;) {
          const next = parts.next()
          if (next.done) {
            if (text) controller.enqueue(encoder.encode(text))
            controller.close()
            return
          }
          text += next.value
          if (text.length >= SLICE_CHARS || performance.now() - started >= SLICE_MS) break
        }
        controller.enqueue(encoder.encode(text))
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
 * text); every text cell made safe to open in a spreadsheet.
 */
export function* csvText(rows: Iterable<object>): Generator<string> {
  let columns: string[] | undefined
  let batch: object[] = []
  const flush = () => {
    const header = columns === undefined
    columns ??= Object.keys(batch[0]!)
    const text = stringify(batch as Record<string, unknown>[], {
      ...SPREADSHEET_SAFE,
      header,
      columns,
    })
    batch = []
    return text
  }
  for (const row of rows) {
    batch.push(row)
    if (batch.length === CSV_BATCH) yield flush()
  }
  if (batch.length > 0) yield flush()
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
