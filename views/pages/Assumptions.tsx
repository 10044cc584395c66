import type { Assumptions as PlanAssumptions } from '../../src/domain/model.ts'
import { type Decimal, formatMoney } from '../../src/domain/money.ts'
import { bindFields, FormState } from '../components/BoundFields.tsx'
import { Flash } from '../components/Flash.tsx'
import type { Difference } from '../components/StaleChanges.tsx'
import { Table } from '../components/Table.tsx'

export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const

export const BONUS_ACCRUAL_LABEL = {
  paid: 'When paid (in the package’s bonus months)',
  monthly: 'Accrued monthly (a twelfth each month)',
} as const

export const EQUITY_METHOD_LABEL = {
  straight_line: 'Straight line over the vesting period',
  graded: 'Graded (each tranche over its own vesting period)',
} as const

/** The edit form's fields as typed; rates are percentages here ("3.5"), fractions when stored. */
export interface AssumptionsFormValues {
  meritRate: string
  meritMonth: string
  meritEligibilityMonths: string
  annualAttritionRate: string
  backfillLeavers: boolean
  bonusAccrual: string
  equityExpenseMethod: string
  sharePriceUsd: string
}

export interface AssumptionsFormProps {
  planId: string
  version: number
  values: AssumptionsFormValues
  errors?: Record<string, string>
  conflict?: Difference[]
}

export interface AssumptionsProps {
  plans: { id: string; name: string }[]
  planId: string
  planName: string
  assumptions: PlanAssumptions
  fillTimes: FillTimesSummary
  /** Present for leadership and admins, who edit the plan-wide assumptions. */
  form?: AssumptionsFormProps | undefined
  saved?: boolean
}

const percent = (fraction: Decimal) => `${fraction.times(100).toFixed()}%`

const MONTH_OPTIONS = MONTH_NAMES.map((label, i) => ({ value: String(i + 1), label }))
const options = (labels: Record<string, string>) =>
  Object.entries(labels).map(([value, label]) => ({ value, label }))

/**
 * The one definition of time to fill as it stands: approval to start = time to open + time to
 * fill (by family, some levels their own) + the notice period of the office's country.
 */
export interface FillTimesSummary {
  daysToOpen: number
  /** "UK: 2 months", "US: 14 days". */
  notices: string[]
  families: { name: string; days: number; levels: { code: string; days: number }[] }[]
}

function TimeToFill({ fillTimes }: { fillTimes: FillTimesSummary }) {
  const dayCount = (n: number) => `${n} ${n === 1 ? 'day' : 'days'}`
  return (
    <section aria-labelledby="time-to-fill-heading">
      <h2 id="time-to-fill-heading">Time to fill</h2>
      <p>
        A role approved without a target start starts after time to open (
        {dayCount(fillTimes.daysToOpen)}), then time to fill (opening to offer accepted, below),
        then the notice period ({fillTimes.notices.join('; ')}). The recruiting page, the projection
        and expected backfills all count it this way. Change them on the{' '}
        <a href="/recruiting/loops">interview loops page</a>.
      </p>
      <Table id="time-to-fill" caption="Time to fill by job family">
        <thead>
          <tr>
            <th scope="col">Job family</th>
            <th scope="col" class="num">
              Days from opening to offer accepted
            </th>
            <th scope="col">Levels with their own</th>
          </tr>
        </thead>
        <tbody>
          {fillTimes.families.map((f) => (
            <tr>
              <th scope="row">{f.name}</th>
              <td class="num">{f.days}</td>
              <td>{f.levels.map((l) => `${l.code}: ${dayCount(l.days)}`).join(', ') || 'None'}</td>
            </tr>
          ))}
        </tbody>
      </Table>
      {fillTimes.families.length === 0 && (
        <p class="empty">No job families yet. Import a workspace document that has them.</p>
      )}
    </section>
  )
}

/**
 * The plan's assumptions in one form. A real form; htmx swaps the
 * re-rendered form in place on 422 (field errors) or 409 (saved by someone else first).
 */
export function AssumptionsForm({
  planId,
  version,
  values,
  errors = {},
  conflict,
}: AssumptionsFormProps) {
  const action = `/assumptions/${planId}`
  const { Text, Choice } = bindFields('assumption', values, errors)
  return (
    <form
      id="assumptions-form"
      class="form finance-form"
      method="post"
      action={action}
      hx-post={action}
      hx-target="this"
      hx-swap="outerHTML"
      novalidate
      aria-labelledby="assumptions-form-heading"
    >
      <h2 id="assumptions-form-heading">Edit the assumptions</h2>
      <FormState what="these assumptions" version={version} errors={errors} conflict={conflict} />
      <Text
        name="meritRate"
        label="Merit increase (% of base salary, e.g. 3 or 3.5)"
        hint="A percentage from 0 to 100; 3 means 3%"
        inputmode="decimal"
      />
      <Choice name="meritMonth" label="Merit month (each year)" options={MONTH_OPTIONS} />
      <Text
        name="meritEligibilityMonths"
        label="Merit eligibility (months employed before the merit date)"
        hint="People who joined later wait for the next cycle; 6 by default"
        inputmode="numeric"
      />
      <Text
        name="annualAttritionRate"
        label="Annual attrition (% of people leaving a year, e.g. 10)"
        hint="A percentage from 0 to 100; 10 means 10% a year"
        inputmode="decimal"
      />
      <div class="field">
        <label class="checkbox">
          <input
            type="checkbox"
            name="backfillLeavers"
            value="on"
            checked={values.backfillLeavers}
          />{' '}
          Backfill leavers (expected replacements start after the family's time to fill)
        </label>
      </div>
      <Choice name="bonusAccrual" label="Bonus cost" options={options(BONUS_ACCRUAL_LABEL)} />
      <Choice
        name="equityExpenseMethod"
        label="Equity expense"
        options={options(EQUITY_METHOD_LABEL)}
      />
      <Text
        name="sharePriceUsd"
        label="Share price (USD per share)"
        hint="e.g. 42.50; leave empty to value each grant at its own grant price"
        inputmode="decimal"
      />
      <div class="form-actions">
        <button type="submit">Save assumptions</button>
        <a href={`/assumptions?plan=${planId}`}>Cancel</a>
      </div>
    </form>
  )
}

export function Assumptions(p: AssumptionsProps) {
  const a = p.assumptions
  return (
    <section aria-labelledby="assumptions-heading">
      <header class="page-header">
        <h1 id="assumptions-heading">Assumptions: {p.planName}</h1>
        <p>
          Plan-wide assumptions the projection applies to every position, and how long each job
          family takes to hire.
          {!p.form && ' You can read them; leadership and admins change them.'}
        </p>
      </header>
      {p.plans.length > 1 && (
        <form method="get" action="/assumptions" class="plan-picker">
          <label for="assumptions-plan">Plan</label>{' '}
          <select id="assumptions-plan" name="plan">
            {p.plans.map((plan) => (
              <option value={plan.id} selected={plan.id === p.planId}>
                {plan.name}
              </option>
            ))}
          </select>{' '}
          <button type="submit">Show</button>
        </form>
      )}
      {p.saved && (
        <Flash kind="success">Saved the assumptions; the projection now uses them.</Flash>
      )}
      <dl id="plan-assumptions" class="assumption-list">
        <dt>Merit increase</dt>
        <dd>
          {percent(a.meritRate)} each {MONTH_NAMES[a.meritMonth - 1]}, for everyone who joined at
          least {a.meritEligibilityMonths} months before it
        </dd>
        <dt>Annual attrition</dt>
        <dd>{percent(a.annualAttritionRate)} a year</dd>
        <dt>Backfill leavers</dt>
        <dd>{a.backfillLeavers ? 'Yes' : 'No'}</dd>
        <dt>Bonus cost</dt>
        <dd>{BONUS_ACCRUAL_LABEL[a.bonusAccrual]}</dd>
        <dt>Equity expense</dt>
        <dd>{EQUITY_METHOD_LABEL[a.equityExpenseMethod]}</dd>
        <dt>Share price</dt>
        <dd>
          {a.sharePriceUsd ? formatMoney(a.sharePriceUsd, 'USD') : 'Each grant’s own grant price'}
        </dd>
      </dl>
      <TimeToFill fillTimes={p.fillTimes} />
      {p.form && <AssumptionsForm {...p.form} />}
    </section>
  )
}
