import { formatMonth } from '../../src/domain/calendar.ts'
import type { FxRateSet } from '../../src/domain/model.ts'
import { Citation } from '../components/Citation.tsx'
import { FiscalPeriod, fiscalPeriodText } from '../components/FiscalPeriod.tsx'
import { Flash } from '../components/Flash.tsx'
import { type Difference, StaleChanges } from '../components/StaleChanges.tsx'
import { Table } from '../components/Table.tsx'
import { TextField } from '../components/TextField.tsx'

/** The edit form's fields as typed, so a refused save shows them again unchanged. */
export interface RateSetFormValues {
  budget: { fiscalYear: number; rate: string }[]
  monthly: { month: string; rate: string; remove: boolean }[]
  newYear: string
  newYearRate: string
  newMonth: string
  newMonthRate: string
  source: string
}

export interface RateSetFormProps {
  setId: string
  setName: string
  version: number
  values: RateSetFormValues
  /** By field name ("budget-2027", "monthly-2027-03", "newMonth"). */
  errors?: Record<string, string>
  conflict?: Difference[]
  /** The organisation's first month of the fiscal year (1-12), to name each year's months. */
  fyStart: number
}

export interface RateSetView {
  set: FxRateSet
  fyStart: number
  /** "Plan FY2027", "Scenario Accelerated hiring (plan FY2027)". */
  usedBy: string[]
  form?: RateSetFormProps
}

export interface RatesProps {
  sets: RateSetView[]
  canEdit: boolean
  saved?: string | undefined
}

const RATE_HINT = 'US dollars per pound, e.g. 1.27 (up to 8 decimal places)'

type AddedField = 'newYear' | 'newYearRate' | 'newMonth' | 'newMonthRate'

/** A fieldset adding one dated rate: the year or month (`name`) and its rate (`name`Rate). */
function AddRate(props: {
  legend: string
  field: (
    name: AddedField,
    label: string,
    hint: string,
    inputmode?: 'numeric' | 'decimal',
  ) => unknown
  name: 'newYear' | 'newMonth'
  label: string
  hint: string
  rateLabel: string
  numeric?: boolean
}) {
  return (
    <fieldset>
      <legend>{props.legend}</legend>
      {props.field(props.name, props.label, props.hint, props.numeric ? 'numeric' : undefined)}
      {props.field(`${props.name}Rate`, props.rateLabel, RATE_HINT, 'decimal')}
    </fieldset>
  )
}

/**
 * One rate set's edit form: change any fiscal year's budget rate, add a year, change or remove
 * monthly overrides, add one, and the source. A real form; htmx swaps the re-rendered form in
 * place on 422 (field errors) or 409 (saved by someone else first).
 */
export function RateSetForm({
  setId,
  setName,
  version,
  values,
  errors = {},
  conflict,
  fyStart,
}: RateSetFormProps) {
  const action = `/rates/${setId}`
  const id = (name: string) => `rates-${setId}-${name}`
  /** A field of this form by name: its id, value and error follow from the name. */
  const field = (
    name: AddedField,
    label: string,
    hint: string,
    inputmode?: 'numeric' | 'decimal',
  ) => (
    <TextField
      id={id(name)}
      name={name}
      label={label}
      value={values[name]}
      hint={hint}
      error={errors[name]}
      inputmode={inputmode}
    />
  )
  return (
    <form
      id={`rate-set-form-${setId}`}
      class="form finance-form"
      method="post"
      action={action}
      hx-post={action}
      hx-target="this"
      hx-swap="outerHTML"
      novalidate
      aria-labelledby={id('heading')}
    >
      <h3 id={id('heading')}>Edit {setName}</h3>
      {conflict && <StaleChanges what="this rate set" differences={conflict} />}
      {Object.keys(errors).length > 0 && (
        <p class="form-problem" role="alert">
          {errors.form ?? 'Nothing was saved: correct the fields marked below.'}
        </p>
      )}
      <input type="hidden" name="version" value={String(version)} />
      <fieldset>
        <legend>Budget rates by fiscal year (USD per GBP)</legend>
        {values.budget.map((b) => (
          <TextField
            id={id(`budget-${b.fiscalYear}`)}
            name={`budget-${b.fiscalYear}`}
            label={`${fiscalPeriodText(`FY${b.fiscalYear}`, fyStart)} budget rate (USD per GBP)`}
            value={b.rate}
            error={errors[`budget-${b.fiscalYear}`]}
            inputmode="decimal"
          />
        ))}
      </fieldset>
      <AddRate
        legend="Add a fiscal year"
        field={field}
        name="newYear"
        label="Fiscal year"
        hint="A whole year, e.g. 2031; leave empty to add none"
        rateLabel="Its budget rate (USD per GBP)"
        numeric
      />
      <fieldset>
        <legend>Monthly overrides (USD per GBP)</legend>
        {values.monthly.length === 0 && (
          <p class="muted">None yet: every month uses its fiscal year's budget rate.</p>
        )}
        {values.monthly.map((m) => (
          <div class="rate-override">
            <TextField
              id={id(`monthly-${m.month}`)}
              name={`monthly-${m.month}`}
              label={`${formatMonth(m.month)} rate (USD per GBP)`}
              value={m.rate}
              error={errors[`monthly-${m.month}`]}
              inputmode="decimal"
            />
            <label class="checkbox">
              <input type="checkbox" name="remove" value={m.month} checked={m.remove} /> Remove the{' '}
              {formatMonth(m.month)} override
            </label>
          </div>
        ))}
      </fieldset>
      <AddRate
        legend="Add a monthly override"
        field={field}
        name="newMonth"
        label="Month (YYYY-MM)"
        hint="e.g. 2027-03; leave empty to add none"
        rateLabel="Its rate (USD per GBP)"
      />
      <div class="field">
        <label for={id('source')}>Source of these rates</label>
        <textarea
          id={id('source')}
          name="source"
          rows={3}
          aria-describedby={errors.source ? id('source-error') : undefined}
        >
          {values.source}
        </textarea>
        {errors.source && (
          <p id={id('source-error')} class="field-error">
            {errors.source}
          </p>
        )}
      </div>
      <div class="form-actions">
        <button type="submit">Save {setName}</button>
        <a href={`/rates#rate-set-${setId}`}>Cancel</a>
      </div>
    </form>
  )
}

function RateSet({ view, canEdit }: { view: RateSetView; canEdit: boolean }) {
  const { set } = view
  return (
    <section
      id={`rate-set-${set.id}`}
      class="rate-set"
      aria-labelledby={`rate-set-${set.id}-heading`}
    >
      <h2 id={`rate-set-${set.id}-heading`}>{set.name}</h2>
      <p id={`rate-set-${set.id}-used-by`}>
        {view.usedBy.length === 0
          ? 'Not used by any plan or scenario.'
          : `Used by: ${view.usedBy.join('; ')}.`}
      </p>
      <p class="rate-source">
        <strong>Source:</strong>{' '}
        {set.source ? (
          <Citation source={set.source} />
        ) : (
          'none given. Add one so others can check the rates.'
        )}
      </p>
      <Table id={`rate-set-${set.id}-budget`} caption="Budget rates by fiscal year">
        <thead>
          <tr>
            <th scope="col">Fiscal year</th>
            <th scope="col" class="num">
              USD per GBP
            </th>
          </tr>
        </thead>
        <tbody>
          {set.budgetRates.map((r) => (
            <tr>
              <th scope="row">
                <FiscalPeriod label={`FY${r.fiscalYear}`} fyStart={view.fyStart} stacked />
              </th>
              <td class="num">{r.usdPerGbp.toFixed()}</td>
            </tr>
          ))}
        </tbody>
      </Table>
      {set.monthlyRates.length === 0 ? (
        <p class="empty" id={`rate-set-${set.id}-monthly`}>
          No monthly overrides: every month uses its fiscal year's budget rate.
          {canEdit && ' Add one below for a month whose rate should differ.'}
        </p>
      ) : (
        <Table
          id={`rate-set-${set.id}-monthly`}
          caption="Monthly overrides (replace the budget rate)"
        >
          <thead>
            <tr>
              <th scope="col">Month</th>
              <th scope="col" class="num">
                USD per GBP
              </th>
            </tr>
          </thead>
          <tbody>
            {set.monthlyRates.map((r) => (
              <tr>
                <th scope="row">{formatMonth(r.month)}</th>
                <td class="num">{r.usdPerGbp.toFixed()}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      {canEdit && view.form && <RateSetForm {...view.form} />}
    </section>
  )
}

export function Rates({ sets, canEdit, saved }: RatesProps) {
  return (
    <section aria-labelledby="rates-heading">
      <header class="page-header">
        <h1 id="rates-heading">FX rates</h1>
        <p>
          Rates are US dollars per pound sterling (USD per GBP). A month is converted at its monthly
          override when its plan's rate set has one, otherwise at the budget rate of its fiscal
          year.
          {!canEdit && ' You can read the rates; finance and admins edit them.'}
        </p>
      </header>
      {saved && <Flash kind="success">{saved}</Flash>}
      {sets.length === 0 && (
        <p class="empty">No FX rate sets yet. Import a workspace document that has one.</p>
      )}
      {sets.map((view) => (
        <RateSet view={view} canEdit={canEdit} />
      ))}
    </section>
  )
}
