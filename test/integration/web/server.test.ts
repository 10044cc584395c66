/**
 * src/server.ts as a real process: the way `npm start` runs it, on a free port with a temporary
 * database, so start-up failures and clean shutdown are checked end to end.
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { migrate } from '../../../src/db/migrate.ts'
import { openDatabase } from '../../../src/db/open.ts'
import { isEmpty } from '../../../src/db/repos/workspace.ts'
import { seedDemoData } from '../../../src/seed.ts'
import { tempDir } from '../../helpers/db.ts'
import { listening, signIn, startProcess, waitFor } from '../../helpers/server-process.ts'

const SERVER = fileURLToPath(new URL('../../../src/server.ts', import.meta.url))
/** tsx's loader by absolute path, so the server can start from any working directory. */
const TSX = createRequire(import.meta.url).resolve('tsx')
const ROOT = fileURLToPath(new URL('../../../', import.meta.url))

const start = (env: Record<string, string>, cwd = ROOT) =>
  startProcess(process.execPath, ['--import', TSX, SERVER], env, cwd)

describe('src/server.ts', { timeout: 60_000 }, () => {
  it('exits 1 naming the variable when the environment is invalid, creating no database', async () => {
    const databasePath = join(tempDir(), 'planner.sqlite')
    const started = start({ PORT: 'eighty', DATABASE_PATH: databasePath })
    expect(await started.exited).toBe(1)
    expect(started.output().stderr).toContain('PORT must be a whole number from 0 to 65535')
    expect(started.output().stderr).not.toMatch(/\n\s+at /)
    expect(existsSync(databasePath)).toBe(false)
  })

  it('exits 1 explaining why when the database was written by a newer planner', async () => {
    const databasePath = join(tempDir(), 'planner.sqlite')
    const db = openDatabase(databasePath)
    migrate(db)
    db.prepare('INSERT INTO schema_migrations (id, name) VALUES (?, ?)').run(999_999, 'future')
    db.close()
    const started = start({ DATABASE_PATH: databasePath })
    expect(await started.exited).toBe(1)
    expect(started.output().stderr).toContain('newer version of the planner')
  })

  it('exits 1 naming the file and field when the demo data is invalid, writing nothing', async () => {
    // Started from a directory whose data/demo-org.json is missing most of a workspace document.
    const cwd = tempDir()
    mkdirSync(join(cwd, 'data'))
    writeFileSync(join(cwd, 'data', 'demo-org.json'), JSON.stringify({ schemaVersion: 1 }))
    const databasePath = join(cwd, 'planner.sqlite')
    const started = start({ DATABASE_PATH: databasePath }, cwd)
    expect(await started.exited).toBe(1)
    expect(started.output().stderr).toContain('data/demo-org.json is not valid')
    expect(started.output().stderr).toContain('organisation')
    const db = openDatabase(databasePath)
    expect(isEmpty(db)).toBe(true)
    db.close()
  })

  it('seeds the demo organisation, answers /healthz and the home page, and stops on SIGTERM', async () => {
    const databasePath = join(tempDir(), 'nested', 'planner.sqlite')
    const started = start({ DATABASE_PATH: databasePath })
    const port = await listening(started)
    expect(started.output().stdout).toContain(`"url":"http://localhost:${port}"`)

    const health = await fetch(`http://127.0.0.1:${port}/healthz`)
    expect(health.status).toBe(200)
    expect(await health.json()).toEqual({ ok: true })
    // signed out, the home page sends the browser to sign in
    const home = await fetch(`http://127.0.0.1:${port}/`, { redirect: 'manual' })
    expect(home.status).toBe(303)
    expect(home.headers.get('location')).toBe('/login')

    started.child.kill('SIGTERM')
    expect(await started.exited).toBe(0)
    expect(started.output().stdout).toContain('"msg":"stopping"')
  })

  it('copies the write-ahead log into the database file on its own once the first projection is done', async () => {
    const databasePath = join(tempDir(), 'planner.sqlite')
    const started = start({ DATABASE_PATH: databasePath })
    await listening(started)
    // the demo seed (about 300 pages) stays in the log, under SQLite's own 1,000-page threshold,
    // until the checkpointer's thread copies it: the file holds only its first page before that
    const pages = () => statSync(databasePath).size / 4096
    for (const deadline = Date.now() + 20_000; pages() < 100 && Date.now() < deadline; ) {
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    expect(pages()).toBeGreaterThanOrEqual(100)
    started.child.kill('SIGTERM')
    expect(await started.exited).toBe(0)
  })

  it('on first start prints once, on stderr apart from the JSON log, how to sign in with passwords that work', async () => {
    const databasePath = join(tempDir(), 'planner.sqlite')
    const first = start({ DATABASE_PATH: databasePath })
    const port = await listening(first)
    const stderr = await waitFor(first, () => first.output().stderr, 'leadership@demo.example')
    const accounts = [...stderr.matchAll(/^ {2}(\w+) +(\S+@\S+) +(\S+)$/gm)].map((m) => ({
      role: m[1],
      email: m[2]!,
      password: m[3]!,
    }))
    expect(accounts.map((a) => a.role)).toEqual(['admin', 'manager', 'finance', 'leadership'])

    const manager = accounts[1]!
    expect(await signIn(port, manager.email, manager.password)).toMatch(/^planner_session=/)

    // stdout is the JSON log alone, and it carries no password
    const { stdout } = first.output()
    for (const line of stdout.split('\n').filter(Boolean))
      expect(() => JSON.parse(line)).not.toThrow()
    for (const a of accounts) expect(stdout).not.toContain(a.password)
    first.child.kill('SIGTERM')
    expect(await first.exited).toBe(0)

    const again = start({ DATABASE_PATH: databasePath })
    await listening(again)
    expect(again.output().stderr).not.toContain('First start')
    again.child.kill('SIGTERM')
    await again.exited
  })
})

/**
 * A planner database with the demo organisation and two thousand audit events, whose second leaf
 * page of audit events has its last 100 bytes overwritten: it opens, but its cells run off the
 * end of their page, as after a torn write or a bad disk sector.
 */
function damagedDatabase(path: string): void {
  const db = openDatabase(path)
  migrate(db)
  seedDemoData(db)
  const insert = db.prepare(
    "INSERT INTO audit_events (at, action, entity_type, entity_id) VALUES ('2027-01-01', 'update', 'position', ?)",
  )
  for (let i = 0; i < 2000; i++) insert.run(`p-${i}`)
  const page = db
    .prepare(
      "SELECT pageno FROM dbstat WHERE name = 'audit_events' AND pagetype = 'leaf' LIMIT 1 OFFSET 1",
    )
    .pluck()
    .get() as number
  const size = db.pragma('page_size', { simple: true }) as number
  db.close()
  const bytes = readFileSync(path)
  bytes.fill(0xff, page * size - 100, page * size)
  writeFileSync(path, bytes)
}

/** No line of a stack trace: start-up problems end in sentences. */
const NO_STACK = /\n\s+at /

describe('start-up on bad storage', { timeout: 60_000 }, () => {
  it('refuses a folder given as the database, saying so', async () => {
    const folder = tempDir()
    const started = start({ DATABASE_PATH: folder })
    expect(await started.exited).toBe(1)
    const { stderr } = started.output()
    expect(stderr).toContain(`Cannot use the database ${folder}: it is a folder, not a file`)
    expect(stderr).not.toMatch(NO_STACK)
  })

  it('refuses a file that is not a SQLite database, leaving it as it was', async () => {
    const path = join(tempDir(), 'notes.txt')
    writeFileSync(path, 'shopping list: '.repeat(500))
    const started = start({ DATABASE_PATH: path })
    expect(await started.exited).toBe(1)
    const { stderr } = started.output()
    expect(stderr).toContain(`Cannot use the database ${path}: it is not a SQLite database`)
    expect(stderr).toContain('npm run db:restore')
    expect(stderr).not.toMatch(NO_STACK)
    expect(readFileSync(path, 'utf8')).toBe('shopping list: '.repeat(500))
  })

  it('refuses a path through a file', async () => {
    const file = join(tempDir(), 'file')
    writeFileSync(file, '')
    const started = start({ DATABASE_PATH: join(file, 'planner.sqlite') })
    expect(await started.exited).toBe(1)
    const { stderr } = started.output()
    expect(stderr).toContain('part of its path is a file, not a folder')
    expect(stderr).not.toMatch(NO_STACK)
  })

  it('refuses a damaged database after a quick check, changing nothing, and says how to recover', async () => {
    const path = join(tempDir(), 'planner.sqlite')
    damagedDatabase(path)
    const before = readFileSync(path)
    const started = start({ DATABASE_PATH: path })
    expect(await started.exited).toBe(1)
    const { stderr } = started.output()
    expect(stderr).toContain(`The database ${path} is damaged: Tree `)
    expect(stderr).toContain('Nothing was changed')
    expect(stderr).toContain('npm run db:restore')
    expect(stderr).toContain('DATABASE_CHECK=warn')
    expect(stderr).not.toMatch(NO_STACK)
    expect(readFileSync(path).equals(before)).toBe(true)
  })

  it('with DATABASE_CHECK=warn starts on a damaged database and logs the damage as an error', async () => {
    const path = join(tempDir(), 'planner.sqlite')
    damagedDatabase(path)
    const started = start({ DATABASE_PATH: path, DATABASE_CHECK: 'warn' })
    const port = await listening(started)
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200)
    const logged = started
      .output()
      .stdout.split('\n')
      .filter((line) => line.includes('damaged database'))
      .map((line) => JSON.parse(line))
    expect(logged).toMatchObject([
      { level: 'error', message: expect.stringContaining('is damaged') },
    ])
    started.child.kill('SIGTERM')
    expect(await started.exited).toBe(0)
  })
})
