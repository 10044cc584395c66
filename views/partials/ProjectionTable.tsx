import type { Currency } from '../../src/domain/money.ts'
import { formatMinor } from '../../src/domain/money.ts'
import type { ProjectionTable as Table } from '../../src/web/routes/projection-table.ts'

export interface ProjectionTableProps {
  table: Table
  caption: string
  rowHeading: string
  rowLabel: (key: string) => string
  columnLabel: (key: string) => string
  /** Where the explanation of a figure lives: a row (null = total row) and a column (null = all). */
  explainHref: (row: string | null, column: string | null) => string
}

/** A figure that opens its explanation: in the panel with htmx, as a page without JavaScript. */
function Figure({ href, minor, currency }: { href: string; minor: number; currency: Currency }) {
  return (
    <a href={href} hx-get={href} hx-target="#explain-panel" hx-swap="innerHTML" class="figure">
      {formatMinor(minor, currency)}
    </a>
  )
}

/** Rows by group, columns by period; the last row and column are the totals of the others. */
export function ProjectionTable(props: ProjectionTableProps) {
  const { table, rowLabel, columnLabel, explainHref } = props
  const cur = table.currency
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
            <tr data-row={row.key}>
              <th scope="row">{rowLabel(row.key)}</th>
              {row.values.map((v, ci) => (
                <td class="num">
                  <Figure
                    href={explainHref(row.key, table.columns[ci]!.key)}
                    minor={v}
                    currency={cur}
                  />
                </td>
              ))}
              <td class="num row-total">
                <Figure href={explainHref(row.key, null)} minor={row.total} currency={cur} />
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr class="total-row">
            <th scope="row">Total</th>
            {table.totals.map((v, ci) => (
              <td class="num">
                <Figure href={explainHref(null, table.columns[ci]!.key)} minor={v} currency={cur} />
              </td>
            ))}
            <td class="num row-total">
              <Figure href={explainHref(null, null)} minor={table.grandTotal} currency={cur} />
            </td>
          </tr>
        </tfoot>
      </table>
    </section>
  )
}
