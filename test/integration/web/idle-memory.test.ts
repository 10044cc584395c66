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

/** A server that answered one request, after which its garbage is a few hundred MB. */
const CHILD = `
import { EventEmitter } from 'node:events'
import { collectWhenIdle } from '${IDLE_MEMORY}'
const mb = () => Math.round(process.memoryUsage().rss / 1048576)
const server = new EventEmitter()
collectWhenIdle(server)
let garbage = []
for (let i = 0; i < 2e6; i++) garbage.push({ i, pair: [i, i + 1] })
const full = mb()
garbage = null
const answer = new EventEmitter()
server.emit('request', {}, answer)
answer.emit('close')
// the tick that sees the request, three plain collections and the last resort, a second apart
setTimeout(() => console.log(JSON.stringify({ full, idle: mb() })), 6_500)
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
    const { full, idle } = JSON.parse(stdout) as { full: number; idle: number }
    expect(full).toBeGreaterThan(250)
    expect(idle).toBeLessThan(full / 3)
  }, 30_000)
})
