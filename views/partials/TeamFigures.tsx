import { formatMonth } from '../../src/domain/calendar.ts'
import type { Currency } from '../../src/domain/money.ts'
import { MinorMoney } from '../components/Money.tsx'
import { Table } from '../components/Table.tsx'
import type { TeamFigures as Figures, FiguresTable } from '../models/team-figures.ts'

export const FIGURES_ID = 'team-figures'

/** What a team's row counts, beside its name (a team with subteams has one row of each). */
export const COVERS = { own: 'own positions', with_subteams: 'with subteams' } as const

function FigureCells({
  f,
  prefix,
  showCost,
  currency,
}: {
  f: Figures
  prefix: string
  showCost: boolean
  currency: Currency
}) {
  return (
    <>
      <td class="num" id={`figures-${prefix}-now`}>
        {f.peopleNow}
      </td>
      <td class="num" id={`figures-${prefix}-end`}>
        {f.headcountEnd}
      </td>
      <td class="num" id={`figures-${prefix}-open`}>
        {f.openRoles}
      </td>
      {showCost && (
        <td class="num" id={`figures-${prefix}-cost`}>
          {f.cost === null ? '' : <MinorMoney minor={f.cost} currency={currency} />}
        </td>
      )}
    </>
  )
}

/**
 * Teams' headcount and cost with the plan's total; one id, so an edit elsewhere on the page can
 * swap in fresh figures. A team with subteams has two rows: with its subteams, and its own.
 */
export function TeamFigures(p: FiguresTable) {
  return (
    <section id={FIGURES_ID} class="team-figures" aria-labelledby={`${FIGURES_ID}-heading`}>
      <h2 id={`${FIGURES_ID}-heading`}>Headcount and cost</h2>
      <Table
        caption={`Headcount and cost, ${formatMonth(p.firstMonth)} to ${formatMonth(p.lastMonth)}`}
      >
        <thead>
          <tr>
            <th scope="col">Team</th>
            <th scope="col" class="num">
              People now
            </th>
            <th scope="col" class="num">
              Headcount at end of {formatMonth(p.lastMonth)}
            </th>
            <th scope="col" class="num">
              Open roles
            </th>
            {p.showCost && (
              <th scope="col" class="num">
                Cost over the plan ({p.currency})
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {p.teams.map((f) => (
            <tr class={f.covers === 'own' ? 'own-figures' : undefined}>
              <th scope="row">
                <a href={`/teams/${f.teamId}`}>{f.name}</a>
                {f.covers && <span class="figures-covers">{COVERS[f.covers]}</span>}
              </th>
              <FigureCells
                f={f}
                prefix={f.covers === 'own' ? `${f.teamId}-own` : f.teamId}
                showCost={p.showCost}
                currency={p.currency}
              />
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{p.planLabel}</th>
            <FigureCells f={p.plan} prefix="plan" showCost={p.showCost} currency={p.currency} />
          </tr>
        </tfoot>
      </Table>
    </section>
  )
}
