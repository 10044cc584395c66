import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { SCREENSHOTS, useBrowserApp } from '../helpers/browser.ts'

const session = useBrowserApp()

const TITLE = 'Research Scientist, Circuits'

/** Headcount at the horizon's end on the projection page, approved-only or with proposals. */
async function headcountAtEnd(
  page: Page,
  include: 'Approved plan only' | 'Include pending proposals',
) {
  await page.goto(`${session.app.url}/projection`)
  await page.getByLabel('Proposals').selectOption({ label: include })
  await Promise.all([
    page.waitForURL((u) => u.pathname === '/projection' && u.searchParams.has('include')),
    page.getByRole('button', { name: 'Show', exact: true }).click(),
  ])
  return Number((await page.locator('#summary-headcount-end').textContent())!.trim())
}

describe('hiring plan review in the browser', () => {
  it('a manager proposes a role, leadership approves it, the projection and the audit trail show it', async () => {
    const problems: string[] = []
    const manager = await session.browser.newPage({ viewport: { width: 1280, height: 900 } })
    manager.on('pageerror', (e) => problems.push(e.message))
    await session.app.signIn(manager, 'manager')

    await manager.goto(`${session.app.url}/positions/new`)
    await manager.getByLabel('Title', { exact: true }).fill(TITLE)
    await manager.getByLabel('Team', { exact: true }).selectOption('interpretability')
    await manager.getByLabel('Office', { exact: true }).selectOption('london')
    await manager.getByLabel('Job family').selectOption('research-scientist')
    await manager.getByLabel('Level', { exact: true }).selectOption('l5')
    await manager.getByLabel(/Base salary/).fill('150,000')
    await manager.getByLabel('Target start date').fill('2027-09-01')
    await Promise.all([
      manager.waitForURL((u) => u.pathname === '/positions' && u.searchParams.has('proposed')),
      manager.getByRole('button', { name: 'Add role' }).click(),
    ])
    const id = new URL(manager.url()).searchParams.get('proposed')!
    // the role shows as proposed where the manager plans; the queue holds it for leadership
    await manager.goto(`${session.app.url}/approvals`)
    const mine = manager.locator(`#proposal-${id}`)
    await expect(mine.textContent()).resolves.toContain('Waiting for approval')
    await expect(mine.textContent()).resolves.toContain('£150,000.00')
    await manager.screenshot({ path: `${SCREENSHOTS}/approvals-manager-1280.png`, fullPage: true })

    const leader = await session.browser.newPage({ viewport: { width: 1280, height: 900 } })
    leader.on('pageerror', (e) => problems.push(e.message))
    await session.app.signIn(leader, 'leadership')
    // pending: out of the approved projection, in the one with proposals
    const approvedBefore = await headcountAtEnd(leader, 'Approved plan only')
    expect(await headcountAtEnd(leader, 'Include pending proposals')).toBe(approvedBefore + 1)

    await leader.goto(`${session.app.url}/approvals`)
    const queued = leader.locator(`#proposal-${id}`)
    await expect(queued.textContent()).resolves.toContain(TITLE)
    await expect(queued.textContent()).resolves.toContain('Test manager')
    await leader.screenshot({ path: `${SCREENSHOTS}/approvals-queue-1280.png`, fullPage: true })
    // on a phone the proposal is a card with its buttons on screen
    await leader.setViewportSize({ width: 390, height: 844 })
    for (const name of ['Approve', 'Send back']) {
      const box = (await leader
        .locator(`#decide-${id}`)
        .getByRole('button', { name })
        .boundingBox())!
      expect(box.x).toBeGreaterThanOrEqual(0)
      expect(box.x + box.width).toBeLessThanOrEqual(390)
    }
    await leader.screenshot({ path: `${SCREENSHOTS}/approvals-queue-390.png`, fullPage: true })
    await leader.setViewportSize({ width: 1280, height: 900 })
    await Promise.all([
      leader.waitForURL((u) => u.searchParams.get('decided') === id),
      leader.locator(`#decide-${id}`).getByRole('button', { name: 'Approve' }).click(),
    ])
    await expect(leader.locator('.flash').textContent()).resolves.toContain('Decision saved.')
    await expect(leader.locator(`#proposal-${id}`).textContent()).resolves.toContain('Approved')

    // approved: now in the approved projection
    expect(await headcountAtEnd(leader, 'Approved plan only')).toBe(approvedBefore + 1)
    await leader.close()

    // the manager sees it decided
    await manager.goto(`${session.app.url}/approvals`)
    await expect(manager.locator(`#proposal-${id}`).textContent()).resolves.toContain('Approved')
    await manager.close()

    // finance reads both steps in the audit trail, filtered to the team
    const finance = await session.browser.newPage({ viewport: { width: 1280, height: 900 } })
    finance.on('pageerror', (e) => problems.push(e.message))
    await session.app.signIn(finance, 'finance')
    await finance.goto(`${session.app.url}/audit`)
    await finance.getByLabel('Team').selectOption({ label: 'Interpretability' })
    await Promise.all([
      finance.waitForURL((u) => u.searchParams.get('team') === 'interpretability'),
      finance.getByRole('button', { name: 'Filter' }).click(),
    ])
    // the trail names the record by its role, not its id
    const steps = finance.locator('tbody tr', { hasText: TITLE })
    await expect(steps.count()).resolves.toBe(2)
    // newest first: the approval by leadership, then the proposal by the manager
    await expect(steps.nth(0).textContent()).resolves.toMatch(
      /Test leadership.*Approved a proposal/,
    )
    await expect(steps.nth(1).textContent()).resolves.toMatch(/Test manager.*Proposed a change/)
    await finance.screenshot({ path: `${SCREENSHOTS}/audit-proposal-1280.png`, fullPage: true })
    await finance.close()
    expect(problems).toEqual([])
  })
})
