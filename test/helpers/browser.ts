/**
 * Real-browser tests: playwright-core drives the Debian chromium package (never a downloaded
 * browser), against the app served in-process on a free port over a temp database with the demo
 * organisation.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { serve } from '@hono/node-server'
import { type Browser, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'
import { loadConfig } from '../../src/config.ts'
import { migrate } from '../../src/db/migrate.ts'
import { openDatabase } from '../../src/db/open.ts'
import type { Role } from '../../src/db/repos/users.ts'
import { seedDemoData } from '../../src/seed.ts'
import { createApp } from '../../src/web/app.ts'
import { ProjectionService } from '../../src/web/services/projections.ts'
import { RULES, TEST_PASSWORD, TODAY, testEmail, testUser } from './web.ts'

/** Where browser tests write screenshots for review (git-ignored). */
export const SCREENSHOTS = 'test-results/screenshots'

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium was not found at ${CHROMIUM_PATH}. The browser tests use the Debian package: ` +
        'install it with apt-get install -y chromium (or set CHROMIUM_PATH to a Chromium binary).',
    )
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

export interface RunningApp {
  /** Base URL, e.g. "http://127.0.0.1:41234". */
  url: string
  /** Signs `page` in as the test account for `role` through the real sign-in form. */
  signIn(page: Page, role: Role): Promise<void>
  /** The test account for `role` (created on first use), for tests that sign in their own way. */
  account(role: Role): { email: string; password: string }
  close(): Promise<void>
}

/** Serves the app on a free loopback port over a temp database seeded with the demo data. */
export async function startApp(): Promise<RunningApp> {
  const dir = mkdtempSync(join(tmpdir(), 'planner-e2e-'))
  const db = openDatabase(join(dir, 'planner.sqlite'))
  migrate(db)
  seedDemoData(db)
  const projections = new ProjectionService(db, RULES)
  const app = createApp({
    db,
    config: loadConfig({}),
    clock: () => TODAY,
    rules: RULES,
    projections,
  })
  const { server, port } = await new Promise<{ server: ReturnType<typeof serve>; port: number }>(
    (resolve) => {
      const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
        resolve({ server, port: (info as AddressInfo).port }),
      )
    },
  )
  const url = `http://127.0.0.1:${port}`
  return {
    url,
    async signIn(page, role) {
      testUser(db, role)
      await page.goto(`${url}/login`)
      await page.getByLabel('Email').fill(testEmail(role))
      await page.getByLabel('Password').fill(TEST_PASSWORD)
      await Promise.all([
        page.waitForURL((u) => !u.pathname.startsWith('/login')),
        page.getByRole('button', { name: 'Sign in' }).click(),
      ])
    },
    account(role) {
      testUser(db, role)
      return { email: testEmail(role), password: TEST_PASSWORD }
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          db.close()
          rmSync(dir, { recursive: true, force: true })
          resolve()
        })
      }),
  }
}

/**
 * Script errors and console errors (CSP violations surface there) of `page` from now on; the
 * pages must have none.
 */
export function watchProblems(page: Page): string[] {
  const problems: string[] = []
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text())
  })
  page.on('pageerror', (e) => problems.push(e.message))
  return problems
}

/**
 * One browser and one running app shared by the tests of a file: started before them, closed after.
 * The fields are filled in `beforeAll`, so read them inside tests, not at module level.
 */
export function useBrowserApp(): { browser: Browser; app: RunningApp } {
  const session = {} as { browser: Browser; app: RunningApp }
  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true })
    session.browser = await launchBrowser()
    session.app = await startApp()
  })
  afterAll(async () => {
    await session.browser?.close()
    await session.app?.close()
  })
  return session
}
