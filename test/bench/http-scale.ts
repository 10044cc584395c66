/**
 * The HTTP bench's scale section (`npm run bench:http` runs it after the page mix; alone:
 * `npx tsx test/bench/http-scale.ts`): the built server on generated workspaces of 10,000 and
 * 50,000 positions (BENCH_SCALE_SIZES), each measured BENCH_SCALE_RUNS times (3), medians
 * reported:
 *
 * - first dashboard after a start (the workspace loaded and projected for the first time);
 * - the grand total's explanation (GET /projection/explain), time and size;
 * - the whole projection as CSV from the API (every line of N positions x 24 months), time and the
 *   server's peak resident memory while it is written, and how long a health check sent a second
 *   into the download waits. It starts once the server has settled after what came before (its
 *   resident memory then is reported too), so its peak is the download's and not the neighbour's;
 * - the workspace exported and imported back through the API, and whether the projection after
 *   the import is the one before it;
 * - at the first size only, a heavy neighbour: the dashboard, table and inline-edit mix at a
 *   constant 50 requests per second (http-paced.ts) while one client downloads the whole CSV
 *   over and over and another checks a 30,000-row people import over and over.
 *
 * A bare Hono hello server is measured in each run at the same constant rate, as the baseline.
 * BENCH_BEFORE=<another checkout> (with its node_modules) measures that tree too, alternating run
 * by run with this one, and prints each figure side by side with its ratio: the "before" of a
 * change, measured on the same machine at the same time. Each tree's data is written by its own
 * code (http-scale-setup.ts), and its server is built from its own source. BENCH_BEFORE_NODE=<a
 * node binary> runs the before tree on another Node (its node_modules built for that one): the
 * same source on Node 20 and Node 24, say. The report names the Node of each tree.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { LoadSummary } from './http-load.ts'
import type { PacedRun } from './http-paced.ts'
import { PIN, signIn } from './http-session.ts'
import { startFlags } from './memory-load.ts'

const HERE = resolve(fileURLToPath(new URL('../../', import.meta.url)))
const SIZES = (process.env.BENCH_SCALE_SIZES ?? '10000,50000').split(',').map(Number)
const RUNS = Number(process.env.BENCH_SCALE_RUNS ?? 3)
const BEFORE = process.env.BENCH_BEFORE ? resolve(process.env.BENCH_BEFORE) : null
/**
 * The Node that runs the before tree's data script and server (its node_modules built for it), so
 * a run can compare runtimes too; the Node running this script by default.
 */
const BEFORE_NODE = process.env.BENCH_BEFORE_NODE ?? process.execPath
const nodeOf = (root: string) => (root === BEFORE ? BEFORE_NODE : process.execPath)
/** A download still going after this long is stopped and reported as such. */
const CSV_TIMEOUT_S = Number(process.env.BENCH_CSV_TIMEOUT_S ?? 90)
/** Node flags added to the server's own, to trace it: stall-trace.ts says how. */
const SERVER_FLAGS = process.env.BENCH_SERVER_FLAGS ?? ''
const NEIGHBOUR = { rate: 50, seconds: 10, warmup: 2, importRows: 30_000 }
/**
 * A quiet spell before the CSV: the server's idle collections (src/idle-memory.ts: three full and
 * a last-resort one, a second apart, from one to two seconds after the last request, so done
 * within six) give back what the neighbour's load or the import grew, so the CSV's peak is its own.
 * The resident memory at the neighbour's end is reported beside it.
 */
const SETTLE_MS = 7_000
const EMAIL = 'bench@planner.local'
const PASSWORD = 'bench password, not secret'
const TARGETS: Record<number, Record<string, number>> = {
  10000: { firstPage: 400, explain: 300, csv: 5_000, csvRss: 400, neighbourP99: 150 },
  50000: { firstPage: 1_500, explain: 1_000, csv: 25_000, csvRss: 800 },
}

const dir = mkdtempSync(join(tmpdir(), 'planner-scale-'))
const children = new Set<ChildProcess>()
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL')
  rmSync(dir, { recursive: true, force: true })
})

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const rssMb = (pid: number) => {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/)
    return Number(line![1]) / 1024
  } catch {
    return 0
  }
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer()
    probe.once('error', fail)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => done(port))
    })
  })
}

function spawnNode(
  args: string[],
  env: Record<string, string>,
  cpu?: number,
  node = process.execPath,
): ChildProcess {
  const command = [node, ...args]
  if (PIN && cpu !== undefined) command.unshift('taskset', '-c', String(cpu))
  const child = spawn(command[0]!, command.slice(1), {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  children.add(child)
  child.once('exit', () => children.delete(child))
  return child
}

/** Runs a TypeScript script to its end; its stdout. */
async function runScript(
  script: string,
  args: string[],
  cpu?: number,
  node = process.execPath,
): Promise<string> {
  const child = spawnNode(['--import', 'tsx', script, ...args], {}, cpu, node)
  let out = ''
  child.stdout!.on('data', (chunk) => {
    out += chunk
  })
  const code = await new Promise((r) => child.once('exit', r))
  if (code !== 0) throw new Error(`${script} exited with ${code}`)
  return out
}

/** Stops a process as a deployment would (SIGTERM, so a traced server writes its profile), killed after 5 s. */
async function stop(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise((r) => child.once('exit', r))
  child.kill('SIGTERM')
  const killer = setTimeout(() => child.kill('SIGKILL'), 5_000)
  await exited
  clearTimeout(killer)
}

/**
 * Each tree's server bundle, built once from its own source into its own dist/, where it loads
 * that tree's better-sqlite3 (built for the Node that runs it).
 */
const bundles = new Map<string, string>()
async function bundleOf(root: string): Promise<string> {
  let bundle = bundles.get(root)
  if (!bundle) {
    bundle = join(root, 'dist', root === HERE ? 'server.mjs' : 'scale-before.mjs')
    const { buildServer } = (await import(pathToFileURL(join(root, 'src/build.ts')).href)) as {
      buildServer(entry: string, outfile: string): Promise<void>
    }
    await buildServer(join(root, 'src/server.ts'), bundle)
    bundles.set(root, bundle)
  }
  return bundle
}

interface Timed {
  ms: number
  status: number
  bytes: number
}

/** One request, its body read (and dropped) as it arrives. */
async function timed(
  url: string,
  init: RequestInit = {},
  timeoutS = CSV_TIMEOUT_S,
): Promise<Timed> {
  const t0 = performance.now()
  const timeout = AbortSignal.timeout(timeoutS * 1000)
  try {
    const res = await fetch(url, {
      redirect: 'manual',
      ...init,
      signal: init.signal ? AbortSignal.any([timeout, init.signal]) : timeout,
    })
    let bytes = 0
    for await (const chunk of res.body ?? []) bytes += (chunk as Uint8Array).length
    return { ms: performance.now() - t0, status: res.status, bytes }
  } catch {
    return { ms: performance.now() - t0, status: 0, bytes: 0 }
  }
}

interface Trial {
  firstPageMs: number
  explainMs: number
  explainKb: number
  exportMs: number
  exportMb: number
  importMs: number
  importStatus: number
  sameProjection: boolean
  csvMs: number
  csvStatus: number
  csvMb: number
  csvPeakRssMb: number
  rssAfterNeighbourMb: number
  rssBeforeCsvMb: number
  healthDuringCsvMs: number
  neighbour?: { dashboard: LoadSummary; table: LoadSummary; edit: LoadSummary }
  helloP99Ms: number
}

async function trial(root: string, size: number, withNeighbour: boolean): Promise<Trial> {
  const databasePath = join(dir, `planner-${size}-${Date.now()}.sqlite`)
  const setup = JSON.parse(
    await runScript(
      join(HERE, 'test/bench/http-scale-setup.ts'),
      [root, databasePath, String(size), EMAIL, PASSWORD],
      undefined,
      nodeOf(root),
    ),
  ) as { planId: string; edits: { path: string; body: string }[] }
  const bundle = await bundleOf(root)
  const port = await freePort()
  const base = `http://127.0.0.1:${port}`
  const flags = [...startFlags(root), ...SERVER_FLAGS.split(' ').filter(Boolean)]
  const server = spawnNode(
    [...flags, bundle],
    {
      DATABASE_PATH: databasePath,
      DEMO_DATA: 'false',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      PORT: String(port),
    },
    0,
    nodeOf(root),
  )
  server.stdout!.resume()
  try {
    for (let t0 = performance.now(); ; await sleep(10)) {
      if ((await timed(`${base}/healthz`, {}, 5)).status === 200) break
      if (performance.now() - t0 > 30_000) throw new Error('the server did not start')
    }
    const headers = await signIn(base, EMAIL, PASSWORD)
    const api = `${base}/api/v1/plans/${setup.planId}`

    const first = await timed(`${base}/projection`, { headers })
    const explain = await timed(`${base}/projection/explain`, { headers })

    // the workspace out and back in, and the projection by team and month before and after
    const projectionJson = async () =>
      (await fetch(`${api}/projection?groupBy=team`, { headers })).text()
    const before = await projectionJson()
    const t0 = performance.now()
    const exported = await fetch(`${base}/api/v1/workspace`, { headers })
    const document = new Uint8Array(await exported.arrayBuffer())
    const exportMs = performance.now() - t0
    const imported = await timed(`${base}/api/v1/workspace`, {
      method: 'POST',
      headers: { ...headers, origin: base, 'content-type': 'application/json' },
      body: document,
    })
    const sameProjection = imported.status === 200 && (await projectionJson()) === before

    const neighbour = withNeighbour
      ? await heavyNeighbour(base, headers, api, setup.edits)
      : undefined

    const rssAfterNeighbourMb = rssMb(server.pid!)
    await sleep(SETTLE_MS)
    // last: a download the server cannot stream may leave it unable to answer anything else
    const rssBeforeCsvMb = rssMb(server.pid!)
    let peak = rssBeforeCsvMb
    const sampler = setInterval(() => {
      peak = Math.max(peak, rssMb(server.pid!))
    }, 50)
    const csv = timed(`${api}/projection.csv`, { headers })
    await sleep(1000)
    const health = await timed(`${base}/healthz`)
    const csvDone = await csv
    clearInterval(sampler)
    // the hello server shares the planner's core: the planner goes first
    await stop(server)
    const helloP99Ms = await hello()
    return {
      firstPageMs: first.ms,
      explainMs: explain.ms,
      explainKb: explain.bytes / 1024,
      exportMs,
      exportMb: document.length / 1024 / 1024,
      importMs: imported.ms,
      importStatus: imported.status,
      sameProjection,
      csvMs: csvDone.ms,
      csvStatus: csvDone.status,
      csvMb: csvDone.bytes / 1024 / 1024,
      csvPeakRssMb: peak,
      rssAfterNeighbourMb,
      rssBeforeCsvMb,
      healthDuringCsvMs: health.ms,
      ...(neighbour ? { neighbour } : {}),
      helloP99Ms,
    }
  } finally {
    await stop(server)
    rmSync(databasePath, { force: true })
  }
}

/** A people CSV of `rows` rows, each the template's example row under its own id and name. */
async function peopleCsv(base: string, headers: Record<string, string>, rows: number) {
  const template = await (await fetch(`${base}/import/people/template.csv`, { headers })).text()
  const [header, example] = template.trim().split(/\r?\n/)
  const lines = [header]
  for (let i = 0; i < rows; i++) {
    lines.push(example!.replace('E1001', `E${100000 + i}`).replace('Alex Example', `Person ${i}`))
  }
  return `${lines.join('\n')}\n`
}

/** The page mix at a constant rate while a download and an import check repeat beside it. */
async function heavyNeighbour(
  base: string,
  headers: Record<string, string>,
  api: string,
  edits: { path: string; body: string }[],
) {
  const csv = await peopleCsv(base, headers, NEIGHBOUR.importRows)
  const stopped = new AbortController()
  const { signal } = stopped
  const repeat = async (request: () => Promise<unknown>) => {
    while (!signal.aborted) await request()
  }
  const check = () => {
    const form = new FormData()
    form.set('kind', 'people')
    form.set('file', new Blob([csv], { type: 'text/csv' }), 'people.csv')
    return timed(`${base}/import/preview`, {
      method: 'POST',
      headers: { ...headers, origin: base },
      body: form,
      signal,
    })
  }
  const neighbours = [
    repeat(() => timed(`${api}/projection.csv`, { headers, signal })),
    repeat(check),
  ]
  await sleep(500)
  const spec: PacedRun = {
    base,
    rate: NEIGHBOUR.rate,
    duration: NEIGHBOUR.seconds,
    warmup: NEIGHBOUR.warmup,
    cycle: ['dashboard', 'table', 'edit', 'dashboard', 'table'],
    kinds: {
      dashboard: { path: '/projection', headers },
      table: { path: '/positions', headers },
      edit: {
        posts: edits,
        headers: {
          ...headers,
          'hx-request': 'true',
          origin: base,
          'content-type': 'application/x-www-form-urlencoded',
        },
      },
    },
  }
  const results = await pacedLoad(spec)
  stopped.abort()
  await Promise.all(neighbours)
  return {
    dashboard: results.dashboard!,
    table: results.table!,
    edit: results.edit!,
  }
}

async function pacedLoad(spec: PacedRun): Promise<Record<string, LoadSummary>> {
  const file = join(dir, `paced-${Date.now()}.json`)
  writeFileSync(file, JSON.stringify(spec))
  return JSON.parse(await runScript(join(HERE, 'test/bench/http-paced.ts'), [file], 1))
}

/** The hello server's p99 at the neighbour's constant rate, in this run. */
async function hello(): Promise<number> {
  const port = await freePort()
  const server = spawnNode(
    ['--import', 'tsx', join(HERE, 'test/bench/http-hello.ts')],
    { PORT: String(port) },
    0,
  )
  server.stdout!.resume()
  const base = `http://127.0.0.1:${port}`
  try {
    while ((await timed(`${base}/hello`, {}, 5)).status !== 200) await sleep(10)
    const results = await pacedLoad({
      base,
      rate: NEIGHBOUR.rate,
      duration: 3,
      warmup: 1,
      cycle: ['hello'],
      kinds: { hello: { path: '/hello', headers: {} } },
    })
    return results.hello!.latency.p99
  } finally {
    await stop(server)
  }
}

// ---------------------------------------------------------------------------------------------
// Runs, alternating trees, and the report

const trees = BEFORE ? [BEFORE, HERE] : [HERE]
const results = new Map<string, Trial[]>()
for (const size of SIZES) {
  for (let run = 0; run < RUNS; run++) {
    for (const root of trees) {
      const label = root === HERE ? 'this tree' : 'before'
      process.stderr.write(`scale: ${size} positions, run ${run + 1} of ${RUNS}, ${label}\n`)
      const t = await trial(root, size, size === SIZES[0])
      process.stderr.write(`${JSON.stringify({ size, tree: label, ...t })}\n`)
      const key = `${size}|${root}`
      results.set(key, [...(results.get(key) ?? []), t])
    }
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2
}
type Figure = { name: string; unit: string; of: (t: Trial) => number; target?: string }
const figures = (size: number): Figure[] => {
  const target = TARGETS[size] ?? {}
  const limit = (key: string, unit: string) => (target[key] ? `<= ${target[key]} ${unit}` : '')
  return [
    {
      name: 'first dashboard after start',
      unit: 'ms',
      of: (t) => t.firstPageMs,
      target: limit('firstPage', 'ms'),
    },
    {
      name: 'grand-total explanation',
      unit: 'ms',
      of: (t) => t.explainMs,
      target: limit('explain', 'ms'),
    },
    { name: 'grand-total explanation size', unit: 'kB', of: (t) => t.explainKb },
    {
      name: 'whole projection CSV (API)',
      unit: 'ms',
      of: (t) => t.csvMs,
      target: limit('csv', 'ms'),
    },
    { name: 'whole projection CSV size', unit: 'MB', of: (t) => t.csvMb },
    {
      name: 'server peak RSS during the CSV',
      unit: 'MB',
      of: (t) => t.csvPeakRssMb,
      target: limit('csvRss', 'MB'),
    },
    { name: 'server RSS before the CSV', unit: 'MB', of: (t) => t.rssBeforeCsvMb },
    { name: 'health check sent 1 s into the CSV', unit: 'ms', of: (t) => t.healthDuringCsvMs },
    { name: 'workspace export (API)', unit: 'ms', of: (t) => t.exportMs },
    { name: 'workspace export size', unit: 'MB', of: (t) => t.exportMb },
    { name: 'workspace import of that export (API)', unit: 'ms', of: (t) => t.importMs },
    ...(['dashboard', 'table', 'edit'] as const).map((kind) => ({
      name: `heavy neighbour: ${kind} p99 at ${NEIGHBOUR.rate}/s mix`,
      unit: 'ms',
      of: (t: Trial) => (t.neighbour ? p99WithFailures(t.neighbour[kind]) : Number.NaN),
      target: limit('neighbourP99', 'ms'),
    })),
    {
      name: 'server RSS when the heavy neighbour stops',
      unit: 'MB',
      of: (t) => (t.neighbour ? t.rssAfterNeighbourMb : Number.NaN),
    },
    { name: 'hello baseline p99 (same run)', unit: 'ms', of: (t) => t.helloP99Ms },
  ]
}
/** A request that failed or timed out (after 30 s, http-paced.ts) counts as 30 s. */
const p99WithFailures = (r: LoadSummary) => {
  const failed = r.non2xx + r.errors + r.timeouts
  return failed > r.requests.sent * 0.01 ? 30_000 : r.latency.p99
}
const show = (v: number, unit: string) =>
  Number.isNaN(v) ? '' : `${v >= 100 ? Math.round(v) : v.toFixed(1)} ${unit}`
/** " (ECONNRESET 1)": why a request failed at the connection level, when one did. */
const failedHow = (r: LoadSummary) => {
  const codes = Object.entries(r.errorCodes ?? {})
  return codes.length === 0 ? '' : ` (${codes.map(([code, n]) => `${code} ${n}`).join(', ')})`
}
const outcome = (ts: Trial[]) =>
  ts
    .map(
      (t) =>
        `import ${t.importStatus}${t.sameProjection ? ' same projection' : ''}, csv ${t.csvStatus || 'stopped'}${
          t.neighbour
            ? `, neighbour mix ${Object.values(t.neighbour)
                .map((r) => `${r.ok} ok/${r.non2xx + r.errors + r.timeouts} failed${failedHow(r)}`)
                .join(' ')}`
            : ''
        }`,
    )
    .join('; ')

const nodeVersion = (root: string) =>
  execFileSync(nodeOf(root), ['--version'], { encoding: 'utf8' })
console.log(
  `\nNode: ${trees.map((root) => `${root === HERE ? 'this tree' : 'before'} ${nodeVersion(root).trim()}`).join(', ')}`,
)
for (const size of SIZES) {
  const after = results.get(`${size}|${HERE}`)!
  const before = BEFORE ? results.get(`${size}|${BEFORE}`)! : null
  console.log(
    `\nScale: ${size.toLocaleString('en-GB')} positions x 24 months, median of ${RUNS} runs${before ? ', before and after alternating' : ''}`,
  )
  console.table(
    figures(size)
      .filter((f) => after.some((t) => !Number.isNaN(f.of(t))))
      .map((f) => {
        const a = median(after.map(f.of))
        const row: Record<string, string> = { measure: f.name }
        if (before) {
          const b = median(before.map(f.of))
          row.before = show(b, f.unit)
          row.after = show(a, f.unit)
          row['after / before'] = b > 0 ? (a / b).toFixed(2) : ''
        } else {
          row.value = show(a, f.unit)
        }
        row.target = f.target ?? ''
        return row
      }),
  )
  if (before) console.log(`before: ${outcome(before)}`)
  console.log(`${before ? 'after' : 'outcome'}: ${outcome(after)}`)
}
console.log(
  `\nA CSV still going after ${CSV_TIMEOUT_S} s is stopped (csv "stopped"; its time is then the cut-off). ${PIN ? 'Servers on core 0, the paced load on core 1.' : 'Servers and load share all cores.'}`,
)
process.exit(0)
