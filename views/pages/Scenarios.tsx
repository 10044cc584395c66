import { SelectField } from '../components/SelectField.tsx'
import { TextField } from '../components/TextField.tsx'
import type { Choice } from './Projection.tsx'

export type FormErrors = Record<string, string>
export type FormValues = Record<string, string>

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
  /** A scenario's own rate set is chosen by those who edit organisation-wide settings. */
  canChooseRates: boolean
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
  const compareChoices = [
    { value: '', label: 'Baseline' },
    ...props.scenarios.map((s) => ({ value: s.id, label: s.name })),
  ]
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
          <SelectField id="compare-a" name="a" label="From" value="" options={compareChoices} />
          <SelectField
            id="compare-b"
            name="b"
            label="To"
            value={props.scenarios[0]?.id}
            options={compareChoices}
          />
          <button type="submit">Compare</button>
        </form>
      )}
      {props.canEdit && (
        <form {...htmxPost('/scenarios')} class="scenario-form" id="create-scenario">
          <h2>New scenario from the baseline</h2>
          <TextField
            id="create-name"
            name="name"
            label="Name"
            value={props.values?.name ?? ''}
            error={props.errors?.name}
          />
          {/* shown with its error too, so a refused choice is named where it was made */}
          {(props.canChooseRates || props.errors?.fxRateSetId) && (
            <SelectField
              id="create-fxRateSetId"
              name="fxRateSetId"
              label="FX rate set"
              value={props.values?.fxRateSetId ?? ''}
              options={[{ value: '', label: "The plan's own" }, ...props.fxChoices]}
              error={props.errors?.fxRateSetId}
            />
          )}
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
  /** A scenario's assumptions reach every team: leadership and admins change them. */
  canEditAssumptions: boolean
  /** Which form failed, its input and errors; or a conflict message. */
  failed?: { form: string; values: FormValues; errors: FormErrors }
  message?: string
}

/** One scenario: its changes so far, and forms to change roles and assumptions. */
export function ScenarioDetail(props: ScenarioDetailProps) {
  const values = (form: string) => (props.failed?.form === form ? props.failed.values : {})
  const errors = (form: string) => (props.failed?.form === form ? props.failed.errors : undefined)
  const version = <input type="hidden" name="version" value={String(props.version)} />
  /** A field's id, name and label, and its error when that form was refused. */
  const field = (form: string, name: string, label: string) => ({
    id: `${form}-${name}`,
    name,
    label,
    error: errors(form)?.[name],
  })
  const roleSelect = (form: string, name: string, label: string) => (
    <SelectField
      {...field(form, name, label)}
      value={values(form)[name]}
      options={[{ value: '', label: 'Choose a role' }, ...props.roles]}
    />
  )
  const input = (form: string, name: string, label: string) => (
    <TextField {...field(form, name, label)} value={values(form)[name] ?? ''} />
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
          {props.canEditAssumptions && (
            <form {...htmxPost(`/scenarios/${props.id}/assumptions`)} class="scenario-form">
              <h2>Assumptions</h2>
              {version}
              {input('assumptions', 'meritRate', 'Merit increase, % (blank: the plan’s)')}
              {input(
                'assumptions',
                'annualAttritionRate',
                'Attrition a year, % (blank: the plan’s)',
              )}
              <button type="submit">Save assumptions</button>
            </form>
          )}
        </div>
      )}
    </>
  )
}
