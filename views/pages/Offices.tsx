import { formatMonth, type Month } from '../../src/domain/calendar.ts'
import type { Office } from '../../src/domain/model.ts'
import { formatMoney, formatPercent } from '../../src/domain/money.ts'
import type { DeskCheck } from '../../src/domain/office.ts'

export interface OfficeDesks {
  office: Office
  /** People based at the office and the desk check, per plan month. */
  months: { month: Month; people: number; desks: DeskCheck }[]
}

/** Each office's attendance policy, and desks needed on the peak day against capacity. */
export function Offices({ offices, planName }: { offices: OfficeDesks[]; planName: string }) {
  return (
    <section aria-labelledby="offices-heading">
      <h1 id="offices-heading">Offices</h1>
      <p>
        Desks are sized for the peak day: people based at the office x expected attendance x peak
        factor, rounded up. People come from {planName}, including open roles from their expected
        start.
      </p>
      {offices.length === 0 && <p class="empty">No offices yet: import a workspace document.</p>}
      {offices.map(({ office: o, months }) => {
        const a = o.attendance
        const short = months.filter((m) => m.desks.shortfall > 0)
        return (
          <section id={`office-${o.id}`} aria-labelledby={`office-${o.id}-name`}>
            <h2 id={`office-${o.id}-name`}>
              {o.name} <span class="muted">({o.currency})</span>
            </h2>
            <dl class="team-facts">
              <div>
                <dt>Policy</dt>
                <dd>
                  At least {formatPercent(a.minimumShare)} of days in the office ({a.rule}); planned
                  at {formatPercent(a.expectedShare)}, peak day x{a.peakFactor.toFixed()}
                </dd>
              </div>
              <div>
                <dt>Desks</dt>
                <dd>
                  {o.deskCapacity} at {formatMoney(o.deskCostPerYear, o.currency)} a year each
                </dd>
              </div>
              <div>
                <dt>In-office costs</dt>
                <dd>
                  Lunch {formatMoney(a.lunchPerDay, o.currency)} a day over{' '}
                  {a.workingDaysPerMonth.toFixed()} working days a month; commuting stipend{' '}
                  {formatMoney(a.commutingStipendPerMonth, o.currency)} a month
                </dd>
              </div>
            </dl>
            <p class="desk-summary" id={`office-${o.id}-summary`}>
              {short.length === 0
                ? `Capacity covers the peak day in every month of the plan.`
                : `Short of desks in ${short.length} months, first in ${formatMonth(short[0]!.month)} (${short[0]!.desks.needed} needed, ${o.deskCapacity} available).`}
            </p>
            <div class="table-scroll">
              <table class="finance-table">
                <caption class="visually-hidden">{o.name}: desks by month</caption>
                <thead>
                  <tr>
                    <th scope="col">Month</th>
                    <th scope="col" class="num">
                      People based
                    </th>
                    <th scope="col" class="num">
                      Desks needed
                    </th>
                    <th scope="col" class="num">
                      Capacity
                    </th>
                    <th scope="col" class="num">
                      Short by
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {months.map((m) => (
                    <tr>
                      <th scope="row">{formatMonth(m.month)}</th>
                      <td class="num">{m.people}</td>
                      <td class="num">{m.desks.needed}</td>
                      <td class="num">{m.desks.capacity}</td>
                      <td class={`num${m.desks.shortfall > 0 ? ' desk-short' : ''}`}>
                        {m.desks.shortfall > 0 ? m.desks.shortfall : 'None'}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        )
      })}
    </section>
  )
}
