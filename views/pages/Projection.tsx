import type { Child } from 'hono/jsx'
import type { ChartSeries } from '../components/charts/frame.tsx'
import { LineChart } from '../components/charts/LineChart.tsx'
import { StackedBarChart } from '../components/charts/StackedBarChart.tsx'
import { keptByContent } from '../components/fragments.ts'
import { PenniesToggle } from '../components/PenniesToggle.tsx'
import { ProjectionTable, type ProjectionTableProps } from '../partials/ProjectionTable.tsx'

export interface Choice {
  value: string
  label: string
}

export interface ProjectionProps {
  heading: string
  /** The current choices, as query values. */
  query: Record<ProjectionField, string>
  choices: Record<ProjectionField, Choice[]>
  summary: { label: string; value: string; id: string }[]
  headcount: { labels: string[]; series: ChartSeries[] }
  cost: { labels: string[]; series: ChartSeries[]; formatValue: (v: number) => string }
  table: ProjectionTableProps
  csvHref: string
  /** This page's own address, to come back to after changing how amounts are shown. */
  pageHref: string
  /** The explanation opened without JavaScript, if any. */
  explanation?: Child
}

const FIELD_LABEL = {
  plan: 'Plan',
  scenario: 'Scenario',
  currency: 'Currency',
  groupBy: 'Group by',
  period: 'Period',
  include: 'Proposals',
} as const
type ProjectionField = keyof typeof FIELD_LABEL

function Select({ name, props }: { name: keyof typeof FIELD_LABEL; props: ProjectionProps }) {
  return (
    <div class="field">
      <label for={`projection-${name}`}>{FIELD_LABEL[name]}</label>
      <select id={`projection-${name}`} name={name}>
        {props.choices[name].map((c) => (
          <option value={c.value} selected={c.value === props.query[name]}>
            {c.label}
          </option>
        ))}
      </select>
    </div>
  )
}

/** Kept by its figures: an edit to pay, dates aside, leaves every team's headcount as it was. */
const HeadcountChart = keptByContent(
  (p: ProjectionProps['headcount']) => (
    <LineChart
      id="headcount-chart"
      title="Headcount by team at each month end"
      description="One line per top-level team, subteams included, counting people and open roles from their expected start."
      labels={p.labels}
      series={p.series}
      formatValue={(v) => String(v)}
    />
  ),
  (p) => JSON.stringify([p.labels, p.series]),
  16,
)

/** Headcount and cost over time, charts and a table whose every figure explains itself. */
export function Projection(props: ProjectionProps) {
  return (
    <div id="projection" class="projection">
      <header class="page-header">
        <h1>{props.heading}</h1>
      </header>
      <form
        method="get"
        action="/projection"
        class="projection-controls"
        hx-get="/projection"
        hx-target="#projection"
        hx-swap="outerHTML"
        hx-push-url="true"
      >
        {(['plan', 'scenario', 'currency', 'groupBy', 'period', 'include'] as const).map((name) => (
          <Select name={name} props={props} />
        ))}
        <button type="submit">Show</button>
      </form>
      <dl class="projection-summary">
        {props.summary.map((s) => (
          <div>
            <dt>{s.label}</dt>
            <dd class="num" id={s.id}>
              {s.value}
            </dd>
          </div>
        ))}
      </dl>
      <div class="chart-grid">
        <HeadcountChart {...props.headcount} />
        <StackedBarChart
          id="cost-chart"
          title="Cost by component"
          description="Each bar is one period's cost, its layers the largest cost components."
          labels={props.cost.labels}
          series={props.cost.series}
          formatValue={props.cost.formatValue}
        />
      </div>
      <section aria-labelledby="table-heading">
        <h2 id="table-heading">Cost table</h2>
        <p class="muted">
          Select any figure to see the lines it sums. <a href={props.csvHref}>Download as CSV</a> or{' '}
          <a href={props.csvHref.replace('/table.csv', '/table.xlsx')}>as Excel</a> (a sheet each
          for team, office and component)
        </p>
        <PenniesToggle pennies={props.table.pennies} next={props.pageHref} />
        <ProjectionTable {...props.table} />
      </section>
      <section id="explain-panel" class="explain-panel" aria-live="polite" tabindex={-1}>
        {props.explanation ?? (
          <p class="muted">Select a figure in the table to see its explanation here.</p>
        )}
      </section>
    </div>
  )
}
