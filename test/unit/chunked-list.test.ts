import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ChunkedList } from '../../src/domain/chunked-list.ts'

/** Reads every way a reader can, so each must agree with the array it models. */
function readAll(list: ChunkedList<number>) {
  const forEach: [number, number][] = []
  list.forEach((v, i) => {
    forEach.push([v, i])
  })
  return {
    length: list.length,
    iterated: [...list],
    at: Array.from({ length: list.length }, (_, i) => list.at(i)),
    forEach,
    array: list.toArray(),
  }
}

const expected = (values: number[]) => ({
  length: values.length,
  iterated: values,
  at: values,
  forEach: values.map((v, i) => [v, i]),
  array: values,
})

// Lengths around the chunk size (512), so edits land in full chunks, the last chunk and a new one.
const start = fc.array(fc.integer(), { minLength: 0, maxLength: 1_600 })
const ops = fc.array(
  fc.oneof(
    fc.record({ kind: fc.constant('append' as const), value: fc.integer() }),
    fc.record({ kind: fc.constant('with' as const), at: fc.nat(), value: fc.integer() }),
    fc.record({ kind: fc.constant('without' as const), at: fc.nat(), value: fc.constant(0) }),
  ),
  { maxLength: 40 },
)

describe('ChunkedList', () => {
  it('reads like the array it was made from, across chunk boundaries', () => {
    for (const n of [0, 1, 511, 512, 513, 1_024, 1_537]) {
      const values = Array.from({ length: n }, (_, i) => i * 3)
      expect(readAll(ChunkedList.from(values)), `${n}`).toEqual(expected(values))
    }
  })

  it('reads and replaces at any index as an array does: from the end when negative, a fraction cut', () => {
    const values = Array.from({ length: 1_030 }, (_, i) => i)
    const list = ChunkedList.from(values)
    for (const index of [0, 1, 511.7, 512, 1_029, 1_030, -1, -1.5, -1_030, -1_031, Number.NaN]) {
      expect(list.at(index), `at ${index}`).toBe(values.at(index))
      const replaced = (): unknown[] => values.with(index, -7)
      if (values.at(index) === undefined) {
        expect(replaced, `with ${index}`).toThrow(RangeError)
        expect(() => list.with(index, -7), `with ${index}`).toThrow(RangeError)
      } else expect(list.with(index, -7).toArray(), `with ${index}`).toEqual(replaced())
    }
  })

  it('finds as an array finds', () => {
    const values = Array.from({ length: 1_100 }, (_, i) => i)
    const list = ChunkedList.from(values)
    expect(list.findIndex((v) => v > 699)).toBe(700)
    expect(list.find((v) => v > 1_000 && v % 7 === 0)).toBe(1_001)
    expect(list.findIndex((v) => v < 0)).toBe(-1)
    expect(list.find((v) => v < 0)).toBeUndefined()
  })

  it('edits as an array would, and leaves every earlier version as it was', () => {
    fc.assert(
      fc.property(start, ops, (initial, steps) => {
        let model = [...initial]
        let list = ChunkedList.from(initial)
        const versions: [ChunkedList<number>, number[]][] = [[list, [...model]]]
        for (const op of steps) {
          if (op.kind === 'append') {
            model = [...model, op.value]
            list = list.append(op.value)
          } else if (model.length > 0) {
            const at = op.at % model.length
            model = model.toSpliced(at, 1, ...(op.kind === 'with' ? [op.value] : []))
            list = op.kind === 'with' ? list.with(at, op.value) : list.without(at)
          }
          versions.push([list, [...model]])
        }
        for (const [version, values] of versions) expect(readAll(version)).toEqual(expected(values))
      }),
    )
  })
})
