import { raw } from 'hono/html'
import { formatMonth } from '../../src/domain/calendar.ts'
import { formatMinor } from '../../src/domain/money.ts'
import { LineChart } from '../components/charts/LineChart.tsx'
import { htmlNow } from '../components/fragments.ts'
import { HorizontalBars } from '../components/HorizontalBars.tsx'
import { MinorMoney } from '../components/Money.tsx'
import { Table } from '../components/Table.tsx'
import type { TeamChartsModel } from '../models/team-figures.ts'

export const CHARTS_ID = 'team-charts'

/**
 * Charts rendered once per model: a model is kept with the projection view it was worked out
 * from (replaced on every write), and drawing its SVG was a third of a team page's render.
 */
const rendered = new WeakMap<TeamChartsModel, string>()

/**
 * A team's headcount growth and cost by component, under one id so an edit made on the team page
 * can swap both in afresh beside the figures.
 */
export function TeamCharts({ model }: { model: TeamChartsModel }) {
  let html = rendered.get(model)
  if (html === undefined) {
    html = htmlNow(<Charts {...model} />)
    rendered.set(model, html)
  }
  return raw(html)
}

function Charts({ teamName, growth, costByComponent, currency }: TeamChartsModel) {
  const labels = growth.months.map(formatMonth)
  return (
    <div id={CHARTS_ID}>
      <section aria-labelledby="growth-heading">
        <h2 id="growth-heading">Headcount growth</h2>
        <LineChart
          id="growth"
          title={`Headcount at each month end, ${labels[0]} to ${labels.at(-1)}`}
          description={`Heads on the books at each month end for ${teamName}${growth.series.length > 1 ? ' (with its subteams) and each subteam' : ''}, counting open roles from their expected start.`}
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
      {costByComponent && (
        <section aria-labelledby="components-heading">
          <h2 id="components-heading">Cost by component over the plan ({currency})</h2>
          {costByComponent.length === 0 ? (
            <p class="empty-state">
              No cost yet: this team has no people or open roles in the plan. Add an open role to
              see its cost.
            </p>
          ) : (
            <>
              <HorizontalBars
                title={`Cost by component for ${teamName}`}
                rows={costByComponent.map((c) => ({ name: c.label, value: c.total }))}
                formatValue={(v) => formatMinor(v, currency, { wholeUnits: true })}
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
                  {costByComponent.map((c) => (
                    <tr>
                      <th scope="row">{c.label}</th>
                      <td class="num">
                        <MinorMoney minor={c.total} currency={currency} />
                      </td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row">Total</th>
                    <td class="num">
                      <MinorMoney
                        minor={costByComponent.reduce((a, c) => a + c.total, 0)}
                        currency={currency}
                      />
                    </td>
                  </tr>
                </tfoot>
              </Table>
            </>
          )}
        </section>
      )}
    </div>
  )
}
