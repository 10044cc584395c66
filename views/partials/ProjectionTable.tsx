import type { Currency } from '../../src/domain/money.ts'
import { formatMinor } from '../../src/domain/money.ts'
import { keptByContent } from '../components/fragments.ts'
import type { ProjectionTable as Table } from '../models/projection-table.ts'

export interface ProjectionTableProps {
  table: Table
  caption: string
  rowHeading: string
  rowLabel: (key: string) => string
  columnLabel: (key: string) => string
  /** Where the explanation of a figure lives: a row (null = total row) and a column (null = all). */
  explainHref: (row: string | null, column: string | null) => string
  /** Amounts to the penny; whole units otherwise (the explanation has the pennies). */
  pennies: boolean
  /**
   * Where payroll has closed months: by column, what payroll paid in them and the forecast in the
   * others. `closed` names the closed months.
   */
  estimate?: { values: number[]; total: number; closed: string } | undefined
}

/** A figure that opens its explanation: in the panel with htmx, as a page without JavaScript. */
function Figure({
  href,
  minor,
  currency,
  pennies,
}: {
  href: string
  minor: number
  currency: Currency
  pennies: boolean
}) {
  return (
    <a href={href} hx-get={href} hx-target="#explain-panel" hx-swap="innerHTML" class="figure">
      {formatMinor(minor, currency, { wholeUnits: !pennies })}
    </a>
  )
}

interface FigureRowProps {
  /** The group key (data-row) of a body row; absent on the total row. */
  group?: string
  label: string
  currency: Currency
  pennies: boolean
  /** One per column, then the row's total. */
  cells: { href: string; minor: number }[]
}

function FigureRow({ group, label, currency, pennies, cells }: FigureRowProps) {
  return (
    <tr data-row={group} class={group === undefined ? 'total-row' : undefined}>
      <th scope="row">{label}</th>
      {cells.map((cell, ci) => (
        <td class={ci === cells.length - 1 ? 'num row-total' : 'num'}>
          <Figure href={cell.href} minor={cell.minor} currency={currency} pennies={pennies} />
        </td>
      ))}
    </tr>
  )
}

/** The latest estimate under the total: what payroll paid in closed months, the forecast after. */
function EstimateRow({
  estimate,
  currency,
  pennies,
}: {
  estimate: NonNullable<ProjectionTableProps['estimate']>
  currency: Currency
  pennies: boolean
}) {
  return (
    <tr class="estimate-row">
      <th scope="row">
        Latest estimate{' '}
        <span class="muted">(payroll paid in {estimate.closed}, forecast after)</span>
      </th>
      {[...estimate.values, estimate.total].map((minor) => (
        <td class="num">{formatMinor(minor, currency, { wholeUnits: !pennies })}</td>
      ))}
    </tr>
  )
}

/** Body rows kept by what they show: an edit changes its own team's row and the totals only. */
const KeptFigureRow = keptByContent(FigureRow, (row) => JSON.stringify(row), 300)

/** Rows by group, columns by period; the last row and column are the totals of the others. */
export function ProjectionTable(props: ProjectionTableProps) {
  const { table, rowLabel, columnLabel, explainHref, pennies } = props
  const currency = table.currency
  const cellsOf = (group: string | null, values: number[], total: number) => [
    ...values.map((minor, ci) => ({ href: explainHref(group, table.columns[ci]!.key), minor })),
    { href: explainHref(group, null), minor: total },
  ]
  return (
    <section class="table-scroll" tabindex={0} aria-label={props.caption}>
      <table class="projection-table">
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{props.rowHeading}</th>
            {table.columns.map((c) => (
              <th scope="col" class="num">
                {columnLabel(c.key)}
              </th>
            ))}
            <th scope="col" class="num">
              Total
            </th>
          </tr>
        </thead>
        <tbody>
          {table.rows.length === 0 && (
            <tr>
              <td colspan={table.columns.length + 2}>
                No cost in this projection: add positions to the plan (or choose another plan or
                scenario) to see figures here.
              </td>
            </tr>
          )}
          {table.rows.map((row) => (
            <KeptFigureRow
              group={row.key}
              label={rowLabel(row.key)}
              currency={currency}
              pennies={pennies}
              cells={cellsOf(row.key, row.values, row.total)}
            />
          ))}
        </tbody>
        <tfoot>
          <FigureRow
            label="Total"
            currency={currency}
            pennies={pennies}
            cells={cellsOf(null, table.totals, table.grandTotal)}
          />
          {props.estimate && (
            <EstimateRow estimate={props.estimate} currency={currency} pennies={pennies} />
          )}
        </tfoot>
      </table>
    </section>
  )
}
