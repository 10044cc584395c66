import type { SelectOption } from '../components/SelectField.tsx'
import { SelectField } from '../components/SelectField.tsx'
import { TextField } from '../components/TextField.tsx'

/** One field of a policy row: a text field, or a choice when it has options. */
export interface PolicyField {
  name: string
  label: string
  value: string
  error?: string | undefined
  hint?: string | undefined
  options?: SelectOption[]
}

/** One record of a policy table (an office, a level) with the version it was read at. */
export interface PolicyRow {
  legend: string
  versionName: string
  version: number
  fields: PolicyField[]
}

export interface PolicyRowsFormProps {
  id: string
  heading: string
  intro: string
  action: string
  rows: PolicyRow[]
  canEdit: boolean
  submitLabel: string
  /** Why nothing was saved (someone saved first, or fields need attention). */
  problem?: string | undefined
}

/**
 * A policy kept on several records, edited as one form: a fieldset per record, each with its
 * version, saved all or nothing. Read-only (a disabled fieldset) for those who may not edit it.
 */
export function PolicyRowsForm(p: PolicyRowsFormProps) {
  return (
    <section id={p.id} aria-labelledby={`${p.id}-heading`} class="policy-rows">
      <h2 id={`${p.id}-heading`}>{p.heading}</h2>
      <p class="muted">{p.intro}</p>
      <form class="position-form" method="post" action={p.action} novalidate>
        {p.problem && (
          <p class="form-problem" role="alert">
            {p.problem}
          </p>
        )}
        <fieldset class="plain" disabled={!p.canEdit}>
          {p.rows.map((row) => (
            <fieldset class="policy-row">
              <legend>{row.legend}</legend>
              <input type="hidden" name={row.versionName} value={String(row.version)} />
              <div class="form-grid">
                {row.fields.map((f) => {
                  const id = `${p.id}-${f.name}`
                  return f.options ? (
                    <SelectField {...f} id={id} options={f.options} />
                  ) : (
                    <TextField {...f} id={id} inputmode="decimal" />
                  )
                })}
              </div>
            </fieldset>
          ))}
        </fieldset>
        {p.canEdit && (
          <div class="form-actions">
            <button type="submit">{p.submitLabel}</button>
          </div>
        )}
      </form>
    </section>
  )
}
