import type { RowProblem } from '../../src/domain/csv-import.ts'
import { Flash } from '../components/Flash.tsx'
import { SelectField } from '../components/SelectField.tsx'
import { RowsTable } from '../components/Table.tsx'
import { TextField } from '../components/TextField.tsx'

/** What a roster preview lists, already in words (names, never ids). */
export interface RosterPreview {
  key: string
  planId: string
  preset: string
  asOf: string
  rowCount: number
  ignoredColumns: string[]
  changes: { employeeId: string; name: string; changes: string[] }[]
  leavers: { employeeId: string; name: string; endDate: string }[]
  hires: { employeeId: string; name: string; role: string; how: string; confirm: boolean }[]
  unplanned: { name: string; detail: string }[]
  overdue: { role: string; expected: string }[]
  unchanged: number
}

export interface PayrollPreview {
  key: string
  planId: string
  rowCount: number
  months: string[]
  people: number
  totals: { currency: string; amount: string }[]
}

export type ActualsOutcome =
  | { state: 'problems'; what: string; problems: RowProblem[] }
  | { state: 'roster'; preview: RosterPreview }
  | { state: 'payroll'; preview: PayrollPreview }
  | { state: 'done'; message: string }

export interface ActualsProps {
  presets: { value: string; label: string }[]
  plans: { id: string; name: string }[]
  today: string
  closed: { month: string; rate: string | null }[]
  outcome?: ActualsOutcome | undefined
}

export const ACTUALS_RESULT_ID = 'actuals-result'

export function Actuals({ presets, plans, today, closed, outcome }: ActualsProps) {
  return (
    <section aria-labelledby="actuals-heading">
      <h1 id="actuals-heading">Roster and payroll</h1>
      <p>
        Bring in what really happened: the current roster from your HR system, and what payroll paid
        each month. Every file is checked and reconciled against the plan first; nothing is written
        until you confirm, and then all of it is written or none. Importing the same file again
        changes nothing.
      </p>
      <div id={ACTUALS_RESULT_ID}>{outcome ? <Outcome outcome={outcome} /> : null}</div>

      <h2>Roster</h2>
      <p>
        Export a people report from BambooHR, HiBob, Personio or Workday as CSV and choose its
        system, or use <a href="/actuals/roster/template.csv">our roster template</a>. Other columns
        are ignored.
      </p>
      <form
        method="post"
        action="/actuals/roster/preview"
        enctype="multipart/form-data"
        class="form"
      >
        <SelectField
          id="roster-preset"
          name="preset"
          label="Exported from"
          value={presets[0]?.value}
          options={presets}
        />
        <SelectField
          id="roster-plan"
          name="plan"
          label="Plan"
          value={plans[0]?.id}
          options={plans.map((p) => ({ value: p.id, label: p.name }))}
        />
        <TextField
          id="roster-as-of"
          name="asOf"
          type="date"
          label="Roster as of"
          value={today}
          hint="Pay changes take effect from this day."
        />
        <FileField id="roster-file" label="Roster file (CSV)" />
        <button type="submit" class="button">
          Check the roster
        </button>
      </form>

      <h2>Payroll</h2>
      <p>
        One row per person and pay run: employee id, pay period, currency, and what was paid as
        salary, bonus, employer NIC or FICA, pension or 401(k), benefits and other pay. Start from{' '}
        <a href="/actuals/payroll/template.csv">the payroll template</a>. A month you import is
        closed: views show what was paid for it. Importing a month again replaces it.
      </p>
      <form
        method="post"
        action="/actuals/payroll/preview"
        enctype="multipart/form-data"
        class="form"
      >
        <SelectField
          id="payroll-plan"
          name="plan"
          label="Plan the people belong to"
          value={plans[0]?.id}
          options={plans.map((p) => ({ value: p.id, label: p.name }))}
        />
        <FileField id="payroll-file" label="Payroll file (CSV)" />
        <button type="submit" class="button">
          Check the payroll file
        </button>
      </form>

      <h2>Actual exchange rates</h2>
      <p>
        The month's average rate, US dollars per pound (
        <a href="/actuals/rates/template.csv">template</a>). Closed months without one are
        translated at the budget rate, so they show no FX effect.
      </p>
      <form method="post" action="/actuals/rates" enctype="multipart/form-data" class="form">
        <FileField id="rates-file" label="Rates file (CSV)" />
        <button type="submit" class="button">
          Import rates
        </button>
      </form>
      {closed.length > 0 ? (
        <RowsTable
          caption="Closed months"
          columns={['Month', 'Actual rate (USD per GBP)']}
          rows={closed.map((m) => [m.month, m.rate ?? 'none yet (budget rate used)'])}
        />
      ) : (
        <p>No month is closed yet.</p>
      )}
    </section>
  )
}

function FileField({ id, label }: { id: string; label: string }) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input id={id} type="file" name="file" accept=".csv,text/csv" required />
    </div>
  )
}

/**
 * The first rows of a long list (a file's problems, a roster's changes): a file of 50,000 rows
 * still reads, and renders without holding up other users' pages.
 */
const ROWS_SHOWN = 200

function Outcome({ outcome }: { outcome: ActualsOutcome }) {
  switch (outcome.state) {
    case 'done':
      return <Flash kind="success">{outcome.message}</Flash>
    case 'problems':
      return (
        <div>
          <Flash kind="error">
            The {outcome.what} was not imported: fix these rows and check it again. Nothing was
            written.
          </Flash>
          <RowsTable
            caption={`Problems in the ${outcome.what}`}
            columns={['Row', 'Column', 'Problem']}
            rows={outcome.problems
              .slice(0, ROWS_SHOWN)
              .map((p) => [p.row, p.column || 'whole row', p.message])}
          />
          <More
            count={outcome.problems.length}
            what="problems: fix these first, then check the file again."
          />
        </div>
      )
    case 'roster':
      return <RosterCheck preview={outcome.preview} />
    case 'payroll':
      return <PayrollCheck preview={outcome.preview} />
  }
}

/** "…and 1,493 more ..." under a list cut at ROWS_SHOWN; nothing when it was not cut. */
function More({ count, what }: { count: number; what: string }) {
  if (count <= ROWS_SHOWN) return null
  return (
    <p>
      …and {(count - ROWS_SHOWN).toLocaleString('en-GB')} more {what}
    </p>
  )
}

function RosterCheck({ preview: p }: { preview: RosterPreview }) {
  const nothing = p.changes.length + p.leavers.length + p.hires.length + p.unplanned.length === 0
  return (
    <form
      method="post"
      action="/actuals/roster"
      class="form roster-check"
      aria-labelledby="roster-check-heading"
    >
      <h2 id="roster-check-heading">Roster check: {p.rowCount} people</h2>
      <input type="hidden" name="key" value={p.key} />
      <input type="hidden" name="plan" value={p.planId} />
      <input type="hidden" name="preset" value={p.preset} />
      <input type="hidden" name="asOf" value={p.asOf} />
      <p>
        {p.unchanged === 0
          ? 'Everyone in the file needs a change below.'
          : `${p.unchanged} ${p.unchanged === 1 ? 'person already matches' : 'people already match'} the plan.`}
        {p.ignoredColumns.length > 0 ? ` Columns not read: ${p.ignoredColumns.join(', ')}.` : ''}
      </p>
      <RowsTable
        caption="Hires into open roles"
        columns={['Person', 'Open role', 'Matched by', 'Apply']}
        rows={p.hires.map((h) => [
          h.name,
          h.role,
          h.how,
          h.confirm ? (
            <label>
              <input type="checkbox" name="confirm" value={h.employeeId} /> This is the hire for
              that role
            </label>
          ) : (
            'yes'
          ),
        ])}
      />
      <RowsTable
        caption="Changes to people in the plan"
        columns={['Person', 'Change']}
        rows={p.changes.slice(0, ROWS_SHOWN).map((c) => [c.name, c.changes.join('; ')])}
      />
      <More count={p.changes.length} what="people with changes, applied with these." />
      <RowsTable
        caption="Leavers"
        columns={['Person', 'Last day', 'Backfill']}
        rows={p.leavers.map((l) => [
          l.name,
          l.endDate,
          <label>
            <input type="checkbox" name="backfill" value={l.employeeId} /> Open a backfill role
          </label>,
        ])}
      />
      <RowsTable
        caption="People nobody planned (added to the plan)"
        columns={['Person', 'Joins as']}
        rows={p.unplanned.slice(0, ROWS_SHOWN).map((u) => [u.name, u.detail])}
      />
      <More count={p.unplanned.length} what="people nobody planned, added with these." />
      <RowsTable
        caption="Open roles whose start has passed unfilled"
        columns={['Role', 'Expected start']}
        rows={p.overdue.slice(0, ROWS_SHOWN).map((o) => [o.role, o.expected])}
      />
      <More count={p.overdue.length} what="open roles whose start has passed." />
      {nothing ? (
        <Flash kind="info">The plan already matches this roster: there is nothing to apply.</Flash>
      ) : (
        <button type="submit" class="button">
          Apply the roster to the plan
        </button>
      )}
    </form>
  )
}

function PayrollCheck({ preview: p }: { preview: PayrollPreview }) {
  return (
    <form
      method="post"
      action="/actuals/payroll"
      class="form"
      aria-labelledby="payroll-check-heading"
    >
      <h2 id="payroll-check-heading">Payroll check</h2>
      <input type="hidden" name="key" value={p.key} />
      <input type="hidden" name="plan" value={p.planId} />
      <p>
        {p.rowCount} rows for {p.people} people, closing {p.months.join(', ')}; paid{' '}
        {p.totals.map((t) => `${t.amount} in ${t.currency}`).join(' and ')}. Importing replaces
        anything stored for {p.months.length === 1 ? 'that month' : 'those months'}.
      </p>
      <button type="submit" class="button">
        Import payroll
      </button>
    </form>
  )
}
