import { Flash } from '../components/Flash.tsx'
import { SelectField } from '../components/SelectField.tsx'
import { Table } from '../components/Table.tsx'

/** One row of the variance table, formatted; pay figures are absent for a viewer without pay. */
export interface VarianceRow {
  label: string
  /** The explanation of this row's figures. */
  href: string
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
      <Table caption={`${other} against budget by ${BY_LABEL[p.chosen.by].toLowerCase()}`}>
        <thead>
          <tr>
            <th scope="col">{BY_LABEL[p.chosen.by]}</th>
            {p.showPay ? (
              <>
                <th scope="col" class="num">
                  Budget
                </th>
                <th scope="col" class="num">
                  {other}
                </th>
                <th scope="col" class="num">
                  Variance
                </th>
                <th scope="col" class="num">
                  Volume
                </th>
                <th scope="col" class="num">
                  Rate
                </th>
                <th scope="col" class="num">
                  FX effect
                </th>
              </>
            ) : null}
            <th scope="col" class="num">
              Budget head-months
            </th>
            <th scope="col" class="num">
              {other} head-months
            </th>
          </tr>
        </thead>
        <tbody>
          {p.rows.map((r) => (
            <Row row={r} header="row" />
          ))}
        </tbody>
        <tfoot>
          <Row row={p.total} header="row" />
        </tfoot>
      </Table>
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

function Row({ row, header }: { row: VarianceRow; header: 'row' }) {
  return (
    <tr>
      <th scope={header}>
        <a href={row.href}>{row.label}</a>
      </th>
      {row.pay ? (
        <>
          <td class="num">{row.pay.budget}</td>
          <td class="num">{row.pay.actual}</td>
          <td class="num">{row.pay.variance}</td>
          <td class="num">{row.pay.volume}</td>
          <td class="num">{row.pay.rate}</td>
          <td class="num">{row.pay.fx}</td>
        </>
      ) : null}
      <td class="num">{row.budgetHeads}</td>
      <td class="num">{row.actualHeads}</td>
    </tr>
  )
}

export interface VarianceExplainProps {
  title: string
  backHref: string
  showPay: boolean
  /** The sums behind the figure, in words with their amounts. */
  lines: string[]
  months: {
    label: string
    budget: string
    actual: string
    volume: string
    rate: string
    fx: string
    heads: string
  }[]
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
      <Table caption="By month">
        <thead>
          <tr>
            <th scope="col">Month</th>
            {p.showPay ? (
              <>
                <th scope="col" class="num">
                  Budget
                </th>
                <th scope="col" class="num">
                  Actual or forecast
                </th>
                <th scope="col" class="num">
                  Volume
                </th>
                <th scope="col" class="num">
                  Rate
                </th>
                <th scope="col" class="num">
                  FX effect
                </th>
              </>
            ) : null}
            <th scope="col" class="num">
              Head-months (budget / other)
            </th>
          </tr>
        </thead>
        <tbody>
          {p.months.map((m) => (
            <tr>
              <th scope="row">{m.label}</th>
              {p.showPay ? (
                <>
                  <td class="num">{m.budget}</td>
                  <td class="num">{m.actual}</td>
                  <td class="num">{m.volume}</td>
                  <td class="num">{m.rate}</td>
                  <td class="num">{m.fx}</td>
                </>
              ) : null}
              <td class="num">{m.heads}</td>
            </tr>
          ))}
        </tbody>
      </Table>
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
