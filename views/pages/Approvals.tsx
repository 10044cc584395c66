import { Flash } from '../components/Flash.tsx'
import { keptByContent } from '../components/fragments.ts'
import { SelectField, type SelectOption } from '../components/SelectField.tsx'
import { Table } from '../components/Table.tsx'
import { TextField } from '../components/TextField.tsx'
import type { ApprovalContext } from '../models/approval-context.ts'

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
  decidedBy: string | null
  decidedAt: string | null
  status: 'pending' | 'approved' | 'sent_back'
  comment: string | null
  /** The proposer's reason. */
  reason: string | null
  changes: { label: string; before: string; after: string }[]
  payAboveBand: boolean
  /** Whether this viewer may approve or send it back. */
  canDecide: boolean
  /** What it would do, for a pending proposal the viewer may see the cost of. */
  context: ApprovalContext | null
  /** A refused decision: the field at fault and its message, shown with its form. */
  error?: { field: string; message: string } | undefined
}

/** The decided list's filters, as the address gives them ('' for any). */
export interface ApprovalFilters {
  team: string
  status: '' | 'approved' | 'sent_back'
  /** Text in the role's title, the person's name, or who proposed or decided it. */
  person: string
}

export interface ApprovalsProps {
  pending: ApprovalRow[]
  decided: ApprovalRow[]
  /** Decided proposals matching the filters (the list shows the newest 50). */
  decidedCount: number
  teams: SelectOption[]
  filters: ApprovalFilters
  /** A proposal just made by this viewer, or just decided. */
  notice?: string | undefined
  /** Why a decision on several at once was refused, in part or in whole: the field and message. */
  batchError?: { field: string; message: string } | undefined
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

/** What a pending proposal would do: band, cost, fiscal years, budgets, recruiting, reason. */
function Context({ row, context: x }: { row: ApprovalRow; context: ApprovalContext }) {
  return (
    <dl class="approval-context" id={`context-${row.id}`}>
      <div>
        <dt>For</dt>
        <dd>{x.name}</dd>
      </div>
      <div>
        <dt>Office and level</dt>
        <dd>
          {x.office}, {x.level}
        </dd>
      </div>
      <div>
        <dt>Band</dt>
        <dd>
          {x.band ? (
            <>
              {x.band.label}: {x.band.range}; compa-ratio {x.band.compaRatio}, range penetration{' '}
              {x.band.penetration}
            </>
          ) : (
            'No band in force for this family, level and office.'
          )}
        </dd>
      </div>
      <div>
        <dt>{row.kind === 'New role' ? 'Annual cost' : 'Change in annual cost'}</dt>
        <dd>
          {x.annualLocal}
          {x.annualReporting && `; ${x.annualReporting}`}
          {x.annualMonths < 12 && ` (the ${x.annualMonths} months the plan covers)`}
        </dd>
      </div>
      <div>
        <dt>Each fiscal year</dt>
        <dd>{x.byFiscalYear.map((y) => `${y.label} ${y.text}`).join('; ')}</dd>
      </div>
      <div>
        <dt>Budget headroom</dt>
        <dd>
          {x.budgets.length === 0
            ? 'No budget it falls under.'
            : x.budgets.map((b) => (
                <span class={b.over ? 'over-budget' : undefined}>
                  {b.owner}: {[b.cost, b.heads].filter(Boolean).join('; ')}
                  {b.over && ' (over budget)'}
                  <br />
                </span>
              ))}
          {x.overBudget && (
            <strong class="over-budget">
              Takes a team over its budget: only leadership or an admin may approve it.
            </strong>
          )}
        </dd>
      </div>
      <div>
        <dt>Recruiting</dt>
        <dd>{x.recruiting}</dd>
      </div>
    </dl>
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
        <p class="field-error" role="alert" id={`${commentId}-error`} data-field={row.error.field}>
          {row.error.message}
        </p>
      )}
      <div class="field">
        <label for={commentId}>Comment (needed to send back)</label>
        <textarea
          id={commentId}
          name="comment"
          maxlength={2000}
          rows={2}
          aria-invalid={row.error?.field === 'comment' ? 'true' : undefined}
          aria-describedby={row.error ? `${commentId}-error` : undefined}
        />
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
              {row.status === 'pending' && row.canDecide && (
                <input
                  type="checkbox"
                  name="ids"
                  value={row.id}
                  form="batch-decide"
                  id={`pick-${row.id}`}
                  aria-label={`Select ${row.title}`}
                />
              )}{' '}
              {row.title}
              <br />
              <span class="muted">{row.kind}</span>
              {row.status === 'pending' && row.canDecide && (
                <input
                  type="hidden"
                  name={`version-${row.id}`}
                  value={String(row.version)}
                  form="batch-decide"
                />
              )}
            </th>
            <td data-label="Team">{row.team}</td>
            <td data-label="Proposed by">
              {row.proposedBy}
              <br />
              <span class="muted">{row.proposedAt}</span>
              {row.reason && <p class="approval-reason">Reason: “{row.reason}”</p>}
            </td>
            <td data-label="What changes">
              <Changes row={row} />
              {row.context && <Context row={row} context={row.context} />}
            </td>
            <td data-label="Status">
              {STATUS[row.status]}
              {row.decidedBy && (
                <span class="muted">
                  {' '}
                  by {row.decidedBy}, {row.decidedAt}
                </span>
              )}
              {row.comment && <p class="approval-comment">“{row.comment}”</p>}
              {row.status === 'pending' && row.canDecide ? (
                <DecisionForm row={row} />
              ) : (
                row.error && (
                  <p class="field-error" role="alert" data-field={row.error.field}>
                    {row.error.message}
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

/** Approve or send back every ticked proposal, each against the version it was read at. */
function BatchForm({ error }: { error?: { field: string; message: string } | undefined }) {
  return (
    <form id="batch-decide" class="form approval-batch" method="post" action="/approvals/decide">
      <h3>Decide the ticked proposals together</h3>
      {error && (
        <p class="form-problem field-error" role="alert" data-field={error.field}>
          {error.message}
        </p>
      )}
      <div class="field">
        <label for="batch-comment">Comment (needed to send back)</label>
        <textarea id="batch-comment" name="comment" maxlength={2000} rows={2} />
      </div>
      <div class="actions">
        <button type="submit" name="decision" value="approved">
          Approve selected
        </button>
        <button type="submit" name="decision" value="sent_back" class="secondary">
          Send back selected
        </button>
      </div>
    </form>
  )
}

function DecidedFilters({ teams, filters }: Pick<ApprovalsProps, 'teams' | 'filters'>) {
  return (
    <form class="filters" method="get" action="/approvals" id="decided-filters">
      <SelectField
        id="filter-team"
        name="team"
        label="Team"
        value={filters.team}
        options={[{ value: '', label: 'Any team' }, ...teams]}
      />
      <SelectField
        id="filter-status"
        name="status"
        label="Decision"
        value={filters.status}
        options={[
          { value: '', label: 'Approved or sent back' },
          { value: 'approved', label: 'Approved' },
          { value: 'sent_back', label: 'Sent back' },
        ]}
      />
      <TextField
        id="filter-person"
        name="person"
        label="Person or role"
        value={filters.person}
        hint="Part of a name or title: the person or role, or who proposed or decided it."
      />
      <div class="form-actions">
        <button type="submit">Filter</button>
        <a href="/approvals">Clear filters</a>
      </div>
    </form>
  )
}

function Approvals({
  pending,
  decided,
  decidedCount,
  teams,
  filters,
  notice,
  batchError,
}: ApprovalsProps) {
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
        <>
          <ProposalTable caption="Proposals waiting for approval" rows={pending} />
          {pending.some((r) => r.canDecide) && <BatchForm error={batchError} />}
        </>
      )}
      <h2 id="decided-heading">Decided</h2>
      <DecidedFilters teams={teams} filters={filters} />
      {decided.length === 0 ? (
        <p class="muted">No decided proposal matches.</p>
      ) : (
        <>
          <ProposalTable caption="Decided proposals" rows={decided} />
          {decidedCount > decided.length && (
            <p class="muted">
              The newest {decided.length} of {decidedCount}; narrow the filters to find older ones.
            </p>
          )}
        </>
      )}
    </section>
  )
}

/**
 * The page kept by its props, which are plain data already worded for people (so equal props
 * render equal HTML): a queue read again unchanged is sent without rendering it again, while any
 * change to a proposal, a name, a filter or a message is a new key.
 */
export const KeptApprovals = keptByContent(Approvals, (props) => JSON.stringify(props), 16)
