/**
 * A map holding at most `limit` entries: reading or writing an entry makes it the most recently
 * used, and adding one past the limit drops the least recently used. Every cache whose keys come
 * from requests (query values, accounts, uploads) is one of these, so no request can grow memory
 * without bound. A Map keeps insertion order, so the first key is always the least recently used.
 */
export class Lru<K, V> {
  readonly #entries = new Map<K, V>()

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError('limit must be 1 or more')
  }

  get size(): number {
    return this.#entries.size
  }

  get(key: K): V | undefined {
    const value = this.#entries.get(key)
    if (value !== undefined) {
      this.#entries.delete(key)
      this.#entries.set(key, value)
    }
    return value
  }

  set(key: K, value: V): this {
    this.#entries.delete(key)
    this.#entries.set(key, value)
    if (this.#entries.size > this.limit) this.#entries.delete(this.#entries.keys().next().value!)
    return this
  }

  /** The entry for `key`, made by `make` (and kept) when there is none. */
  getOrSet(key: K, make: () => V): V {
    let value = this.get(key)
    if (value === undefined) {
      value = make()
      this.set(key, value)
    }
    return value
  }

  delete(key: K): boolean {
    return this.#entries.delete(key)
  }

  clear(): void {
    this.#entries.clear()
  }

  /** Entries from least to most recently used; reading them does not change the order. */
  entries(): IterableIterator<[K, V]> {
    return this.#entries.entries()
  }
}
