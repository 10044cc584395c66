import type { InterviewerPool, InterviewLoop } from '../../src/domain/hiring/schema.ts'
import { Flash } from '../components/Flash.tsx'
import { LabelledField } from '../components/LabelledField.tsx'
import { idNameOptions, SelectField } from '../components/SelectField.tsx'
import { TextField } from '../components/TextField.tsx'

export interface FormState {
  values: Record<string, string>
  errors?: Record<string, string>
  version: number
  /** Shown above the fields, e.g. when someone else saved first. */
  message?: string
}

/** A real form; htmx posts it and swaps the re-rendered form in place on 422 or 409. */
export function EditForm(props: {
  id: string
  action: string
  heading: string
  state: FormState
  submit: string
  children: unknown
}) {
  const { id, action, state } = props
  return (
    <form
      id={id}
      class="form hiring-form"
      method="post"
      action={action}
      hx-post={action}
      hx-target="this"
      hx-swap="outerHTML"
      novalidate
      aria-labelledby={`${id}-heading`}
    >
      <h3 id={`${id}-heading`}>{props.heading}</h3>
      {state.message && <Flash kind="error">{state.message}</Flash>}
      {state.errors && Object.keys(state.errors).length > 0 && (
        <Flash kind="error">Nothing was saved: correct the fields marked below.</Flash>
      )}
      <input type="hidden" name="version" value={String(state.version)} />
      {props.children}
      <div class="form-actions">
        <button type="submit">{props.submit}</button>
      </div>
    </form>
  )
}

export function Field(props: {
  form: string
  name: string
  label: string
  state: FormState
  hint?: string
  numeric?: boolean
}) {
  const { form, name, state } = props
  return (
    <TextField
      id={`${form}-${name.replaceAll('.', '-')}`}
      name={name}
      label={props.label}
      value={state.values[name] ?? ''}
      hint={props.hint}
      error={state.errors?.[name]}
      inputmode={props.numeric ? 'decimal' : undefined}
    />
  )
}

function PoolSelect(props: {
  form: string
  name: string
  label: string
  pools: InterviewerPool[]
  state: FormState
}) {
  const { form, name, state } = props
  return (
    <SelectField
      id={`${form}-${name.replaceAll('.', '-')}`}
      name={name}
      label={props.label}
      value={state.values[name]}
      options={idNameOptions(props.pools)}
      error={state.errors?.[name]}
    />
  )
}

export function PoolForm({ pool, state }: { pool: InterviewerPool; state: FormState }) {
  const form = `pool-${pool.id}`
  return (
    <EditForm
      id={form}
      action={`/recruiting/pools/${pool.id}`}
      heading={pool.name}
      state={state}
      submit="Save pool"
    >
      <Field form={form} name="name" label="Name" state={state} />
      <LabelledField id={`${form}-people`} label="People, one a line" error={state.errors?.people}>
        {(attrs) => (
          <textarea {...attrs} name="people" rows={4}>
            {state.values.people ?? ''}
          </textarea>
        )}
      </LabelledField>
      <Field
        form={form}
        name="weeklyHoursPerPerson"
        label="Interview hours a week, each"
        hint="For example 4 or 1.5"
        state={state}
        numeric
      />
    </EditForm>
  )
}

/** The fields of one stage, named `${at}name` etc. ("stages.0." or "new."). */
function StageFields(props: {
  form: string
  at: string
  pools: InterviewerPool[]
  state: FormState
}) {
  const { form, at, pools, state } = props
  return (
    <>
      <Field form={form} name={`${at}name`} label="Stage name" state={state} />
      <Field
        form={form}
        name={`${at}passThrough`}
        label="Pass-through rate (%)"
        hint="Share of candidates who go on to the next stage"
        state={state}
        numeric
      />
      <Field
        form={form}
        name={`${at}interviewersPerCandidate`}
        label="Interviewers per candidate"
        state={state}
        numeric
      />
      <Field
        form={form}
        name={`${at}hoursPerInterviewer`}
        label="Hours per interviewer"
        state={state}
        numeric
      />
      <PoolSelect
        form={form}
        name={`${at}poolId`}
        label="Who interviews"
        pools={pools}
        state={state}
      />
      <Field form={form} name={`${at}days`} label="Days the stage takes" state={state} numeric />
    </>
  )
}

/** Ticked, the stage is left out when the loop is saved. */
function RemoveStage(props: { form: string; name: string; state: FormState }) {
  const id = `${props.form}-${props.name.replaceAll('.', '-')}`
  const error = props.state.errors?.[props.name]
  return (
    <div class="field">
      <label for={id}>
        <input
          type="checkbox"
          id={id}
          name={props.name}
          checked={props.state.values[props.name] === 'on'}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
        />{' '}
        Remove this stage when saving
      </label>
      {error && (
        <p id={`${id}-error`} class="field-error">
          {error}
        </p>
      )}
    </div>
  )
}

export function LoopForm(props: {
  loop: InterviewLoop
  pools: InterviewerPool[]
  state: FormState
}) {
  const { loop, pools, state } = props
  const form = `loop-${loop.id}`
  return (
    <EditForm
      id={form}
      action={`/recruiting/loops/${loop.id}`}
      heading={loop.name}
      state={state}
      submit="Save loop"
    >
      <Field form={form} name="name" label="Name" state={state} />
      {loop.stages.map((s, i) => (
        <fieldset class="hiring-stage">
          <legend>
            Stage {i + 1}: {s.name}
          </legend>
          <StageFields form={form} at={`stages.${i}.`} pools={pools} state={state} />
          <RemoveStage form={form} name={`stages.${i}.remove`} state={state} />
        </fieldset>
      ))}
      <fieldset class="hiring-stage">
        <legend>Add a stage at the end (leave its name blank to add none)</legend>
        <StageFields form={form} at="new." pools={pools} state={state} />
      </fieldset>
      <fieldset class="hiring-stage">
        <legend>Offer</legend>
        <Field
          form={form}
          name="offer.acceptance"
          label="Offers accepted (%)"
          state={state}
          numeric
        />
        <Field
          form={form}
          name="offer.days"
          label="Days from last stage to acceptance"
          state={state}
          numeric
        />
      </fieldset>
    </EditForm>
  )
}

export function SettingsForm(props: { pools: InterviewerPool[]; state: FormState }) {
  const { state } = props
  const form = 'hiring-settings'
  return (
    <EditForm
      id={form}
      action="/recruiting/settings"
      heading="Plan settings"
      state={state}
      submit="Save settings"
    >
      <PoolSelect
        form={form}
        name="recruiterPoolId"
        label="Recruiters are the pool"
        pools={props.pools}
        state={state}
      />
      <Field
        form={form}
        name="maxOpenRolesPerRecruiter"
        label="Open roles per recruiter, at most"
        hint="SHRM median: 15 to 20"
        state={state}
        numeric
      />
      <Field
        form={form}
        name="daysToOpen"
        label="Time to open: days from a role's approval to its requisition opening"
        hint="Time to fill below and the notice period follow it: approval to start is all three"
        state={state}
        numeric
      />
      <Field
        form={form}
        name="minShareOfMinToMid"
        label="Job-ad minimum: % of the way from band minimum to midpoint"
        state={state}
        numeric
      />
      <Field
        form={form}
        name="maxShareOfMidToMax"
        label="Job-ad maximum: % of the way from midpoint to band maximum"
        state={state}
        numeric
      />
      <Field
        form={form}
        name="roundTo"
        label="Round posted figures to"
        hint="Minimum rounded up, maximum down, e.g. 1000"
        state={state}
        numeric
      />
    </EditForm>
  )
}

/** One time-to-fill entry: its form field and what it is for ("Software Engineer, L5"). */
export interface TimeToFillRow {
  field: string
  label: string
}

export function TimeToFillForm(props: { rows: TimeToFillRow[]; state: FormState }) {
  const form = 'time-to-fill'
  return (
    <EditForm
      id={form}
      action="/recruiting/time-to-fill"
      heading="Time to fill (days from opening to offer accepted)"
      state={props.state}
      submit="Save time to fill"
    >
      {props.rows.map((r) => (
        <Field form={form} name={r.field} label={r.label} state={props.state} numeric />
      ))}
    </EditForm>
  )
}

export interface LoopsProps {
  planName: string
  settings: FormState
  timeToFill: { rows: TimeToFillRow[]; state: FormState }
  pools: { pool: InterviewerPool; state: FormState }[]
  loops: { loop: InterviewLoop; state: FormState }[]
  /** They reach every team: leadership and admins edit them, everyone else reads them. */
  canEdit: boolean
  saved?: string | undefined
}

/** The plan's recruiting settings, the interviewer pools and the interview loops, each editable. */
export function Loops(props: LoopsProps) {
  const pools = props.pools.map((p) => p.pool)
  return (
    <section aria-labelledby="loops-heading" class="hiring-loops">
      <h1 id="loops-heading">Interview loops and pools</h1>
      <p>
        Loops and pools are shared by every plan; the settings are {props.planName}'s. Back to{' '}
        <a href="/recruiting">recruiting capacity</a>.
      </p>
      {props.saved && <Flash kind="success">{props.saved}</Flash>}
      {!props.canEdit && (
        <p>
          These settings reach every team: you can read them here; leadership and admins change
          them.
        </p>
      )}
      {/* a disabled fieldset shows every value but lets none be changed or sent */}
      <fieldset class="plain" disabled={!props.canEdit}>
        <SettingsForm pools={pools} state={props.settings} />
        <TimeToFillForm rows={props.timeToFill.rows} state={props.timeToFill.state} />
        <h2>Interviewer pools</h2>
        {props.pools.map(({ pool, state }) => (
          <PoolForm pool={pool} state={state} />
        ))}
        <h2>Interview loops</h2>
        {props.loops.map(({ loop, state }) => (
          <LoopForm loop={loop} pools={pools} state={state} />
        ))}
      </fieldset>
    </section>
  )
}
