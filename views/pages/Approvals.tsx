import { Flash } from '../components/Flash.tsx'
import { Table } from '../components/Table.tsx'

/** One proposal as the queue shows it, already formatted. */
export interface ApprovalRow {
  id: string
  version: number
  /** "New role" or "Change". */
  kind: string
  team: string
  title: string
  proposedBy: string
  proposedAt: string
  status: 'pending' | 'approved' | 'sent_back'
  comment: string | null
  changes: { label: string; before: string; after: string }[]
  payAboveBand: boolean
  /** Whether this viewer may approve or send it back. */
  canDecide: boolean
  /** A refused decision's message, shown with its form. */
  error?: string | undefined
}

export interface ApprovalsProps {
  pending: ApprovalRow[]
  decided: ApprovalRow[]
  /** A proposal just made by this viewer, or just decided. */
  notice?: string | undefined
}

const STATUS: Record<ApprovalRow['status'], string> = {
  pending: 'Waiting for approval',
  approved: 'Approved',
  sent_back: 'Sent back',
}

function Changes({ row }: { row: ApprovalRow }) {
  return (
    <ul class="approval-changes">
      {row.changes.map((ch) => (
        <li>
          {ch.label}: {ch.before ? <del>{ch.before}</del> : null} {ch.before ? '→ ' : ''}
          <ins>{ch.after}</ins>
        </li>
      ))}
      {row.payAboveBand && <li class="approval-flag">Pay above the band's maximum</li>}
    </ul>
  )
}

/** Approve, or send back with a comment: one real form per proposal, swapped in place by htmx. */
export function DecisionForm({ row }: { row: ApprovalRow }) {
  const commentId = `comment-${row.id}`
  return (
    <form
      id={`decide-${row.id}`}
      class="form approval-decision"
      method="post"
      action={`/approvals/${row.id}/decide`}
    >
      <input type="hidden" name="version" value={String(row.version)} />
      {row.error && (
        <p class="field-error" role="alert">
          {row.error}
        </p>
      )}
      <div class="field">
        <label for={commentId}>Comment (needed to send back)</label>
        <textarea id={commentId} name="comment" maxlength={2000} rows={2} />
      </div>
      <div class="actions">
        <button type="submit" name="decision" value="approved">
          Approve
        </button>
        <button type="submit" name="decision" value="sent_back" class="secondary">
          Send back
        </button>
      </div>
    </form>
  )
}

function ProposalTable({ caption, rows }: { caption: string; rows: ApprovalRow[] }) {
  return (
    <Table caption={caption} cards>
      <thead>
        <tr>
          <th scope="col">Role</th>
          <th scope="col">Team</th>
          <th scope="col">Proposed by</th>
          <th scope="col">What changes</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr id={`proposal-${row.id}`}>
            <th scope="row">
              {row.title}
              <br />
              <span class="muted">{row.kind}</span>
            </th>
            <td data-label="Team">{row.team}</td>
            <td data-label="Proposed by">
              {row.proposedBy}
              <br />
              <span class="muted">{row.proposedAt}</span>
            </td>
            <td data-label="What changes">
              <Changes row={row} />
            </td>
            <td data-label="Status">
              {STATUS[row.status]}
              {row.comment && <p class="approval-comment">“{row.comment}”</p>}
              {row.status === 'pending' && row.canDecide ? (
                <DecisionForm row={row} />
              ) : (
                row.error && (
                  <p class="field-error" role="alert">
                    {row.error}
                  </p>
                )
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </Table>
  )
}

export function Approvals({ pending, decided, notice }: ApprovalsProps) {
  return (
    <section aria-labelledby="approvals-heading">
      <h1 id="approvals-heading">Approvals</h1>
      <p>
        A manager's new roles and changes to a role's level, salary or start date wait here until
        leadership approves them (finance may also approve pay above the band). The projection shows
        the approved plan; choose “Include pending proposals” there to see them too.
      </p>
      {notice && <Flash kind="success">{notice}</Flash>}
      <h2>Waiting</h2>
      {pending.length === 0 ? (
        <p class="muted">Nothing is waiting for approval.</p>
      ) : (
        <ProposalTable caption="Proposals waiting for approval" rows={pending} />
      )}
      <h2>Decided</h2>
      {decided.length === 0 ? (
        <p class="muted">No proposal has been decided yet.</p>
      ) : (
        <ProposalTable caption="Decided proposals" rows={decided} />
      )}
    </section>
  )
}
