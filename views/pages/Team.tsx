import type { Team as TeamModel } from '../../src/domain/model.ts'
import { Flash } from '../components/Flash.tsx'
import { Table } from '../components/Table.tsx'
import type { PositionRowModel } from '../models/position-table.ts'
import type { ProposedRoleModel } from '../models/proposed-roles.ts'
import type { FiguresTable, TeamChartsModel } from '../models/team-figures.ts'
import { BudgetStanding, type BudgetStandingProps } from '../partials/BudgetStanding.tsx'
import { CachedPositionRow, type RowOptions } from '../partials/PositionRow.tsx'
import { ProposedRoles } from '../partials/ProposedRoles.tsx'
import { TeamCharts } from '../partials/TeamCharts.tsx'
import { TeamFigures } from '../partials/TeamFigures.tsx'
import { type TeamProposal, TeamProposals } from '../partials/TeamProposals.tsx'

export interface TeamPageProps {
  team: TeamModel
  departmentName: string
  parent: { id: string; name: string } | null
  people: PositionRowModel[]
  openRoles: PositionRowModel[]
  opts: RowOptions
  figures: FiguresTable
  charts: TeamChartsModel
  /** The open role just added, for a confirmation. */
  added: string | null
  /** Pending proposals in the team and its subteams, apart from the approved figures. */
  proposed: ProposedRoleModel[]
  /** The plan against the team's budget; null for those who may not see cost. */
  budget: BudgetStandingProps | null
  /** The team's proposals and how they were decided, newest first (empty without view_pay). */
  decisions: TeamProposal[]
}

function PositionsList({
  id,
  caption,
  rows,
  opts,
  empty,
}: {
  id: string
  caption: string
  rows: PositionRowModel[]
  opts: RowOptions
  empty: string
}) {
  if (rows.length === 0) return <p class="empty-state">{empty}</p>
  return (
    <Table id={id} caption={caption} dense>
      <thead>
        <tr>
          <th scope="col">Title</th>
          <th scope="col">Team</th>
          <th scope="col">Office</th>
          <th scope="col">Job family</th>
          <th scope="col">Level</th>
          <th scope="col">Status</th>
          <th scope="col">Net-new or backfill</th>
          <th scope="col">Start</th>
          {opts.showPay && (
            <th scope="col" class="num">
              Base salary
            </th>
          )}
          {opts.showPay && <th scope="col">Band position</th>}
          <th scope="col">
            <span class="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <CachedPositionRow row={row} opts={opts} />
        ))}
      </tbody>
    </Table>
  )
}

/** A team: its leads, figures, growth, cost by component, people and open roles. */
export function Team(p: TeamPageProps) {
  const { team } = p
  return (
    <>
      {p.added && <Flash kind="success">Added the open role {p.added}.</Flash>}
      <header class="page-header">
        <h1>{team.name}</h1>
        <p class="muted">
          {p.departmentName}
          {p.parent && (
            <>
              {' · subteam of '}
              <a href={`/teams/${p.parent.id}`}>{p.parent.name}</a>
            </>
          )}
          {' · '}Manager: {team.managerName ?? 'not assigned'} · Tech lead:{' '}
          {team.techLeadName ?? 'not assigned'}
        </p>
        {p.opts.editable(team.id) && (
          <p>
            <a class="button" href={`/positions/new?team=${team.id}`}>
              Add an open role
            </a>
          </p>
        )}
      </header>
      <TeamFigures {...p.figures} />
      {p.budget && <BudgetStanding {...p.budget} />}
      <ProposedRoles roles={p.proposed} />
      <TeamProposals teamName={team.name} rows={p.decisions} />
      <TeamCharts model={p.charts} />
      <section aria-labelledby="people-heading">
        <h2 id="people-heading">People</h2>
        <PositionsList
          id="team-people"
          caption={`People in ${team.name} and its subteams`}
          rows={p.people}
          opts={p.opts}
          empty="Nobody is in this team yet. Add an open role to plan a hire."
        />
      </section>
      <section aria-labelledby="open-heading">
        <h2 id="open-heading">Open roles</h2>
        <PositionsList
          id="team-open-roles"
          caption={`Open roles in ${team.name} and its subteams`}
          rows={p.openRoles}
          opts={p.opts}
          empty="No open roles. Use Add an open role to plan one."
        />
      </section>
    </>
  )
}
