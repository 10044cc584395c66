/**
 * Memory stays bounded whatever the addresses: the planner as a real process (src/server.ts with
 * npm start's Node flags), signed in as an admin, answers requests whose filter values are all
 * different, and once idle its resident memory is within 50 MB of where it started. A short pass
 * of `npm run bench:memory`, which sends the 25,000 (docs/benchmarks.md has its figures).
 */
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { distinctFilterLoad, idleRssMb, START_FLAGS } from '../../bench/memory-load.ts'
import { tempDir } from '../../helpers/db.ts'
import { listening, signIn, startProcess } from '../../helpers/server-process.ts'

const SERVER = fileURLToPath(new URL('../../../src/server.ts', import.meta.url))
const TSX = createRequire(import.meta.url).resolve('tsx')
const ROOT = fileURLToPath(new URL('../../../', import.meta.url))
const EMAIL = 'memory@test.example'
const PASSWORD = 'memory test password'

describe('resident memory under distinct filter values', () => {
  it('is within 50 MB of where it started once idle, after 800 requests no two alike (a hundred a shape, more than any cache keeps)', async () => {
    const started = startProcess(
      process.execPath,
      [...START_FLAGS, '--import', TSX, SERVER],
      {
        DATABASE_PATH: join(tempDir(), 'planner.sqlite'),
        ADMIN_EMAIL: EMAIL,
        ADMIN_PASSWORD: PASSWORD,
      },
      ROOT,
    )
    const port = await listening(started)
    const base = `http://127.0.0.1:${port}`
    const headers = { cookie: await signIn(port, EMAIL, PASSWORD) }
    await distinctFilterLoad(base, headers, 64)
    const before = await idleRssMb(started.child.pid!)
    const { statuses } = await distinctFilterLoad(base, headers, 800)
    expect([...statuses.keys()].filter((s) => s >= 500)).toEqual([])
    const after = await idleRssMb(started.child.pid!)
    expect(after - before).toBeLessThan(50)
    started.child.kill('SIGTERM')
    expect(await started.exited).toBe(0)
  }, 180_000)
})
