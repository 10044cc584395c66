import type { OrgOverview, TeamOverview } from '../../src/db/repos/org.ts'
import { formatDate, formatMonth, type ISODate, type Month } from '../../src/domain/calendar.ts'
import { type Currency, formatMinor } from '../../src/domain/money.ts'
import type { ProposedRoleModel } from '../models/proposed-roles.ts'
import type { TeamFigures } from '../models/team-figures.ts'
import { ProposedRoles } from '../partials/ProposedRoles.tsx'

/** Headcount at the plan's end and cost over it of a department or the organisation. */
export interface GroupFigures {
  headcountEnd: number
  /** Null when the viewer may not see the pay of every team in the group. */
  cost: number | null
}

/** The first plan's figures per team, its own positions and with its subteams, and their totals. */
export interface PlanFigures {
  name: string
  lastMonth: Month
  currency: Currency
  /** Each team's own positions, like the counts beside them. */
  figures: ReadonlyMap<string, TeamFigures>
  /** Each team with its subteams. */
  withSubteams: ReadonlyMap<string, TeamFigures>
  departments: ReadonlyMap<string, GroupFigures>
  organisation: GroupFigures
  /** Whether the viewer may open a team's page (a manager: their own teams). */
  canOpen: (teamId: string) => boolean
  /**
   * This fiscal year's plan against budget, by "team:<id>" or "department:<id>", for those who
   * may see cost: "FY2027 budget £1,600,000.00: £13,620.35 over".
   */
  budgets: ReadonlyMap<string, { text: string; over: boolean }>
}

/** A team's or department's plan against its budget, when it has one. */
function BudgetLine({ plan, owner }: { plan: PlanFigures | null; owner: string }) {
  const b = plan?.budgets.get(owner)
  if (!b) return null
  return (
    <p
      class={b.over ? 'budget-line over-budget' : 'budget-line'}
      id={`budget-line-${owner.replace(':', '-')}`}
    >
      {b.text}
    </p>
  )
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

/** Heading level for a team at `depth` (top-level teams are h3 under their department's h2). */
const headingFor = (depth: number) => (['h3', 'h4', 'h5', 'h6'] as const)[Math.min(depth, 3)]!

/** Filled headcount and open roles of `teams` and all their subteams. */
export function countTree(teams: readonly TeamOverview[]): { filled: number; open: number } {
  let filled = 0
  let open = 0
  for (const team of teams) {
    const below = countTree(team.subteams)
    filled += team.filledHeadcount + below.filled
    open += team.openRoles + below.open
  }
  return { filled, open }
}

/** Headcount now, open roles, and, with a plan, headcount at its end and cost over it. */
function Facts({
  idPrefix,
  filled,
  open,
  figures,
  plan,
  suffix = '',
}: {
  idPrefix: string
  filled: number
  open: number
  figures: GroupFigures | undefined
  plan: PlanFigures | null
  /** Said after each label (", own positions"), so each figure names what it counts. */
  suffix?: string
}) {
  return (
    <>
      <div>
        <dt>Filled headcount{suffix}</dt>
        <dd class="num" id={`${idPrefix}-filled`}>
          {filled}
        </dd>
      </div>
      <div>
        <dt>Open roles{suffix}</dt>
        <dd class="num">
          {open > 0 ? <span class="badge">{plural(open, 'open role', 'open roles')}</span> : 'None'}
        </dd>
      </div>
      {plan && figures && (
        <div>
          <dt>
            Headcount at end of {formatMonth(plan.lastMonth)}
            {suffix}
          </dt>
          <dd class="num" id={`${idPrefix}-end`}>
            {figures.headcountEnd}
          </dd>
        </div>
      )}
      {plan && figures && figures.cost !== null && (
        <div>
          <dt>Cost over the plan{suffix}</dt>
          <dd class="num" id={`${idPrefix}-cost`}>
            {formatMinor(figures.cost, plan.currency)}
          </dd>
        </div>
      )}
    </>
  )
}

function Person({ name }: { name: string | null }) {
  return name === null ? <span class="muted">Not assigned</span> : <span>{name}</span>
}

function TeamItem({
  team,
  depth,
  plan,
}: {
  team: TeamOverview
  depth: number
  plan: PlanFigures | null
}) {
  const Heading = headingFor(depth)
  const figures = plan?.figures.get(team.id)
  const hasSubteams = team.subteams.length > 0
  const rolled = countTree([team])
  return (
    <li class="team" id={`team-${team.id}`}>
      <article aria-labelledby={`team-${team.id}-name`}>
        <Heading id={`team-${team.id}-name`} class="team-name">
          {depth > 0 && <span class="visually-hidden">Subteam: </span>}
          {plan?.canOpen(team.id) ? <a href={`/teams/${team.id}`}>{team.name}</a> : team.name}
        </Heading>
        <dl class="team-facts">
          <div>
            <dt>Manager</dt>
            <dd>
              <Person name={team.managerName} />
            </dd>
          </div>
          <div>
            <dt>Tech lead</dt>
            <dd>
              <Person name={team.techLeadName} />
            </dd>
          </div>
          <Facts
            idPrefix={`team-${team.id}`}
            filled={team.filledHeadcount}
            open={team.openRoles}
            figures={figures}
            plan={plan}
            suffix={hasSubteams ? ', own positions' : ''}
          />
        </dl>
        <BudgetLine plan={plan} owner={`team:${team.id}`} />
        {hasSubteams && (
          <dl class="team-facts team-facts-rolled">
            <Facts
              idPrefix={`team-${team.id}-all`}
              {...rolled}
              figures={plan?.withSubteams.get(team.id)}
              plan={plan}
              suffix=", with subteams"
            />
          </dl>
        )}
        {team.subteams.length > 0 && (
          <TeamList teams={team.subteams} depth={depth + 1} plan={plan} />
        )}
      </article>
    </li>
  )
}

function TeamList({
  teams,
  depth,
  plan,
}: {
  teams: TeamOverview[]
  depth: number
  plan: PlanFigures | null
}) {
  return (
    <ul class={depth === 0 ? 'team-tree' : 'subteams'}>
      {teams.map((team) => (
        <TeamItem team={team} depth={depth} plan={plan} />
      ))}
    </ul>
  )
}

/** Shown when the database holds no organisation yet, saying how to get one. */
export function EmptyWorkspace() {
  return (
    <section class="empty-state" aria-labelledby="empty-heading">
      <h1 id="empty-heading">No organisation yet</h1>
      <p>
        The planner's database is empty. To explore with example data, restart the server with{' '}
        <code>DEMO_DATA=true</code> (the default): the demo organisation is loaded into an empty
        database at start-up. To plan your own organisation, load a workspace document as the README
        describes under "Data files".
      </p>
    </section>
  )
}

/** The organisation at a glance: departments, their team tree, leads and headcount. */
export function Home({
  overview,
  asOf,
  plan = null,
  proposed = [],
}: {
  overview: OrgOverview
  asOf: ISODate
  plan?: PlanFigures | null
  /** Pending proposals the viewer may see, apart from the approved figures. */
  proposed?: ProposedRoleModel[]
}) {
  const { organisation, departments, totals } = overview
  return (
    <>
      <header class="page-header">
        <h1>{organisation.name}</h1>
        <p class="muted">
          Headcount as of {formatDate(asOf)}. <a href="/org-chart">See it as an org chart</a>
        </p>
      </header>
      <section class="totals" aria-labelledby="totals-heading">
        <h2 id="totals-heading" class="visually-hidden">
          Totals
        </h2>
        <dl>
          <div>
            <dt>Filled headcount</dt>
            <dd class="num" id="total-filled">
              {totals.filledHeadcount}
            </dd>
          </div>
          <div>
            <dt>Open roles</dt>
            <dd class="num" id="total-open">
              {totals.openRoles}
            </dd>
          </div>
          {plan && (
            <div>
              <dt>Headcount at end of {formatMonth(plan.lastMonth)}</dt>
              <dd class="num" id="total-end">
                {plan.organisation.headcountEnd}
              </dd>
            </div>
          )}
          {plan && plan.organisation.cost !== null && (
            <div>
              <dt>Teams' cost over the plan</dt>
              <dd class="num" id="total-cost">
                {formatMinor(plan.organisation.cost, plan.currency, { wholeUnits: true })}
              </dd>
            </div>
          )}
          <div>
            <dt>Departments</dt>
            <dd class="num">{departments.length}</dd>
          </div>
        </dl>
      </section>
      <p class="muted">
        A team with subteams shows its own positions' figures and, below them, its figures with its
        subteams; each department's line totals its teams.
      </p>
      <ProposedRoles roles={proposed} />
      {departments.map((department) => (
        <section class="department" aria-labelledby={`dept-${department.id}`}>
          <h2 id={`dept-${department.id}`}>{department.name}</h2>
          <BudgetLine plan={plan} owner={`department:${department.id}`} />
          {department.teams.length > 0 && (
            <dl class="team-facts department-totals" aria-label={`${department.name} in total`}>
              <Facts
                idPrefix={`dept-${department.id}`}
                {...countTree(department.teams)}
                figures={plan?.departments.get(department.id)}
                plan={plan}
                suffix=", in total"
              />
            </dl>
          )}
          {department.teams.length === 0 ? (
            <p class="muted">No teams in this department yet.</p>
          ) : (
            <TeamList teams={department.teams} depth={0} plan={plan} />
          )}
        </section>
      ))}
    </>
  )
}
