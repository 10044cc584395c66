import { formatDate, formatMonthShort } from '../../src/domain/calendar.ts'
import { FiscalPeriod, fiscalPeriodText } from '../components/FiscalPeriod.tsx'
import { Flash } from '../components/Flash.tsx'
import { SelectField } from '../components/SelectField.tsx'
import { Table } from '../components/Table.tsx'
import { TextField } from '../components/TextField.tsx'

export interface BudgetItem {
  id: string
  name: string
  planName: string
  fiscalYear: number
  /** First and last month the fiscal year covers. */
  months: [string, string]
  lockedAt: string
  lockedBy: string
}

export interface LockForm {
  plans: { id: string; name: string }[]
  /** Fiscal years each plan covers, for the choice. */
  fiscalYears: number[]
  /** The organisation's first month of the fiscal year (1-12), to name each year's months. */
  fyStart: number
  values: { name: string; planId: string; fiscalYear: string }
  errors: Record<string, string>
}

export interface BudgetsProps {
  budgets: BudgetItem[]
  /** Present when the viewer may lock a budget. */
  lock: LockForm | null
  mayUnlock: boolean
  flash?: string | undefined
}

export function Budgets({ budgets, lock, mayUnlock, flash }: BudgetsProps) {
  return (
    <section aria-labelledby="budgets-heading">
      <h1 id="budgets-heading">Budgets</h1>
      <p>
        A budget is the plan as it was approved, locked under a name: its positions, assumptions,
        exchange rates and reference data are kept as they were, while the plan itself moves on as
        the forecast. Variance compares what payroll paid, and the latest estimate, with a budget.
      </p>
      {flash ? <Flash kind="success">{flash}</Flash> : null}
      {budgets.length === 0 ? (
        <p>No budget is locked yet.</p>
      ) : (
        <Table caption="Locked budgets">
          <thead>
            <tr>
              <th scope="col">Budget</th>
              <th scope="col">Plan</th>
              <th scope="col">Fiscal year</th>
              <th scope="col">Locked</th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {budgets.map((b) => (
              <tr>
                <th scope="row">
                  <a href={`/variance?budget=${encodeURIComponent(b.id)}`}>{b.name}</a>
                </th>
                <td>{b.planName}</td>
                <td>
                  <FiscalPeriod
                    label={`FY${b.fiscalYear}`}
                    months={`${formatMonthShort(b.months[0])} to ${formatMonthShort(b.months[1])}`}
                  />
                </td>
                <td>
                  {formatDate(b.lockedAt.slice(0, 10))} by {b.lockedBy}
                </td>
                <td class="actions">
                  <a href={`/variance?budget=${encodeURIComponent(b.id)}`}>Variance</a>
                  {mayUnlock ? (
                    <form
                      method="post"
                      action={`/budgets/${encodeURIComponent(b.id)}/unlock`}
                      class="inline-form"
                    >
                      <button type="submit" class="button">
                        Unlock {b.name}
                      </button>
                    </form>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      {mayUnlock && budgets.length > 0 ? (
        <p class="hint">
          Unlocking discards the locked copy; the audit trail keeps who locked and unlocked it.
        </p>
      ) : null}
      {lock ? <LockBudgetForm {...lock} /> : null}
    </section>
  )
}

function LockBudgetForm({ plans, fiscalYears, fyStart, values, errors }: LockForm) {
  return (
    <form method="post" action="/budgets" class="form" aria-labelledby="lock-heading">
      <h2 id="lock-heading">Lock a budget</h2>
      {Object.keys(errors).length > 0 ? (
        <Flash kind="error">The budget was not locked: see the fields below.</Flash>
      ) : null}
      <TextField
        id="budget-name"
        name="name"
        label="Name"
        value={values.name}
        hint='For example "Board-approved budget".'
        error={errors.name}
        required
      />
      <SelectField
        id="budget-plan"
        name="plan"
        label="Plan"
        value={values.planId}
        options={plans.map((p) => ({ value: p.id, label: p.name }))}
        error={errors.plan}
      />
      <SelectField
        id="budget-fiscal-year"
        name="fiscalYear"
        label="Fiscal year"
        value={values.fiscalYear}
        options={fiscalYears.map((fy) => ({
          value: String(fy),
          label: fiscalPeriodText(`FY${fy}`, fyStart),
        }))}
        error={errors.fiscalYear}
      />
      <button type="submit" class="button">
        Lock budget
      </button>
    </form>
  )
}
