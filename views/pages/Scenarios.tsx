import type { Child } from 'hono/jsx'
import type { Choice } from './Projection.tsx'

export type FormErrors = Record<string, string>
export type FormValues = Record<string, string>

/** A labelled field with its error (tied by aria-describedby) under it. */
function Field({
  form,
  name,
  label,
  errors,
  children,
}: {
  form: string
  name: string
  label: string
  errors: FormErrors | undefined
  children: (attrs: Record<string, string | boolean | undefined>) => Child
}) {
  const id = `${form}-${name}`
  const error = errors?.[name]
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {children({
        id,
        name,
        'aria-invalid': error ? 'true' : undefined,
        'aria-describedby': error ? `${id}-error` : undefined,
      })}
      {error && (
        <p id={`${id}-error`} class="field-error">
          {error}
        </p>
      )}
    </div>
  )
}

function Select({ choices, value, ...attrs }: { choices: Choice[]; value: string | undefined }) {
  return (
    <select {...attrs}>
      {choices.map((c) => (
        <option value={c.value} selected={c.value === value}>
          {c.label}
        </option>
      ))}
    </select>
  )
}

export interface ScenarioListItem {
  id: string
  name: string
  changes: string
  fxRateSet: string
}

export interface ScenariosProps {
  planName: string
  scenarios: ScenarioListItem[]
  fxChoices: Choice[]
  canEdit: boolean
  values?: FormValues
  errors?: FormErrors
}

/** A form that posts for real and, with htmx, swaps the re-rendered page body (422 included). */
const htmxPost = (action: string) => ({
  method: 'post' as const,
  action,
  'hx-post': action,
  'hx-target': '#main',
  'hx-select': '#main > *',
  'hx-swap': 'innerHTML',
})

/** Every scenario of the plan, a link to compare it with the baseline, and a create form. */
export function Scenarios(props: ScenariosProps) {
  return (
    <>
      <header class="page-header">
        <h1>Scenarios</h1>
        <p class="muted">Changes to {props.planName}, compared with the baseline or each other.</p>
      </header>
      {props.scenarios.length === 0 ? (
        <p class="empty-state">
          No scenarios yet. Create one from the baseline below, then change its roles and
          assumptions.
        </p>
      ) : (
        <ul class="scenario-list">
          {props.scenarios.map((s) => (
            <li id={`scenario-${s.id}`}>
              <a href={`/scenarios/${s.id}`}>{s.name}</a>{' '}
              <span class="muted">
                {s.changes}; {s.fxRateSet}
              </span>{' '}
              <a href={`/scenarios/compare?a=&b=${s.id}`}>Compare with baseline</a>
            </li>
          ))}
        </ul>
      )}
      {props.scenarios.length > 0 && (
        <form method="get" action="/scenarios/compare" class="inline-form">
          <h2>Compare two</h2>
          <Field form="compare" name="a" label="From" errors={undefined}>
            {(attrs) => (
              <Select
                {...attrs}
                value=""
                choices={[
                  { value: '', label: 'Baseline' },
                  ...props.scenarios.map((s) => ({ value: s.id, label: s.name })),
                ]}
              />
            )}
          </Field>
          <Field form="compare" name="b" label="To" errors={undefined}>
            {(attrs) => (
              <Select
                {...attrs}
                value={props.scenarios[0]?.id}
                choices={[
                  { value: '', label: 'Baseline' },
                  ...props.scenarios.map((s) => ({ value: s.id, label: s.name })),
                ]}
              />
            )}
          </Field>
          <button type="submit">Compare</button>
        </form>
      )}
      {props.canEdit && (
        <form {...htmxPost('/scenarios')} class="scenario-form" id="create-scenario">
          <h2>New scenario from the baseline</h2>
          <Field form="create" name="name" label="Name" errors={props.errors}>
            {(attrs) => <input {...attrs} type="text" value={props.values?.name ?? ''} />}
          </Field>
          <Field form="create" name="fxRateSetId" label="FX rate set" errors={props.errors}>
            {(attrs) => (
              <Select
                {...attrs}
                value={props.values?.fxRateSetId ?? ''}
                choices={[{ value: '', label: "The plan's own" }, ...props.fxChoices]}
              />
            )}
          </Field>
          <button type="submit">Create scenario</button>
        </form>
      )}
    </>
  )
}

export interface ScenarioDetailProps {
  id: string
  name: string
  version: number
  /** Each change in words. */
  changes: string[]
  assumptions: {
    meritRate: string
    annualAttritionRate: string
    planMerit: string
    planAttrition: string
  }
  roles: Choice[]
  canEdit: boolean
  /** Which form failed, its input and errors; or a conflict message. */
  failed?: { form: string; values: FormValues; errors: FormErrors }
  message?: string
}

/** One scenario: its changes so far, and forms to change roles and assumptions. */
export function ScenarioDetail(props: ScenarioDetailProps) {
  const values = (form: string) => (props.failed?.form === form ? props.failed.values : {})
  const errors = (form: string) => (props.failed?.form === form ? props.failed.errors : undefined)
  const version = <input type="hidden" name="version" value={String(props.version)} />
  const roleSelect = (form: string, name: string, label: string) => (
    <Field form={form} name={name} label={label} errors={errors(form)}>
      {(attrs) => (
        <Select
          {...attrs}
          value={values(form)[name]}
          choices={[{ value: '', label: 'Choose a role' }, ...props.roles]}
        />
      )}
    </Field>
  )
  const input = (form: string, name: string, label: string, hint?: string) => (
    <Field form={form} name={name} label={label} errors={errors(form)}>
      {(attrs) => (
        <input {...attrs} type="text" value={values(form)[name] ?? ''} placeholder={hint} />
      )}
    </Field>
  )
  return (
    <>
      <header class="page-header">
        <h1>{props.name}</h1>
        <p>
          <a href={`/projection?scenario=${props.id}`}>See its projection</a> ·{' '}
          <a href={`/scenarios/compare?a=&b=${props.id}`}>Compare with baseline</a> ·{' '}
          <a href="/scenarios">All scenarios</a>
        </p>
      </header>
      {props.message && (
        <p class="flash flash-error" role="alert">
          {props.message}
        </p>
      )}
      <section aria-labelledby="changes-heading">
        <h2 id="changes-heading">Changes from the baseline</h2>
        {props.changes.length === 0 ? (
          <p class="muted">No changes yet: this scenario is the baseline. Use the forms below.</p>
        ) : (
          <ul id="scenario-changes">
            {props.changes.map((c) => (
              <li>{c}</li>
            ))}
          </ul>
        )}
        <p>
          Merit increase {props.assumptions.meritRate} (plan {props.assumptions.planMerit});
          attrition {props.assumptions.annualAttritionRate} a year (plan{' '}
          {props.assumptions.planAttrition}).
        </p>
      </section>
      {props.canEdit && (
        <div class="scenario-forms">
          <form {...htmxPost(`/scenarios/${props.id}/roles`)} class="scenario-form">
            <h2>Change a role</h2>
            {version}
            {roleSelect('change', 'positionId', 'Role')}
            {input('change', 'startDate', 'New start date (YYYY-MM-DD)')}
            {input('change', 'baseSalary', 'New annual salary')}
            <button type="submit">Save change</button>
          </form>
          <form {...htmxPost(`/scenarios/${props.id}/add`)} class="scenario-form">
            <h2>Add a role</h2>
            {version}
            {roleSelect('add', 'likeId', 'Like (team, office, family, level)')}
            {input('add', 'title', 'Title')}
            {input('add', 'startDate', 'Start date (YYYY-MM-DD)')}
            {input('add', 'baseSalary', 'Annual salary')}
            <button type="submit">Add role</button>
          </form>
          <form {...htmxPost(`/scenarios/${props.id}/remove`)} class="scenario-form">
            <h2>Remove a role</h2>
            {version}
            {roleSelect('remove', 'positionId', 'Role')}
            <button type="submit">Remove role</button>
          </form>
          <form {...htmxPost(`/scenarios/${props.id}/assumptions`)} class="scenario-form">
            <h2>Assumptions</h2>
            {version}
            {input('assumptions', 'meritRate', 'Merit increase, % (blank: the plan’s)')}
            {input('assumptions', 'annualAttritionRate', 'Attrition a year, % (blank: the plan’s)')}
            <button type="submit">Save assumptions</button>
          </form>
        </div>
      )}
    </>
  )
}
