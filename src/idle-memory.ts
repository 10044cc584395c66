/**
 * Gives memory back when the server goes quiet. Under load V8 grows its heap to suit the busy
 * spell (about 95 MB committed for 45 MB live after the HTTP bench) and, with nothing allocated
 * while idle, never collects again to shrink it: the process would sit at its peak for as long as
 * nobody uses it. A few full collections once requests stop release the empty pages. They need
 * V8's `gc()`, which `npm start` exposes (`--expose-gc`); without it this does nothing.
 *
 * Quiet means no request came in or finished for a whole period and none is still being
 * answered: a full collection takes 90-140 ms with a 10,000-position workspace loaded, and one
 * run while a long download streamed stopped it and every request that came in meanwhile.
 *
 * From Node 22 (V8 12) a full collection keeps the pages it frees in a pool for reuse, resident:
 * after the scale bench's heavy neighbour a Node 24 server held 400-450 MB for 70 MB of heap. Only
 * V8's last-resort collection (CollectAllAvailableGarbage) releases that pool, so one ends each
 * quiet spell. Node 20's V8 releases the pages in plain full collections and, given options,
 * collects only the young generation (about 20 ms): the sequence suits all three.
 */
/** How often the server is checked for requests; a collection follows a whole quiet period. */
const QUIET_MS = 1_000
/** V8 returns freed pages over its next collections, so a quiet spell gets a few of them. */
const COLLECTIONS = 3

/** The options V8's `gc()` takes (its gc extension); without them it collects in full. */
interface CollectOptions {
  type: 'major'
  execution: 'sync'
  flavor: 'last-resort'
}
type Collect = (options?: CollectOptions) => void
/** The collection that ends a quiet spell, after the plain ones: it also empties the page pool. */
const LAST_RESORT: CollectOptions = { type: 'major', execution: 'sync', flavor: 'last-resort' }

/** A response, as far as this needs it: it says when it is over. */
interface Answer {
  once(event: 'close', listener: () => void): unknown
}

export function collectWhenIdle(
  server: { on(event: 'request', listener: (request: unknown, answer: Answer) => void): unknown },
  collect: Collect | null = (globalThis as { gc?: Collect }).gc ?? null,
): NodeJS.Timeout | undefined {
  if (collect === null) return undefined
  let served = 0
  let seen = 0
  let owed = 0
  let open = 0
  server.on('request', (_request, answer) => {
    served++
    open++
    answer.once('close', () => {
      open--
      served++
    })
  })
  return setInterval(() => {
    if (served !== seen || open > 0) {
      // still busy: collect once it has been quiet for a whole period
      seen = served
      owed = COLLECTIONS + 1 // the plain ones, then the last resort
    } else if (owed > 1) {
      owed--
      collect()
    } else if (owed === 1) {
      owed = 0
      collect(LAST_RESORT)
    }
  }, QUIET_MS).unref()
}
