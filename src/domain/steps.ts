/**
 * Work done in steps: at each `yield` the caller may let other work run (the web layer waits its
 * turn behind queued requests there, web/http/turns.ts), so a 50,000-row file or a 50,000-position
 * projection never holds the event loop for long.
 */
export type Steps<T> = Generator<void, T, void>

/** Runs steps to the end without pausing (tests, small inputs, callers that must not wait). */
export function atOnce<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next()
    if (step.done) return step.value
  }
}

/** `items` into the map `into` by `entry`, pausing after every `perStep` items. */
export function* indexSteps<T, K, V>(
  items: readonly T[],
  into: Map<K, V>,
  entry: (item: T) => [K, V],
  perStep: number,
): Steps<Map<K, V>> {
  for (const [n, item] of items.entries()) {
    if (n % perStep === perStep - 1) yield
    into.set(...entry(item))
  }
  return into
}
