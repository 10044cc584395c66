import { Hono } from 'hono'
import { EmptyWorkspace, Home } from '../../../views/pages/Home.tsx'
import { getOrgOverview } from '../../db/repos/org.ts'
import { isEmpty } from '../../db/repos/workspace.ts'
import { dateOfClock } from '../../domain/calendar.ts'
import type { AppDeps } from '../app.ts'
import { can } from '../auth/policy.ts'
import { canSeeTeam, type Viewer } from '../auth/viewer.ts'
import { proposedRoles } from '../services/proposed-roles.ts'
import { figuresSource, teamFigures } from '../services/team-figures.ts'

/**
 * The organisation overview, as of today by the injected clock, with each team's headcount at the
 * end of the first plan's horizon and, for those who may see pay, its cost over the plan.
 */
export function homeRoutes({
  db,
  clock,
  projections,
}: Pick<AppDeps, 'db' | 'clock' | 'projections'>) {
  return new Hono().get('/', (c) => {
    if (isEmpty(db)) return c.render(<EmptyWorkspace />, { title: 'No organisation yet' })
    const today = dateOfClock(clock())
    const viewer = c.get('viewer') as Viewer
    const plan = projections.plans().length > 0 ? projections.view(viewer) : null
    const figures =
      plan &&
      teamFigures(
        figuresSource(plan, viewer, today, { allPositions: true }),
        plan.doc.teams.map((t) => t.id),
        false,
      )
    return c.render(
      <Home
        overview={getOrgOverview(db, today)}
        asOf={today}
        plan={
          plan &&
          figures && {
            name: plan.plan.name,
            lastMonth: plan.projection.months.at(-1)!,
            currency: plan.input.reportingCurrency,
            figures: new Map(figures.map((f) => [f.teamId, f])),
            canOpen: (teamId: string) => canSeeTeam(viewer, teamId),
          }
        }
        proposed={plan && can(viewer, 'view_pay') ? proposedRoles(db, projections, viewer) : []}
      />,
      { title: 'Organisation' },
    )
  })
}
