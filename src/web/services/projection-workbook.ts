/**
 * The projection as an Excel workbook, one sheet per view of the same figures: every line (as the
 * CSV download has them), the cost by team, by office and by component per period, and the
 * total per period. Rows come from the same functions as the CSV and JSON downloads.
 */
import type { XlsxColumn, XlsxRow, XlsxSheet } from '../http/xlsx.ts'
import {
  type AggregateRow,
  aggregateRows,
  type GroupBy,
  groupedReport,
  type LineRow,
  lineRows,
  type Period,
} from './projection-report.ts'
import type { ProjectionView } from './projections.ts'

const text = (header: string): XlsxColumn => ({ header, kind: 'text' })

/** The line download's columns, in the CSV's order and with its headings. */
export const LINE_COLUMNS: readonly [keyof LineRow, XlsxColumn][] = [
  ['plan', text('plan')],
  ['scenario', text('scenario')],
  ['positionId', text('positionId')],
  ['title', text('title')],
  ['team', text('team')],
  ['office', text('office')],
  ['family', text('family')],
  ['level', text('level')],
  ['month', { header: 'month', kind: 'month' }],
  ['component', text('component')],
  ['localCurrency', { header: 'localCurrency', kind: 'text', width: 8 }],
  ['localAmount', { header: 'localAmount', kind: 'money', currency: 10 }],
  ['reportingCurrency', { header: 'reportingCurrency', kind: 'text', width: 8 }],
  ['reportingAmount', { header: 'reportingAmount', kind: 'money', currency: 12 }],
  ['kind', text('kind')],
  ['fxRateSet', text('fxRateSet')],
  ['usdPerGbp', text('usdPerGbp')],
]

export const AGGREGATE_COLUMNS: readonly [keyof AggregateRow, XlsxColumn][] = [
  ['plan', text('plan')],
  ['scenario', text('scenario')],
  ['group', text('group')],
  ['label', text('label')],
  ['period', { header: 'period', kind: 'text', width: 12 }],
  ['currency', { header: 'currency', kind: 'text', width: 8 }],
  ['amount', { header: 'amount', kind: 'money', currency: 5 }],
  ['kind', text('kind')],
  ['fxRateSet', text('fxRateSet')],
  ['usdPerGbp', text('usdPerGbp')],
]

function sheetOf<T>(
  name: string,
  columns: readonly [keyof T, XlsxColumn][],
  rows: Iterable<T>,
): XlsxSheet {
  return {
    name,
    columns: columns.map(([, c]) => c),
    // one row at a time, as the sheet is written
    rows: (function* () {
      for (const r of rows) yield columns.map(([k]) => r[k] as string) as XlsxRow
    })(),
  }
}

const BY: readonly [GroupBy, string][] = [
  ['team', 'By team'],
  ['office', 'By office'],
  ['component', 'By component'],
]

export function projectionWorkbook(view: ProjectionView, period: Period): XlsxSheet[] {
  const report = groupedReport(view, 'component', period)
  return [
    sheetOf('Lines', LINE_COLUMNS, lineRows(view)),
    ...BY.map(([groupBy, name]) =>
      sheetOf(name, AGGREGATE_COLUMNS, aggregateRows(view, groupBy, period)),
    ),
    {
      name: 'By period',
      columns: [
        { header: 'period', kind: 'text', width: 12 },
        { header: 'currency', kind: 'text', width: 8 },
        { header: 'amount', kind: 'money', currency: 1 },
      ],
      rows: report.periods.map((label, i) => [label, report.currency, report.total[i]!]),
    },
  ]
}
