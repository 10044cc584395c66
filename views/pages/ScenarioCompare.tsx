import { raw } from 'hono/html'
import type { JSX } from 'hono/jsx/jsx-runtime'
import { type Currency, formatMinor } from '../../src/domain/money.ts'
import type { ChartSeries } from '../components/charts/frame.tsx'
import { StackedBarChart } from '../components/charts/StackedBarChart.tsx'
import { htmlNow } from '../components/fragments.ts'
import { PenniesToggle } from '../components/PenniesToggle.tsx'
import {
  CompareByYear,
  type CompareYears,
  signedCount,
  signedMoney,
} from '../partials/CompareByYear.tsx'
import type { Choice } from './Projection.tsx'

export interface DeltaRow {
  key: string
  label: string
  values: number[]
  total: number
}

export interface ScenarioCompareProps {
  a: string
  b: string
  aName: string
  bName: string
  period: string
  currency: Currency
  choices: { scenario: Choice[]; period: Choice[]; currency: Choice[] }
  columns: string[]
  /** Heads at each column's last month end: a, b and b - a. */
  headcount: { a: number[]; b: number[] }
  /** b - a by team, in the reporting currency. */
  byTeam: DeltaRow[]
  /** The whole difference split: spend change at A's rates, FX effect, and their sum. */
  split: DeltaRow[]
  totals: { a: number; b: number }
  /** Each team's cost on both sides by fiscal year, with the heads at each year's end. */
  years: CompareYears
  /** The difference in each column: the spend change, and the FX effect when there is one. */
  chart: { labels: string[]; series: ChartSeries[] }
  /** Amounts to the penny; whole units otherwise. */
  pennies: boolean
  /** This page's own address, to come back to after changing how amounts are shown. */
  pageHref: string
}

/**
 * The difference chart drawn once per chart model: the model is kept per the views compared and
 * the period (replaced on every write), so everything the chart shows comes with it; drawing its
 * SVG was most of the page's render.
 */
const drawn = new WeakMap<ScenarioCompareProps['chart'], string>()

function keptChart(chart: ScenarioCompareProps['chart'], draw: () => JSX.Element) {
  let html = drawn.get(chart)
  if (html === undefined) {
    html = htmlNow(draw())
    drawn.set(chart, html)
  }
  return raw(html)
}

const PERIOD_NAMES: Record<string, string> = {
  month: 'month',
  quarter: 'fiscal quarter',
  fiscal_year: 'fiscal year',
}

function DeltaTable(props: {
  id: string
  caption: string
  rowHeading: string
  columns: string[]
  rows: DeltaRow[]
  currency: Currency
  pennies: boolean
  totalRow?: boolean
}) {
  const totals = props.columns.map((_, ci) => props.rows.reduce((a, r) => a + r.values[ci]!, 0))
  return (
    <section class="table-scroll" tabindex={0} aria-label={props.caption}>
      <table class="projection-table" id={props.id}>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{props.rowHeading}</th>
            {props.columns.map((c) => (
              <th scope="col" class="num">
                {c}
              </th>
            ))}
            <th scope="col" class="num">
              Total
            </th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => (
            <tr data-row={r.key}>
              <th scope="row">{r.label}</th>
              {r.values.map((v) => (
                <td class="num">{signedMoney(v, props.currency, props.pennies)}</td>
              ))}
              <td class="num row-total">{signedMoney(r.total, props.currency, props.pennies)}</td>
            </tr>
          ))}
        </tbody>
        {props.totalRow && (
          <tfoot>
            <tr class="total-row">
              <th scope="row">Total</th>
              {totals.map((v) => (
                <td class="num">{signedMoney(v, props.currency, props.pennies)}</td>
              ))}
              <td class="num row-total">
                {signedMoney(
                  totals.reduce((a, v) => a + v, 0),
                  props.currency,
                  props.pennies,
                )}
              </td>
            </tr>
          </tfoot>
        )}
      </table>
    </section>
  )
}

/** Two scenarios (or the baseline) side by side: headcount and cost deltas, FX shown apart. */
export function ScenarioCompare(props: ScenarioCompareProps) {
  const cur = props.currency
  const period = PERIOD_NAMES[props.period] ?? props.period
  const headsAtEnd = { a: props.headcount.a.at(-1) ?? 0, b: props.headcount.b.at(-1) ?? 0 }
  const select = (name: 'a' | 'b' | 'period' | 'currency', label: string, value: string) => {
    const choices = name === 'a' || name === 'b' ? props.choices.scenario : props.choices[name]
    return (
      <div class="field">
        <label for={`compare-${name}`}>{label}</label>
        <select id={`compare-${name}`} name={name}>
          {choices.map((c) => (
            <option value={c.value} selected={c.value === value}>
              {c.label}
            </option>
          ))}
        </select>
      </div>
    )
  }
  return (
    <>
      <header class="page-header">
        <h1>
          {props.aName} compared with {props.bName}
        </h1>
        <p class="muted">
          Differences are {props.bName} minus {props.aName}.
        </p>
      </header>
      <form method="get" action="/scenarios/compare" class="projection-controls">
        {select('a', 'From', props.a)}
        {select('b', 'To', props.b)}
        {select('currency', 'Currency', cur)}
        {select('period', 'Period', props.period)}
        <button type="submit">Compare</button>
      </form>
      <dl class="projection-summary compare-summary" id="compare-summary">
        <div>
          <dt>{props.aName}</dt>
          <dd class="num">{formatMinor(props.totals.a, cur, { wholeUnits: !props.pennies })}</dd>
        </div>
        <div>
          <dt>{props.bName}</dt>
          <dd class="num">{formatMinor(props.totals.b, cur, { wholeUnits: !props.pennies })}</dd>
        </div>
        {props.split.map((r) => (
          <div>
            <dt>{r.label}</dt>
            <dd class="num" id={`summary-${r.key}`}>
              {signedMoney(r.total, cur, props.pennies)}
            </dd>
          </div>
        ))}
        <div>
          <dt>Heads at the plan's end</dt>
          <dd class="num" id="summary-heads">
            {headsAtEnd.a} → {headsAtEnd.b} ({signedCount(headsAtEnd.b - headsAtEnd.a)})
          </dd>
        </div>
      </dl>
      <PenniesToggle pennies={props.pennies} next={props.pageHref} />
      <section class="compare-section" aria-labelledby="by-year-heading">
        <h2 id="by-year-heading">Each team by fiscal year</h2>
        <CompareByYear
          years={props.years}
          aName={props.aName}
          bName={props.bName}
          currency={cur}
          pennies={props.pennies}
        />
      </section>
      <section class="compare-section" aria-labelledby="by-period-heading">
        <h2 id="by-period-heading">The difference by {period}</h2>
        <div class="compare-chart">
          {keptChart(props.chart, () => (
            <StackedBarChart
              id="difference-chart"
              title={`Cost difference by ${period} in ${cur}`}
              description={`Each bar is one ${period}'s cost in ${props.bName} minus ${props.aName}: above the line it costs more, below it less.`}
              labels={props.chart.labels}
              series={props.chart.series}
              formatValue={(v) => signedMoney(v, cur, false)}
            />
          ))}
        </div>
        <section class="table-scroll" tabindex={0} aria-label="Headcount">
          <table class="projection-table" id="headcount-delta">
            <caption>Headcount at the end of each period</caption>
            <thead>
              <tr>
                <th scope="col">Scenario</th>
                {props.columns.map((c) => (
                  <th scope="col" class="num">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">{props.aName}</th>
                {props.headcount.a.map((n) => (
                  <td class="num">{n}</td>
                ))}
              </tr>
              <tr>
                <th scope="row">{props.bName}</th>
                {props.headcount.b.map((n) => (
                  <td class="num">{n}</td>
                ))}
              </tr>
              <tr class="total-row">
                <th scope="row">Difference</th>
                {props.headcount.b.map((n, i) => (
                  <td class="num">{signedCount(n - props.headcount.a[i]!)}</td>
                ))}
              </tr>
            </tbody>
          </table>
        </section>
        <DeltaTable
          id="cost-split"
          caption={`Cost difference in ${cur}: spend change at ${props.aName}'s rates, and the FX effect apart`}
          rowHeading="Part"
          columns={props.columns}
          rows={props.split}
          currency={cur}
          pennies={props.pennies}
        />
        <DeltaTable
          id="team-delta"
          caption={`Cost difference by team in ${cur}`}
          rowHeading="Team"
          columns={props.columns}
          rows={props.byTeam}
          currency={cur}
          pennies={props.pennies}
          totalRow
        />
      </section>
    </>
  )
}
