import { describe, expect, it } from 'vitest'
import { Lru } from '../../src/domain/lru.ts'

describe('Lru', () => {
  it('keeps at most its limit, dropping the least recently used', () => {
    const lru = new Lru<string, number>(2)
    lru.set('a', 1).set('b', 2)
    expect(lru.get('a')).toBe(1) // a is now the most recently used
    lru.set('c', 3) // drops b
    expect(lru.get('b')).toBeUndefined()
    expect([...lru.entries()]).toEqual([
      ['a', 1],
      ['c', 3],
    ])
    expect(lru.size).toBe(2)
  })

  it('makes a missing entry once with getOrSet, and counts a re-set key once', () => {
    const lru = new Lru<string, number>(3)
    let made = 0
    expect(lru.getOrSet('k', () => ++made)).toBe(1)
    expect(lru.getOrSet('k', () => ++made)).toBe(1)
    lru.set('k', 5).set('k', 6)
    expect(lru.size).toBe(1)
    expect(lru.get('k')).toBe(6)
  })

  it('stays at its limit however many distinct keys pass through it', () => {
    const lru = new Lru<number, string>(100)
    for (let i = 0; i < 100_000; i++) lru.set(i, String(i))
    expect(lru.size).toBe(100)
    expect(lru.get(99_999)).toBe('99999')
    expect(lru.get(99_899)).toBeUndefined()
  })

  it('refuses a limit below one', () => {
    expect(() => new Lru(0)).toThrow(RangeError)
  })
})
