import { formatMinor } from '../../src/domain/money.ts'
import type { ProposedRoleModel } from '../models/proposed-roles.ts'

export const PROPOSED_ID = 'proposed-roles'

/**
 * Pending proposals, marked "Proposed", with what each adds: kept apart from the approved figures
 * above them, which do not include them until approved.
 */
export function ProposedRoles({
  roles,
  highlight,
}: {
  roles: ProposedRoleModel[]
  /** The proposal just sent, to point it out. */
  highlight?: string | undefined
}) {
  if (roles.length === 0) return null
  const years = roles[0]!.byFiscalYear.map((y) => y.label)
  const money = (r: ProposedRoleModel, minor: number) =>
    `${r.kind === 'change' && minor > 0 ? '+' : ''}${formatMinor(minor, r.currency)}`
  return (
    <section id={PROPOSED_ID} aria-labelledby="proposed-heading" class="proposed-roles">
      <h2 id="proposed-heading">Proposed, awaiting approval</h2>
      <p class="muted">
        Not in the figures above until approved. Cost is employer cost in {roles[0]!.currency}; for
        a change, the change in cost. <a href="/approvals">See approvals</a>
      </p>
      <div class="table-scroll">
        <table>
          <caption class="visually-hidden">Proposed roles and changes</caption>
          <thead>
            <tr>
              <th scope="col">Role</th>
              <th scope="col">State</th>
              <th scope="col" class="num">
                Annual cost
              </th>
              {years.map((y) => (
                <th scope="col" class="num">
                  {y}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {roles.map((r) => (
              <tr
                id={`proposed-${r.proposalId}`}
                class={r.proposalId === highlight ? 'just-proposed' : undefined}
                data-proposal={r.proposalId}
              >
                <th scope="row">
                  {r.title} <span class="muted">{r.where}</span>
                </th>
                <td>
                  <span class="badge badge-proposed">Proposed</span>{' '}
                  {r.kind === 'new_role' ? 'new role' : 'change'}, awaiting {r.approvers}
                </td>
                <td class="num" data-annual-cost>
                  {money(r, r.annualCost)}
                  {r.annualMonths < 12 && (
                    <span class="muted"> ({r.annualMonths} months in the plan)</span>
                  )}
                </td>
                {r.byFiscalYear.map((y) => (
                  <td class="num">{money(r, y.minor)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}
