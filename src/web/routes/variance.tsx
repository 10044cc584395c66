/**
 * Variance against a locked budget: by team, component or month, its explanation (the sums and
 * the people behind a figure) and a CSV download. Managers see their teams only; a viewer, who
 * may see no pay, sees head-months alone.
 */
import { stringify } from 'csv-stringify/sync'
import { type Context, Hono } from 'hono'
import { HTTPException } from 'hono/http-exception'
import * as z from 'zod'
import { fiscalPeriodText } from '../../../views/components/FiscalPeriod.tsx'
import {
  Variance,
  type VarianceChoices,
  VarianceExplain,
  type VarianceRow,
} from '../../../views/pages/Variance.tsx'
import { type CellFilter, cellMatches, type VarianceReport } from '../../domain/actuals/report.ts'
import {
  ACTUAL_COMPONENT_LABEL,
  ACTUAL_COMPONENTS,
  sumVariance,
  type VarianceCell,
  type VarianceTotals,
  ZERO_TOTALS,
} from '../../domain/actuals/variance.ts'
import { formatMonth } from '../../domain/calendar.ts'
import { CURRENCIES, type Currency, formatMinor } from '../../domain/money.ts'
import type { AppDeps } from '../app.ts'
import { can } from '../auth/policy.ts'
import type { Viewer } from '../auth/viewer.ts'
import { SPREADSHEET_SAFE } from '../http/spreadsheet.ts'
import { type XlsxColumn, type XlsxSheet, xlsxResponse } from '../http/xlsx.ts'
import type { ActualsService } from '../services/actuals.ts'

type Deps = Pick<AppDeps, 'projections'> & { actuals: ActualsService }

const query = z.object({
  budget: z.string().max(64, 'budget: at most 64 characters').optional(),
  basis: z.enum(['actual', 'estimate']).default('estimate'),
  currency: z.enum(CURRENCIES).optional(),
  by: z.enum(['team', 'component', 'month']).default('team'),
  team: z.string().max(64).optional(),
  component: z.enum(ACTUAL_COMPONENTS).optional(),
  month: z.coerce.number().int().min(0).max(11).optional(),
})
type Query = z.output<typeof query>

export function varianceRoutes({ projections, actuals }: Deps) {
  function read(c: Context) {
    const parsed = query.safeParse(c.req.query())
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!
      throw new HTTPException(400, { message: `${String(issue.path[0])}: ${issue.message}` })
    }
    const q = parsed.data
    const viewer = c.get('viewer') as Viewer
    const chosen = q.budget ?? actuals.budgets()[0]?.id
    const budget = chosen === undefined ? null : actuals.budget(chosen)
    if (chosen !== undefined && budget === null)
      throw new HTTPException(404, { message: 'There is no such budget.' })
    if (budget === null) return null
    const plan = budget.snapshot.plans[0]!
    const currency = q.currency ?? plan.reportingCurrency
    const showPay = can(viewer, 'view_pay')
    // who is behind one pay component (a bonus, say) is pay: a viewer's figures are head-months
    if (!showPay) q.component = undefined
    const report = actuals.variance(viewer, budget, { basis: q.basis, currency })
    return { q, viewer, budget, currency, showPay, report }
  }

  return new Hono()
    .get('/variance', (c) => {
      const r = read(c)
      if (!r) {
        return c.render(
          <section>
            <h1>Variance</h1>
            <p>
              No budget is locked yet. <a href="/budgets">Lock the approved plan as a budget</a> to
              compare it with payroll and the forecast.
            </p>
          </section>,
          { title: 'Variance' },
        )
      }
      const { q, budget, report, currency, showPay } = r
      const names = labels(projections.workspace().teams, report)
      const groups = sumVariance(report.cells, groupOf(q.by))
      const keys = orderOf(q.by, [...groups.keys()], names)
      const link = (filter: CellFilter) => explainHref(budget.id, q, currency, filter)
      const rows: VarianceRow[] = keys.map((key) =>
        row(names[q.by](key), link(filterOf(q.by, key)), groups.get(key)!, currency, showPay),
      )
      const total = row(
        'Total',
        link({}),
        sumVariance(report.cells, () => '').get('') ?? ZERO_TOTALS,
        currency,
        showPay,
      )
      const chosen: VarianceChoices = { budgetId: budget.id, basis: q.basis, currency, by: q.by }
      return c.render(
        <Variance
          budgets={actuals.budgets().map(({ id, name }) => ({ id, name }))}
          chosen={chosen}
          title={`Variance against ${budget.name}`}
          fiscalYearMonths={`${formatMonth(report.months[0]!)} to ${formatMonth(report.months[11]!)}`}
          closedMonths={
            report.closed.length > 0 ? report.closed.map(formatMonth).join(', ') : 'none yet'
          }
          showPay={showPay}
          rows={rows}
          total={total}
          missingRates={report.missingRates.map(formatMonth)}
          downloadQuery={new URLSearchParams({
            budget: budget.id,
            basis: q.basis,
            currency,
            by: q.by,
          }).toString()}
        />,
        { title: `Variance against ${budget.name}` },
      )
    })
    .get('/variance.csv', (c) => {
      const r = read(c)
      if (!r) throw new HTTPException(404, { message: 'No budget is locked yet.' })
      const names = labels(projections.workspace().teams, r.report)
      const csv = stringify(
        [CELL_COLUMNS.map((col) => col.header), ...cellRows(r.report, names)],
        SPREADSHEET_SAFE,
      )
      return c.body(csv, 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="variance-${r.budget.id}.csv"`,
      })
    })
    .get('/variance.xlsx', (c) => {
      const r = read(c)
      if (!r) throw new HTTPException(404, { message: 'No budget is locked yet.' })
      const names = labels(projections.workspace().teams, r.report)
      const grouped = (by: Query['by'], name: string): XlsxSheet => {
        const groups = sumVariance(r.report.cells, groupOf(by))
        return {
          name,
          columns: [{ header: BY_HEADER[by], kind: 'text' }, ...TOTAL_COLUMNS],
          rows: orderOf(by, [...groups.keys()], names).map((key) => [
            names[by](key),
            ...totalCells(groups.get(key)!, r.currency),
          ]),
        }
      }
      const sheets: XlsxSheet[] = [
        grouped('team', 'By team'),
        grouped('component', 'By component'),
        grouped('month', 'By month'),
        { name: 'Every cell', columns: CELL_COLUMNS, rows: cellRows(r.report, names) },
      ]
      return xlsxResponse(c, sheets, `variance-${r.budget.id}.xlsx`)
    })
    .get('/variance/explain', (c) => {
      const r = read(c)
      if (!r) throw new HTTPException(404, { message: 'No budget is locked yet.' })
      const { q, viewer, budget, report, currency, showPay } = r
      const filter: CellFilter = { team: q.team, component: q.component, month: q.month }
      const names = labels(projections.workspace().teams, report)
      const cells = report.cells.filter(cellMatches(filter))
      const t = sumVariance(cells, () => '').get('') ?? ZERO_TOTALS
      const money = (minor: number) => formatMinor(minor, currency)
      const what = [
        filter.team === undefined ? 'all teams' : names.team(filter.team),
        filter.component === undefined
          ? 'all components'
          : ACTUAL_COMPONENT_LABEL[filter.component],
        filter.month === undefined
          ? fiscalPeriodText(
              `FY${report.fiscalYear}`,
              budget.snapshot.organisation.fiscalYearStartMonth,
            )
          : formatMonth(report.months[filter.month]!),
      ].join(', ')
      const other = report.basis === 'actual' ? 'actual' : 'latest estimate'
      const lines = showPay
        ? [
            `Budget (${budget.name}, at its own rates): ${money(t.budget)}; ${other}: ${money(t.actual)}; variance ${money(t.actual - t.budget)}.`,
            `Volume: head-months ${t.actualHeads} against ${t.budgetHeads} budgeted, each at the budget's cost per head-month in its team, component and month: ${money(t.volume)}.`,
            `FX effect: the ${other} amounts at the actual rates less the same amounts at the budget rates: ${money(t.fx)}.`,
            `Rate: the rest of the variance at budget rates (pay, taxes and benefits per head): ${money(t.rate)}.`,
            `Check: ${money(t.volume)} + ${money(t.rate)} + ${money(t.fx)} = ${money(t.volume + t.rate + t.fx)} = ${money(t.actual)} - ${money(t.budget)}.`,
          ]
        : [`Head-months: ${t.actualHeads} ${other} against ${t.budgetHeads} budgeted.`]
      const byMonth = sumVariance(cells, (cell) => String(cell.month))
      const people = actuals.peopleBehind(viewer, budget, report, filter)
      // ranked by amount they show who is paid most: without pay, the same people by name
      const ordered = (list: { name: string; amount: number }[]) =>
        showPay ? list : list.toSorted((a, b) => a.name.localeCompare(b.name))
      const personRows = (list: { name: string; amount: number }[]) =>
        ordered(list).map((p) => ({ name: p.name, amount: money(p.amount) }))
      return c.render(
        <VarianceExplain
          title={`Variance: ${what}`}
          backHref={`/variance?${new URLSearchParams({ budget: budget.id, basis: q.basis, currency, by: q.by })}`}
          showPay={showPay}
          lines={lines}
          months={[...byMonth]
            .sort((x, y) => Number(x[0]) - Number(y[0]))
            .map(([k, m]) => ({
              ...row(
                formatMonth(report.months[Number(k)]!),
                undefined,
                m,
                currency,
                showPay,
                false,
              ),
            }))}
          people={[
            { caption: `In the budget (${budget.name})`, rows: personRows(people.budget) },
            { caption: 'Paid by payroll (closed months)', rows: personRows(people.actual) },
            ...(report.basis === 'estimate'
              ? [{ caption: 'Forecast (months not yet closed)', rows: personRows(people.forecast) }]
              : []),
          ]}
        />,
        { title: `Variance: ${what}` },
      )
    })
}

const decimal = (minor: number) => (minor / 100).toFixed(2)

const BY_HEADER = { team: 'Team', component: 'Component', month: 'Month' } as const

const money = (header: string, currency: number): XlsxColumn => ({
  header,
  kind: 'money',
  currency,
})

/** Budget to FX effect with the currency column before them, then head-months. */
const TOTAL_COLUMNS: XlsxColumn[] = [
  { header: 'Currency', kind: 'text', width: 9 },
  ...['Budget', 'Actual or estimate', 'Variance', 'Volume', 'Rate', 'FX effect'].map((h) =>
    money(h, 1),
  ),
  { header: 'Budget head-months', kind: 'number' },
  { header: 'Actual head-months', kind: 'number' },
]

function totalCells(t: VarianceTotals, currency: Currency): string[] {
  return [
    currency,
    ...[t.budget, t.actual, t.actual - t.budget, t.volume, t.rate, t.fx].map(decimal),
    String(t.budgetHeads),
    String(t.actualHeads),
  ]
}

/** Every cell of the report, the same rows in the CSV and the workbook's last sheet. */
const CELL_COLUMNS: XlsxColumn[] = [
  { header: 'Team', kind: 'text' },
  { header: 'Component', kind: 'text' },
  { header: 'Month', kind: 'month' },
  ...TOTAL_COLUMNS.map((col) => (col.kind === 'money' ? { ...col, currency: 3 } : col)),
]

function cellRows(report: VarianceReport, names: ReturnType<typeof labels>): string[][] {
  return [...report.cells]
    .sort(
      (a, b) =>
        a.team.localeCompare(b.team) || a.month - b.month || a.component.localeCompare(b.component),
    )
    .map((cell) => [
      names.team(cell.team),
      ACTUAL_COMPONENT_LABEL[cell.component],
      report.months[cell.month]!,
      ...totalCells({ ...cell }, report.currency),
    ])
}

const groupOf = (by: Query['by']) => (cell: VarianceCell) =>
  by === 'team' ? cell.team : by === 'component' ? cell.component : String(cell.month)

const filterOf = (by: Query['by'], key: string): CellFilter =>
  by === 'team'
    ? { team: key }
    : by === 'component'
      ? { component: key as CellFilter['component'] }
      : { month: Number(key) }

function labels(teams: readonly { id: string; name: string }[], report: VarianceReport) {
  const teamName = new Map(teams.map((t) => [t.id, t.name]))
  return {
    team: (id: string) => teamName.get(id) ?? 'A team no longer in the plan',
    component: (key: string) => ACTUAL_COMPONENT_LABEL[key as keyof typeof ACTUAL_COMPONENT_LABEL],
    month: (key: string) => formatMonth(report.months[Number(key)]!),
  }
}

function orderOf(by: Query['by'], keys: string[], names: ReturnType<typeof labels>): string[] {
  if (by === 'month') return keys.sort((a, b) => Number(a) - Number(b))
  if (by === 'component') return ACTUAL_COMPONENTS.filter((c) => keys.includes(c))
  return keys.sort((a, b) => names.team(a).localeCompare(names.team(b)))
}

function explainHref(budgetId: string, q: Query, currency: Currency, filter: CellFilter): string {
  const params = new URLSearchParams({ budget: budgetId, basis: q.basis, currency, by: q.by })
  if (filter.team !== undefined) params.set('team', filter.team)
  if (filter.component !== undefined) params.set('component', filter.component)
  if (filter.month !== undefined) params.set('month', String(filter.month))
  return `/variance/explain?${params}`
}

function row(
  label: string,
  href: string | undefined,
  t: VarianceTotals,
  currency: Currency,
  showPay: boolean,
  wholeUnits = true,
): VarianceRow {
  const money = (minor: number) => formatMinor(minor, currency, { wholeUnits })
  return {
    label,
    ...(href === undefined ? {} : { href }),
    pay: showPay
      ? {
          budget: money(t.budget),
          actual: money(t.actual),
          variance: money(t.actual - t.budget),
          volume: money(t.volume),
          rate: money(t.rate),
          fx: money(t.fx),
        }
      : null,
    budgetHeads: String(t.budgetHeads),
    actualHeads: String(t.actualHeads),
  }
}
