/**
 * The HTTP bench's load generator, run as its own process (`http.ts` spawns it) so that sending
 * requests and timing them never competes with the server inside one event loop. Reads a list of
 * autocannon runs as JSON from the file named by argv[2], runs them all at once, and writes a
 * LoadSummary of each as one JSON object (by run name) to stdout.
 */
import { readFileSync } from 'node:fs'
import autocannon from 'autocannon'

export interface LoadRun {
  name: string
  url: string
  headers?: Record<string, string>
  connections: number
  /** Requests per second across all connections; absent: as fast as the server answers. */
  overallRate?: number
  duration: number
  /** POSTs sent in turn, each once (then again from the first): path and form body. */
  posts?: { path: string; body: string }[]
}

/** What the bench reports of a run, from autocannon here or from the paced load (http-paced.ts). */
export interface LoadSummary {
  /** Milliseconds. */
  latency: { p50: number; p99: number }
  /** Answered 2xx per second; requests sent. */
  requests: { average: number; sent: number }
  /** Answered 2xx. */
  ok: number
  non2xx: number
  errors: number
  /** The paced load's failed connections by error code ("ECONNRESET"), to tell why. */
  errorCodes?: Record<string, number>
  timeouts: number
}

export type LoadResults = Record<string, LoadSummary>

const summary = (r: autocannon.Result): LoadSummary => ({
  latency: { p50: r.latency.p50, p99: r.latency.p99 },
  requests: { average: r.requests.average, sent: r.requests.sent },
  ok: r['2xx'],
  non2xx: r.non2xx,
  errors: r.errors,
  timeouts: r.timeouts,
})

const runs = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as LoadRun[]

function run({ name, posts, ...opts }: LoadRun): Promise<[string, LoadSummary]> {
  let next = 0
  const requests: autocannon.Request[] | undefined = posts && [
    {
      method: 'POST',
      setupRequest: (req) => ({ ...req, ...posts[next++ % posts.length] }),
    },
  ]
  return autocannon({ ...opts, ...(requests ? { requests } : {}) }).then((r) => [name, summary(r)])
}

const results: LoadResults = Object.fromEntries(await Promise.all(runs.map(run)))
process.stdout.write(JSON.stringify(results))
