import type { Child } from 'hono/jsx'
import { REQUISITION_STATUSES } from '../../src/domain/model.ts'
import {
  FIELD_LABEL,
  type FieldChange,
  type FieldErrors,
  type FormChoices,
  type FormField,
  type PositionFormValues,
} from '../../src/web/services/position-form.ts'
import { REASON_LABEL, STATUS_LABEL } from './PositionRow.tsx'

interface FieldProps {
  form: string
  name: FormField
  errors: FieldErrors
  /** Overrides the usual label (a filled position has a start date, not a target one). */
  label?: string
  children: (attrs: Record<string, string | boolean | undefined>) => Child
}

/** A labelled field with its error message beneath, tied to the input for screen readers. */
function Field({ form, name, errors, label, children }: FieldProps) {
  const id = `${form}-${name}`
  const error = errors[name]
  return (
    <div class={error ? 'field field-error' : 'field'}>
      <label for={id}>{label ?? FIELD_LABEL[name]}</label>
      {children({
        id,
        name,
        'aria-invalid': error ? 'true' : undefined,
        'aria-describedby': error ? `${id}-error` : undefined,
      })}
      {error && (
        <p class="error-message" id={`${id}-error`}>
          <span class="visually-hidden">Error: </span>
          {error}
        </p>
      )}
    </div>
  )
}

function Select({
  attrs,
  value,
  options,
}: {
  attrs: Record<string, string | boolean | undefined>
  value: string
  options: readonly { id: string; name: string }[]
}) {
  return (
    <select {...attrs}>
      {options.map((o) => (
        <option value={o.id} selected={o.id === value}>
          {o.name}
        </option>
      ))}
    </select>
  )
}

export interface PositionFormProps {
  /** Unique on the page; field ids derive from it. */
  id: string
  heading: string
  action: string
  values: PositionFormValues
  errors: FieldErrors
  choices: FormChoices
  kind: 'open' | 'filled'
  /** The record's version for an edit (sent back so a stale edit is refused). */
  version?: number
  /** Fields someone else saved since this form was opened (a 409). */
  conflict?: FieldChange[]
  /** Where htmx swaps the answer (the form's container); omitted, the form posts normally. */
  hxTarget?: string
  cancel?: { href: string; hxGet?: string }
  submitLabel: string
}

/** The form for a new open role or an edit; a real form, enhanced by htmx when present. */
export function PositionForm(p: PositionFormProps) {
  const { values: v, errors, choices, id: form } = p
  const hx = p.hxTarget
    ? { 'hx-post': p.action, 'hx-target': p.hxTarget, 'hx-swap': 'outerHTML' }
    : {}
  const errorCount = Object.keys(errors).length
  return (
    <form id={form} class="position-form" method="post" action={p.action} {...hx} novalidate>
      <h3 class="form-heading">{p.heading}</h3>
      {errorCount > 0 && (
        <p class="form-problem" role="alert">
          {errorCount === 1 ? 'One field needs' : `${errorCount} fields need`} attention; nothing
          was saved.
        </p>
      )}
      {p.conflict && (
        <div class="form-problem conflict" role="alert">
          <p>
            Someone else saved this position while you were editing, so your changes were not saved.
            Their version differs from yours in:
          </p>
          {p.conflict.length === 0 ? (
            <p>no field on this form (a detail such as a raise or grant changed).</p>
          ) : (
            <ul>
              {p.conflict.map((c) => (
                <li>
                  {c.label}: saved as <strong>{c.saved}</strong>, you entered{' '}
                  <strong>{c.yours}</strong>
                </li>
              ))}
            </ul>
          )}
          <p>Your entries are kept below; save again to replace theirs.</p>
        </div>
      )}
      {p.version !== undefined && <input type="hidden" name="version" value={String(p.version)} />}
      <div class="form-grid">
        <Field form={form} name="title" errors={errors}>
          {(a) => <input {...a} type="text" value={v.title} autocomplete="off" />}
        </Field>
        <Field form={form} name="teamId" errors={errors}>
          {(a) => <Select attrs={a} value={v.teamId} options={choices.teams} />}
        </Field>
        <Field form={form} name="officeId" errors={errors}>
          {(a) => <Select attrs={a} value={v.officeId} options={choices.offices} />}
        </Field>
        <Field form={form} name="familyId" errors={errors}>
          {(a) => <Select attrs={a} value={v.familyId} options={choices.families} />}
        </Field>
        <Field form={form} name="levelId" errors={errors}>
          {(a) => <Select attrs={a} value={v.levelId} options={choices.levels} />}
        </Field>
        <Field form={form} name="baseSalary" errors={errors}>
          {(a) => <input {...a} type="text" inputmode="decimal" value={v.baseSalary} />}
        </Field>
        <Field form={form} name="bonusPercent" errors={errors}>
          {(a) => <input {...a} type="text" inputmode="decimal" value={v.bonusPercent} />}
        </Field>
        {p.kind === 'open' && (
          <Field form={form} name="status" errors={errors}>
            {(a) => (
              <Select
                attrs={a}
                value={v.status}
                options={REQUISITION_STATUSES.map((s) => ({ id: s, name: STATUS_LABEL[s]! }))}
              />
            )}
          </Field>
        )}
        {p.kind === 'open' && (
          <Field form={form} name="reason" errors={errors}>
            {(a) => (
              <Select
                attrs={a}
                value={v.reason}
                options={Object.entries(REASON_LABEL).map(([id, name]) => ({ id, name }))}
              />
            )}
          </Field>
        )}
        <Field
          form={form}
          name="startDate"
          errors={errors}
          label={p.kind === 'open' ? FIELD_LABEL.startDate : 'Start date'}
        >
          {(a) => <input {...a} type="date" value={v.startDate} />}
        </Field>
      </div>
      <div class="form-actions">
        <button type="submit">{p.submitLabel}</button>
        {p.cancel && (
          <a
            href={p.cancel.href}
            {...(p.cancel.hxGet && p.hxTarget
              ? { 'hx-get': p.cancel.hxGet, 'hx-target': p.hxTarget, 'hx-swap': 'outerHTML' }
              : {})}
          >
            Cancel
          </a>
        )}
      </div>
    </form>
  )
}
