import { formatMonth, type Month } from '../../src/domain/calendar.ts'
import type { Team as TeamModel } from '../../src/domain/model.ts'
import { type Currency, formatMinor } from '../../src/domain/money.ts'
import type { PositionRowModel } from '../../src/web/services/position-table.ts'
import type { FiguresTable } from '../../src/web/services/team-figures.ts'
import { LineChart } from '../components/charts/LineChart.tsx'
import { Flash } from '../components/Flash.tsx'
import { HorizontalBars } from '../components/HorizontalBars.tsx'
import { MinorMoney } from '../components/Money.tsx'
import { Table } from '../components/Table.tsx'
import { PositionRow, type RowOptions } from '../partials/PositionRow.tsx'
import { TeamFigures } from '../partials/TeamFigures.tsx'

export interface TeamPageProps {
  team: TeamModel
  departmentName: string
  parent: { id: string; name: string } | null
  people: PositionRowModel[]
  openRoles: PositionRowModel[]
  opts: RowOptions
  figures: FiguresTable
  /** Heads at each month end: the team with its subteams, then each subteam. */
  growth: { months: Month[]; series: { name: string; values: number[] }[] }
  /** Null when the viewer may not see pay. */
  costByComponent: { label: string; total: number }[] | null
  currency: Currency
  /** The open role just added, for a confirmation. */
  added: string | null
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
    <Table id={id} caption={caption}>
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
          <PositionRow row={row} opts={opts} />
        ))}
      </tbody>
    </Table>
  )
}

/** A team: its leads, figures, growth, cost by component, people and open roles. */
export function Team(p: TeamPageProps) {
  const { team, growth } = p
  const labels = growth.months.map(formatMonth)
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
      <section aria-labelledby="growth-heading">
        <h2 id="growth-heading">Headcount growth</h2>
        <LineChart
          id="growth"
          title={`Headcount at each month end, ${labels[0]} to ${labels.at(-1)}`}
          description={`Heads on the books at each month end for ${team.name}${growth.series.length > 1 ? ' (with its subteams) and each subteam' : ''}, counting open roles from their expected start.`}
          labels={growth.months.map((m) => formatMonth(m).replace(/^(\w{3})\w*/, '$1'))}
          series={growth.series}
          formatValue={(v) => String(v)}
        />
        <details>
          <summary>Headcount by month as a table</summary>
          <Table caption="Headcount at each month end">
            <thead>
              <tr>
                <th scope="col">Month</th>
                {growth.series.map((s) => (
                  <th scope="col" class="num">
                    {s.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {growth.months.map((m, i) => (
                <tr>
                  <th scope="row">{formatMonth(m)}</th>
                  {growth.series.map((s) => (
                    <td class="num">{s.values[i]}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </Table>
        </details>
      </section>
      {p.costByComponent && (
        <section aria-labelledby="components-heading">
          <h2 id="components-heading">Cost by component over the plan ({p.currency})</h2>
          {p.costByComponent.length === 0 ? (
            <p class="empty-state">
              No cost yet: this team has no people or open roles in the plan. Add an open role to
              see its cost.
            </p>
          ) : (
            <>
              <HorizontalBars
                title={`Cost by component for ${team.name}`}
                rows={p.costByComponent.map((c) => ({ name: c.label, value: c.total }))}
                formatValue={(v) => formatMinor(v, p.currency)}
              />
              <Table id="cost-by-component" caption="Cost by component">
                <thead>
                  <tr>
                    <th scope="col">Component</th>
                    <th scope="col" class="num">
                      Cost
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {p.costByComponent.map((c) => (
                    <tr>
                      <th scope="row">{c.label}</th>
                      <td class="num">
                        <MinorMoney minor={c.total} currency={p.currency} />
                      </td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row">Total</th>
                    <td class="num">
                      <MinorMoney
                        minor={p.costByComponent.reduce((a, c) => a + c.total, 0)}
                        currency={p.currency}
                      />
                    </td>
                  </tr>
                </tfoot>
              </Table>
            </>
          )}
        </section>
      )}
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
