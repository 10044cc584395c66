/**
 * The explanation of any figure on the projection dashboard: the grand total as a line per group,
 * a group's total as the lines it sums, a position's figure by component, and a position-month-
 * component or a company line as the engine's own working, months that read alike shown once.
 */
import { fiscalPeriodText } from '../../../views/components/FiscalPeriod.tsx'
import type { ExplainPanelProps } from '../../../views/partials/ExplainPanel.tsx'
import {
  formatMonthRange,
  formatMonthShort,
  isMonth,
  type Month,
  monthRuns,
} from '../../domain/calendar.ts'
import { namesOf, positionName } from '../../domain/names.ts'
import {
  COMPONENT_LABEL,
  type Component,
  POSITION_COMPONENTS,
} from '../../domain/projection/components.ts'
import { explain } from '../../domain/projection/explain.ts'
import { COMPANY_KEY } from '../../domain/projection/result.ts'
import {
  breakdown,
  type GroupBy,
  groupSeries,
  largestFirst,
  type Period,
  periodColumns,
  positionBreakdown,
} from './projection-table.ts'
import type { ProjectionView } from './projections.ts'

export const GROUP_HEADING: Record<GroupBy, string> = {
  team: 'Team',
  office: 'Office',
  component: 'Component',
}

/** How the dashboard names a group key or a column: a team's name, "Mar 2027", "FY2027 Q1". */
export function projectionLabels(view: ProjectionView) {
  const teams = new Map(view.doc.teams.map((t) => [t.id, t.name]))
  const offices = new Map(view.doc.offices.map((o) => [o.id, o.name]))
  const company = 'Company-wide (levy, desks)'
  return {
    team: (k: string) => (k === COMPANY_KEY ? company : (teams.get(k) ?? k)),
    office: (k: string) => (k === COMPANY_KEY ? 'Company-wide (levy)' : (offices.get(k) ?? k)),
    component: (k: string) => COMPONENT_LABEL[k as Component] ?? k,
    column: (k: string) =>
      isMonth(k) ? formatMonthShort(k) : fiscalPeriodText(k, view.projection.fiscalYearStartMonth),
  }
}

/** Which figure to explain: a row and column of the table, a position, a component. */
export interface ExplainChoice {
  groupBy: GroupBy
  period: Period
  row?: string | undefined
  column?: string | undefined
  position?: string | undefined
  component?: Component | undefined
}

/**
 * The explanation of the chosen figure, or null when it names nothing the view holds; `link`
 * makes the address of a deeper explanation from what it adds to the choice.
 */
export function explainProjection(
  view: ProjectionView,
  q: ExplainChoice,
  link: (extra: Record<string, string | undefined>) => string,
): ExplainPanelProps | null {
  const p = view.projection
  const cur = view.input.reportingCurrency
  const label = projectionLabels(view)
  const columns = periodColumns(p.months, p.fiscalYearStartMonth, q.period)
  const column = q.column ? columns.find((col) => col.key === q.column) : undefined
  if (q.column && !column) return null
  const months = column?.months ?? p.months.map((_, i) => i)
  const when = column ? label.column(column.key) : formatMonthRange(p.months[0]!, p.months.at(-1)!)
  // months whose working reads alike are shown once, headed by their range
  const monthSections = (heading: string, lines: (month: Month) => string[]) =>
    monthRuns(
      months.map((mi) => p.months[mi]!),
      lines,
      (l) => l.join('\n'),
    ).map((run) => ({
      heading: `${formatMonthRange(run.first, run.last)}${heading}${run.first === run.last ? '' : ', each month'}`,
      items: run.item.map((text) => ({ label: text })),
    }))

  if (q.position && q.component) {
    const position = p.positions.find((x) => x.id === q.position)
    if (!position) return null
    const component = q.component
    if (!(POSITION_COMPONENTS as readonly string[]).includes(component)) return null
    return {
      heading: `${COMPONENT_LABEL[component]} for ${positionName(position.terms.position, namesOf(view.doc))}, ${when}`,
      currency: cur,
      sections: monthSections('', (month) =>
        explain(view.input, position.id, month, component as never),
      ),
    }
  }
  if (q.position) {
    const lines = positionBreakdown(p, view.fx, q.position, months)
    const position = p.positions.find((x) => x.id === q.position)
    if (!lines || !position) return null
    const total = lines.reduce((a, l) => a + l.amount, 0)
    return {
      heading: `${positionName(position.terms.position, namesOf(view.doc))}, ${when}`,
      currency: cur,
      sections: [
        {
          heading: `By component, in ${cur}`,
          items: lines.map((l) => ({
            label: COMPONENT_LABEL[l.component],
            amount: l.amount,
            href: link({ position: position.id, component: l.component }),
          })),
        },
      ],
      total,
    }
  }
  if (q.component && !(POSITION_COMPONENTS as readonly string[]).includes(q.component)) {
    const lines = p.companyLines.filter((l) => l.component === q.component)
    return {
      heading: `${COMPONENT_LABEL[q.component]}, ${when}`,
      currency: cur,
      sections: lines.flatMap((line) =>
        monthSections(line.officeId ? `, ${label.office(line.officeId)}` : '', (month) =>
          line.explain(p.months.indexOf(month)),
        ),
      ),
    }
  }
  const rowKey = q.row ?? null
  const series = groupSeries(p, q.groupBy)
  if (rowKey !== null && !series.has(rowKey)) return null
  if (rowKey === null) {
    // the grand total: a line per group, each opening its own lines (at 50,000 positions the
    // lines themselves were a 19 MB page)
    const groups = [...series].map(([key, s]) => ({
      key,
      total: months.reduce((a, mi) => a + s[mi]!, 0),
    }))
    const total = groups.reduce((a, g) => a + g.total, 0)
    const by = GROUP_HEADING[q.groupBy].toLowerCase()
    return {
      heading: `All, ${when}: the total by ${by}`,
      currency: cur,
      sections: [
        {
          heading: `By ${by}; open one to see its lines`,
          items: groups
            .filter((g) => g.total !== 0)
            .map((g) => ({
              label: label[q.groupBy](g.key),
              amount: g.total,
              href: link({ row: g.key }),
            })),
          total,
        },
      ],
      total,
    }
  }
  const b = breakdown(p, view.fx, q.groupBy, rowKey, months, namesOf(view.doc))
  return {
    heading: `${label[q.groupBy](rowKey)}, ${when}: the lines this total sums`,
    currency: cur,
    sections: b.groups.map((g) => {
      const items = g.lines.map((l) => ({
        label: l.label,
        amount: l.amount,
        href: l.positionId
          ? link({
              position: l.positionId,
              ...(q.groupBy === 'component' ? { component: g.key } : {}),
            })
          : link({ component: l.components[0] }),
      }))
      return { heading: label[q.groupBy](g.key), items: largestFirst(items), total: g.total }
    }),
    total: b.total,
  }
}
