/**
 * `npx tsx test/bench/http-cpu.ts [rounds]`: the server-side time of each request the HTTP bench
 * sends, in process (app.request, no sockets), on the same 2,000-position workspace: a round is an
 * inline edit followed by the dashboard and the positions table (both after the edit, so nothing
 * is served from before it), then each read again unchanged. Prints the median and p90 CPU time per kind,
 * to see what a change to a handler buys without the noise of a loaded machine's network stack.
 */
import { getPosition } from '../../src/db/repos/positions.ts'
import { formValuesOf } from '../../src/web/services/position-form.ts'
import { benchApp } from './in-process.ts'

const ROUNDS = Number(process.argv[2] ?? 40)
const { app, db, doc, signedIn } = benchApp(2000)
const plan = doc.plans[0]!
const t = { app, db }
const htmx = { ...signedIn, 'hx-request': 'true' }

const timings = new Map<string, number[]>()
async function timed(kind: string, run: () => Response | Promise<Response>) {
  // CPU time rather than wall time: other processes on a loaded machine do not count
  const start = process.cpuUsage()
  const res = await run()
  await res.arrayBuffer()
  const used = process.cpuUsage(start)
  timings.set(kind, [...(timings.get(kind) ?? []), (used.user + used.system) / 1000])
  if (res.status >= 400) throw new Error(`${kind} answered ${res.status}`)
}

const read = (path: string) => () => t.app.request(`http://localhost${path}`, { headers: signedIn })
// warm up: the first projection and the module-level caches
await read('/projection')()
await read('/positions')()

for (let round = 0; round < ROUNDS; round++) {
  const stored = getPosition(t.db, plan.id, plan.positions[round * 7]!.id)!
  const values = formValuesOf(stored.position)
  const body = new URLSearchParams({
    ...values,
    baseSalary: (Number(values.baseSalary) + 1000).toFixed(2),
    version: String(stored.version),
  })
  await timed('edit', () =>
    t.app.request(`http://localhost/positions/${stored.position.id}`, {
      method: 'POST',
      headers: {
        ...htmx,
        origin: 'http://localhost',
        'content-type': 'application/x-www-form-urlencoded',
      },
      body,
    }),
  )
  await timed('dashboard after an edit', read('/projection'))
  await timed('table after an edit', read('/positions'))
  await timed('dashboard unchanged', read('/projection'))
  await timed('table unchanged', read('/positions'))
  await timed('row fragment', () =>
    t.app.request(`http://localhost/positions/${stored.position.id}`, { headers: htmx }),
  )
}

const at = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!
console.table(
  [...timings].map(([kind, ms]) => {
    const sorted = [...ms].sort((a, b) => a - b)
    return {
      kind,
      n: ms.length,
      'p50 ms': at(sorted, 0.5).toFixed(1),
      'p90 ms': at(sorted, 0.9).toFixed(1),
    }
  }),
)
