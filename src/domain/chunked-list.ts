/**
 * What readers of a list need: an array is one, and so is a ChunkedList.
 */
export interface ReadonlyList<T> extends Iterable<T> {
  readonly length: number
  at(index: number): T | undefined
  forEach(f: (value: T, index: number) => void): void
  find(f: (value: T) => boolean): T | undefined
  findIndex(f: (value: T) => boolean): number
}

const SHIFT = 9
/** Entries per chunk: an edit of a 50,000-entry list copies about 5 KB, not 400 KB. */
const CHUNK = 1 << SHIFT
const MASK = CHUNK - 1

/**
 * An immutable list whose edits share what they leave alone. Entries sit in chunks of CHUNK
 * (every chunk full but the last); replacing or appending an entry copies the list of chunks and
 * the one chunk it touches. A projection edit makes a new list of positions per cached view, and
 * copying a whole 50,000-entry array each time left about a megabyte of garbage per edit in the
 * large-object space, where only a full collection frees it.
 */
export class ChunkedList<T> implements ReadonlyList<T> {
  private constructor(
    private readonly chunks: readonly (readonly T[])[],
    readonly length: number,
  ) {}

  static from<T>(values: readonly T[]): ChunkedList<T> {
    const chunks: T[][] = []
    for (let k = 0; k < values.length; k += CHUNK) chunks.push(values.slice(k, k + CHUNK))
    return new ChunkedList(chunks, values.length)
  }

  /** The entry at `index`, counted from the end when negative, as an array's `at`. */
  at(index: number): T | undefined {
    const i = this.offset(index)
    return i < 0 ? undefined : this.chunks[i >> SHIFT]![i & MASK]
  }

  /** The list with entry `index` replaced; a RangeError outside it, as an array's `with`. */
  with(index: number, value: T): ChunkedList<T> {
    const i = this.offset(index)
    if (i < 0) throw new RangeError(`index ${index} is outside a list of ${this.length}`)
    const chunks = [...this.chunks]
    const chunk = [...chunks[i >> SHIFT]!]
    chunk[i & MASK] = value
    chunks[i >> SHIFT] = chunk
    return new ChunkedList(chunks, this.length)
  }

  /** `index` as an offset from the start, as arrays read it; -1 when outside the list. */
  private offset(index: number): number {
    const k = Math.trunc(index) || 0
    const i = k < 0 ? k + this.length : k
    return i >= 0 && i < this.length ? i : -1
  }

  /** The list with `value` added at the end. */
  append(value: T): ChunkedList<T> {
    const chunks = [...this.chunks]
    const last = this.length & MASK
    if (last === 0) chunks.push([value])
    else chunks[chunks.length - 1] = [...chunks.at(-1)!, value]
    return new ChunkedList(chunks, this.length + 1)
  }

  /** The list without entry `index`: every later entry moves up, so this copies them all. */
  without(index: number): ChunkedList<T> {
    const values = this.toArray()
    values.splice(index, 1)
    return ChunkedList.from(values)
  }

  toArray(): T[] {
    return this.chunks.flat() as T[]
  }

  *[Symbol.iterator](): Iterator<T> {
    for (const chunk of this.chunks) yield* chunk
  }

  forEach(f: (value: T, index: number) => void): void {
    let index = 0
    for (const chunk of this.chunks) for (const value of chunk) f(value, index++)
  }

  findIndex(f: (value: T) => boolean): number {
    let index = 0
    for (const chunk of this.chunks) {
      for (const value of chunk) {
        if (f(value)) return index
        index++
      }
    }
    return -1
  }

  find(f: (value: T) => boolean): T | undefined {
    const index = this.findIndex(f)
    return index < 0 ? undefined : this.at(index)
  }
}
