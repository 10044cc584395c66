import { describe, expect, it } from 'vitest'
import { lastDay, monthRange } from '../../../src/domain/calendar.ts'
import { documentFillTimes } from '../../../src/domain/hiring/time-to-fill.ts'
import { EXCLUDED_STATUSES, type Position } from '../../../src/domain/model.ts'
import { expectedStart } from '../../../src/domain/projection/terms.ts'
import {
  type FiguresSource,
  planFigures,
  teamAndSubteams,
  teamFigures,
} from '../../../src/web/services/team-figures.ts'
import { benchWorkspace } from '../../bench/http-workspace.ts'

const doc = benchWorkspace(400)
const plan = doc.plans[0]!
const today = '2026-12-03'
const months = monthRange(plan.startMonth, plan.horizonMonths)
const end = lastDay(months.at(-1)!)
const fillTimes = documentFillTimes({ families: doc.jobFamilies, offices: doc.offices })

// every case the counts tell apart: a leaver, a starter after the horizon, roles on hold,
// cancelled and filled, besides the generated plan's people and open roles
const positions: Position[] = plan.positions.map((p, i) => {
  if (p.kind === 'filled' && i % 9 === 0) return { ...p, endDate: '2026-06-30' }
  if (p.kind === 'filled' && i % 9 === 1) return { ...p, startDate: '2031-01-01' }
  if (p.kind === 'open' && i % 5 === 0) return { ...p, status: 'on_hold' }
  if (p.kind === 'open' && i % 5 === 1) return { ...p, status: 'cancelled' }
  if (p.kind === 'open' && i % 5 === 2) return { ...p, status: 'filled' }
  return p
})
const src: FiguresSource = {
  teams: doc.teams,
  positions,
  fillTimes,
  months,
  today,
  costByTeam: null,
  costVisible: () => true,
}

/** The figures counted the plain way, one filter per figure over the team's positions. */
function counted(own: Position[]) {
  return {
    peopleNow: own.filter(
      (p) =>
        p.kind === 'filled' && p.startDate <= today && (p.endDate === null || p.endDate >= today),
    ).length,
    headcountEnd: own.filter((p) => {
      if (p.kind === 'open' && EXCLUDED_STATUSES.includes(p.status)) return false
      const stillThere = p.kind === 'open' || p.endDate === null || p.endDate >= end
      return expectedStart(p, fillTimes) <= end && stillThere
    }).length,
    openRoles: own.filter(
      (p) => p.kind === 'open' && p.status !== 'filled' && !EXCLUDED_STATUSES.includes(p.status),
    ).length,
  }
}

describe('team figures', () => {
  const teamIds = doc.teams.map((t) => t.id)

  it.each([true, false])(
    'count each team (subteams rolled up: %s) as plain filters do',
    (rolled) => {
      const figures = teamFigures(src, teamIds, rolled)
      for (const f of figures) {
        const ids = rolled ? teamAndSubteams(doc.teams, f.teamId) : new Set([f.teamId])
        const own = positions.filter((p) => ids.has(p.teamId))
        expect({ ...f, cost: undefined }, f.teamId).toEqual({
          teamId: f.teamId,
          name: doc.teams.find((t) => t.id === f.teamId)!.name,
          ...counted(own),
          cost: undefined,
        })
      }
    },
  )

  it('count the plan over all its positions', () => {
    const figures = planFigures(src, null)
    expect(figures).toEqual({ teamId: '', name: 'Plan total', ...counted(positions), cost: null })
    // the cases above all occur, so each filter is exercised
    const all = counted(positions)
    expect(all.peopleNow).toBeGreaterThan(0)
    expect(all.openRoles).toBeGreaterThan(0)
    expect(all.headcountEnd).not.toBe(all.peopleNow + all.openRoles)
  })

  it('roll subteams up into their parents', () => {
    const parent = doc.teams.find((t) => doc.teams.some((s) => s.parentTeamId === t.id))!
    const [rolled] = teamFigures(src, [parent.id], true)
    const [own] = teamFigures(src, [parent.id], false)
    expect(rolled!.headcountEnd).toBeGreaterThan(own!.headcountEnd)
  })
})
