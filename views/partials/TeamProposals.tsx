import { Table } from '../components/Table.tsx'

/** A proposal for the team as its manager follows it: what, when, and how it was decided. */
export interface TeamProposal {
  id: string
  title: string
  /** "New role" or "Change". */
  kind: string
  proposedBy: string
  proposedAt: string
  status: 'pending' | 'approved' | 'sent_back'
  /** "by Test leadership, 15 January 2027"; null while pending. */
  decided: string | null
  comment: string | null
}

const STATUS: Record<TeamProposal['status'], string> = {
  pending: 'Waiting for approval',
  approved: 'Approved',
  sent_back: 'Sent back',
}

/** The team's proposals, newest first, with their state: where a manager sees what was decided. */
export function TeamProposals({ teamName, rows }: { teamName: string; rows: TeamProposal[] }) {
  if (rows.length === 0) return null
  return (
    <section aria-labelledby="team-proposals-heading" id="team-proposals">
      <h2 id="team-proposals-heading">Proposals and decisions</h2>
      <Table caption={`Proposals for ${teamName} and its subteams, newest first`}>
        <thead>
          <tr>
            <th scope="col">Role</th>
            <th scope="col">Proposed by</th>
            <th scope="col">State</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr id={`team-proposal-${r.id}`}>
              <th scope="row">
                {r.title}
                <br />
                <span class="muted">{r.kind}</span>
              </th>
              <td>
                {r.proposedBy}
                <br />
                <span class="muted">{r.proposedAt}</span>
              </td>
              <td>
                <strong>{STATUS[r.status]}</strong>
                {r.decided && <span class="muted"> {r.decided}</span>}
                {r.comment && <p class="approval-comment">“{r.comment}”</p>}
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
      <p>
        <a href="/approvals">All approvals</a>
      </p>
    </section>
  )
}
