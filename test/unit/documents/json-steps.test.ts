import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseJsonSteps } from '../../../src/domain/json-steps.ts'
import { atOnce, type Steps } from '../../../src/domain/steps.ts'

/** The steps' result and how many pauses they made. */
function run<T>(steps: Steps<T>): { value: T; pauses: number } {
  let pauses = 0
  for (;;) {
    const step = steps.next()
    if (step.done) return { value: step.value, pauses }
    pauses++
  }
}

/** Text over one slice (64 kB): the incremental parser's path, not JSON.parse's. */
const padded = (json: string) => `${' '.repeat(70_000)}${json}\n`

describe('JSON parsed in steps', () => {
  it('gives what JSON.parse gives, for any JSON value, in pauses of at most 64 kB', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = padded(JSON.stringify(value))
        const { value: parsed, pauses } = run(parseJsonSteps(text))
        expect(parsed).toEqual({ ok: true, value: JSON.parse(text) })
        // 70 kB and more: at least two slices, each followed by a pause
        expect(pauses).toBeGreaterThanOrEqual(Math.ceil(text.length / 65_536))
      }),
      { numRuns: 60 },
    )
  })

  it('parses a document given in the pieces it was decoded in, cut anywhere', () => {
    const text = padded(JSON.stringify({ name: 'Zoë', plans: [{ id: 'a', n: [1, 2.5, null] }] }))
    const cuts = [0, 1, 69_999, 70_003, 70_010, text.length - 1]
    const pieces = cuts.map((from, k) => text.slice(from, cuts[k + 1] ?? text.length))
    expect(atOnce(parseJsonSteps(pieces))).toEqual({ ok: true, value: JSON.parse(text) })
  })

  it('keeps a "__proto__" key as data, as JSON.parse does', () => {
    const parsed = atOnce(parseJsonSteps(padded('{"__proto__": {"role": "admin"}, "a": 1}')))
    if (!parsed.ok) throw new Error(parsed.reason)
    const doc = parsed.value as Record<string, unknown>
    expect(Object.getPrototypeOf(doc)).toBe(Object.prototype)
    expect(Object.hasOwn(doc, '__proto__')).toBe(true)
    expect(doc.role).toBeUndefined()
  })

  it('refuses what JSON.parse refuses: a cut document, text after it, no value at all', () => {
    const doc = JSON.stringify({ plans: ['x'.repeat(70_000)] })
    for (const text of [doc.slice(0, -2), `${doc} {}`, `${doc}x`, ' '.repeat(70_000)]) {
      expect(() => JSON.parse(text)).toThrow()
      expect(atOnce(parseJsonSteps(text)).ok).toBe(false)
    }
  })

  it('parses a small document at once, with JSON.parse and its message', () => {
    expect(run(parseJsonSteps('{"a": [1, 2]}'))).toEqual({
      value: { ok: true, value: { a: [1, 2] } },
      pauses: 0,
    })
    const refused = atOnce(parseJsonSteps('{"a": '))
    expect(refused.ok).toBe(false)
  })
})
