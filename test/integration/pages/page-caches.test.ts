/**
 * The faster paths behind the dashboard and the positions table (see README "HTTP benchmark"):
 * they give the figures the plain computation gives, and nothing cached outlives a write.
 */
import { describe, expect, it } from 'vitest'
import { getPosition } from '../../../src/db/repos/positions.ts'
import { listProposals } from '../../../src/db/repos/proposals.ts'
import { getScenario } from '../../../src/db/repos/scenarios.ts'
import { onBooksAtMonthEnd } from '../../../src/domain/projection/result.ts'
import { viewerOf } from '../../../src/web/auth/viewer.ts'
import { formValuesOf } from '../../../src/web/services/position-form.ts'
import { positionTable, tableQuery } from '../../../src/web/services/position-table.ts'
import { headcountByTopTeam, totalHeadcount } from '../../../src/web/services/projection-table.ts'
import { type PositionRowModel, SORT_KEYS } from '../../../views/models/position-table.ts'
import {
  approveAs,
  LONDON_ROLE,
  postForm,
  shrinkResearchPool,
  type TestApp,
  testApp,
} from '../../helpers/web.ts'

const summary = (html: string, id: string) =>
  new RegExp(`id="${id}">([^<]+)<`).exec(html)?.[1]?.trim()

/** Raises a position's salary by `by` as leadership (whose edits apply at once). */
async function raiseSalary(t: TestApp, positionId: string, by: number) {
  const stored = getPosition(t.db, 'fy2027', positionId)!
  const values = formValuesOf(stored.position)
  const res = await postForm(
    t.app,
    `/positions/${positionId}`,
    {
      ...values,
      baseSalary: (Number(values.baseSalary) + by).toFixed(2),
      version: String(stored.version),
    },
    { ...t.as('leadership'), 'hx-request': 'true' },
  )
  expect(res.status).toBe(200)
}

describe('dashboard headcount', () => {
  it('counts each top team month by month as onBooksAtMonthEnd does, and sums to the engine', () => {
    const t = testApp()
    const { projection: p, doc } = t.projections.view(viewerOf(t.db, t.user('admin'), 'session'))
    const byTeam = headcountByTopTeam(p, doc.teams)
    const parent = new Map(doc.teams.map((team) => [team.id, team.parentTeamId]))
    const top = (id: string): string => {
      const up = parent.get(id)
      return up ? top(up) : id
    }
    // the plain count: every position against every month
    const expected = new Map<string, number[]>()
    for (const pos of p.positions) {
      const series = expected.get(top(pos.teamId)) ?? p.months.map(() => 0)
      p.months.forEach((m, i) => {
        if (onBooksAtMonthEnd(pos.terms, m)) series[i]!++
      })
      expected.set(top(pos.teamId), series)
    }
    // teams with no one on the books in any month have no series in the fast count
    for (const [key, series] of expected) {
      expect(byTeam.get(key) ?? p.months.map(() => 0), key).toEqual(series)
    }
    const heads = p.months.map((_, i) => p.headcount.filled[i]! + p.headcount.open[i]!)
    expect(totalHeadcount(byTeam, p.months.length)).toEqual(heads)
  })
})

describe('positions table order', () => {
  // the plain order: String.localeCompare on each key, levels by rank, salaries within currency
  const plain: Record<string, (a: PositionRowModel, b: PositionRowModel) => number> = {
    title: (a, b) => a.title.localeCompare(b.title),
    team: (a, b) => a.teamName.localeCompare(b.teamName),
    office: (a, b) => a.officeName.localeCompare(b.officeName),
    family: (a, b) => a.familyName.localeCompare(b.familyName),
    level: (a, b) => a.levelRank - b.levelRank,
    status: (a, b) => a.status.localeCompare(b.status),
    start: (a, b) => a.start.localeCompare(b.start),
    salary: (a, b) => a.currency.localeCompare(b.currency) || a.baseSalary.comparedTo(b.baseSalary),
    // no band in force sorts after every compa-ratio
    compa: (a, b) =>
      a.band && b.band
        ? a.band.compaRatio.comparedTo(b.band.compaRatio)
        : !a.band
          ? b.band
            ? 1
            : 0
          : -1,
  }

  it.each(SORT_KEYS.flatMap((sort) => [`${sort} asc`, `${sort} desc`]))(
    'sorted by %s as a plain stable sort sorts it',
    (choice) => {
      const [sort, dir] = choice.split(' ') as [string, 'asc' | 'desc']
      const t = testApp()
      const { doc, input } = t.projections.view(viewerOf(t.db, t.user('admin'), 'session'))
      const q = tableQuery.parse({ sort, dir })
      const rows = positionTable(doc, input.ctx.fillTimes, input.positions, q, '2027-01-15')
      const sign = dir === 'desc' ? -1 : 1
      const ids = input.positions.map((p) => p.id)
      const expected = [
        ...positionTable(
          doc,
          input.ctx.fillTimes,
          input.positions,
          tableQuery.parse({}),
          '2027-01-15',
        ),
      ]
        // back to the plan's order, then sorted plainly (Array.sort is stable)
        .sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id))
        .sort((a, b) => sign * plain[sort]!(a, b))
      expect(rows.map((r) => r.id)).toEqual(expected.map((r) => r.id))
    },
  )
})

describe('positions table rows', () => {
  it('are worked out again when the reference data they name is replaced, or the day moves', () => {
    const t = testApp()
    const { doc, input } = t.projections.view(viewerOf(t.db, t.user('admin'), 'session'))
    const q = tableQuery.parse({})
    const banded = positionTable(doc, input.ctx.fillTimes, input.positions, q, '2027-01-15')
    expect(banded.some((r) => r.band !== null)).toBe(true)
    // the same positions list, but a workspace whose bands are gone: no row keeps its old fit
    const unbanded = positionTable(
      { ...doc, salaryBands: [] },
      input.ctx.fillTimes,
      input.positions,
      q,
      '2027-01-15',
    )
    expect(unbanded.every((r) => r.band === null)).toBe(true)
    // before every band took effect (the demo's bands start in 2026): no fit either
    const early = positionTable(doc, input.ctx.fillTimes, input.positions, q, '2000-01-01')
    expect(early.every((r) => r.band === null)).toBe(true)
  })
})

describe('cached pages follow every write', () => {
  it('the dashboard is served again unchanged, and shows an edit on the next request', async () => {
    const t = testApp()
    const first = await (await t.get('/projection', 'leadership')).text()
    const again = await (await t.get('/projection', 'leadership')).text()
    expect(summary(again, 'summary-cost')).toBe(summary(first, 'summary-cost'))
    await raiseSalary(t, 'p-002', 12_000)
    const after = await (await t.get('/projection', 'leadership')).text()
    expect(summary(after, 'summary-cost')).not.toBe(summary(first, 'summary-cost'))
  })

  it('the positions table and its figures show an edit on the next request', async () => {
    const t = testApp()
    const before = await (await t.get('/positions?sort=title', 'leadership')).text()
    const row = (html: string) => /<tr id="position-p-002">.*?<\/tr>/s.exec(html)?.[0]
    const stored = getPosition(t.db, 'fy2027', 'p-002')!
    await raiseSalary(t, 'p-002', 12_000)
    const after = await (await t.get('/positions?sort=title', 'leadership')).text()
    const raised = stored.position.baseSalary.plus(12_000).toNumber().toLocaleString('en-GB')
    expect(row(before)).not.toContain(raised)
    expect(row(after)).toContain(raised)
    const planCost = (html: string) => /Plan total.*?<\/tr>/s.exec(html)?.[0]
    expect(planCost(after)).not.toBe(planCost(before))
  })

  it("a team page's charts, cost by component and budget show an edit on the next request", async () => {
    const t = testApp()
    const section = (html: string, id: string) => {
      const from = html.indexOf(`id="${id}"`)
      expect(from, id).toBeGreaterThan(0)
      return html.slice(from, html.indexOf('</table>', from))
    }
    const read = async () => (await t.get('/teams/interpretability', 'leadership')).text()
    const before = await read()
    expect(await read()).toBe(before)
    await raiseSalary(t, 'p-002', 12_000)
    const after = await read()
    expect(section(after, 'cost-by-component')).not.toBe(section(before, 'cost-by-component'))
    expect(section(after, 'team-budget')).not.toBe(section(before, 'team-budget'))
  })

  it("a comparison's difference shows an edit of its scenario on the next request", async () => {
    const t = testApp()
    const created = await postForm(t.app, '/scenarios', { name: 'Raise' }, t.as('leadership'))
    expect(created.status).toBe(303)
    const total = async () => {
      const html = await (await t.get('/scenarios/compare?a=&b=raise', 'leadership')).text()
      return /data-row="total".*?<\/tr>/s.exec(html)?.[0]
    }
    const before = await total()
    expect(before).toBeDefined()
    const res = await postForm(
      t.app,
      '/scenarios/raise/roles',
      {
        version: String(getScenario(t.db, 'raise')!.version),
        positionId: 'p-002',
        startDate: '',
        baseSalary: '360000',
      },
      t.as('leadership'),
    )
    expect(res.status).toBe(303)
    expect(await total()).not.toBe(before)
  })

  it("the recruiting page's demand and what-if follow a pool's save on the next request", async () => {
    const t = testApp()
    const from = (html: string, id: string) => html.slice(html.indexOf(`id="${id}"`))
    const before = await (await t.get('/recruiting', 'admin')).text()
    // a pool's save bumps its version, not the store's revision
    expect((await shrinkResearchPool(t, 1)).status).toBe(303)
    const after = await (await t.get('/recruiting', 'admin')).text()
    expect(from(after, 'recruiting-warnings')).not.toBe(from(before, 'recruiting-warnings'))
    expect(from(after, 'recruiting-what-if')).not.toBe(from(before, 'recruiting-what-if'))
  })

  it('the approvals queue is served again unchanged, and shows a proposal and its decision on the next read', async () => {
    const t = testApp()
    const read = async () => (await t.get('/approvals', 'leadership')).text()
    const empty = await read()
    expect(await read()).toBe(empty)
    expect(empty).toContain('Nothing is waiting for approval.')
    // a proposal is not workspace data: making one leaves the store's revision alone
    const proposed = await postForm(
      t.app,
      '/positions',
      { ...LONDON_ROLE, title: 'Kept queue' },
      t.as('manager'),
    )
    expect(proposed.status).toBe(303)
    const waiting = await read()
    expect(waiting).not.toContain('Nothing is waiting for approval.')
    expect(waiting).toContain('Kept queue')
    expect(waiting).toContain('<span class="nav-count">1<')
    const [proposal] = listProposals(t.db, { status: 'pending' })
    expect((await approveAs(t, proposal!, 'leadership')).status).toBe(303)
    const after = await read()
    expect(after).toContain('Nothing is waiting for approval.')
    expect(after).not.toContain('No decided proposal matches.')
    expect(after).not.toContain('nav-count')
  })

  it('a kept page is never served to another account, nor a full page to htmx', async () => {
    const t = testApp()
    for (const path of ['/projection', '/positions']) {
      const admin = await (await t.get(path, 'admin')).text()
      const finance = await (await t.get(path, 'finance')).text()
      expect(admin).toContain('Test admin')
      expect(admin).toContain('<!DOCTYPE html>')
      expect(finance).toContain('Test finance')
      expect(finance).not.toContain('Test admin')
      const fragment = await (await t.get(path, 'admin', { 'hx-request': 'true' })).text()
      expect(fragment).not.toContain('<!DOCTYPE html>')
      expect(await (await t.get(path, 'admin')).text()).toBe(admin)
    }
  })
})
