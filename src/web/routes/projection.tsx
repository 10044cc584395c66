/**
 * The leadership dashboard: a plan's (or scenario's) headcount and cost over time as charts and a
 * table grouped by team, office or component and by month, quarter or fiscal year. Every figure
 * links to its explanation: a total as the lines it sums, a position's figure by component, and a
 * position-month-component as the engine's own working. The table downloads as CSV.
 */
import { stringify } from 'csv-stringify/sync'
import { type Context, Hono } from 'hono'
import { raw } from 'hono/html'
import * as z from 'zod'
import { Projection } from '../../../views/pages/Projection.tsx'
import { ExplainPanel, type ExplainPanelProps } from '../../../views/partials/ExplainPanel.tsx'
import {
  formatMonth,
  formatMonthRange,
  formatMonthShort,
  type Month,
  monthsBetween,
} from '../../domain/calendar.ts'
import { CURRENCIES, formatMinor, fromMinor, toFixed2 } from '../../domain/money.ts'
import { COMPANY_COMPONENTS, POSITION_COMPONENTS } from '../../domain/projection/components.ts'
import type { AppDeps } from '../app.ts'
import { isHtmxRequest } from '../http/htmx.ts'
import { showsPennies } from '../http/preferences.ts'
import { readQuery } from '../http/query.ts'
import { htmlResponse } from '../http/render.tsx'
import { SPREADSHEET_SAFE } from '../http/spreadsheet.ts'
import { xlsxResponse } from '../http/xlsx.ts'
import type { ActualsService } from '../services/actuals.ts'
import { pageCache } from '../services/page-cache.ts'
import {
  explainProjection,
  GROUP_HEADING,
  projectionLabels,
} from '../services/projection-explanation.ts'
import {
  GROUPINGS,
  type GroupBy,
  headcountByTopTeam,
  latestEstimateRow,
  PERIODS,
  projectionTable,
  totalHeadcount,
} from '../services/projection-table.ts'
import type { ProjectionView } from '../services/projections.ts'

const INCLUDES = ['approved', 'all'] as const

const INCLUDE_LABEL: Record<(typeof INCLUDES)[number], string> = {
  approved: 'Approved plan only',
  all: 'Include pending proposals',
}

const optionalText = z
  .string()
  .max(100)
  .optional()
  .transform((s) => (s ? s : undefined))

const dashboardQuery = z.object({
  plan: optionalText,
  scenario: optionalText,
  currency: z.enum(CURRENCIES).optional().catch(undefined),
  groupBy: z.enum(GROUPINGS).catch('team'),
  period: z.enum(PERIODS).catch('quarter'),
  /** 'approved' (the default): the plan as approved; 'all': with pending proposals applied. */
  include: z.enum(INCLUDES).catch('approved'),
})
type DashboardQuery = z.output<typeof dashboardQuery>

const explainQuery = dashboardQuery.extend({
  row: optionalText,
  column: optionalText,
  position: optionalText,
  component: z
    .enum([...POSITION_COMPONENTS, ...COMPANY_COMPONENTS])
    .optional()
    .catch(undefined),
})
type ExplainQuery = z.output<typeof explainQuery>

/**
 * The cost chart shows this many components, the largest either way (expected vacancies are a
 * large negative layer below zero); the rest are summed as "Other components".
 */
const CHART_LAYERS = 6

/** What payroll paid in the view's closed months (reporting currency), or null if none is. */
type Paid = ReadonlyMap<Month, number> | null
const paidKey = (paid: Paid) => (paid === null ? '' : JSON.stringify([...paid]))

/** "January–March 2027", or the months one by one where a month between them is still open. */
function closedMonthsText(months: readonly Month[]): string {
  const first = months[0]!
  const last = months.at(-1)!
  return monthsBetween(first, last) === months.length - 1
    ? formatMonthRange(first, last)
    : months.map(formatMonthShort).join(', ')
}

export function projectionRoutes({
  projections,
  actuals,
}: Pick<AppDeps, 'projections'> & { actuals: ActualsService }) {
  /** Unknown plans and scenarios end as 404 (thrown by the service). */
  function load(c: Context, q: DashboardQuery): Promise<ProjectionView> {
    return projections.viewInTurns(c.get('viewer'), {
      planId: q.plan,
      scenarioId: q.scenario ?? null,
      currency: q.currency,
      include: q.include,
    })
  }

  const href = (path: string, params: Record<string, string | null | undefined>) => {
    const search = new URLSearchParams()
    for (const [k, v] of Object.entries(params)) if (v) search.set(k, v)
    return `${path}?${search}`
  }

  /** Explanation links from one query: each adds its row and column (as `href` would). */
  const explainHrefs = (base: Record<string, string | null | undefined>) => {
    const shared = href('/projection/explain', base)
    const joiner = shared.endsWith('?') ? '' : '&'
    return (row: string | null, column: string | null) => {
      const cell = new URLSearchParams()
      if (row) cell.set('row', row)
      if (column) cell.set('column', column)
      const more = cell.toString()
      return more ? `${shared}${joiner}${more}` : shared
    }
  }

  /** The query values that pick this view, for links that keep the reader's choices. */
  const baseParams = (view: ProjectionView, q: DashboardQuery) => ({
    plan: view.plan.id,
    scenario: view.scenario?.id,
    currency: view.input.reportingCurrency,
    groupBy: q.groupBy,
    period: q.period,
    // the default is left out of links
    include: q.include === 'all' ? q.include : undefined,
  })

  /**
   * The dashboard's HTML by view and choice of grouping and period. A view is replaced whenever
   * the store changes (the service keys it by plan, scenario, currency, scope and revision), so an
   * entry is never stale, and it goes when its view is dropped.
   */
  const rendered = new WeakMap<ProjectionView, Map<string, string>>()
  /** The whole response, header included, for each account and path as well. */
  const pages = pageCache()

  async function dashboard(c: Context, view: ProjectionView, q: DashboardQuery, paid: Paid) {
    const pennies = showsPennies(c)
    const key = `${q.groupBy}|${q.period}|${q.include}|${pennies}|${paidKey(paid)}`
    const byChoice = rendered.get(view) ?? new Map<string, string>()
    rendered.set(view, byChoice)
    let html = byChoice.get(key)
    if (html === undefined) {
      html = await dashboardHtml(view, q, pennies, paid)
      byChoice.set(key, html)
    }
    return isHtmxRequest(c) ? htmlResponse(c, html) : c.render(raw(html), { title: 'Projection' })
  }

  function dashboardHtml(view: ProjectionView, q: DashboardQuery, pennies: boolean, paid: Paid) {
    const p = view.projection
    const cur = view.input.reportingCurrency
    const label = projectionLabels(view)
    const table = projectionTable(p, q.groupBy, q.period)
    const base = baseParams(view, q)
    const monthLabels = p.months.map(formatMonthShort)
    const byTopTeam = headcountByTopTeam(p, view.doc.teams)
    const teamSeries = [...byTopTeam].map(([id, values]) => ({ name: label.team(id), values }))
    const costTable = projectionTable(p, 'component', q.period)
    const ranked = [...costTable.rows].sort((a, b) => Math.abs(b.total) - Math.abs(a.total))
    const shown = ranked.slice(0, CHART_LAYERS)
    const rest = ranked.slice(CHART_LAYERS)
    const costSeries = shown.map((r) => ({ name: label.component(r.key), values: r.values }))
    if (rest.length > 0) {
      costSeries.push({
        name: 'Other components',
        values: costTable.columns.map((_, ci) => rest.reduce((a, r) => a + r.values[ci]!, 0)),
      })
    }
    const last = p.months.length - 1
    const estimate = paid && {
      ...latestEstimateRow(p, q.groupBy, table.columns, paid),
      closed: closedMonthsText([...paid.keys()]),
    }
    // filled + open at each month's end, as p.headcount counts them, without its attrition model
    const heads = totalHeadcount(byTopTeam, p.months.length)
    const plans = view.doc.plans.map((pl) => ({ value: pl.id, label: pl.name }))
    const scenarios = [
      { value: '', label: 'Baseline (no scenario)' },
      ...view.doc.scenarios
        .filter((s) => s.planId === view.plan.id)
        .map((s) => ({ value: s.id, label: s.name })),
    ]
    const props = {
      heading: `Projection: ${view.plan.name}${view.scenario ? ` with ${view.scenario.name}` : ''}${
        q.include === 'all' ? ', with pending proposals' : ''
      }`,
      query: {
        plan: view.plan.id,
        scenario: view.scenario?.id ?? '',
        currency: cur,
        groupBy: q.groupBy,
        period: q.period,
        include: q.include,
      },
      choices: {
        plan: plans,
        scenario: scenarios,
        currency: CURRENCIES.map((v) => ({ value: v, label: v })),
        groupBy: GROUPINGS.map((v) => ({ value: v, label: GROUP_HEADING[v] })),
        period: [
          { value: 'month', label: 'Month' },
          { value: 'quarter', label: 'Fiscal quarter' },
          { value: 'fiscal_year', label: 'Fiscal year' },
        ],
        include: INCLUDES.map((v) => ({ value: v, label: INCLUDE_LABEL[v] })),
      },
      summary: [
        {
          id: 'summary-headcount-start',
          label: `Headcount, ${formatMonth(p.months[0]!)}`,
          value: String(heads[0]),
        },
        {
          id: 'summary-headcount-end',
          label: `Headcount, ${formatMonth(p.months[last]!)}`,
          value: String(heads[last]),
        },
        {
          id: 'summary-cost',
          label: `Cost, ${formatMonthRange(p.months[0]!, p.months[last]!)}`,
          value: formatMinor(table.grandTotal, cur, { wholeUnits: !pennies }),
        },
        ...(estimate
          ? [
              {
                id: 'summary-latest-estimate',
                label: `Latest estimate, ${formatMonthRange(p.months[0]!, p.months[last]!)} (paid in ${estimate.closed})`,
                value: formatMinor(estimate.total, cur, { wholeUnits: !pennies }),
              },
            ]
          : []),
      ],
      headcount: { labels: monthLabels, series: teamSeries },
      cost: {
        labels: costTable.columns.map((col) => label.column(col.key)),
        series: costSeries,
        formatValue: (v: number) => formatMinor(Math.round(v), cur, { wholeUnits: true }),
      },
      table: {
        table,
        caption: `Cost in ${cur} by ${GROUP_HEADING[q.groupBy].toLowerCase()}`,
        rowHeading: GROUP_HEADING[q.groupBy],
        rowLabel: label[q.groupBy],
        columnLabel: label.column,
        // the query the cells share is encoded once; each cell adds its row and column
        explainHref: explainHrefs(base),
        pennies,
        estimate: estimate ?? undefined,
      },
      csvHref: href('/projection/table.csv', base),
      pageHref: href('/projection', base),
    }
    return (<Projection {...props} />).toString()
  }

  /** The explanation asked for, as panel props; null when it names nothing in this projection. */
  function explanation(view: ProjectionView, q: ExplainQuery): ExplainPanelProps | null {
    const base = baseParams(view, q)
    return explainProjection(view, q, (extra) =>
      href('/projection/explain', { ...base, column: q.column, ...extra }),
    )
  }

  return new Hono()
    .get('/projection', async (c) => {
      const q = readQuery(c, dashboardQuery)
      const view = await load(c, q)
      const { name, role } = c.get('viewer')
      // a scenario is a what-if: only the plan itself meets what payroll paid
      const paid = view.scenario ? null : actuals.paidInClosedMonths(c.get('viewer'), view)
      const key = JSON.stringify([
        paidKey(paid),
        isHtmxRequest(c),
        q.groupBy,
        q.period,
        c.req.path,
        name,
        role,
        showsPennies(c),
      ])
      return pages(c, view, key, () => dashboard(c, view, q, paid))
    })
    .get('/projection/explain', async (c) => {
      const q = readQuery(c, explainQuery)
      const view = await load(c, q)
      const panel = explanation(view, q)
      if (!panel) return c.notFound()
      if (isHtmxRequest(c)) return htmlResponse(c, <ExplainPanel {...panel} />)
      const back = href('/projection', baseParams(view, q))
      return c.render(<ExplainPanel {...panel} backHref={back} />, { title: 'Explanation' })
    })
    .get('/projection/table.csv', async (c) => {
      const q = readQuery(c, dashboardQuery)
      const view = await load(c, q)
      const t = downloadTable(view, q.groupBy, q.period)
      const csv = stringify([t.header, ...t.rows], SPREADSHEET_SAFE)
      c.header('Content-Type', 'text/csv; charset=utf-8')
      c.header('Content-Disposition', `attachment; filename="${downloadName(view, q)}.csv"`)
      return c.body(csv)
    })
    .get('/projection/table.xlsx', async (c) => {
      const q = dashboardQuery.parse(c.req.query())
      const view = await load(c, q)
      const currency = view.input.reportingCurrency
      // the chosen grouping first, then the others: one sheet per view of the same figures
      const sheets = [q.groupBy, ...GROUPINGS.filter((g) => g !== q.groupBy)].map((groupBy) => {
        const t = downloadTable(view, groupBy, q.period)
        return {
          name: `By ${GROUP_HEADING[groupBy].toLowerCase()}`,
          columns: t.header.map((header, i) => ({
            header,
            kind: i === 0 ? ('text' as const) : ('money' as const),
            currency,
          })),
          rows: t.rows,
        }
      })
      return xlsxResponse(c, sheets, `${downloadName(view, q)}.xlsx`)
    })

  /** The cost table as a download: a heading row, a row per group and the total row. */
  function downloadTable(view: ProjectionView, groupBy: GroupBy, period: DashboardQuery['period']) {
    const table = projectionTable(view.projection, groupBy, period)
    const label = projectionLabels(view)
    const money = (v: number) => toFixed2(fromMinor(v))
    return {
      header: [GROUP_HEADING[groupBy], ...table.columns.map((col) => col.key), 'Total'],
      rows: [
        ...table.rows.map((r) => [label[groupBy](r.key), ...r.values.map(money), money(r.total)]),
        ['Total', ...table.totals.map(money), money(table.grandTotal)],
      ],
    }
  }
}

function downloadName(view: ProjectionView, q: DashboardQuery): string {
  const proposals = q.include === 'all' ? '-with-proposals' : ''
  return `projection-${view.plan.id}-${view.input.reportingCurrency}-${q.groupBy}-${q.period}${proposals}`
}
