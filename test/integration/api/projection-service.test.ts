/**
 * The projection service: the store revision moves on workspace writes only, projections are
 * cached until it moves, an inline edit re-projects by difference to the same figures as a full
 * run, a manager's projection holds only their teams and no company lines, and a scenario uses
 * its own rate set unless told otherwise.
 */
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { getPosition, updatePosition } from '../../../src/db/repos/positions.ts'
import { currentRevision } from '../../../src/db/repos/revision.ts'
import { insertSession } from '../../../src/db/repos/sessions.ts'
import { dec } from '../../../src/domain/money.ts'
import { COMPANY_KEY } from '../../../src/domain/projection/result.ts'
import { viewerOf } from '../../../src/web/auth/viewer.ts'
import { ProjectionService } from '../../../src/web/services/projections.ts'
import { saveBenchWorkspace } from '../../bench/http-workspace.ts'
import { freshDatabase, tempDir } from '../../helpers/db.ts'
import { withTurns } from '../../helpers/turns.ts'
import { LONDON_ROLE, MANAGED_TEAM, postForm, RULES, testApp, testUser } from '../../helpers/web.ts'

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0)

function setup() {
  const t = testApp()
  const viewer = (role: 'admin' | 'manager') => viewerOf(t.db, t.user(role), 'session')
  return { ...t, service: new ProjectionService(t.db, RULES), viewer }
}

describe('store revision', () => {
  it('goes up on a workspace write and not on a session', () => {
    const t = setup()
    const before = currentRevision(t.db)
    insertSession(t.db, 'a'.repeat(64), t.user('admin').id, new Date())
    expect(currentRevision(t.db)).toBe(before)
    t.db.prepare("UPDATE teams SET name = 'Renamed' WHERE id = ?").run(MANAGED_TEAM)
    expect(currentRevision(t.db)).toBe(before + 1)
  })
})

describe('ProjectionService', () => {
  it('returns the cached view until the store changes, then recomputes', () => {
    const t = setup()
    const admin = t.viewer('admin')
    const first = t.service.view(admin, { planId: 'fy2027' })
    expect(t.service.view(admin, {})).toBe(first)
    t.db.prepare("UPDATE teams SET name = 'Renamed' WHERE id = ?").run(MANAGED_TEAM)
    const after = t.service.view(admin, { planId: 'fy2027' })
    expect(after).not.toBe(first)
    expect(after.doc.teams.find((x) => x.id === MANAGED_TEAM)?.name).toBe('Renamed')
  })

  it('after an inline edit, re-projects by difference to the same totals as a full run', () => {
    const t = setup()
    const admin = t.viewer('admin')
    const manager = t.viewer('manager')
    t.service.view(admin, { planId: 'fy2027' })
    t.service.view(manager, { planId: 'fy2027', currency: 'USD' })
    const stored = getPosition(t.db, 'fy2027', 'p-001')!
    const raised = { ...stored.position, baseSalary: dec('450000.00') }
    const fillTimes = t.service.view(admin, { planId: 'fy2027' }).input.ctx.fillTimes
    expect(updatePosition(t.db, 'fy2027', raised, stored.version).ok).toBe(true)
    t.service.positionEdited('fy2027', 'p-001')
    // a position's edit leaves the fill times as they were: the same lookup, so what is kept by
    // it (the positions table's rows) holds, instead of every row worked out again
    expect(t.service.view(admin, { planId: 'fy2027' }).input.ctx.fillTimes).toBe(fillTimes)

    const fresh = new ProjectionService(t.db, RULES)
    for (const [viewer, currency] of [
      [admin, undefined],
      [manager, 'USD'],
    ] as const) {
      const edited = t.service.view(viewer, { planId: 'fy2027', currency })
      const full = fresh.view(viewer, { planId: 'fy2027', currency })
      expect(edited.projection.totals.total).toEqual(full.projection.totals.total)
      expect(edited.projection.totals.byTeam).toEqual(full.projection.totals.byTeam)
      expect(edited.input.positions.find((p) => p.id === 'p-001')?.baseSalary.toFixed(2)).toBe(
        '450000.00',
      )
    }
  })

  it('with pending proposals applied, an edit to another role is re-projected by difference too', async () => {
    const t = setup()
    const admin = t.viewer('admin')
    const proposed = await postForm(t.app, '/positions', LONDON_ROLE, t.as('manager'))
    expect(proposed.status).toBe(303)
    const before = t.service.view(admin, { planId: 'fy2027', include: 'all' })
    const stored = getPosition(t.db, 'fy2027', 'p-001')!
    const raised = { ...stored.position, baseSalary: dec('450000.00') }
    expect(updatePosition(t.db, 'fy2027', raised, stored.version).ok).toBe(true)
    t.service.positionEdited('fy2027', 'p-001')

    const edited = t.service.view(admin, { planId: 'fy2027', include: 'all' })
    const full = new ProjectionService(t.db, RULES).view(admin, {
      planId: 'fy2027',
      include: 'all',
    })
    expect(edited).not.toBe(before)
    expect(edited.input.positions.length).toBe(before.input.positions.length)
    expect(edited.projection.totals.total).toEqual(full.projection.totals.total)
    expect(edited.projection.totals.byTeam).toEqual(full.projection.totals.byTeam)
  })

  it("gives a manager only their teams' positions, without company lines", () => {
    const t = setup()
    const { projection } = t.service.view(t.viewer('manager'), { planId: 'fy2027' })
    const teams = new Set(['interpretability', 'circuits', 'dictionary-learning', 'model-biology'])
    expect(projection.positions.length).toBeGreaterThan(0)
    for (const p of projection.positions) expect(teams.has(p.teamId)).toBe(true)
    // only the teams' own attrition lines: no levy or desks
    for (const l of projection.companyLines) expect(teams.has(l.teamId ?? '')).toBe(true)
    const { totals } = projection
    expect(totals.byComponent.has('apprenticeship_levy')).toBe(false)
    expect(totals.byComponent.has('office_desks')).toBe(false)
    expect(totals.byTeam.has(COMPANY_KEY)).toBe(false)
    // every month's total is the sum of the visible teams', and of the offices' and currencies'
    totals.total.forEach((v, i) => {
      expect(sum([...totals.byTeam.values()].map((s) => s[i]!))).toBe(v)
      expect(sum([...totals.byOffice.values()].map((s) => s[i]!))).toBe(v)
      expect(sum([...totals.byCurrency.values()].map((s) => s[i]!))).toBe(v)
      expect(sum([...totals.byComponent.values()].map((s) => s[i]!))).toBe(v)
    })
  })

  it('projects a scenario with its changes, and at another rate set when asked', () => {
    const t = setup()
    const admin = t.viewer('admin')
    const baseline = t.service.view(admin, { planId: 'fy2027' })
    const scenario = t.service.view(admin, { planId: 'fy2027', scenarioId: 'accelerated-hiring' })
    expect(scenario.scenario?.id).toBe('accelerated-hiring')
    expect(scenario.projection.totals.total).not.toEqual(baseline.projection.totals.total)
    expect(scenario.fx.id).toBe('budget-2026')
  })

  it('answers 404 for an unknown plan or scenario', () => {
    const t = setup()
    const admin = t.viewer('admin')
    expect(() => t.service.view(admin, { planId: 'nope' })).toThrow(/no plan "nope"/)
    expect(() => t.service.view(admin, { planId: 'fy2027', scenarioId: 'nope' })).toThrow(
      /no scenario "nope"/,
    )
  })
})

describe('ProjectionService in turns', () => {
  /** A database file (a second connection can read it) holding 3,000 generated positions. */
  function large() {
    const db = freshDatabase(join(tempDir(), 'planner.sqlite'))
    const doc = saveBenchWorkspace(db, 3000)
    const admin = viewerOf(db, testUser(db, 'admin'), 'session')
    return { db, doc, admin, service: new ProjectionService(db, RULES) }
  }

  it('loads the workspace and projects it in steps, other callbacks running between', async () => {
    const t = large()
    const { value: view, turns } = await withTurns(t.service.viewInTurns(t.admin))
    expect(view.plan.positions).toHaveLength(3000)
    // the projected positions (those on the books in the plan's months): their runs, then their
    // totals, a few hundred at a time, each step a turn (at least one per thousand)
    const projected = view.projection.positions.length
    expect(projected).toBeGreaterThan(2000)
    expect(turns).toBeGreaterThanOrEqual(2 * Math.floor(projected / 1000))
    const atOnce = new ProjectionService(t.db, RULES).view(t.admin)
    expect(view.projection.totals.total).toEqual(atOnce.projection.totals.total)
    // kept: the pages that read it at once get the same view
    expect(t.service.view(t.admin)).toBe(view)
  })

  it('computes once for callers that ask at the same time', async () => {
    const t = large()
    const [a, b] = await Promise.all([
      t.service.viewInTurns(t.admin),
      t.service.viewInTurns(t.admin, { planId: t.doc.plans[0]!.id }),
    ])
    expect(a).toBe(b)
  })

  it('warms the company-wide view at a start: the first page gets it, a manager her own', async () => {
    const t = large()
    const { value: warming, turns } = await withTurns(
      Promise.all([t.service.warm(), t.service.viewInTurns(t.admin)]),
    )
    const [warmed, first] = warming
    // computed in turns, the page awaiting the computation under way (one per view: above)
    expect(turns).toBeGreaterThan(2)
    expect(first).toBe(warmed)
    expect(t.service.view(t.admin)).toBe(warmed)
    const manager = viewerOf(t.db, testUser(t.db, 'manager'), 'session')
    expect(t.service.view(manager)).not.toBe(warmed)
  })

  it('warms nothing before there is a workspace', async () => {
    const service = new ProjectionService(freshDatabase(join(tempDir(), 'empty.sqlite')), RULES)
    expect(await service.warm()).toBeNull()
  })

  it('starts again when the store is written while it computes', async () => {
    const t = large()
    const team = t.doc.teams[0]!.id
    const { value: view } = await withTurns(t.service.viewInTurns(t.admin), (turn) => {
      if (turn === 4) t.db.prepare("UPDATE teams SET name = 'Renamed' WHERE id = ?").run(team)
    })
    expect(view.doc.teams.find((x) => x.id === team)?.name).toBe('Renamed')
    expect(t.service.view(t.admin)).toBe(view)
  })
})
