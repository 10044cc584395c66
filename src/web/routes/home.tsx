import { type Context, Hono } from 'hono'
import type { TeamFigures } from '../../../views/models/team-figures.ts'
import {
  EmptyWorkspace,
  type GroupFigures,
  Home,
  type PlanFigures,
} from '../../../views/pages/Home.tsx'
import { OrgChartPage } from '../../../views/pages/OrgChartPage.tsx'
import { getOrgOverview } from '../../db/repos/org.ts'
import { isEmpty } from '../../db/repos/workspace.ts'
import { dateOfClock } from '../../domain/calendar.ts'
import type { AppDeps } from '../app.ts'
import { can } from '../auth/policy.ts'
import { canSeeTeam, type Viewer } from '../auth/viewer.ts'
import { proposedRoles } from '../services/proposed-roles.ts'
import { budgetLines } from '../services/team-budgets.ts'
import { figuresSource, teamFigures } from '../services/team-figures.ts'

/**
 * The organisation, as of today by the injected clock, with each team's headcount at the end of
 * the first plan's horizon and, for those who may see pay, its cost over the plan: as a list of
 * departments and teams, and as an org chart.
 */
export function homeRoutes({
  db,
  clock,
  projections,
}: Pick<AppDeps, 'db' | 'clock' | 'projections'>) {
  /** The organisation as of today and the first plan's figures, as `c`'s viewer may see them. */
  function organisation(c: Context) {
    const today = dateOfClock(clock())
    const viewer = c.get('viewer') as Viewer
    const plan = projections.plans().length > 0 ? projections.view(viewer) : null
    const overview = getOrgOverview(db, today)
    const src = plan && figuresSource(plan, viewer, today, { allPositions: true })
    const byTeam = (rolledUp: boolean) => {
      if (!plan || !src) return new Map<string, TeamFigures>()
      const ids = plan.doc.teams.map((t) => t.id)
      return new Map(teamFigures(src, ids, rolledUp).map((f) => [f.teamId, f]))
    }
    const withSubteams = byTeam(true)
    const figures: PlanFigures | null = plan && {
      name: plan.plan.name,
      lastMonth: plan.projection.months.at(-1)!,
      currency: plan.input.reportingCurrency,
      figures: byTeam(false),
      withSubteams,
      departments: new Map(
        overview.departments.map((d) => [d.id, sumFigures(d.teams, withSubteams)]),
      ),
      organisation: sumFigures(
        overview.departments.flatMap((d) => d.teams),
        withSubteams,
      ),
      canOpen: (teamId: string) => canSeeTeam(viewer, teamId),
      budgets: can(viewer, 'view_pay') ? budgetLines(plan, viewer, today) : new Map(),
    }
    return { today, viewer, overview, plan: figures }
  }

  return new Hono()
    .get('/', (c) => {
      if (isEmpty(db)) return c.render(<EmptyWorkspace />, { title: 'No organisation yet' })
      const { today, viewer, overview, plan } = organisation(c)
      return c.render(
        <Home
          overview={overview}
          asOf={today}
          plan={plan}
          proposed={plan && can(viewer, 'view_pay') ? proposedRoles(db, projections, viewer) : []}
        />,
        { title: 'Organisation' },
      )
    })
    .get('/org-chart', (c) => {
      if (isEmpty(db)) return c.render(<EmptyWorkspace />, { title: 'No organisation yet' })
      const { today, overview, plan } = organisation(c)
      return c.render(<OrgChartPage overview={overview} asOf={today} plan={plan} />, {
        title: 'Org chart',
      })
    })
}

/** Headcount at the plan's end and cost of `teams` (top-level, each with its subteams), summed. */
function sumFigures(
  teams: readonly { id: string }[],
  withSubteams: ReadonlyMap<string, TeamFigures>,
): GroupFigures {
  let headcountEnd = 0
  let cost: number | null = 0
  for (const team of teams) {
    const f = withSubteams.get(team.id)
    if (!f) continue
    headcountEnd += f.headcountEnd
    cost = cost === null || f.cost === null ? null : cost + f.cost
  }
  return { headcountEnd, cost }
}
