/**
 * A team's page: its figures with subteams rolled up, headcount growth, cost by component, its
 * people and open roles. The policy's teamParam keeps a manager to their own teams (404 else).
 */
import { Hono } from 'hono'
import { Team } from '../../../views/pages/Team.tsx'
import { dateOfClock } from '../../domain/calendar.ts'
import { COMPONENT_LABEL } from '../../domain/projection/components.ts'
import type { AppDeps } from '../app.ts'
import { can } from '../auth/policy.ts'
import type { Viewer } from '../auth/viewer.ts'
import { positionRow } from '../services/position-table.ts'
import {
  costByComponent,
  figuresTable,
  headcountByMonth,
  teamAndSubteams,
} from '../services/team-figures.ts'
import { rowOptions } from './positions.tsx'

export function teamRoutes({ clock, projections }: Pick<AppDeps, 'clock' | 'projections'>) {
  return new Hono().get('/teams/:teamId', (c) => {
    const viewer = c.get('viewer') as Viewer
    const view = projections.view(viewer, { planId: c.req.query('plan') || undefined })
    const { doc } = view
    const team = doc.teams.find((t) => t.id === c.req.param('teamId'))
    if (!team) return c.notFound()
    const today = dateOfClock(clock())
    const ids = teamAndSubteams(doc.teams, team.id)
    const positions = view.input.positions.filter((p) => ids.has(p.teamId))
    const rows = positions.map((p) => positionRow(doc, p, today))
    const subteams = doc.teams.filter((t) => t.parentTeamId === team.id)
    const { months } = view.projection
    const heads = (teamIds: ReadonlySet<string>) =>
      headcountByMonth(
        positions.filter((p) => teamIds.has(p.teamId)),
        view.input.ctx.families,
        months,
      )
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
        growth={{
          months,
          series: [
            { name: subteams.length ? `${team.name} (all)` : team.name, values: heads(ids) },
            ...subteams.map((s) => ({
              name: s.name,
              values: heads(teamAndSubteams(doc.teams, s.id)),
            })),
          ],
        }}
        costByComponent={
          can(viewer, 'view_pay', team.id)
            ? costByComponent(view.input, ids).map((x) => ({
                label: COMPONENT_LABEL[x.component],
                total: x.total,
              }))
            : null
        }
        currency={view.input.reportingCurrency}
        added={(added && rows.find((r) => r.id === added)?.title) || null}
      />,
      { title: team.name },
    )
  })
}
