import { formatDate, formatMonth } from '../../src/domain/calendar.ts'
import type { DemandWarning } from '../../src/domain/hiring/demand.ts'
import type { InterviewerPool } from '../../src/domain/hiring/schema.ts'
import { type Currency, formatMinor } from '../../src/domain/money.ts'
import type { RecruitingReport } from '../models/recruiting.ts'

export interface RecruitingProps {
  planName: string
  report: RecruitingReport
  pools: InterviewerPool[]
  maxOpenRolesPerRecruiter: number
  currency: Currency
  /** "Research Scientist L5 (Interpretability)" for a position id. */
  roleLabel: (positionId: string) => string
  /** Whether the cost difference covers only some teams (a manager's). */
  scoped: boolean
}

const hours = (d: { toFixed(n: number): string }) => d.toFixed(1)

function warningId(w: DemandWarning): string {
  return 'positionId' in w ? `warning-${w.code}-${w.positionId}` : `warning-${w.code}-${w.month}`
}

/** Demand vs capacity by month and pool, the warnings, and the starts capacity allows. */
export function Recruiting(props: RecruitingProps) {
  const { report, pools, currency, roleLabel } = props
  const { demand, whatIf } = report
  const money = (minor: number) => formatMinor(minor, currency)
  return (
    <section aria-labelledby="recruiting-heading" class="recruiting">
      <h1 id="recruiting-heading">Recruiting capacity</h1>
      <p>
        What {props.planName} asks of recruiters and interviewers each month, with the roles and
        start dates still awaiting approval, against what the interviewer pools can give.{' '}
        <a href="/recruiting/loops">Edit interview loops and pools</a>.
      </p>

      <section id="recruiting-warnings" aria-labelledby="warnings-heading">
        <h2 id="warnings-heading">Warnings</h2>
        {demand.warnings.length === 0 ? (
          <p class="recruiting-clear">
            No warnings: every pool covers its months, every role can still open in time, and no
            recruiter is above the limit of {props.maxOpenRolesPerRecruiter} open roles.
          </p>
        ) : (
          <ul class="recruiting-warnings">
            {demand.warnings.map((w) => (
              <li id={warningId(w)} data-code={w.code}>
                <strong>Warning:</strong> {w.message}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="roles-heading">
        <h2 id="roles-heading">Roles to recruit</h2>
        {demand.schedules.length === 0 ? (
          <p class="empty">
            No open roles to recruit. Add one on the <a href="/positions/new">positions page</a>.
          </p>
        ) : (
          <div class="table-scroll">
            <table class="finance-table">
              <thead>
                <tr>
                  <th scope="col">Role</th>
                  <th scope="col">Loop</th>
                  <th scope="col">Open by</th>
                  <th scope="col">Start</th>
                  <th scope="col">Job ad</th>
                </tr>
              </thead>
              <tbody>
                {demand.schedules.map((s) => (
                  <tr id={`recruit-${s.position.id}`}>
                    <th scope="row">{roleLabel(s.position.id)}</th>
                    <td>{s.loop.name}</td>
                    <td>{formatDate(s.openBy)}</td>
                    <td>{formatDate(s.start)}</td>
                    <td>
                      <a href={`/recruiting/roles/${s.position.id}`}>Range to post</a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {demand.months.length > 0 && (
        <section aria-labelledby="demand-heading">
          <h2 id="demand-heading">Demand by month</h2>
          <p class="muted">
            Interviewer hours asked of each pool against its budget (weeks in the month x people x
            weekly hours). "Over" marks a month above budget.
          </p>
          <div class="table-scroll">
            <table class="finance-table">
              <thead>
                <tr>
                  <th scope="col">Month</th>
                  {pools.map((p) => (
                    <th scope="col" class="num">
                      {p.name} (hours / budget)
                    </th>
                  ))}
                  <th scope="col" class="num">
                    Open roles per recruiter
                  </th>
                  <th scope="col" class="num">
                    Offers
                  </th>
                  <th scope="col" class="num">
                    Hires
                  </th>
                </tr>
              </thead>
              <tbody>
                {demand.months.map((m) => (
                  <tr>
                    <th scope="row">{formatMonth(m.month)}</th>
                    {m.pools.map((p) => (
                      <td class={`num${p.over ? ' pool-over' : ''}`}>
                        {hours(p.hours)} / {hours(p.budget)}
                        {p.over && <strong> Over</strong>}
                      </td>
                    ))}
                    <td class="num">
                      {m.openRolesPerRecruiter.toDecimalPlaces(1).toFixed()} ({m.openRoles} open)
                    </td>
                    <td class="num">{m.offers.toDecimalPlaces(1).toFixed()}</td>
                    <td class="num">{m.hires}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}

      <section id="recruiting-what-if" aria-labelledby="what-if-heading">
        <h2 id="what-if-heading">What if capacity is the limit</h2>
        {whatIf.limits.moved.length === 0 && whatIf.limits.unplaceable.length === 0 ? (
          <p>Interviewer capacity allows every planned start.</p>
        ) : (
          <>
            <ul>
              {whatIf.limits.moved.map((m) => (
                <li>
                  {roleLabel(m.positionId)}: start {formatDate(m.to)} instead of{' '}
                  {formatDate(m.from)} ({m.monthsLater} months later)
                </li>
              ))}
              {whatIf.limits.unplaceable.map((id) => (
                <li>{roleLabel(id)}: no start within two years fits the pools it needs</li>
              ))}
            </ul>
            <dl class="team-facts">
              <div>
                <dt>Cost as planned</dt>
                <dd>{money(whatIf.planned)}</dd>
              </div>
              <div>
                <dt>Cost with the starts capacity allows</dt>
                <dd>{money(whatIf.capacityLimited)}</dd>
              </div>
              <div>
                <dt>Difference over the plan</dt>
                <dd id="what-if-difference">{money(whatIf.difference)}</dd>
              </div>
            </dl>
            {props.scoped && <p class="muted">Costs cover the teams you can see.</p>}
          </>
        )}
      </section>
    </section>
  )
}
