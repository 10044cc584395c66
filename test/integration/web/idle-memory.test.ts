/**
 * The idle collections (src/idle-memory.ts) give memory back on the Node that runs the suite, in
 * a real process with `npm start`'s flags: a few hundred megabytes allocated and dropped, then a
 * request and a quiet spell. Run on Node 20 and on Node 24 in CI, whose collectors keep freed
 * pages differently.
 */
import { execFile } from 'node:child_process'
import { createRequire } from 'node:module'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { START_FLAGS } from '../../bench/memory-load.ts'

const IDLE_MEMORY = new URL('../../../src/idle-memory.ts', import.meta.url).href
const TSX = createRequire(import.meta.url).resolve('tsx')

/**
 * A server that answered one request, after which its garbage is a few hundred MB. Its collector
 * is V8's own `gc`, watched so that the resident size is read as soon as the quiet spell's last
 * collection is done, or after 15 s if none comes.
 */
const CHILD = `
import { EventEmitter } from 'node:events'
import { collectWhenIdle } from '${IDLE_MEMORY}'
const mb = () => Math.round(process.memoryUsage().rss / 1048576)
let full = 0
const report = (lastResort) => {
  console.log(JSON.stringify({ full, idle: mb(), lastResort }))
  clearTimeout(deadline)
}
const deadline = setTimeout(() => report(false), 15_000)
const server = new EventEmitter()
collectWhenIdle(server, (options) => {
  globalThis.gc(options)
  if (options !== undefined) report(true)
})
let garbage = []
for (let i = 0; i < 2e6; i++) garbage.push({ i, pair: [i, i + 1] })
full = mb()
garbage = null
const answer = new EventEmitter()
server.emit('request', {}, answer)
answer.emit('close')
`

describe('memory given back once the server is idle', () => {
  it(`returns what a busy spell left behind to the system on ${process.version}`, async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [
      ...START_FLAGS,
      '--import',
      TSX,
      '--input-type=module',
      '--eval',
      CHILD,
    ])
    const { full, idle, lastResort } = JSON.parse(stdout) as {
      full: number
      idle: number
      lastResort: boolean
    }
    expect(full).toBeGreaterThan(250)
    expect(idle).toBeLessThan(full / 3)
    expect(lastResort).toBe(true)
  }, 30_000)
})
