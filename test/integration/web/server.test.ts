/**
 * src/server.ts as a real process: the way `npm start` runs it, on a free port with a temporary
 * database, so start-up failures and clean shutdown are checked end to end.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { migrate } from '../../../src/db/migrate.ts'
import { openDatabase } from '../../../src/db/open.ts'
import { isEmpty } from '../../../src/db/repos/workspace.ts'
import { tempDir } from '../../helpers/db.ts'

const SERVER = fileURLToPath(new URL('../../../src/server.ts', import.meta.url))
/** tsx's loader by absolute path, so the server can start from any working directory. */
const TSX = createRequire(import.meta.url).resolve('tsx')
const ROOT = fileURLToPath(new URL('../../../', import.meta.url))
const children: ChildProcess[] = []

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL')
})

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

interface Started {
  child: ChildProcess
  output: () => { stdout: string; stderr: string }
  exited: Promise<number | null>
}

function start(env: Record<string, string>, cwd = ROOT): Started {
  const child = spawn(process.execPath, ['--import', TSX, SERVER], {
    cwd,
    env: { ...process.env, HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.push(child)
  let stdout = ''
  let stderr = ''
  child.stdout?.on('data', (chunk) => {
    stdout += chunk
  })
  child.stderr?.on('data', (chunk) => {
    stderr += chunk
  })
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  )
  return { child, output: () => ({ stdout, stderr }), exited }
}

/** Resolves once the server logs that it is listening; rejects if it exits first. */
async function listening(started: Started): Promise<void> {
  const deadline = Date.now() + 20_000
  while (!started.output().stdout.includes('"msg":"listening"')) {
    if (started.child.exitCode !== null) {
      throw new Error(`server exited ${started.child.exitCode}: ${started.output().stderr}`)
    }
    if (Date.now() > deadline) throw new Error('server did not start within 20s')
    await new Promise((r) => setTimeout(r, 50))
  }
}

/** Waits until the server's stdout contains `text`. */
async function printed(started: Started, text: string): Promise<string> {
  const deadline = Date.now() + 10_000
  while (!started.output().stdout.includes(text)) {
    if (Date.now() > deadline) throw new Error(`server did not print ${JSON.stringify(text)}`)
    await new Promise((r) => setTimeout(r, 50))
  }
  return started.output().stdout
}

describe('src/server.ts', () => {
  it('exits 1 naming the variable when the environment is invalid, creating no database', async () => {
    const databasePath = join(tempDir(), 'planner.sqlite')
    const started = start({ PORT: 'eighty', DATABASE_PATH: databasePath })
    expect(await started.exited).toBe(1)
    expect(started.output().stderr).toContain('PORT must be a whole number from 1 to 65535')
    expect(started.output().stderr).not.toMatch(/\n\s+at /)
    expect(existsSync(databasePath)).toBe(false)
  })

  it('exits 1 explaining why when the database was written by a newer planner', async () => {
    const databasePath = join(tempDir(), 'planner.sqlite')
    const db = openDatabase(databasePath)
    migrate(db)
    db.prepare('INSERT INTO schema_migrations (id, name) VALUES (?, ?)').run(999_999, 'future')
    db.close()
    const started = start({ PORT: String(await freePort()), DATABASE_PATH: databasePath })
    expect(await started.exited).toBe(1)
    expect(started.output().stderr).toContain('newer version of the planner')
  })

  it('exits 1 naming the file and field when the demo data is invalid, writing nothing', async () => {
    // Started from a directory whose data/demo-org.json is missing most of a workspace document.
    const cwd = tempDir()
    mkdirSync(join(cwd, 'data'))
    writeFileSync(join(cwd, 'data', 'demo-org.json'), JSON.stringify({ schemaVersion: 1 }))
    const databasePath = join(cwd, 'planner.sqlite')
    const started = start({ PORT: String(await freePort()), DATABASE_PATH: databasePath }, cwd)
    expect(await started.exited).toBe(1)
    expect(started.output().stderr).toContain('data/demo-org.json is not valid')
    expect(started.output().stderr).toContain('organisation')
    const db = openDatabase(databasePath)
    expect(isEmpty(db)).toBe(true)
    db.close()
  })

  it('seeds the demo organisation, answers /healthz and the home page, and stops on SIGTERM', async () => {
    const port = await freePort()
    const databasePath = join(tempDir(), 'nested', 'planner.sqlite')
    const started = start({ PORT: String(port), DATABASE_PATH: databasePath })
    await listening(started)
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

  it('on first start prints once how to sign in, with passwords that work and are never logged', async () => {
    const port = await freePort()
    const databasePath = join(tempDir(), 'planner.sqlite')
    const first = start({ PORT: String(port), DATABASE_PATH: databasePath })
    await listening(first)
    const stdout = await printed(first, 'leadership@demo.example')
    const accounts = [...stdout.matchAll(/^ {2}(\w+) +(\S+@\S+) +(\S+)$/gm)].map((m) => ({
      role: m[1],
      email: m[2]!,
      password: m[3]!,
    }))
    expect(accounts.map((a) => a.role)).toEqual(['admin', 'manager', 'finance', 'leadership'])

    const manager = accounts[1]!
    const login = await fetch(`http://127.0.0.1:${port}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: `http://127.0.0.1:${port}`,
      },
      body: new URLSearchParams({ email: manager.email, password: manager.password }).toString(),
    })
    expect(login.status).toBe(303)
    expect(login.headers.get('set-cookie')).toMatch(/^planner_session=/)

    // the JSON log lines carry no password
    const logLines = stdout.split('\n').filter((l) => l.startsWith('{'))
    for (const a of accounts) expect(logLines.join('\n')).not.toContain(a.password)
    first.child.kill('SIGTERM')
    expect(await first.exited).toBe(0)

    const again = start({ PORT: String(port), DATABASE_PATH: databasePath })
    await listening(again)
    expect(again.output().stdout).not.toContain('First start')
    again.child.kill('SIGTERM')
    await again.exited
  })
})
