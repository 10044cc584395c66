/**
 * The app under test: createApp over a fresh migrated database holding the demo organisation, a
 * fixed clock and a logger whose lines the test can read. No port is bound.
 */
import type { Hono } from 'hono'
import { loadConfig } from '../../src/config.ts'
import type { Database } from '../../src/db/open.ts'
import { seedDemoData } from '../../src/seed.ts'
import { type AppEnv, createApp } from '../../src/web/app.ts'
import { createLogger } from '../../src/web/log.ts'
import { freshDatabase } from './db.ts'

/** "Today" for web tests: in the first month of the demo organisation's FY2027 plan. */
export const TODAY = new Date('2027-01-15T12:00:00Z')

export interface TestApp {
  app: Hono<AppEnv>
  db: Database
  /** Parsed JSON log entries written so far. */
  logs: Record<string, unknown>[]
}

export function testApp(opts: { seed?: boolean } = {}): TestApp {
  const db = freshDatabase()
  if (opts.seed ?? true) seedDemoData(db)
  const logs: Record<string, unknown>[] = []
  const logger = createLogger(
    'debug',
    (line) => logs.push(JSON.parse(line)),
    () => TODAY,
  )
  const app = createApp({ db, config: loadConfig({}), clock: () => TODAY, logger })
  return { app, db, logs }
}

/** Origin of `app.request()` URLs; same-origin requests must name it for csrf() to pass. */
export const ORIGIN = 'http://localhost'

/** A form POST as a browser on our own pages sends it (Origin set), so csrf() lets it through. */
export function postForm(
  app: Hono<AppEnv>,
  path: string,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<Response> {
  return Promise.resolve(
    app.request(`${ORIGIN}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: ORIGIN,
        ...headers,
      },
      body: new URLSearchParams(fields).toString(),
    }),
  )
}
