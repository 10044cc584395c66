/**
 * npm run bench:memory: the planner's resident memory after requests whose filter values are all
 * different (issue 18: 25,000 of them once grew it from 93 to 516 MB for good). The built bundle
 * runs as `npm start` runs it, with the demo organisation; an admin (who may open every filter)
 * first opens each address shape a few times, and the idle memory after that is where it
 * started. Then MEMORY_REQUESTS (25,000) distinct addresses, eight at a time, and the idle memory
 * again. Exits 1 when it grew by more than 50 MB. Prints one JSON line.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { BUNDLE, buildServer } from '../../src/build.ts'
import { signIn } from './http-session.ts'
import { distinctFilterLoad, idleRssMb, rssMb, START_FLAGS } from './memory-load.ts'

const REQUESTS = Number(process.env.MEMORY_REQUESTS ?? 25_000)
const LIMIT_MB = 50
const EMAIL = 'bench@planner.example'
const PASSWORD = 'bench password, not secret'

const dir = mkdtempSync(join(tmpdir(), 'planner-memory-'))
await buildServer()
const planner = spawn(process.execPath, [...START_FLAGS, BUNDLE], {
  env: {
    ...process.env,
    DATABASE_PATH: join(dir, 'planner.sqlite'),
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'info',
    ADMIN_EMAIL: EMAIL,
    ADMIN_PASSWORD: PASSWORD,
  },
  stdio: ['ignore', 'pipe', 'ignore'],
})
const stop = () => {
  planner.kill('SIGTERM')
  rmSync(dir, { recursive: true, force: true })
}
try {
  // the port the OS chose, from the "listening" log line (the access log that follows is dropped)
  const base = await new Promise<string>((resolve, reject) => {
    planner.once('exit', (code) => reject(new Error(`the planner exited ${code}`)))
    const lines = createInterface({ input: planner.stdout! })
    lines.on('line', (line) => {
      const port = /"msg":"listening".*?"url":"http:\/\/[^:"]+:(\d+)"/.exec(line)?.[1]
      if (port) resolve(`http://127.0.0.1:${port}`)
    })
  })
  const headers = await signIn(base, EMAIL, PASSWORD)
  // every shape opened, so what it allocates once (code, the projection, the first tables) is in
  // the baseline; then the values from 0 up are used again by the load, so it starts cached
  await distinctFilterLoad(base, headers, 64)
  const startedMb = await idleRssMb(planner.pid!)

  let peakMb = startedMb
  const sampler = setInterval(() => {
    peakMb = Math.max(peakMb, rssMb(planner.pid!))
  }, 250)
  const t0 = performance.now()
  const { statuses } = await distinctFilterLoad(base, headers, REQUESTS)
  const seconds = (performance.now() - t0) / 1000
  clearInterval(sampler)
  const idleMb = await idleRssMb(planner.pid!)

  const grownMb = idleMb - startedMb
  const round = (mb: number) => Math.round(mb * 10) / 10
  process.stdout.write(
    `${JSON.stringify({
      requests: REQUESTS,
      seconds: round(seconds),
      statuses: Object.fromEntries(statuses),
      idleRssBeforeMb: round(startedMb),
      peakRssMb: round(peakMb),
      idleRssAfterMb: round(idleMb),
      grownMb: round(grownMb),
      limitMb: LIMIT_MB,
    })}\n`,
  )
  if (grownMb > LIMIT_MB) process.exitCode = 1
} finally {
  stop()
}
