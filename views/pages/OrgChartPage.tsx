import type { OrgOverview, TeamOverview } from '../../src/db/repos/org.ts'
import { formatDate, formatMonthShort, type ISODate } from '../../src/domain/calendar.ts'
import { formatMinor } from '../../src/domain/money.ts'
import { OrgChart, type OrgChartNode } from '../components/charts/OrgChart.tsx'
import { countTree, type GroupFigures, type PlanFigures } from './Home.tsx'

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

/** The organisation as a tree: each node's people and figures in words. */
export function OrgChartPage({
  overview,
  asOf,
  plan,
}: {
  overview: OrgOverview
  asOf: ISODate
  plan: PlanFigures | null
}) {
  const words = (filled: number, open: number, figures: GroupFigures | undefined) => ({
    headcount:
      plan && figures
        ? `${filled} now, ${figures.headcountEnd} at end of ${formatMonthShort(plan.lastMonth)}`
        : `${filled} now`,
    open: open === 0 ? 'No open roles' : plural(open, 'open role', 'open roles'),
    cost:
      plan && figures && figures.cost !== null
        ? `${formatMinor(figures.cost, plan.currency, { wholeUnits: true })} over the plan`
        : null,
  })
  const teamNode = (team: TeamOverview): OrgChartNode => {
    const hasSubteams = team.subteams.length > 0
    const { filled, open } = countTree([team])
    return {
      name: team.name,
      href: plan?.canOpen(team.id) ? `/teams/${team.id}` : undefined,
      people: [
        `Manager: ${team.managerName ?? 'not assigned'}`,
        `Tech lead: ${team.techLeadName ?? 'not assigned'}`,
      ],
      ...words(filled, open, plan?.withSubteams.get(team.id)),
      covers: hasSubteams ? 'Figures include its subteams' : undefined,
      children: team.subteams.map(teamNode),
    }
  }
  const root: OrgChartNode = {
    name: overview.organisation.name,
    people: [],
    ...words(overview.totals.filledHeadcount, overview.totals.openRoles, plan?.organisation),
    covers: plan?.organisation.cost != null ? "Teams' cost; levy and desks apart" : undefined,
    children: overview.departments.map((d) => ({
      name: d.name,
      people: [],
      ...words(countTree(d.teams).filled, countTree(d.teams).open, plan?.departments.get(d.id)),
      covers: 'Department total',
      children: d.teams.map(teamNode),
    })),
  }
  return (
    <>
      <header class="page-header">
        <h1>Org chart</h1>
        <p class="muted">
          {overview.organisation.name}: departments and teams as of {formatDate(asOf)}
          {plan ? `, with the ${plan.name}'s figures` : ''}. Select a team to open its page, or{' '}
          <a href="/">read the organisation as a list</a>.
        </p>
      </header>
      <OrgChart root={root} caption={`${overview.organisation.name} by department and team`} />
    </>
  )
}
