/**
 * The overview's render time in the server (part of `npm run bench:http`; target under 100 ms):
 * the app in process (createApp, as the server runs it, without the socket), signed in as
 * leadership, on the demo workspace and on the 2,000-position bench workspace. For each: the
 * first overview (projections computed), the overview as read again (median and p95 of RUNS), the
 * first overview after a salary edit (the plan's projections brought up to date), and in the same
 * run the health check and the projection dashboard as baselines.
 */
import { loadConfig } from '../../src/config.ts'
import { migrate } from '../../src/db/migrate.ts'
import { type Database, openDatabase } from '../../src/db/open.ts'
import { getPosition } from '../../src/db/repos/positions.ts'
import { insertSession } from '../../src/db/repos/sessions.ts'
import { createUser } from '../../src/db/repos/users.ts'
import { loadReferenceData } from '../../src/reference-data.ts'
import { seedDemoData } from '../../src/seed.ts'
import { createApp } from '../../src/web/app.ts'
import { randomSecret, sha256Hex } from '../../src/web/auth/secrets.ts'
import { SESSION_COOKIE } from '../../src/web/auth/session.ts'
import { formValuesOf } from '../../src/web/services/position-form.ts'
import { ProjectionService } from '../../src/web/services/projections.ts'
import { saveBenchWorkspace } from './http-workspace.ts'

const RUNS = Number(process.env.BENCH_OVERVIEW_RUNS ?? 30)
const EDITS = 10
const TARGET_MS = 100
/** In the plan's third month, so the overview has a previous month to compare with. */
const NOW = new Date('2027-03-15T12:00:00Z')
const ORIGIN = 'http://localhost'

function setUp(fill: (db: Database) => void) {
  const db = openDatabase(':memory:')
  migrate(db)
  fill(db)
  const user = createUser(
    db,
    {
      email: 'lead@bench.local',
      name: 'Bench',
      role: 'leadership',
      teamIds: [],
      passwordHash: 'x',
    },
    NOW,
  )
  const session = randomSecret()
  insertSession(db, sha256Hex(session), user.id, NOW)
  const rules = loadReferenceData().rules
  const app = createApp({
    db,
    config: loadConfig({}),
    clock: () => NOW,
    rules,
    projections: new ProjectionService(db, rules),
  })
  const cookie = `${SESSION_COOKIE}=${session}`
  return { db, app, cookie }
}

type World = ReturnType<typeof setUp>

async function timed(w: World, path: string, init: RequestInit = {}): Promise<number> {
  const t0 = performance.now()
  const res = await w.app.request(`${ORIGIN}${path}`, {
    ...init,
    headers: { cookie: w.cookie, ...(init.headers as Record<string, string>) },
  })
  await res.arrayBuffer()
  const ms = performance.now() - t0
  if (res.status >= 400) throw new Error(`${path} answered ${res.status}`)
  return ms
}

const median = (xs: number[]) => quantile(xs, 0.5)
function quantile(xs: number[], q: number) {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!
}

async function measure(name: string, w: World) {
  const first = await timed(w, '/overview')
  const warm: number[] = []
  const health: number[] = []
  const dashboard: number[] = []
  await timed(w, '/projection')
  for (let i = 0; i < RUNS; i++) {
    warm.push(await timed(w, '/overview'))
    health.push(await timed(w, '/healthz'))
    dashboard.push(await timed(w, '/projection'))
  }
  // a salary edit by leadership applies at once; the next overview brings its figures up to date
  const plan = 'fy2027'
  const ids = w.db.prepare('SELECT id FROM positions LIMIT ?').all(EDITS) as { id: string }[]
  const afterEdit: number[] = []
  for (const { id } of ids) {
    const stored = getPosition(w.db, plan, id)!
    const values = formValuesOf(stored.position)
    const body = new URLSearchParams({
      ...values,
      baseSalary: (Number(values.baseSalary) + 1000).toFixed(2),
      version: String(stored.version),
    })
    const res = await w.app.request(`${ORIGIN}/positions/${id}`, {
      method: 'POST',
      headers: {
        cookie: w.cookie,
        origin: ORIGIN,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body,
    })
    if (res.status >= 400) throw new Error(`edit answered ${res.status}`)
    afterEdit.push(await timed(w, '/overview'))
  }
  const ms = (x: number) => `${x.toFixed(1)} ms`
  return {
    workspace: name,
    'first overview': ms(first),
    'overview p50': ms(median(warm)),
    'overview p95': ms(quantile(warm, 0.95)),
    'after an edit p50': ms(median(afterEdit)),
    'health p50': ms(median(health)),
    'dashboard p50': ms(median(dashboard)),
    'overview / dashboard': (median(warm) / median(dashboard)).toFixed(2),
    target: median(afterEdit) < TARGET_MS && quantile(warm, 0.95) < TARGET_MS ? 'met' : 'MISSED',
  }
}

const rows = [
  await measure(
    'demo',
    setUp((db) => seedDemoData(db)),
  ),
  await measure(
    '2,000 positions',
    setUp((db) => saveBenchWorkspace(db, 2000)),
  ),
]
console.log(
  `\nOverview render in the server (in process, leadership, ${RUNS} reads, ${EDITS} edits; target < ${TARGET_MS} ms)`,
)
console.table(rows)
