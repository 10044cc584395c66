import { parse } from 'csv-parse/sync'
import { stringify } from 'csv-stringify/sync'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { SPREADSHEET_SAFE } from '../../../src/web/http/spreadsheet.ts'
import { csvText, jsonText, slicedStream } from '../../../src/web/http/stream.ts'

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string[]> {
  const chunks: string[] = []
  const decoder = new TextDecoder()
  for await (const chunk of stream) chunks.push(decoder.decode(chunk))
  return chunks
}

describe('sliced downloads', () => {
  it('writes the text in slices, letting other work run between them', async () => {
    const line = `${'x'.repeat(1023)}\n`
    let produced = 0
    function* parts() {
      for (let i = 0; i < 1024; i++) {
        produced++
        yield line
      }
    }
    const stream = slicedStream(parts())
    // other callbacks queued while the download is written: each gets its turn between slices
    let ticks = 0
    const tick = () => {
      ticks++
      if (produced < 1024) setImmediate(tick)
    }
    setImmediate(tick)
    const chunks = await readAll(stream)
    expect(chunks.join('')).toBe(line.repeat(1024))
    // 1 MB in slices of at most 256 kB (+ one part): never the whole text at once
    expect(chunks.length).toBeGreaterThanOrEqual(4)
    for (const c of chunks) expect(c.length).toBeLessThanOrEqual(256 * 1024 + line.length)
    expect(ticks).toBeGreaterThanOrEqual(chunks.length - 1)
  })

  it('produces only what the reader asks for, and stops when it goes away', async () => {
    let produced = 0
    function* endless() {
      for (;;) {
        produced++
        yield 'y'.repeat(1024)
      }
    }
    const reader = slicedStream(endless()).getReader()
    await reader.read()
    await new Promise((r) => setTimeout(r, 20))
    // the first slice and at most one more queued ahead: 2 x 256 kB of 1 kB parts
    expect(produced).toBeLessThanOrEqual(2 * 256 + 2)
    await reader.cancel()
    const after = produced
    await new Promise((r) => setTimeout(r, 20))
    expect(produced).toBe(after)
  })

  it('sends bytes as they are, in order with the text around them', async () => {
    function* parts() {
      yield 'a,'
      yield new TextEncoder().encode('é,')
      yield 'c\n'
    }
    expect((await readAll(slicedStream(parts()))).join('')).toBe('a,é,c\n')
  })

  it('writes CSV with one header row over batches, text cells made spreadsheet-safe', () => {
    const rows = Array.from({ length: 600 }, (_, i) => ({
      id: i,
      note: i === 3 ? '=HYPERLINK()' : 'ok',
    }))
    const text = [...csvText(rows)].join('')
    const read = parse(text, { columns: true }) as { id: string; note: string }[]
    expect(read).toHaveLength(600)
    expect(read[599]!.id).toBe('599')
    expect(read[3]!.note).toBe("'=HYPERLINK()")
    expect(text.match(/^id,note$/gm)).toHaveLength(1)
    expect([...csvText([])].join('')).toBe('')
  })

  it('writes exactly what the CSV library writes, whatever the cells hold', () => {
    // cells built from the characters that matter: delimiters, quotes, line breaks, formula
    // starts, digits, signs and letters (plain names and amounts take the fast path)
    const piece = fc.constantFrom('a', 'Z', '1', '0', '.', '-', '=', '+', '@', ',', '"', "'")
    const cell = fc.oneof(
      fc.stringMatching(/^-?\d{1,6}\.\d\d$/),
      fc
        .array(fc.oneof(piece, fc.constantFrom('\n', '\r', '\t', ' ', 'é', '(', ')')), {
          maxLength: 8,
        })
        .map((cs) => cs.join('')),
    )
    const rows = fc.array(fc.record({ a: cell, b: cell, c: cell }), { minLength: 1 })
    fc.assert(
      fc.property(rows, (rs) => {
        const expected = stringify(rs, { ...SPREADSHEET_SAFE, header: true })
        expect([...csvText(rs)].join('')).toBe(expected)
      }),
    )
  })

  it('writes a row with a cell that is not text as the library does', () => {
    const rows = [
      { n: 'x', v: 1.5 },
      { n: '=y', v: null },
    ]
    expect([...csvText(rows)].join('')).toBe(stringify(rows, { ...SPREADSHEET_SAFE, header: true }))
  })

  it('writes JSON with the rows one by one inside the head object', () => {
    const rows = [{ a: 1 }, { a: 2 }]
    expect(JSON.parse([...jsonText({ include: 'all' }, 'rows', rows)].join(''))).toEqual({
      include: 'all',
      rows,
    })
    expect(JSON.parse([...jsonText({ x: 1 }, 'rows', [])].join(''))).toEqual({ x: 1, rows: [] })
  })
})
