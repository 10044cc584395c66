/**
 * The whole projection as CSV bytes: the same bytes as `csvText(lineRows(view))`, written
 * without a row object or a string per line. A 10,000-position plan over 24 months is about two
 * million lines; as rows and text, their garbage and the encoding of the joined text were most of
 * the download's time. Here each position's cells (and each month, component and currency) are
 * written as CSV and encoded once, and each line copies those bytes and writes its two amounts'
 * digits straight from the minor units.
 */
import { CsvCells } from '../http/stream.ts'
import { lineGroups, ratesOf } from './projection-report.ts'
import { LINE_COLUMNS } from './projection-workbook.ts'
import type { ProjectionView } from './projections.ts'

/** The header the library path writes: the line rows' keys, in order. */
const COLUMNS = LINE_COLUMNS.map(([key]) => key)

/** Bytes handed on at once: the size of a download's slice pieces. */
const CHUNK_BYTES = 128 * 1024
const COMMA = 0x2c
const MINUS = 0x2d
const DOT = 0x2e
const ZERO = 0x30
/** A sign, the 16 digits of a safe integer's whole units, the point and two decimals. */
const MAX_AMOUNT_BYTES = 20

export function* lineCsv(view: ProjectionView): Generator<Uint8Array> {
  const out = new ByteWriter()
  const cells = new CsvCells()
  const encoder = new TextEncoder()
  const plan = view.plan.id
  const scenario = view.scenario?.id ?? ''
  const { months, totals } = view.projection
  // "<cell>," as bytes, once per distinct text
  const known = new Map<string, Uint8Array>()
  const cellComma = (text: string) => {
    let bytes = known.get(text)
    if (bytes === undefined) {
      bytes = encoder.encode(`${cells.cell(text)},`)
      known.set(text, bytes)
    }
    return bytes
  }
  const monthCells = months.map(cellComma)
  const reporting = cellComma(totals.currency)
  // each line's end (",<kind>,<rate set>,<the month's rate>" and the newline) by kind and month
  const { rateSet, byMonth } = ratesOf(view)
  const ends = (kind: string) =>
    byMonth.map((rate) =>
      encoder.encode(`,${[kind, rateSet.name, rate].map((text) => cells.cell(text)).join(',')}\n`),
    )
  const costEnds = ends('cost')
  const memoEnds = ends('memo')
  let header = true
  for (const { owner, lines } of lineGroups(view)) {
    const { positionId, title, team, office, family, level } = owner
    const cellsBefore = [plan, scenario, positionId, title, team, office, family, level]
    const before = encoder.encode(`${cellsBefore.map((text) => cells.cell(text)).join(',')},`)
    lines((mi, component, localCurrency, local, converted, kind) => {
      if (header) {
        out.bytes(encoder.encode(cells.header(COLUMNS)))
        header = false
      }
      out.bytes(before)
      out.bytes(monthCells[mi]!)
      out.bytes(cellComma(component))
      out.bytes(cellComma(localCurrency))
      out.amount(local)
      out.byte(COMMA)
      out.bytes(reporting)
      out.amount(converted)
      out.bytes((kind === 'cost' ? costEnds : memoEnds)[mi]!)
    })
    yield* out.full()
  }
  yield* out.rest()
}

/** Bytes written into fixed chunks, each handed on once full. */
export class ByteWriter {
  #chunk = new Uint8Array(CHUNK_BYTES)
  #at = 0
  #full: Uint8Array[] = []

  bytes(bytes: Uint8Array) {
    const n = bytes.length
    if (this.#at + n > this.#chunk.length) this.#next(n)
    const chunk = this.#chunk
    const at = this.#at
    // a cell is a few bytes: a loop copies those faster than set()
    if (n > 64) chunk.set(bytes, at)
    else for (let i = 0; i < n; i++) chunk[at + i] = bytes[i]!
    this.#at = at + n
  }

  byte(b: number) {
    if (this.#at === this.#chunk.length) this.#next(1)
    this.#chunk[this.#at++] = b
  }

  /** Minor units as `minorText` writes them ("1234.50", "-0.07"), digit by digit. */
  amount(minor: number) {
    if (this.#at + MAX_AMOUNT_BYTES > this.#chunk.length) this.#next(MAX_AMOUNT_BYTES)
    const chunk = this.#chunk
    let at = this.#at
    const abs = Math.abs(minor)
    if (minor < 0) chunk[at++] = MINUS
    const pence = abs % 100
    let whole = (abs - pence) / 100
    let end = at + 1
    for (let rest = whole; rest >= 10; rest = Math.floor(rest / 10)) end++
    for (let i = end - 1; i >= at; i--) {
      chunk[i] = ZERO + (whole % 10)
      whole = Math.floor(whole / 10)
    }
    at = end
    chunk[at++] = DOT
    chunk[at++] = ZERO + Math.floor(pence / 10)
    chunk[at++] = ZERO + (pence % 10)
    this.#at = at
  }

  /** The chunks filled so far. */
  *full(): Generator<Uint8Array> {
    const full = this.#full
    this.#full = []
    yield* full
  }

  /** The chunks filled so far and what is written of the last. */
  *rest(): Generator<Uint8Array> {
    yield* this.full()
    if (this.#at > 0) yield this.#chunk.subarray(0, this.#at)
  }

  #next(needed: number) {
    if (this.#at > 0) this.#full.push(this.#chunk.subarray(0, this.#at))
    this.#chunk = new Uint8Array(Math.max(CHUNK_BYTES, needed))
    this.#at = 0
  }
}
