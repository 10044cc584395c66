/**
 * A team's page: its figures with subteams rolled up, headcount growth, cost by component, its
 * people and open roles. The policy's teamParam keeps a manager to their own teams (404 else).
 */
import { Hono } from 'hono'
import { Team } from '../../../views/pages/Team.tsx'
import { dateOfClock } from '../../domain/calendar.ts'
import type { AppDeps } from '../app.ts'
import { can } from '../auth/policy.ts'
import type { Viewer } from '../auth/viewer.ts'
import { positionRow } from '../services/position-table.ts'
import { teamProposals } from '../services/proposals.ts'
import { proposedRoles } from '../services/proposed-roles.ts'
import { teamBudgetStanding } from '../services/team-budgets.ts'
import { figuresTable, teamAndSubteams, teamCharts } from '../services/team-figures.ts'
import { rowOptions } from './positions-table.tsx'

export function teamRoutes({
  db,
  clock,
  projections,
}: Pick<AppDeps, 'db' | 'clock' | 'projections'>) {
  return new Hono().get('/teams/:teamId', (c) => {
    const viewer = c.get('viewer') as Viewer
    const view = projections.view(viewer, { planId: c.req.query('plan') || undefined })
    const { doc } = view
    const team = doc.teams.find((t) => t.id === c.req.param('teamId'))
    if (!team) return c.notFound()
    const today = dateOfClock(clock())
    const ids = teamAndSubteams(doc.teams, team.id)
    const rows = view.input.positions
      .filter((p) => ids.has(p.teamId))
      .map((p) => positionRow(doc, view.input.ctx.fillTimes, p, today))
    const added = c.req.query('added')
    return c.render(
      <Team
        team={team}
        departmentName={doc.departments.find((d) => d.id === team.departmentId)?.name ?? ''}
        parent={doc.teams.find((t) => t.id === team.parentTeamId) ?? null}
        people={rows.filter((r) => r.kind === 'filled')}
        openRoles={rows.filter((r) => r.kind === 'open')}
        opts={rowOptions(viewer, team.id)}
        figures={figuresTable(view, viewer, today, team.id)}
        charts={teamCharts(view, viewer, team)}
        added={(added && rows.find((r) => r.id === added)?.title) || null}
        budget={
          can(viewer, 'view_pay')
            ? {
                teamName: team.name,
                currency: view.input.reportingCurrency,
                years: teamBudgetStanding(view, team.id),
                href: `/team-budgets?plan=${encodeURIComponent(view.plan.id)}`,
              }
            : null
        }
        decisions={can(viewer, 'view_pay') ? teamProposals(db, ids) : []}
        proposed={
          can(viewer, 'view_pay')
            ? proposedRoles(db, projections, viewer, { planId: view.plan.id, teamIds: ids })
            : []
        }
      />,
      { title: team.name },
    )
  })
}
