/**
 * Budgets through the page and the JSON API: who may set and read them, every refusal naming its
 * field with nothing stored, a stale version answering 409, the audit trail, and the workspace
 * document carrying them.
 */
import { describe, expect, it } from 'vitest'
import { listAudit } from '../../../src/db/repos/audit.ts'
import { readTeamBudgets } from '../../../src/db/repos/team-budgets.ts'
import { section } from '../../helpers/html.ts'
import { ORIGIN, postForm, type TestApp, testApp } from '../../helpers/web.ts'

const form = (changes: Record<string, string> = {}) => ({
  planId: 'fy2027',
  owner: 'team:circuits',
  fiscalYear: '2027',
  headcountCap: '4',
  cost: '1,250,000',
  version: '0',
  ...changes,
})

/** Circuits has no budget in the demo: the tests set one. */
const circuits = (t: TestApp) =>
  readTeamBudgets(t.db).find((s) => s.budget.ownerId === 'circuits') ?? null

const setByForm = (
  t: TestApp,
  changes: Record<string, string> = {},
  role = 'leadership' as const,
) => postForm(t.app, '/team-budgets', form(changes), t.as(role))

function putJson(t: TestApp, body: unknown, role: 'leadership' | 'admin' | 'manager' | 'finance') {
  return t.app.request(`${ORIGIN}/api/v1/plans/fy2027/team-budgets`, {
    method: 'POST',
    headers: { ...t.bearer(role), 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
}

describe('setting a budget on the page', () => {
  it('stores it, audits it and shows the plan against it', async () => {
    const t = testApp()
    const res = await setByForm(t)
    expect(res.status).toBe(303)
    const stored = circuits(t)
    expect(stored!.budget.cost!.toFixed(2)).toBe('1250000.00')
    expect(stored!.budget.headcountCap).toBe(4)
    expect(stored!.version).toBe(1)
    const [event] = listAudit(t.db, { entityType: 'team_budget' })
    expect(event!.action).toBe('team_budget.create')
    expect(event!.teamId).toBe('circuits')

    const html = await (await t.get('/team-budgets?fy=2027', 'finance')).text()
    const row = section(html, 'budget-team-circuits')
    expect(row).toContain('£1,250,000.00')
    expect(row).toContain('Subteam of Interpretability')
    // finance reads, but has no form
    expect(html).not.toContain('action="/team-budgets"')
    expect(html).toContain('Plan against budget, FY2027 (Jan 2027 to Dec 2027)')
  })

  it('refuses bad input naming the field, and stores nothing', async () => {
    const t = testApp()
    const cases: [Record<string, string>, string, string][] = [
      [{ cost: '-5' }, 'budget-cost-error', 'must not be negative'],
      [{ headcountCap: '-1' }, 'budget-headcountCap-error', 'must not be negative'],
      [{ owner: 'team:nowhere' }, 'budget-owner-error', 'there is no team'],
      [
        { fiscalYear: '2031' },
        'budget-fiscalYear-error',
        'FY2031 (Jan 2031 to Dec 2031) is outside the plan, which covers FY2027 (Jan 2027 to Dec 2027)',
      ],
      [{ cost: '12abc' }, 'budget-cost-error', 'must be an amount'],
    ]
    for (const [changes, errorId, message] of cases) {
      const res = await setByForm(t, changes)
      expect(res.status, JSON.stringify(changes)).toBe(422)
      expect(section(await res.text(), errorId)).toContain(message)
    }
    expect(circuits(t)).toBeNull()
    expect(listAudit(t.db, { entityType: 'team_budget' })).toEqual([])
  })

  it('answers 409 to a stale version and keeps the other edit', async () => {
    const t = testApp()
    expect((await setByForm(t)).status).toBe(303)
    // a second person opened the form before the first save: version 0
    const res = await setByForm(t, { cost: '999' })
    expect(res.status).toBe(409)
    expect(await res.text()).toContain('Someone changed this budget since you opened it')
    expect(circuits(t)!.budget.cost!.toFixed(2)).toBe('1250000.00')
    // saved against the current version it goes through
    expect((await setByForm(t, { cost: '999', version: '1' })).status).toBe(303)
    expect(circuits(t)!.budget.cost!.toFixed(2)).toBe('999.00')
  })

  it('removes a budget when both figures are left blank', async () => {
    const t = testApp()
    await setByForm(t)
    expect((await setByForm(t, { cost: '', headcountCap: '', version: '1' })).status).toBe(303)
    expect(circuits(t)).toBeNull()
    expect(listAudit(t.db, { entityType: 'team_budget' })[0]!.action).toBe('team_budget.remove')
  })

  it("refuses a manager, and shows them only their teams' budgets", async () => {
    const t = testApp()
    expect((await setByForm(t, {}, 'manager' as 'leadership')).status).toBe(403)
    await setByForm(t)
    // the demo sets Pretraining's and Research's FY2027 budgets
    const html = await (await t.get('/team-budgets', 'manager')).text()
    expect(html).toContain('id="budget-team-circuits"')
    expect(html).not.toContain('id="budget-team-pretraining"')
    expect(html).not.toContain('id="budget-department-research"')
    const api = (await (await t.get('/api/v1/plans/fy2027/team-budgets', 'manager')).json()) as {
      teamBudgets: { ownerId: string }[]
    }
    expect([...new Set(api.teamBudgets.map((b) => b.ownerId))]).toEqual([
      'interpretability',
      'circuits',
    ])
  })

  it('warns when a department budget is below the sum of its teams', async () => {
    const t = testApp()
    // the demo's FY2027 team budgets: Interpretability £7,800,000.00, Pretraining £1,600,000.00
    await setByForm(t, {
      owner: 'department:research',
      cost: '9000000',
      headcountCap: '',
      version: '1',
    })
    const html = await (await t.get('/team-budgets?fy=2027', 'leadership')).text()
    expect(html.replaceAll('&#39;', "'")).toContain(
      "Research's FY2027 cost budget (£9,000,000.00) is below the sum of its teams' budgets (£9,400,000.00).",
    )
  })
})

describe('the budgets API', () => {
  it('sets and reads budgets with their versions, 409 when stale, 422 naming the field', async () => {
    const t = testApp()
    const body = {
      kind: 'team',
      ownerId: 'platform',
      fiscalYear: 2028,
      headcountCap: 12,
      cost: '2400000.00',
      version: 0,
    }
    const res = await putJson(t, body, 'admin')
    expect(res.status).toBe(200)
    expect(((await res.json()) as { teamBudget: { version: number } }).teamBudget.version).toBe(1)

    const stale = await putJson(t, { ...body, cost: '1.00' }, 'leadership')
    expect(stale.status).toBe(409)
    expect(((await stale.json()) as { current: { cost: string } }).current.cost).toBe('2400000.00')

    const bad = await putJson(t, { ...body, fiscalYear: 2026, version: 1 }, 'leadership')
    expect(bad.status).toBe(422)
    expect(((await bad.json()) as { problems: { path: string }[] }).problems[0]!.path).toBe(
      'fiscalYear',
    )
    expect((await putJson(t, { ...body, version: 1 }, 'finance')).status).toBe(403)

    const read = await t.get('/api/v1/plans/fy2027/team-budgets', 'finance')
    const { teamBudgets } = (await read.json()) as {
      teamBudgets: { ownerId: string; fiscalYear: number }[]
    }
    expect(
      teamBudgets.find((b) => b.ownerId === 'platform' && b.fiscalYear === 2028),
    ).toMatchObject({
      cost: '2400000.00',
      version: 1,
    })
  })

  it('exports budgets in the workspace document and imports them back', async () => {
    const t = testApp()
    await setByForm(t)
    const doc = (await (await t.get('/api/v1/workspace', 'admin')).json()) as {
      teamBudgets: unknown[]
    }
    expect(doc.teamBudgets).toContainEqual({
      planId: 'fy2027',
      kind: 'team',
      ownerId: 'circuits',
      fiscalYear: 2027,
      headcountCap: 4,
      cost: '1250000.00',
    })
    const res = await t.app.request(`${ORIGIN}/api/v1/workspace`, {
      method: 'POST',
      headers: { ...t.bearer('admin'), 'content-type': 'application/json' },
      body: JSON.stringify({
        ...doc,
        teamBudgets: [{ ...(doc.teamBudgets[0] as object), fiscalYear: 2040 }],
      }),
    })
    expect(res.status).toBe(422)
    expect(await res.text()).toContain('teamBudgets.0.fiscalYear')
  })
})
