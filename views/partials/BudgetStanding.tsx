import type { Currency } from '../../src/domain/money.ts'
import { MinorMoney } from '../components/Money.tsx'
import { Table } from '../components/Table.tsx'
import { type AgainstBudget, Headroom } from '../pages/TeamBudgets.tsx'

/** A team's plan against its budget for one fiscal year (the team with its subteams). */
export interface BudgetStandingYear extends AgainstBudget {
  label: string
  covers: string
  plannedCost: number
}

export interface BudgetStandingProps {
  teamName: string
  currency: Currency
  years: BudgetStandingYear[]
  /** The team budgets page for this plan. */
  href: string
}

/** The plan against budget on a team's page: one row per fiscal year of the plan. */
export function BudgetStanding(p: BudgetStandingProps) {
  const over = p.years.filter((y) => y.over)
  return (
    <section aria-labelledby="budget-heading" id="team-budget">
      <h2 id="budget-heading">Plan against budget</h2>
      {over.length > 0 && (
        <p class="over-budget" role="status">
          {p.teamName} is over its budget in{' '}
          {over.map((y) => `${y.label} (${y.covers})`).join(' and ')}.
        </p>
      )}
      <Table caption={`${p.teamName} with its subteams against its budget, in ${p.currency}`}>
        <thead>
          <tr>
            <th scope="col">Fiscal year</th>
            <th scope="col">Planned cost</th>
            <th scope="col">Cost budget</th>
            <th scope="col">Heads at year end</th>
            <th scope="col">Headcount cap</th>
          </tr>
        </thead>
        <tbody>
          {p.years.map((y) => (
            <tr class={y.over ? 'over-budget-row' : undefined}>
              <th scope="row">
                {y.label}
                <br />
                <span class="muted">{y.covers}</span>
                {y.over && <strong class="over-budget"> Over budget</strong>}
              </th>
              <td>
                <MinorMoney minor={y.plannedCost} currency={p.currency} />
              </td>
              <td>
                {y.cost === null ? (
                  <span class="muted">none set</span>
                ) : (
                  <>
                    <MinorMoney minor={y.cost} currency={p.currency} />
                    <br />
                    <Headroom value={y.costHeadroom} money currency={p.currency} />
                  </>
                )}
              </td>
              <td class="num">{y.plannedHeads}</td>
              <td>
                {y.headcountCap === null ? (
                  <span class="muted">none set</span>
                ) : (
                  <>
                    <span class="num">{y.headcountCap}</span>
                    <br />
                    <Headroom value={y.headsHeadroom} money={false} currency={p.currency} />
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
      <p>
        <a href={p.href}>All team budgets</a>
      </p>
    </section>
  )
}
