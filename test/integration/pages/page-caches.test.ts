/**
 * The faster paths behind the dashboard and the positions table (see README "HTTP benchmark"):
 * they give the figures the plain computation gives, and nothing cached outlives a write.
 */
import { describe, expect, it } from 'vitest'
import { getPosition } from '../../../src/db/repos/positions.ts'
import { onBooksAtMonthEnd } from '../../../src/domain/projection/result.ts'
import { viewerOf } from '../../../src/web/auth/viewer.ts'
import { headcountByTopTeam, totalHeadcount } from '../../../src/web/routes/projection-table.ts'
import { formValuesOf } from '../../../src/web/services/position-form.ts'
import { postForm, type TestApp, testApp } from '../../helpers/web.ts'

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
})
