/**
 * Durability: acknowledged commits survive the writer being killed (SIGKILL, no cleanup), and an
 * online backup taken while a writer runs is consistent and restores.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { describe, expect, it } from 'vitest'
import {
  backupDatabase,
  integrityCheck,
  RestoreError,
  restoreDatabase,
} from '../../../src/db/backup.ts'
import { migrate, UnknownMigrationsError } from '../../../src/db/migrate.ts'
import { openDatabase } from '../../../src/db/open.ts'
import { loadWorkspace } from '../../../src/db/repos/workspace.ts'
import { seedDemoData } from '../../../src/seed.ts'
import { tempDir } from '../../helpers/db.ts'

const WRITER = 'test/integration/db/fixtures/writer.ts'

interface Writer {
  child: ChildProcess
  /** Ids the writer has acknowledged so far (complete lines only). */
  acked(): string[]
  /** Resolves once at least `n` ids are acknowledged. */
  waitFor(n: number): Promise<void>
  kill(): Promise<string[]>
}

function startWriter(path: string, prefix: string): Writer {
  const child = spawn(process.execPath, ['--import', 'tsx', WRITER, path, prefix], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  let err = ''
  child.stdout!.on('data', (chunk: Buffer) => {
    out += chunk.toString()
  })
  child.stderr!.on('data', (chunk: Buffer) => {
    err += chunk.toString()
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  // a line without its newline may have been cut by the kill: not acknowledged
  const acked = () => out.split('\n').slice(0, -1)
  return {
    child,
    acked,
    async waitFor(n) {
      while (acked().length < n) {
        if (child.exitCode !== null) throw new Error(`writer exited early: ${err}`)
        await sleep(10)
      }
    },
    async kill() {
      child.kill('SIGKILL')
      await exited
      return acked()
    },
  }
}

function departmentIds(path: string): Set<string> {
  const db = openDatabase(path)
  try {
    return new Set(db.prepare('SELECT id FROM departments').pluck().all() as string[])
  } finally {
    db.close()
  }
}

describe('durability', () => {
  it('keeps every acknowledged commit when the writer is killed with SIGKILL', async () => {
    const path = join(tempDir(), 'planner.sqlite')
    const acked: string[] = []
    for (let round = 0; round < 5; round++) {
      const writer = startWriter(path, `r${round}`)
      await writer.waitFor(1)
      await sleep(20 + Math.random() * 200)
      const ids = await writer.kill()
      expect(ids.length).toBeGreaterThan(0)
      acked.push(...ids)
    }
    const db = openDatabase(path)
    expect(integrityCheck(db)).toBe('ok')
    db.close()
    const stored = departmentIds(path)
    expect(acked.filter((id) => !stored.has(id))).toEqual([])
  })

  it('backs up while a writer runs; the copy is consistent and restores', async () => {
    const dir = tempDir()
    const path = join(dir, 'planner.sqlite')
    const backup = join(dir, 'backup.sqlite')
    const seeded = openDatabase(path)
    migrate(seeded)
    seedDemoData(seeded)
    seeded.close()

    const writer = startWriter(path, 'w')
    await writer.waitFor(20)
    const ackedBeforeBackup = writer.acked()
    const db = openDatabase(path)
    await backupDatabase(db, backup)
    db.close()
    await writer.waitFor(writer.acked().length + 20)
    const ackedInTheEnd = await writer.kill()

    const copy = openDatabase(backup, { readonly: true })
    expect(integrityCheck(copy)).toBe('ok')
    expect(loadWorkspace(copy).organisation.name).toBe('Meridian AI')
    copy.close()
    const inBackup = departmentIds(backup)
    // one moment of the writer's sequence: every write up to some point and none after it, at
    // or after the last write acknowledged before the backup began (one acknowledged after it
    // returned may still have committed before its last page was copied)
    const written = [...inBackup].filter((id) => id.startsWith('w-'))
    expect(written.length).toBeGreaterThanOrEqual(ackedBeforeBackup.length)
    expect(new Set(written)).toEqual(new Set(ackedInTheEnd.slice(0, written.length)))

    await restoreDatabase(backup, path)
    expect(departmentIds(path)).toEqual(inBackup)
    const restored = openDatabase(path)
    expect(integrityCheck(restored)).toBe('ok')
    expect(loadWorkspace(restored).plans[0]!.positions).toHaveLength(39)
    restored.close()
  })

  it('refuses to restore while the database is open elsewhere, leaving it as it was', async () => {
    const dir = tempDir()
    const path = join(dir, 'planner.sqlite')
    const backup = join(dir, 'backup.sqlite')
    const running = openDatabase(path)
    migrate(running)
    await backupDatabase(running, backup)
    running.prepare("INSERT INTO departments (id, name) VALUES ('kept', 'Kept')").run()

    await expect(restoreDatabase(backup, path)).rejects.toThrow(RestoreError)
    await expect(restoreDatabase(backup, path)).rejects.toThrow(
      /is in use \(is the planner running\?\)/,
    )
    running.close()
    expect(departmentIds(path).has('kept')).toBe(true)

    // the same from another process, as a running planner would be
    const writer = startWriter(path, 'busy')
    await writer.waitFor(1)
    await expect(restoreDatabase(backup, path)).rejects.toThrow(/is in use/)
    const acked = await writer.kill()
    const stored = departmentIds(path)
    expect(acked.filter((id) => !stored.has(id))).toEqual([])
  })

  it('refuses a source that is not a database or was written by a newer planner', async () => {
    const dir = tempDir()
    const path = join(dir, 'planner.sqlite')
    const target = openDatabase(path)
    migrate(target)
    target.prepare("INSERT INTO departments (id, name) VALUES ('kept', 'Kept')").run()
    target.close()
    const before = readFileSync(path)

    const garbage = join(dir, 'garbage.sqlite')
    writeFileSync(garbage, 'this is not a database, just text that is long enough to look like one')
    await expect(restoreDatabase(garbage, path)).rejects.toThrow(/not a database/)

    const newer = join(dir, 'newer.sqlite')
    const n = openDatabase(newer)
    migrate(n)
    n.prepare("INSERT INTO schema_migrations (id, name) VALUES (42, 'from_the_future')").run()
    n.close()
    await expect(restoreDatabase(newer, path)).rejects.toThrow(UnknownMigrationsError)

    expect(readFileSync(path).equals(before)).toBe(true)
  })

  it('backs up and restores through the command line (npm run db:backup / db:restore)', () => {
    const dir = tempDir()
    const path = join(dir, 'planner.sqlite')
    const db = openDatabase(path)
    migrate(db)
    seedDemoData(db)
    db.close()
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'src/db/cli.ts', ...args], {
        env: { ...process.env, DATABASE_PATH: path },
        encoding: 'utf8',
      })

    const backup = join(dir, 'cli-backup.sqlite')
    const made = cli('backup', backup)
    expect(made.stderr).toBe('')
    expect(made.status).toBe(0)
    expect(departmentIds(backup)).toEqual(new Set(['research', 'engineering', 'people']))

    const changed = openDatabase(path)
    changed.prepare("INSERT INTO departments (id, name) VALUES ('extra', 'Extra')").run()
    changed.close()
    const restored = cli('restore', backup)
    expect(restored.status).toBe(0)
    expect(departmentIds(path)).toEqual(new Set(['research', 'engineering', 'people']))

    expect(cli('restore').status).toBe(1)
  })
})
