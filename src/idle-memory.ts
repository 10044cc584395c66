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
 */
/** How often the server is checked for requests; a collection follows a whole quiet period. */
const QUIET_MS = 1_000
/** V8 returns freed pages over its next collections, so a quiet spell gets a few of them. */
const COLLECTIONS = 3

type Collect = () => void

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
      owed = COLLECTIONS
    } else if (owed > 0) {
      owed--
      collect()
    }
  }, QUIET_MS).unref()
}
