import type { Currency } from '../../src/domain/money.ts'
import { bindFields, FormState } from '../components/BoundFields.tsx'
import { FiscalPeriod } from '../components/FiscalPeriod.tsx'
import { Flash } from '../components/Flash.tsx'
import { MinorMoney } from '../components/Money.tsx'
import type { SelectOption } from '../components/SelectField.tsx'
import { Table } from '../components/Table.tsx'

/** A budget against the plan for one fiscal year; null where the budget sets no such figure. */
export interface AgainstBudget {
  plannedHeads: number
  cost: number | null
  costHeadroom: number | null
  headcountCap: number | null
  headsHeadroom: number | null
  over: boolean
}

/** One department or team for a fiscal year: the plan against its budget, if it has one. */
export interface BudgetLine extends AgainstBudget {
  /** "department:research" or "team:circuits", as the form's owner choice. */
  owner: string
  name: string
  /** "Department", "Team with subteams", "Team", "Subteam of Interpretability". */
  what: string
  depth: 0 | 1 | 2
  plannedCost: number | null
  /** Where the team's page is (departments have none). */
  href: string | null
  /** The link that opens this line's budget in the form; null for those who may not set it. */
  editHref: string | null
}

export interface BudgetFormValues {
  owner: string
  fiscalYear: string
  headcountCap: string
  cost: string
  version: number
}

export interface TeamBudgetsProps {
  planId: string
  planName: string
  currency: Currency
  years: { year: number; label: string; covers: string; href: string; current: boolean }[]
  year: { label: string; covers: string }
  lines: BudgetLine[]
  /** Department budgets below the sum of their teams', as sentences. */
  shortfalls: string[]
  /** Null for those who may read budgets but not set them. */
  form: {
    values: BudgetFormValues
    errors: Record<string, string>
    owners: SelectOption[]
    years: SelectOption[]
    /** The budget changed since the form was opened: what it is now. */
    conflict?: string | undefined
  } | null
  notice?: string | undefined
}

export const Headroom = ({
  value,
  money,
  currency,
}: {
  value: number | null
  money: boolean
  currency: Currency
}) =>
  value === null ? (
    <span class="muted">no budget</span>
  ) : (
    <span class={value < 0 ? 'over-budget' : undefined}>
      {money ? (
        <MinorMoney minor={Math.abs(value)} currency={currency} />
      ) : (
        <span class="num">{Math.abs(value)}</span>
      )}
      {value < 0 ? ' over' : ' left'}
    </span>
  )

export function TeamBudgetForm({
  planId,
  form,
}: {
  planId: string
  form: NonNullable<TeamBudgetsProps['form']>
}) {
  const { values, errors } = form
  const { Text, Choice } = bindFields('budget', values, errors)
  return (
    <form
      id="budget-form"
      class="form finance-form"
      method="post"
      action="/team-budgets"
      novalidate
    >
      <h2 id="budget-form-heading">Set a budget</h2>
      <input type="hidden" name="planId" value={planId} />
      <FormState
        what="this budget"
        version={values.version}
        errors={errors}
        conflict={form.conflict}
      />
      {errors.planId && <p class="field-error">Plan: {errors.planId}</p>}
      <Choice
        name="owner"
        label="Team or department"
        options={form.owners}
        error={errors.ownerId ?? errors.kind}
        hint="A team's budget covers the team with its subteams."
      />
      <Choice name="fiscalYear" label="Fiscal year" options={form.years} />
      <Text
        name="headcountCap"
        label="Headcount cap at year end"
        inputmode="numeric"
        hint="Heads on the books at the fiscal year's end. Leave blank for no cap."
      />
      <Text
        name="cost"
        label="Cost budget for the year"
        inputmode="decimal"
        hint="Total employer cost in the plan's reporting currency. Leave both blank to remove the budget."
      />
      <div class="form-actions">
        <button type="submit">Save budget</button>
      </div>
    </form>
  )
}

export function TeamBudgets(props: TeamBudgetsProps) {
  const { currency } = props
  return (
    <section aria-labelledby="budgets-heading">
      <h1 id="budgets-heading">Team budgets</h1>
      <p>
        Each team's and department's headcount cap and cost budget for {props.planName}, by fiscal
        year, against the approved plan. Amounts are in {currency}.
      </p>
      {props.notice && <Flash kind="success">{props.notice}</Flash>}
      <nav aria-label="Fiscal years" class="period-switch">
        {props.years.map((y) => (
          <a href={y.href} aria-current={y.current ? 'page' : undefined}>
            <FiscalPeriod label={y.label} months={y.covers} stacked />
          </a>
        ))}
      </nav>
      {props.shortfalls.map((s) => (
        <Flash kind="info">{s}</Flash>
      ))}
      <Table caption={`Plan against budget, ${props.year.label} (${props.year.covers})`}>
        <thead>
          <tr>
            <th scope="col">Team or department</th>
            <th scope="col">Planned cost</th>
            <th scope="col">Cost budget</th>
            <th scope="col">Cost headroom</th>
            <th scope="col">Heads at year end</th>
            <th scope="col">Headcount cap</th>
            <th scope="col">Headcount headroom</th>
            {props.form && <th scope="col">Change</th>}
          </tr>
        </thead>
        <tbody>
          {props.lines.map((l) => (
            <tr
              id={`budget-${l.owner.replace(':', '-')}`}
              class={l.over ? 'over-budget-row' : undefined}
            >
              <th scope="row" class={`depth-${l.depth}`}>
                {l.href ? <a href={l.href}>{l.name}</a> : l.name}
                <br />
                <span class="muted">{l.what}</span>
                {l.over && <strong class="over-budget"> Over budget</strong>}
              </th>
              <td>
                {l.plannedCost === null ? (
                  ''
                ) : (
                  <MinorMoney minor={l.plannedCost} currency={currency} />
                )}
              </td>
              <td>
                {l.cost === null ? (
                  <span class="muted">none</span>
                ) : (
                  <MinorMoney minor={l.cost} currency={currency} />
                )}
              </td>
              <td>
                <Headroom value={l.costHeadroom} money currency={currency} />
              </td>
              <td class="num">{l.plannedHeads}</td>
              <td class="num">{l.headcountCap ?? <span class="muted">none</span>}</td>
              <td>
                <Headroom value={l.headsHeadroom} money={false} currency={currency} />
              </td>
              {props.form && (
                <td>
                  {l.editHref && (
                    <a href={l.editHref}>
                      Set budget<span class="visually-hidden"> for {l.name}</span>
                    </a>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </Table>
      {props.form && <TeamBudgetForm planId={props.planId} form={props.form} />}
    </section>
  )
}
