/**
 * `npm run bench:http`: the real server (a child process on a temp database holding a generated
 * 2,000-position plan), signed in through the sign-in form, measured with autocannon:
 *
 * 1. cold start of the built bundle (dist/server.mjs, as `npm start` runs it): process spawn to
 *    the first answer, and to the first dashboard (a full projection);
 * 2. a constant 200 requests per second for DURATION_S, as three autocannon instances at once so
 *    each is timed apart: the projection dashboard (80/s), the positions table (80/s) and inline
 *    edits (40/s, one in five; each a different position at its current version, sent as htmx);
 * 3. read fragments (a position row as htmx asks for it) at maximum throughput;
 * 4. resident memory (VmRSS) when idle, after start-up and after the load.
 *
 * A bare Hono "hello" server (http-hello.ts) is measured in the same run as the baseline.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import autocannon from 'autocannon'
import { BUNDLE, buildServer } from '../../src/build.ts'
import { migrate } from '../../src/db/migrate.ts'
import { openDatabase } from '../../src/db/open.ts'
import { getPosition } from '../../src/db/repos/positions.ts'
import { createUser } from '../../src/db/repos/users.ts'
import { hashPassword } from '../../src/web/auth/password.ts'
import { formValuesOf } from '../../src/web/services/position-form.ts'
import { saveBenchWorkspace } from './http-workspace.ts'

const POSITIONS = 2000
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 15)
const RATE = 200
const EMAIL = 'bench@planner.local'
const PASSWORD = 'bench password, not secret'
const PLANNER_PORT = 3917
const HELLO_PORT = 3918
const TARGET = { p99Ms: 100, fragmentRps: 1000, coldStartMs: 1000, idleRssMb: 150 }

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

/** `node [args] script`; TypeScript through tsx, a built bundle (.mjs) as it is. */
function start(
  script: string,
  port: number,
  env: Record<string, string> = {},
  args: string[] = [],
  stdout: 'ignore' | number = 'ignore',
) {
  const loader = script.endsWith('.ts') ? ['--import', 'tsx'] : []
  const child = spawn(process.execPath, [...args, ...loader, script], {
    env: { ...process.env, PORT: String(port), ...env },
    stdio: ['ignore', stdout, 'inherit'],
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

const rssMb = (pid: number) => {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/)
  return Number(line![1]) / 1024
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
const planner = start(
  BUNDLE,
  PLANNER_PORT,
  {
    DATABASE_PATH: databasePath,
    DEMO_DATA: 'false',
    // the access log (one line per request, with its duration) times each request in the server
    LOG_LEVEL: 'info',
    HOST: '127.0.0.1',
  },
  PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [],
  openSync(serverLog, 'w'),
)
const coldStartMs = await firstAnswer(`${base}/healthz`, t0)
t0 = performance.now()
start('test/bench/http-hello.ts', HELLO_PORT)
const helloColdStartMs = await firstAnswer(`${helloBase}/hello`, t0)

const login = await fetch(`${base}/login`, {
  method: 'POST',
  redirect: 'manual',
  headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base },
  body: new URLSearchParams({ email: EMAIL, password: PASSWORD }),
})
const cookie = login.headers
  .getSetCookie()
  .map((c) => c.split(';')[0])
  .join('; ')
if (!cookie) throw new Error(`sign-in failed: ${login.status}`)
const headers = { cookie }

t0 = performance.now()
const firstDashboardMs = await firstAnswer(`${base}/projection`, t0, { headers })
await sleep(1000)
const idleRssAfterStart = rssMb(planner.pid!)

// ---------------------------------------------------------------------------------------------
// Load

type Result = autocannon.Result
const run = (opts: autocannon.Options) => autocannon({ duration: DURATION_S, ...opts })

let nextEdit = 0
const editRequest: autocannon.Request = {
  method: 'POST',
  setupRequest: (req) => {
    const stored = editable[nextEdit++ % editable.length]!
    const values = formValuesOf(stored.position)
    const raised = (Number(values.baseSalary) + 1000).toFixed(2)
    return {
      ...req,
      path: `/positions/${stored.position.id}`,
      body: new URLSearchParams({
        ...values,
        baseSalary: raised,
        version: String(stored.version),
      }).toString(),
    }
  },
}

const readHeaders = { ...headers, 'hx-request': 'true' }
/** The server's access-log lines so far: each request's method, path and duration in the server. */
const accessLog = () =>
  readFileSync(serverLog, 'utf8')
    .split('\n')
    .filter((line) => line.includes('"msg":"request"'))
    .map((line) => JSON.parse(line) as { method: string; path: string; durationMs: number })
const logBeforeLoad = accessLog().length

const [dashboard, table, edit, hello] = await Promise.all([
  run({ url: `${base}/projection`, headers, connections: 8, overallRate: RATE * 0.4 }),
  run({ url: `${base}/positions`, headers, connections: 8, overallRate: RATE * 0.4 }),
  run({
    url: base,
    connections: 4,
    overallRate: RATE * 0.2,
    headers: {
      ...readHeaders,
      origin: base,
      'content-type': 'application/x-www-form-urlencoded',
    },
    requests: [editRequest],
  }),
  run({ url: `${helloBase}/hello`, connections: 8, overallRate: RATE }),
])

const duringLoad = accessLog().slice(logBeforeLoad)
const fragmentPath = `/positions/${editable[editable.length - 1]!.position.id}`
const fragment = await run({ url: `${base}${fragmentPath}`, headers: readHeaders, connections: 32 })
const helloMax = await run({ url: `${helloBase}/hello`, connections: 32 })

await sleep(3000)
const idleRssAfterLoad = rssMb(planner.pid!)

// ---------------------------------------------------------------------------------------------
// Report

const failures = (r: Result) => r.non2xx + r.errors + r.timeouts
const row = (name: string, r: Result, rateNote: string, targetP99 = true) => ({
  name,
  load: rateNote,
  p50: `${r.latency.p50} ms`,
  p99: `${r.latency.p99} ms`,
  'req/s': Math.round(r.requests.average),
  'p99 / hello p99': (r.latency.p99 / Math.max(hello.latency.p99, 1)).toFixed(1),
  failed: failures(r),
  target: targetP99
    ? r.latency.p99 < TARGET.p99Ms
      ? 'p99 < 100 ms: met'
      : 'p99 < 100 ms: MISSED'
    : '',
})

console.log(
  `\nHTTP bench: ${POSITIONS} positions, ${DURATION_S} s per measurement, constant ${RATE} req/s (dashboard 40%, table 40%, inline edit 20%)\n`,
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
/** Time inside the server (access log, whole ms) against what autocannon saw: the rest is queueing. */
const serverSide = (name: string, pick: (e: { method: string; path: string }) => boolean) => {
  const ms = duringLoad
    .filter(pick)
    .map((e) => e.durationMs)
    .sort((a, b) => a - b)
  const at = (q: number) => `${ms[Math.min(ms.length - 1, Math.floor(q * ms.length))]} ms`
  return { name, requests: ms.length, p50: at(0.5), p99: at(0.99) }
}
console.log('\nInside the server during the constant load (access log: handler and middleware)')
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
  {
    measure: 'resident memory, idle after the load',
    value: `${idleRssAfterLoad.toFixed(0)} MB`,
    target: `< ${TARGET.idleRssMb} MB: ${verdict(idleRssAfterLoad < TARGET.idleRssMb)}`,
  },
])
const edited = Math.min(nextEdit, editable.length)
console.log(
  `${edited} positions edited; edits answered 2xx: ${edit['2xx']}, other: ${failures(edit)}`,
)
if (PROFILE_DIR) {
  planner.kill('SIGTERM')
  await new Promise((r) => planner.once('exit', r))
}
process.exit(0)
