/**
 * The main pages' render time in the server (part of `npm run bench:http`; issue 15: within 10% of
 * the tree before the change): the app in process (createApp, as the server runs it, without the
 * socket), signed in as an admin, on the demo workspace. Each page is read once to warm its caches,
 * then RUNS times, pages interleaved, with the health check in the same rounds as the baseline.
 *
 * BENCH_BEFORE=<another checkout> measures that tree too, alternately in the same rounds, and
 * prints each page's ratio to it (the checkout needs its node_modules): the median of the rounds'
 * own ratios, each round reading the page in both trees back to back, so a shared machine's load
 * moving between rounds cancels out (a ratio of the two medians does not).
 */
import { resolve } from 'node:path'

const RUNS = Number(process.env.BENCH_PAGES_RUNS ?? 40)
const NOW = new Date('2027-01-15T12:00:00Z')
const ORIGIN = 'http://localhost'
const PAGES = [
  '/healthz',
  '/',
  '/teams/interpretability',
  '/positions',
  '/projection',
  '/projection?groupBy=office&period=month',
  '/scenarios/compare?b=accelerated-hiring',
  '/bands',
  '/recruiting',
  '/approvals',
  '/audit',
]

/** The app of the tree at `root`, on a fresh in-memory demo database, and an admin's cookie. */
async function appOf(root: string) {
  const at = (path: string) => import(resolve(root, path))
  const [{ loadConfig }, { migrate }, { openDatabase }, sessions, users, ref, seed, web, secrets] =
    await Promise.all([
      at('src/config.ts'),
      at('src/db/migrate.ts'),
      at('src/db/open.ts'),
      at('src/db/repos/sessions.ts'),
      at('src/db/repos/users.ts'),
      at('src/reference-data.ts'),
      at('src/seed.ts'),
      at('src/web/app.ts'),
      at('src/web/auth/secrets.ts'),
    ])
  const { SESSION_COOKIE } = await at('src/web/auth/session.ts')
  const { ProjectionService } = await at('src/web/services/projections.ts')
  const { createLogger } = await at('src/web/log.ts')
  const db = openDatabase(':memory:')
  migrate(db)
  seed.seedDemoData(db)
  const admin = users.createUser(
    db,
    { email: 'bench@planner.local', name: 'Bench', role: 'admin', teamIds: [], passwordHash: 'x' },
    NOW,
  )
  const session = secrets.randomSecret()
  sessions.insertSession(db, secrets.sha256Hex(session), admin.id, NOW)
  const rules = ref.loadReferenceData().rules
  const app = web.createApp({
    db,
    config: loadConfig({}),
    clock: () => NOW,
    logger: createLogger('warn'),
    rules,
    projections: new ProjectionService(db, rules),
  })
  const cookie = `${SESSION_COOKIE}=${session}`
  return async function timed(path: string): Promise<number> {
    const t0 = performance.now()
    const res = await app.request(`${ORIGIN}${path}`, { headers: { cookie } })
    await res.arrayBuffer()
    const ms = performance.now() - t0
    if (res.status >= 400) throw new Error(`${root}: ${path} answered ${res.status}`)
    return ms
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

const trees = [
  { name: 'this tree', root: resolve(import.meta.dirname, '../..') },
  ...(process.env.BENCH_BEFORE
    ? [{ name: 'before', root: resolve(process.env.BENCH_BEFORE) }]
    : []),
]
const apps = await Promise.all(trees.map((t) => appOf(t.root)))
const times = trees.map(() => new Map(PAGES.map((p) => [p, [] as number[]])))
for (const timed of apps) for (const page of PAGES) await timed(page)
for (let run = 0; run < RUNS; run++) {
  for (const page of PAGES) {
    // alternate which tree goes first, so neither always meets a warmer machine
    const order = run % 2 === 0 ? apps.keys() : [...apps.keys()].reverse()
    for (const i of order) times[i]!.get(page)!.push(await apps[i]!(page))
  }
}
const ms = (x: number) => `${x.toFixed(2)} ms`
console.log(`\nMain pages' render in the server (in process, admin, demo workspace, ${RUNS} reads)`)
console.table(
  PAGES.map((page) => {
    const now = times[0]!.get(page)!
    const row: Record<string, string> = { page, p50: ms(median(now)) }
    if (trees.length > 1) {
      const before = times[1]!.get(page)!
      row['before p50'] = ms(median(before))
      row['now / before'] = median(now.map((t, run) => t / before[run]!)).toFixed(2)
    }
    return row
  }),
)
