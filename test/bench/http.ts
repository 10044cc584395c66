/**
 * `npm run bench:http`: the real server (a child process on a temp database holding a generated
 * 2,000-position plan), signed in through the sign-in form, measured with autocannon from a
 * separate load process (http-load.ts):
 *
 * 1. cold start of the built bundle (dist/server.mjs, as `npm start` runs it): process spawn to
 *    the first answer, and to the first dashboard (a full projection);
 * 2. a constant 200 requests per second for DURATION_S, one every 5 ms (http-paced.ts, open
 *    loop, each timed from when it was due, after WARMUP_S at the same rate not counted): the
 *    projection dashboard (80/s), the positions table (80/s) and inline edits (40/s, one in
 *    five; each a different position at its current version, sent as htmx), interleaved; then
 *    the same mix under autocannon's rate limit, which sends each second's quota in a burst as
 *    the second starts;
 * 3. read fragments (a position row as htmx asks for it) at maximum throughput;
 * 4. resident memory (VmRSS) when idle, after start-up and after the load.
 *
 * A bare Hono "hello" server (http-hello.ts) is measured in the same run, the same ways, as the
 * baseline. With two or more cores (and BENCH_PIN not 0) the servers run on core 0 and the load
 * process on core 1, so the client's work never queues the server's.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { BUNDLE, buildServer } from '../../src/build.ts'
import { migrate } from '../../src/db/migrate.ts'
import { openDatabase } from '../../src/db/open.ts'
import { getPosition } from '../../src/db/repos/positions.ts'
import { createUser } from '../../src/db/repos/users.ts'
import { hashPassword } from '../../src/web/auth/password.ts'
import { formValuesOf } from '../../src/web/services/position-form.ts'
import type { LoadResults, LoadRun, LoadSummary } from './http-load.ts'
import type { PacedRun } from './http-paced.ts'
import { PIN, signIn } from './http-session.ts'
import { saveBenchWorkspace } from './http-workspace.ts'
import { rssMb, START_FLAGS } from './memory-load.ts'

const POSITIONS = 2000
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 15)
/** Seconds of the constant rate sent before each measured run and not counted (http-paced.ts). */
const WARMUP_S = 3
const RATE = 200
const EMAIL = 'bench@planner.local'
const PASSWORD = 'bench password, not secret'
const PLANNER_PORT = 3917
const HELLO_PORT = 3918
const TARGET = { p99Ms: 100, fragmentRps: 1000, coldStartMs: 1000, idleRssMb: 150 }
/** When resident memory is read after the load: how it settles once the server is left idle. */
const IDLE_SAMPLES_S = [3, 10, 30]

const SERVER_CPU = 0
const LOAD_CPU = 1

const dir = mkdtempSync(join(tmpdir(), 'planner-bench-'))
const databasePath = join(dir, 'planner.sqlite')
const serverLog = join(dir, 'planner.log')
const children: ChildProcess[] = []
process.on('exit', () => {
  for (const child of children) child.kill()
  rmSync(dir, { recursive: true, force: true })
})

// ---------------------------------------------------------------------------------------------
// Setup: the workspace and an account, written before the server starts

const db = openDatabase(databasePath)
migrate(db)
const doc = saveBenchWorkspace(db, POSITIONS)
const planId = doc.plans[0]!.id
createUser(
  db,
  {
    email: EMAIL,
    name: 'Bench',
    role: 'admin',
    teamIds: [],
    passwordHash: await hashPassword(PASSWORD),
  },
  new Date(),
)
/** Edits go to positions in turn, each once, so every edit names the version it read. */
const editable = doc.plans[0]!.positions.map((p) => getPosition(db, planId, p.id)!)
db.close()

/** BENCH_PROFILE=dir: the planner writes a CPU profile (node --cpu-prof) there when it stops. */
const PROFILE_DIR = process.env.BENCH_PROFILE

interface StartOptions {
  port?: number
  env?: Record<string, string>
  /** Node's own flags, before the script. */
  nodeArgs?: string[]
  /** The script's arguments, after it. */
  args?: string[]
  stdout?: 'ignore' | 'pipe' | number
  /** The core to pin the process to (taskset), when pinning. */
  cpu?: number
}

/** `node [nodeArgs] script [args]`; TypeScript through tsx, a built bundle (.mjs) as it is. */
function start(script: string, o: StartOptions = {}) {
  const loader = script.endsWith('.ts') ? ['--import', 'tsx'] : []
  const node = [process.execPath, ...(o.nodeArgs ?? []), ...loader, script, ...(o.args ?? [])]
  const command = PIN && o.cpu !== undefined ? ['taskset', '-c', String(o.cpu), ...node] : node
  const child = spawn(command[0]!, command.slice(1), {
    env: { ...process.env, ...(o.port ? { PORT: String(o.port) } : {}), ...o.env },
    stdio: ['ignore', o.stdout ?? 'ignore', 'inherit'],
  })
  children.push(child)
  return child
}

/** Milliseconds until `url` first answers 2xx/3xx (polled every 5 ms). */
async function firstAnswer(url: string, since: number, init?: RequestInit): Promise<number> {
  for (;;) {
    try {
      const res = await fetch(url, { redirect: 'manual', ...init })
      await res.arrayBuffer()
      if (res.status < 400) return performance.now() - since
      throw new Error(`${url} answered ${res.status}`)
    } catch (error) {
      if (error instanceof Error && error.message.includes('answered')) throw error
      if (performance.now() - since > 30_000) throw new Error(`${url} did not answer in 30 s`)
      await new Promise((r) => setTimeout(r, 5))
    }
  }
}

/** CPU seconds (user + system) the process has used so far, from /proc (100 ticks a second). */
const cpuSeconds = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
  return (Number(fields[11]) + Number(fields[12])) / 100
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

// ---------------------------------------------------------------------------------------------
// Start both servers; cold start is spawn -> first answer

const base = `http://127.0.0.1:${PLANNER_PORT}`
const helloBase = `http://127.0.0.1:${HELLO_PORT}`
let t0 = performance.now()
// the planner as `npm start` runs it: the bundle, built first (not part of the cold start)
await buildServer()
t0 = performance.now()
const planner = start(BUNDLE, {
  port: PLANNER_PORT,
  env: {
    DATABASE_PATH: databasePath,
    DEMO_DATA: 'false',
    // the access log (one line per request, with its duration) times each request in the server
    LOG_LEVEL: 'info',
    HOST: '127.0.0.1',
  },
  nodeArgs: [
    ...START_FLAGS,
    ...(PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : []),
  ],
  stdout: openSync(serverLog, 'w'),
  cpu: SERVER_CPU,
})
const coldStartMs = await firstAnswer(`${base}/healthz`, t0)
const headers = await signIn(base, EMAIL, PASSWORD)

t0 = performance.now()
const firstDashboardMs = await firstAnswer(`${base}/projection`, t0, { headers })
await sleep(1000)
const idleRssAfterStart = rssMb(planner.pid!)

// ---------------------------------------------------------------------------------------------
// Load, from its own process: paced (http-paced.ts) or autocannon (http-load.ts)

let loads = 0
/** Runs `script` on `spec` in a load process; resolves with the summaries it prints, by name. */
async function loadProcess(script: string, spec: unknown): Promise<LoadResults> {
  const file = join(dir, `load-${loads++}.json`)
  writeFileSync(file, JSON.stringify(spec))
  const child = start(script, { args: [file], stdout: 'pipe', cpu: LOAD_CPU })
  let out = ''
  child.stdout!.on('data', (chunk) => {
    out += chunk
  })
  const code = await new Promise((r) => child.once('exit', r))
  if (code !== 0) throw new Error(`the load process exited with ${code}`)
  return JSON.parse(out) as LoadResults
}
/** These autocannon runs at once. */
const load = (runs: LoadRun[]) => loadProcess('test/bench/http-load.ts', runs)

/** Each edit raises a different position's salary by 1,000, at the version it was read at. */
const edits = editable.map((stored) => {
  const values = formValuesOf(stored.position)
  const raised = (Number(values.baseSalary) + 1000).toFixed(2)
  return {
    path: `/positions/${stored.position.id}`,
    body: new URLSearchParams({
      ...values,
      baseSalary: raised,
      version: String(stored.version),
    }).toString(),
  }
})

const readHeaders = { ...headers, 'hx-request': 'true' }
const editHeaders = {
  ...readHeaders,
  origin: base,
  'content-type': 'application/x-www-form-urlencoded',
}
/** The server's access-log lines so far: each request's method, path and duration in the server. */
const accessLog = () =>
  readFileSync(serverLog, 'utf8')
    .split('\n')
    .filter((line) => line.includes('"msg":"request"'))
    .map((line) => JSON.parse(line) as { method: string; path: string; durationMs: number })
const logBeforeLoad = accessLog().length

const duration = DURATION_S
// 1. The constant rate: one request every 5 ms, two in five the dashboard, two the table, one an
// edit, interleaved.
const cpuBeforeLoad = cpuSeconds(planner.pid!)
const pacedEdits = Math.ceil(RATE * 0.2 * (WARMUP_S + duration))
const paced = await loadProcess('test/bench/http-paced.ts', {
  base,
  rate: RATE,
  duration,
  warmup: WARMUP_S,
  cycle: ['dashboard', 'table', 'edit', 'dashboard', 'table'],
  kinds: {
    dashboard: { path: '/projection', headers },
    table: { path: '/positions', headers },
    edit: { posts: edits.slice(0, pacedEdits), headers: editHeaders },
  },
} satisfies PacedRun)
/** CPU seconds the planner used (until the load process ended) per second of constant load. */
const busy = (cpuSeconds(planner.pid!) - cpuBeforeLoad) / (WARMUP_S + duration)
// the lines after the warm-up's (the log is written as requests finish, so this is near enough)
const duringLoad = accessLog().slice(logBeforeLoad + RATE * WARMUP_S)
const { dashboard, table, edit } = paced as Record<'dashboard' | 'table' | 'edit', LoadSummary>
const warmupP99 = (results: LoadResults, kinds: string[]) =>
  kinds.map((kind) => `${kind} ${results[`${kind} warm-up`]!.latency.p99} ms`).join(', ')

// 2. The same mix under autocannon's rate limit, which sends each connection's quota for the
// second as fast as it can when the second starts: bursts, the load as earlier figures had it.
const burst = await load([
  {
    name: 'dashboard',
    url: `${base}/projection`,
    headers,
    connections: 8,
    overallRate: RATE * 0.4,
    duration,
  },
  {
    name: 'table',
    url: `${base}/positions`,
    headers,
    connections: 8,
    overallRate: RATE * 0.4,
    duration,
  },
  {
    name: 'edit',
    url: base,
    connections: 4,
    overallRate: RATE * 0.2,
    duration,
    headers: editHeaders,
    posts: edits.slice(pacedEdits),
  },
])

const fragmentPath = `/positions/${editable[editable.length - 1]!.position.id}`
const fragment = (
  await load([
    {
      name: 'fragment',
      url: `${base}${fragmentPath}`,
      headers: readHeaders,
      connections: 32,
      duration,
    },
  ])
).fragment!

// the baseline, on its own after the planner's runs, at the same constant rate and at full speed
t0 = performance.now()
start('test/bench/http-hello.ts', { port: HELLO_PORT, cpu: SERVER_CPU })
const helloColdStartMs = await firstAnswer(`${helloBase}/hello`, t0)
const helloPaced = await loadProcess('test/bench/http-paced.ts', {
  base: helloBase,
  rate: RATE,
  duration,
  warmup: WARMUP_S,
  cycle: ['hello'],
  kinds: { hello: { path: '/hello', headers: {} } },
} satisfies PacedRun)
const hello = helloPaced.hello!
const helloBurst = (
  await load([
    { name: 'hello', url: `${helloBase}/hello`, connections: 8, overallRate: RATE, duration },
  ])
).hello!
const helloMax = (
  await load([{ name: 'hello', url: `${helloBase}/hello`, connections: 32, duration }])
).hello!

/** Resident memory once the planner has been idle `seconds` since the load stopped. */
const rssSamples: { seconds: number; mb: number }[] = []
const loadEnded = performance.now()
for (const seconds of IDLE_SAMPLES_S) {
  await sleep(seconds * 1000 - (performance.now() - loadEnded))
  rssSamples.push({ seconds, mb: rssMb(planner.pid!) })
}

// ---------------------------------------------------------------------------------------------
// Report

const failures = (r: LoadSummary) => r.non2xx + r.errors + r.timeouts
const row = (name: string, r: LoadSummary, rateNote: string, targeted = true) => ({
  name,
  load: rateNote,
  p50: `${r.latency.p50} ms`,
  p99: `${r.latency.p99} ms`,
  'req/s': Math.round(r.requests.average),
  'p99 / hello p99': (r.latency.p99 / Math.max(hello.latency.p99, 1)).toFixed(1),
  failed: failures(r),
  target: !targeted
    ? ''
    : r.latency.p99 < TARGET.p99Ms
      ? 'p99 < 100 ms: met'
      : 'p99 < 100 ms: MISSED',
})

console.log(
  `\nHTTP bench: ${POSITIONS} positions, ${DURATION_S} s per measurement, a constant ${RATE} req/s (one every ${1000 / RATE} ms, open loop, after ${WARMUP_S} s of warm-up not counted; dashboard 40%, table 40%, inline edit 20%)\n`,
)
console.table([
  row('projection dashboard  GET /projection', dashboard, `${RATE * 0.4}/s`),
  row('positions table       GET /positions', table, `${RATE * 0.4}/s`),
  row('inline edit           POST /positions/:id', edit, `${RATE * 0.2}/s`),
  row('hello baseline        GET /hello', hello, `${RATE}/s`, false),
  {
    ...row('row fragment (htmx)   GET /positions/:id', fragment, 'max', false),
    target:
      fragment.requests.average >= TARGET.fragmentRps
        ? '>= 1,000 req/s: met'
        : '>= 1,000 req/s: MISSED',
    'p99 / hello p99': `${(fragment.requests.average / helloMax.requests.average).toFixed(2)} of hello req/s`,
  },
  row('hello baseline        GET /hello', helloMax, 'max', false),
])
console.log(
  `The ${WARMUP_S} s of warm-up before each constant-rate run, not counted above (p99): ${warmupP99(paced, ['dashboard', 'table', 'edit'])}; ${warmupP99(helloPaced, ['hello'])}`,
)
console.log(
  `\nThe same mix in bursts: autocannon's rate limit, each connection's quota for the second sent at once as the second starts (no target; ratios to hello under the same load)`,
)
const burstRow = (name: string, r: LoadSummary, rateNote: string) => ({
  ...row(name, r, rateNote, false),
  'p99 / hello p99': (r.latency.p99 / Math.max(helloBurst.latency.p99, 1)).toFixed(1),
})
console.table([
  burstRow('projection dashboard  GET /projection', burst.dashboard!, `${RATE * 0.4}/s`),
  burstRow('positions table       GET /positions', burst.table!, `${RATE * 0.4}/s`),
  burstRow('inline edit           POST /positions/:id', burst.edit!, `${RATE * 0.2}/s`),
  burstRow('hello baseline        GET /hello', helloBurst, `${RATE}/s`),
])
/** Time inside the server (access log, whole ms) against what the client saw: the rest is queueing. */
const serverSide = (name: string, pick: (e: { method: string; path: string }) => boolean) => {
  const ms = duringLoad
    .filter(pick)
    .map((e) => e.durationMs)
    .sort((a, b) => a - b)
  const at = (q: number) => `${ms[Math.min(ms.length - 1, Math.floor(q * ms.length))]} ms`
  return { name, requests: ms.length, p50: at(0.5), p99: at(0.99) }
}
console.log(
  `\nInside the server during the constant load (access log: handler and middleware). The planner used ${busy.toFixed(2)} s of CPU per second of load${busy > 0.95 ? ': more than its one core gives, so requests queued up' : ''}`,
)
console.table([
  serverSide('GET /projection', (e) => e.method === 'GET' && e.path === '/projection'),
  serverSide('GET /positions', (e) => e.method === 'GET' && e.path === '/positions'),
  serverSide('POST /positions/:id', (e) => e.method === 'POST'),
])
const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED')
console.table([
  {
    measure: 'cold start to first answer (planner)',
    value: `${coldStartMs.toFixed(0)} ms`,
    target: `< ${TARGET.coldStartMs} ms: ${verdict(coldStartMs < TARGET.coldStartMs)}`,
  },
  {
    measure: 'cold start to first answer (hello)',
    value: `${helloColdStartMs.toFixed(0)} ms`,
    target: '',
  },
  {
    measure: 'first dashboard after start (projection computed)',
    value: `${firstDashboardMs.toFixed(0)} ms`,
    target: '',
  },
  {
    measure: 'resident memory, idle after start',
    value: `${idleRssAfterStart.toFixed(0)} MB`,
    target: `< ${TARGET.idleRssMb} MB: ${verdict(idleRssAfterStart < TARGET.idleRssMb)}`,
  },
  ...rssSamples.map(({ seconds, mb }) => ({
    measure: `resident memory, idle ${seconds} s after the load`,
    value: `${mb.toFixed(0)} MB`,
    target: `< ${TARGET.idleRssMb} MB: ${verdict(mb < TARGET.idleRssMb)}`,
  })),
])
const editsAnswered = (r: LoadSummary) => `${r.ok} answered 2xx, ${failures(r)} other`
console.log(
  `Edits, each to a different position: constant rate ${editsAnswered(edit)}; bursts ${editsAnswered(burst.edit!)}`,
)
console.log(
  PIN
    ? `Servers pinned to core ${SERVER_CPU}, the load process to core ${LOAD_CPU} (BENCH_PIN=0 to share all cores).`
    : 'Servers and the load process share all cores.',
)
if (PROFILE_DIR) {
  planner.kill('SIGTERM')
  await new Promise((r) => planner.once('exit', r))
}
process.exit(0)
