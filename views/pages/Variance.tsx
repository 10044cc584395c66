import { Flash } from '../components/Flash.tsx'
import { SelectField } from '../components/SelectField.tsx'
import { Table } from '../components/Table.tsx'

/** One row of the variance table, formatted; pay figures are absent for a viewer without pay. */
export interface VarianceRow {
  label: string
  /** The explanation of this row's figures, if it has its own. */
  href?: string
  pay: {
    budget: string
    actual: string
    variance: string
    volume: string
    rate: string
    fx: string
  } | null
  budgetHeads: string
  actualHeads: string
}

export interface VarianceChoices {
  budgetId: string
  basis: 'actual' | 'estimate'
  currency: string
  by: 'team' | 'component' | 'month'
}

export interface VarianceProps {
  budgets: { id: string; name: string }[]
  chosen: VarianceChoices
  title: string
  /** "January 2027 to December 2027" */
  fiscalYearMonths: string
  /** "January to March 2027", or that none is closed. */
  closedMonths: string
  showPay: boolean
  rows: VarianceRow[]
  total: VarianceRow
  missingRates: string[]
  /** The query the downloads repeat (budget, basis, currency). */
  downloadQuery: string
}

const BASIS_LABEL = {
  actual: 'Actual to date (closed months)',
  estimate: 'Latest estimate (whole year)',
}
const BY_LABEL = { team: 'Team', component: 'Component', month: 'Month' }

export function Variance(p: VarianceProps) {
  const other = p.chosen.basis === 'actual' ? 'Actual' : 'Latest estimate'
  return (
    <section aria-labelledby="variance-heading">
      <h1 id="variance-heading">{p.title}</h1>
      <p>
        The fiscal year covers {p.fiscalYearMonths}. Closed months (payroll imported):{' '}
        {p.closedMonths}.{' '}
        {p.chosen.basis === 'estimate'
          ? 'The latest estimate is what payroll paid in closed months and the forecast for the rest.'
          : 'Only closed months are compared.'}
      </p>
      <form method="get" action="/variance" class="filters">
        <SelectField
          id="variance-budget"
          name="budget"
          label="Budget"
          value={p.chosen.budgetId}
          options={p.budgets.map((b) => ({ value: b.id, label: b.name }))}
        />
        <SelectField
          id="variance-basis"
          name="basis"
          label="Compare with"
          value={p.chosen.basis}
          options={(['actual', 'estimate'] as const).map((b) => ({
            value: b,
            label: BASIS_LABEL[b],
          }))}
        />
        {p.showPay ? (
          <SelectField
            id="variance-currency"
            name="currency"
            label="Currency"
            value={p.chosen.currency}
            options={['GBP', 'USD'].map((c) => ({ value: c, label: c }))}
          />
        ) : null}
        <SelectField
          id="variance-by"
          name="by"
          label="By"
          value={p.chosen.by}
          options={(p.showPay
            ? (['team', 'component', 'month'] as const)
            : (['team', 'month'] as const)
          ).map((b) => ({
            value: b,
            label: BY_LABEL[b],
          }))}
        />
        <div class="filter-actions">
          <button type="submit" class="button">
            Show
          </button>
        </div>
      </form>
      {p.missingRates.length > 0 ? (
        <Flash kind="info">
          No actual exchange rate for {p.missingRates.join(', ')}: translated at the budget rate, so
          those months show no FX effect. Import the month's rate under Roster and payroll.
        </Flash>
      ) : null}
      {p.showPay ? (
        <p>
          Variance = {other.toLowerCase()} - budget = volume + rate + FX effect. Volume is the
          change in head-months at the budget's cost per head-month; FX effect is the actual amounts
          at the actual rates less the same at the budget rates; rate is the rest (pay, taxes and
          benefits per head). Equity expense, hiring costs and company lines are outside payroll and
          left out.
        </p>
      ) : (
        <p>Head-months: people on the books each month, budgeted against {other.toLowerCase()}.</p>
      )}
      <VarianceTable
        caption={`${other} against budget by ${BY_LABEL[p.chosen.by].toLowerCase()}`}
        first={BY_LABEL[p.chosen.by]}
        other={other}
        showPay={p.showPay}
        rows={p.rows}
        total={p.total}
      />
      {p.showPay ? (
        <p class="downloads">
          Download:{' '}
          <a href={`/variance.xlsx?${p.downloadQuery}`} download>
            Excel
          </a>{' '}
          <a href={`/variance.csv?${p.downloadQuery}`} download>
            CSV
          </a>
        </p>
      ) : null}
    </section>
  )
}

/** Figures by group with their head-months; pay columns only for those who see pay. */
function VarianceTable(p: {
  caption: string
  first: string
  other: string
  showPay: boolean
  rows: VarianceRow[]
  total?: VarianceRow
}) {
  const headers = [
    ...(p.showPay ? ['Budget', p.other, 'Variance', 'Volume', 'Rate', 'FX effect'] : []),
    'Budget head-months',
    `${p.other} head-months`,
  ]
  return (
    <Table caption={p.caption}>
      <thead>
        <tr>
          <th scope="col">{p.first}</th>
          {headers.map((h) => (
            <th scope="col" class="num">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {p.rows.map((r) => (
          <Row row={r} />
        ))}
      </tbody>
      {p.total ? (
        <tfoot>
          <Row row={p.total} />
        </tfoot>
      ) : null}
    </Table>
  )
}

function Row({ row }: { row: VarianceRow }) {
  const figures = row.pay
    ? [row.pay.budget, row.pay.actual, row.pay.variance, row.pay.volume, row.pay.rate, row.pay.fx]
    : []
  return (
    <tr>
      <th scope="row">{row.href ? <a href={row.href}>{row.label}</a> : row.label}</th>
      {[...figures, row.budgetHeads, row.actualHeads].map((f) => (
        <td class="num">{f}</td>
      ))}
    </tr>
  )
}

export interface VarianceExplainProps {
  title: string
  backHref: string
  showPay: boolean
  /** The sums behind the figure, in words with their amounts. */
  lines: string[]
  months: VarianceRow[]
  people: { caption: string; rows: { name: string; amount: string }[] }[]
}

export function VarianceExplain(p: VarianceExplainProps) {
  return (
    <section aria-labelledby="variance-explain-heading">
      <h1 id="variance-explain-heading">{p.title}</h1>
      <p>
        <a href={p.backHref}>Back to the variance</a>
      </p>
      <ul class="explain-lines">
        {p.lines.map((l) => (
          <li>{l}</li>
        ))}
      </ul>
      <VarianceTable
        caption="By month"
        first="Month"
        other="Actual or forecast"
        showPay={p.showPay}
        rows={p.months}
      />
      {p.people.map((group) => (
        <Table caption={group.caption}>
          <thead>
            <tr>
              <th scope="col">Person or role</th>
              {p.showPay ? (
                <th scope="col" class="num">
                  Amount
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {group.rows.length === 0 ? (
              <tr>
                <td colspan={2}>Nobody.</td>
              </tr>
            ) : (
              group.rows.map((r) => (
                <tr>
                  <th scope="row">{r.name}</th>
                  {p.showPay ? <td class="num">{r.amount}</td> : null}
                </tr>
              ))
            )}
          </tbody>
        </Table>
      ))}
    </section>
  )
}
