/**
 * Single sign-on in Chromium: the planner served on a free port with single sign-on through a real
 * OpenID provider (test/helpers/oidc.ts) on another, walked through the provider's own pages.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { serve } from '@hono/node-server'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { migrate } from '../../src/db/migrate.ts'
import { type Database, openDatabase } from '../../src/db/open.ts'
import { saveGroupMapping } from '../../src/db/repos/sso.ts'
import { findLogin, setDisabled } from '../../src/db/repos/users.ts'
import { seedDemoData } from '../../src/seed.ts'
import { createApp } from '../../src/web/app.ts'
import { ProjectionService } from '../../src/web/services/projections.ts'
import { launchBrowser, SCREENSHOTS } from '../helpers/browser.ts'
import { ssoConfig, startProvider, type TestProvider } from '../helpers/oidc.ts'
import { RULES, TODAY } from '../helpers/web.ts'

let browser: Browser
let provider: TestProvider
let db: Database
let url: string
let close: () => Promise<void>

beforeAll(async () => {
  browser = await launchBrowser()
  // the planner's port first (the provider registers its address), its app once the provider runs
  let fetchApp: (req: Request) => Response | Promise<Response> = () => new Response(null)
  const server = serve({ fetch: (req) => fetchApp(req), port: 0, hostname: '127.0.0.1' })
  await new Promise((resolve) => server.once('listening', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  provider = await startProvider(url)
  const dir = mkdtempSync(join(tmpdir(), 'planner-sso-'))
  db = openDatabase(join(dir, 'planner.sqlite'))
  migrate(db)
  seedDemoData(db)
  saveGroupMapping(db, { group: 'planner-finance', role: 'finance', teams: [] })
  saveGroupMapping(db, { group: 'planner-viewers', role: 'viewer', teams: [] })
  saveGroupMapping(db, { group: 'interp-leads', role: 'manager', teams: ['interpretability'] })
  const app = createApp({
    db,
    config: ssoConfig(provider, url),
    clock: () => TODAY,
    rules: RULES,
    projections: new ProjectionService(db, RULES),
  })
  fetchApp = app.fetch
  close = () =>
    new Promise<void>((resolve) =>
      server.close(() => {
        db.close()
        rmSync(dir, { recursive: true, force: true })
        resolve()
      }),
    )
})
afterAll(async () => {
  await browser?.close()
  await provider?.close()
  await close?.()
})

/** From the planner's sign-in page through the provider's, as `login`; where it ends. */
async function signIn(page: Page, login: string) {
  await page.goto(`${url}/login`)
  await page.getByRole('button', { name: 'Sign in with Test ID' }).click()
  await page.locator('input[name="login"]').fill(login)
  await page.locator('input[name="password"]').fill('any')
  await Promise.all([
    page.waitForURL((u) => u.origin === url),
    page.getByRole('button', { name: 'Sign-in' }).click(),
  ])
}

const heading = (page: Page) => page.getByRole('heading', { level: 1 }).textContent()

describe('single sign-on in a browser', () => {
  it('signs in through the provider with the role and teams the groups give, takes a changed group at the next sign-in, and signs out at both', async () => {
    const page = await browser.newPage()
    provider.directory.set('helen', {
      email: 'helen@corp.example',
      name: 'Helen Okafor',
      groups: ['interp-leads'],
    })
    await signIn(page, 'helen')
    // a manager lands on the overview of their teams
    expect(new URL(page.url()).pathname).toBe('/overview')
    await expect(page.locator('.account-name').textContent()).resolves.toBe('Helen Okafor')
    await expect(page.locator('.account-role').textContent()).resolves.toBe('manager')
    await page.screenshot({ path: `${SCREENSHOTS}/sso-manager.png`, fullPage: true })
    expect(findLogin(db, 'helen@corp.example')!.user.teamIds).toEqual(['interpretability'])
    // a manager's pay pages for their own team open; another team's do not exist for them
    expect((await page.goto(`${url}/teams/interpretability`))!.status()).toBe(200)
    expect((await page.goto(`${url}/teams/pretraining`))!.status()).toBe(404)

    // signing out ends our session and then the provider's (its confirmation page)
    await page.goto(`${url}/`)
    await page.locator('.account summary').click()
    await page.getByRole('button', { name: 'Sign out' }).click()
    await page.getByRole('button', { name: 'Yes, sign me out' }).click()
    await page.waitForURL((u) => u.origin === url && u.pathname === '/login')
    expect((await page.goto(`${url}/positions`))!.url()).toContain('/login')

    // the provider moves her to finance: the next sign-in says so
    provider.directory.set('helen', {
      ...provider.directory.get('helen')!,
      groups: ['planner-finance'],
    })
    await signIn(page, 'helen')
    await expect(page.locator('.account-role').textContent()).resolves.toBe('finance')
    expect(findLogin(db, 'helen@corp.example')!.user.teamIds).toEqual([])
    await page.close()
  }, 120_000) // three trips through the provider's pages

  it('refuses someone in no mapped group with a page that says why', async () => {
    const page = await browser.newPage()
    provider.directory.set('sam', { email: 'sam@corp.example', name: 'Sam', groups: ['sales'] })
    await signIn(page, 'sam')
    expect(await heading(page)).toBe('Your account has no access to the planner')
    await page.screenshot({ path: `${SCREENSHOTS}/sso-no-group.png`, fullPage: true })
    expect(findLogin(db, 'sam@corp.example')).toBeNull()
    expect((await page.goto(`${url}/`))!.url()).toContain('/login')
    await page.close()
  }, 60_000)

  it('keeps a disabled account out, whatever the provider says', async () => {
    const page = await browser.newPage()
    provider.directory.set('ola', {
      email: 'ola@corp.example',
      name: 'Ola',
      groups: ['planner-viewers'],
    })
    await signIn(page, 'ola')
    await expect(page.locator('.account-role').textContent()).resolves.toBe('viewer')
    setDisabled(db, findLogin(db, 'ola@corp.example')!.user.id, true, TODAY)
    // another browser, so the provider asks again rather than remembering her
    const fresh = await (await browser.newContext()).newPage()
    await signIn(fresh, 'ola')
    expect(await heading(fresh)).toBe('Your planner account is disabled')
    await fresh.screenshot({ path: `${SCREENSHOTS}/sso-disabled.png`, fullPage: true })
    // and her open session ended when she was disabled
    expect((await page.goto(`${url}/`))!.url()).toContain('/login')
    await page.close()
  }, 60_000)
})
