/**
 * The HTTP bench's paced load generator (test/bench/http-paced.ts) against the bare hello server:
 * a short pass of what `npm run bench:http` runs for 15 s.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { LoadSummary } from '../../bench/http-load.ts'
import type { PacedRun } from '../../bench/http-paced.ts'

let port: number
const dir = mkdtempSync(join(tmpdir(), 'paced-'))
let hello: ChildProcess

beforeAll(async () => {
  hello = spawn(process.execPath, ['--import', 'tsx', 'test/bench/http-hello.ts'], {
    env: { ...process.env, PORT: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const ready = await new Promise<string>((r) => hello.stdout!.once('data', (d) => r(String(d))))
  port = Number(/^ready (\d+)/.exec(ready)?.[1])
})
afterAll(() => {
  hello.kill()
  rmSync(dir, { recursive: true, force: true })
})

function paced(run: PacedRun): Promise<Record<string, LoadSummary>> {
  const spec = join(dir, 'run.json')
  writeFileSync(spec, JSON.stringify(run))
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/bench/http-paced.ts', spec], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  let out = ''
  child.stdout!.on('data', (chunk) => {
    out += chunk
  })
  return new Promise((resolve, reject) =>
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(code))),
  )
}

/** 40 requests a second for one second after `warmup` seconds: two in three to /hello, one to a 404. */
async function helloAndMissing(warmup: number) {
  const started = performance.now()
  const results = await paced({
    base: `http://127.0.0.1:${port}`,
    rate: 40,
    duration: 1,
    warmup,
    cycle: ['hello', 'hello', 'missing'],
    kinds: {
      hello: { path: '/hello', headers: {} },
      missing: { path: '/not-here', headers: {} },
    },
  })
  return { results, elapsed: performance.now() - started }
}

describe('paced load', () => {
  it('sends rate x duration requests, in the cycle given, and times each one', async () => {
    const { results, elapsed } = await helloAndMissing(0)
    const { hello: ok, missing } = results
    // 40 requests over one second: two in three to /hello, one in three to a 404
    expect(ok!.requests.sent + missing!.requests.sent).toBe(40)
    expect(ok!.requests.sent).toBe(27)
    expect(ok!.ok).toBe(27)
    expect(missing!.non2xx).toBe(13)
    expect(missing!.ok).toBe(0)
    expect(ok!.errors + ok!.timeouts).toBe(0)
    expect(ok!.latency.p99).toBeGreaterThanOrEqual(ok!.latency.p50)
    // paced, not sent at once: the last request goes out about a second after the first
    expect(elapsed).toBeGreaterThan(900)
    expect(results['hello warm-up']).toBeUndefined()
  })

  it('sends a warm-up first, in the same cycle, and counts only what follows it', async () => {
    const { results, elapsed } = await helloAndMissing(0.5)
    const { hello: ok, missing } = results
    // 20 warm-up requests (the 1st to 20th), then 40 counted: the 21st to 60th, where the cycle
    // has reached its third place (a 404) and comes back to it every third request, 14 times
    expect(ok!.requests.sent).toBe(26)
    expect(ok!.ok).toBe(26)
    expect(missing!.requests.sent).toBe(14)
    expect(missing!.non2xx).toBe(14)
    // the warm-up reported apart: the 3rd, 6th, ... 18th of its 20 were the 404s
    expect(results['hello warm-up']!.ok).toBe(14)
    expect(results['missing warm-up']!.non2xx).toBe(6)
    expect(elapsed).toBeGreaterThan(1400)
  })
})
