/**
 * The HTTP bench's constant-rate load, run as its own process (`http.ts` spawns it). Requests go
 * out at fixed intervals, open loop: each is sent when it is due, whether or not earlier ones have
 * been answered. autocannon's rate limit instead gives each connection a quota per second, which
 * it sends as fast as it can when the second starts, so the server sees bursts, not a steady rate.
 * Each latency runs from when the request was due, so a client that falls behind cannot hide the
 * wait. The run starts with a warm-up at the same rate whose answers are not counted, so the
 * server's code is compiled and the client's connections are open before anything is measured (in
 * a run traced without it, every request over 60 ms came in its first half second). Reads a
 * PacedRun as JSON from the file named by argv[2]; writes a LoadSummary per kind of request (by
 * name, and the warm-up's as `<name> warm-up`) as one JSON object to stdout.
 */
import { readFileSync } from 'node:fs'
import { Agent, request } from 'node:http'
import type { LoadSummary } from './http-load.ts'

export interface PacedKind {
  headers: Record<string, string>
  /** GETs of this path, or else POSTs of these (path and form body) in turn, each once. */
  path?: string
  posts?: { path: string; body: string }[]
}

export interface PacedRun {
  base: string
  /** Requests per second, all kinds together, evenly spaced. */
  rate: number
  /** Seconds measured. */
  duration: number
  /** Seconds sent first, at the same rate and in the same cycle, and not counted. */
  warmup: number
  /** The kinds in the order they are sent, repeated: ['dashboard', 'table', 'edit', ...]. */
  cycle: string[]
  kinds: Record<string, PacedKind>
}

const TIMEOUT_MS = 30_000

const run = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as PacedRun
// enough sockets that a slow answer never holds back a request that is due
const agent = new Agent({ keepAlive: true, maxSockets: 256 })

interface Tally {
  latencies: number[]
  ok: number
  non2xx: number
  errors: number
  errorCodes: Record<string, number>
  timeouts: number
  sent: number
}
const tallies = new Map(Object.keys(run.kinds).map((name) => [name, newTally()]))
const warmups = new Map(Object.keys(run.kinds).map((name) => [name, newTally()]))
function newTally(): Tally {
  return { latencies: [], ok: 0, non2xx: 0, errors: 0, errorCodes: {}, timeouts: 0, sent: 0 }
}

/** Sends the next request of kind `name`, due at `due` (performance.now() time). */
function send(name: string, due: number, counted: boolean): Promise<void> {
  const kind = run.kinds[name]!
  // a warm-up request still takes its turn through the kind's posts, so no edit is sent twice
  const tally = counted ? tallies.get(name)! : warmups.get(name)!
  const turn = tallies.get(name)!.sent + warmups.get(name)!.sent
  const post = kind.posts?.[turn % kind.posts.length]
  const body = post?.body
  tally.sent++
  let timedOut = false
  return new Promise((resolve) => {
    const req = request(
      `${run.base}${post?.path ?? kind.path}`,
      {
        agent,
        method: post ? 'POST' : 'GET',
        headers: body
          ? { ...kind.headers, 'content-length': Buffer.byteLength(body) }
          : kind.headers,
        timeout: TIMEOUT_MS,
      },
      (res) => {
        res.resume()
        res.on('end', () => {
          tally.latencies.push(performance.now() - due)
          if (res.statusCode! >= 200 && res.statusCode! < 300) tally.ok++
          else tally.non2xx++
          resolve()
        })
      },
    )
    req.on('timeout', () => {
      timedOut = true
      tally.timeouts++
      req.destroy()
    })
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (!timedOut) {
        tally.errors++
        const code = error.code ?? error.message
        tally.errorCodes[code] = (tally.errorCodes[code] ?? 0) + 1
      }
      resolve()
    })
    req.end(body)
  })
}

const interval = 1000 / run.rate
const warm = Math.round(run.rate * run.warmup)
const total = warm + Math.round(run.rate * run.duration)
const start = performance.now() + 20
const inFlight: Promise<void>[] = []
let k = 0
await new Promise<void>((done) => {
  // a 1 ms timer: every request due by now goes out (its latency counts from when it was due)
  const timer = setInterval(() => {
    for (const now = performance.now(); k < total && start + k * interval <= now; k++) {
      inFlight.push(send(run.cycle[k % run.cycle.length]!, start + k * interval, k >= warm))
    }
    if (k >= total) {
      clearInterval(timer)
      done()
    }
  }, 1)
})
await Promise.all(inFlight)

const percentile = (sorted: number[], q: number) =>
  sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!
const summary = (t: Tally, seconds: number): LoadSummary => {
  const sorted = t.latencies.sort((a, b) => a - b)
  return {
    latency: {
      p50: Math.round(percentile(sorted, 0.5)),
      p99: Math.round(percentile(sorted, 0.99)),
    },
    requests: { average: t.ok / seconds, sent: t.sent },
    ok: t.ok,
    non2xx: t.non2xx,
    errors: t.errors,
    errorCodes: t.errorCodes,
    timeouts: t.timeouts,
  }
}
const summaries: Record<string, LoadSummary> = {}
for (const [name, t] of tallies) summaries[name] = summary(t, run.duration)
// the warm-up's own figures, reported apart (`<kind> warm-up`) so what it hid can be seen
if (run.warmup > 0) {
  for (const [name, t] of warmups) summaries[`${name} warm-up`] = summary(t, run.warmup)
}
agent.destroy()
process.stdout.write(JSON.stringify(summaries))
