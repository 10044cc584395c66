import { type Currency, formatMinor } from '../../src/domain/money.ts'
import { Table } from '../components/Table.tsx'
import type {
  BudgetFigures,
  Figure,
  OverviewModel,
  OverviewRow,
  OverviewTable,
  OverviewYear,
} from '../models/overview.ts'
import { Headroom } from './TeamBudgets.tsx'

/** A figure as a link to its explanation. */
function Amount({ figure, currency, id }: { figure: Figure; currency: Currency; id?: string }) {
  return (
    <a href={figure.href} id={id} class="num money" title="Open its explanation">
      {formatMinor(figure.value, currency)}
    </a>
  )
}

function Count({ figure, id }: { figure: Figure; id?: string }) {
  return (
    <a href={figure.href} id={id} class="num" title="Open its explanation">
      {figure.value}
    </a>
  )
}

/** "+£12,000.00" or "−£3.00": what proposals or a month add. */
function Change({ value, currency }: { value: number; currency?: Currency }) {
  const text = currency ? formatMinor(Math.abs(value), currency) : String(Math.abs(value))
  return <span class="num">{value === 0 ? 'no change' : `${value > 0 ? '+' : '−'}${text}`}</span>
}

function Budget({ budget, currency }: { budget: BudgetFigures | null; currency: Currency }) {
  if (budget === null) {
    return (
      <p class="muted">
        No team budgets set for this year. <a href="/team-budgets">Team budgets</a>
      </p>
    )
  }
  return (
    <>
      <div>
        <dt>Cost budget</dt>
        <dd>
          {budget.cost === null ? (
            <span class="muted">none set</span>
          ) : (
            <>
              <span class="num money">{formatMinor(budget.cost, currency)}</span>
              <br />
              <Headroom value={budget.costHeadroom} money currency={currency} />
            </>
          )}
        </dd>
      </div>
      <div>
        <dt>Headcount cap</dt>
        <dd>
          {budget.headcountCap === null ? (
            <span class="muted">none set</span>
          ) : (
            <>
              <span class="num">{budget.headcountCap}</span>
              <br />
              <Headroom value={budget.headsHeadroom} money={false} currency={currency} />
            </>
          )}
        </dd>
      </div>
      {budget.coverage && <p class="muted">{budget.coverage}</p>}
    </>
  )
}

function YearCard({ year, currency }: { year: OverviewYear; currency: Currency }) {
  const fy = `fy-${year.year}`
  return (
    <article class="overview-year" aria-labelledby={`${fy}-heading`}>
      <h2 id={`${fy}-heading`}>
        {year.label}{' '}
        <span class="muted fiscal-months" id={`${fy}-covers`}>
          ({year.covers})
        </span>{' '}
        <span class="muted">{year.role}</span>
      </h2>
      <dl class="overview-figures">
        <div>
          <dt>Employer cost, approved plan</dt>
          <dd class="overview-headline">
            <Amount figure={year.cost} currency={currency} id={`${fy}-cost`} />
          </dd>
        </div>
        <div>
          <dt>With pending proposals</dt>
          <dd>
            <Amount
              figure={year.costWithProposals}
              currency={currency}
              id={`${fy}-cost-proposed`}
            />{' '}
            (<Change value={year.costWithProposals.value - year.cost.value} currency={currency} />)
          </dd>
        </div>
        <div>
          <dt>Heads at year end, approved plan</dt>
          <dd class="overview-headline">
            <Count figure={year.heads} id={`${fy}-heads`} />
          </dd>
        </div>
        <div>
          <dt>With pending proposals</dt>
          <dd>
            <Count figure={year.headsWithProposals} id={`${fy}-heads-proposed`} /> (
            <Change value={year.headsWithProposals.value - year.heads.value} />)
          </dd>
        </div>
        {year.latestEstimate && (
          <div>
            <dt>Latest estimate</dt>
            <dd>
              <Amount
                figure={year.latestEstimate.figure}
                currency={currency}
                id={`${fy}-estimate`}
              />
              <br />
              <span class="muted">
                payroll for {year.latestEstimate.paid}, the approved plan after
              </span>
            </dd>
          </div>
        )}
        <Budget budget={year.budget} currency={currency} />
      </dl>
    </article>
  )
}

function Row({ row, currency }: { row: OverviewRow; currency: Currency }) {
  return (
    <tr class={row.over ? 'over-budget-row' : undefined}>
      <th scope="row" class={`depth-${row.depth}`}>
        {row.href ? <a href={row.href}>{row.name}</a> : <strong>{row.name}</strong>}
        <br />
        <span class="muted">{row.what}</span>
        {row.over && <strong class="over-budget"> Over budget</strong>}
      </th>
      <td>
        {row.ownCost ? (
          <Amount figure={row.ownCost} currency={currency} />
        ) : (
          <span class="muted">none of its own</span>
        )}
      </td>
      <td>
        <Amount figure={row.cost} currency={currency} />
      </td>
      <td>
        <Amount figure={row.costWithProposals} currency={currency} />
      </td>
      <td>
        {row.budgetCost === null ? (
          <span class="muted">none</span>
        ) : (
          <>
            <span class="num money">{formatMinor(row.budgetCost, currency)}</span>
            <br />
            <Headroom value={row.costHeadroom} money currency={currency} />
          </>
        )}
      </td>
      <td class="num">
        {row.ownHeads === null ? '' : `${row.ownHeads} / `}
        {row.heads}
      </td>
      <td>
        {row.headcountCap === null ? (
          <span class="muted">none</span>
        ) : (
          <>
            <span class="num">{row.headcountCap}</span>
            <br />
            <Headroom value={row.headsHeadroom} money={false} currency={currency} />
          </>
        )}
      </td>
    </tr>
  )
}

function YearTable({ table, currency }: { table: OverviewTable; currency: Currency }) {
  return (
    <Table caption={`${table.label} (${table.covers}) by department and team`} dense>
      <thead>
        <tr>
          <th scope="col">Department or team</th>
          <th scope="col">Own cost</th>
          <th scope="col">Cost with subteams</th>
          <th scope="col">With pending proposals</th>
          <th scope="col">Cost budget</th>
          <th scope="col">Heads at year end (own / with subteams)</th>
          <th scope="col">Headcount cap</th>
        </tr>
      </thead>
      <tbody>
        {table.rows.map((row) => (
          <Row row={row} currency={currency} />
        ))}
        {table.company && (
          <tr>
            <th scope="row">
              Company-wide
              <br />
              <span class="muted">Apprenticeship Levy, desks, attrition: not held by a team</span>
            </th>
            <td>
              <Amount figure={table.company} currency={currency} />
            </td>
            <td colspan={5} />
          </tr>
        )}
      </tbody>
    </Table>
  )
}

export function Overview(props: OverviewModel) {
  const { currency } = props
  return (
    <section aria-labelledby="overview-heading" class="overview">
      <h1 id="overview-heading">Overview</h1>
      <p>
        {props.planName}, {props.scope}, as of {props.asOf}. Employer cost in {currency}; select any
        figure to see how it is made up.
      </p>
      <nav aria-label="Currency" class="period-switch">
        <span>Show amounts in</span>
        {props.currencies.map((c) => (
          <a href={c.href} aria-current={c.current ? 'page' : undefined}>
            {c.currency}
          </a>
        ))}
      </nav>
      {props.budgetNote && <p class="muted">{props.budgetNote}</p>}
      <div class="overview-years">
        {props.years.map((y) => (
          <YearCard year={y} currency={currency} />
        ))}
      </div>

      <section aria-labelledby="attention-heading">
        <h2 id="attention-heading">Needs attention</h2>
        {props.attention.length === 0 ? (
          <p>Nothing needs attention: no proposals wait, no team is over budget, pay is in band.</p>
        ) : (
          <ul class="attention-list">
            {props.attention.map((a) => (
              <li>
                {a.text} <a href={a.href}>{a.action}</a>
              </li>
            ))}
          </ul>
        )}
      </section>

      <div class="overview-columns">
        <section aria-labelledby="movement-heading">
          <h2 id="movement-heading">Since last month</h2>
          {props.movement ? (
            <dl class="overview-figures">
              <div>
                <dt>Employer cost in {props.movement.month}</dt>
                <dd>
                  <span class="num money">{formatMinor(props.movement.cost, currency)}</span> (
                  <Change value={props.movement.costChange} currency={currency} /> on{' '}
                  {props.movement.previous})
                </dd>
              </div>
              <div>
                <dt>Heads at the end of {props.movement.month}</dt>
                <dd>
                  <span class="num">{props.movement.heads}</span> (
                  <Change value={props.movement.headsChange} /> on {props.movement.previous})
                </dd>
              </div>
            </dl>
          ) : (
            <p class="muted">{props.movementNote}</p>
          )}
        </section>
        <section aria-labelledby="hiring-heading">
          <h2 id="hiring-heading">Hiring</h2>
          <p>
            <a href={props.openRolesHref}>{props.openRoles} open roles</a> in the approved plan;{' '}
            {props.hiresThisQuarter.length} expected to start in {props.quarter}.
          </p>
          {props.hiresThisQuarter.length > 0 && (
            <ul>
              {props.hiresThisQuarter.slice(0, 8).map((h) => (
                <li>
                  <a href={h.href}>{h.name}</a>: expected from {h.start}
                </li>
              ))}
              {props.hiresThisQuarter.length > 8 && (
                <li class="muted">and {props.hiresThisQuarter.length - 8} more</li>
              )}
            </ul>
          )}
        </section>
      </div>

      <h2>By department and team</h2>
      <p class="muted">
        A team's own cost is its own people and roles; with subteams adds the teams beneath it. A
        team's budget covers it with its subteams.
      </p>
      {props.tables.map((t) => (
        <YearTable table={t} currency={currency} />
      ))}
    </section>
  )
}
