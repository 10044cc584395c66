/**
 * Figures worked out from a projection view, kept with it. The projection service replaces a view
 * on every write to the store (it keys views by plan, scenario, currency, scope and revision), so
 * a kept figure never outlives the data it was worked from, and it goes when its view is dropped.
 */
import { Lru } from '../../domain/lru.ts'
import type { ProjectionView } from './projections.ts'

export type KeepPerView = <T>(view: ProjectionView, key: string, make: () => T) => T

/**
 * A keeper of figures by view and key, at most `limit` keys a view (keys may hold values from an
 * address, so distinct ones must not pile up). A key names one kind of figure, and so its type.
 */
export function perView(limit: number): KeepPerView {
  const kept = new WeakMap<ProjectionView, Lru<string, unknown>>()
  return function keep<T>(view: ProjectionView, key: string, make: () => T): T {
    let byKey = kept.get(view)
    if (byKey === undefined) {
      byKey = new Lru<string, unknown>(limit)
      kept.set(view, byKey)
    }
    return byKey.getOrSet(key, make) as T
  }
}

const objectKeys = new WeakMap<object, number>()
let lastObjectKey = 0

/** A number naming `o` for as long as it lives, to put an object's identity into a key. */
export function objectKey(o: object): number {
  let key = objectKeys.get(o)
  if (key === undefined) {
    key = ++lastObjectKey
    objectKeys.set(o, key)
  }
  return key
}
