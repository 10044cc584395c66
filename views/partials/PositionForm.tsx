import { REQUISITION_STATUSES } from '../../src/domain/model.ts'
import { idNameOptions, SelectField } from '../components/SelectField.tsx'
import { TextField } from '../components/TextField.tsx'
import {
  FIELD_LABEL,
  type FieldChange,
  type FieldErrors,
  type FormChoices,
  type FormField,
  type PositionFormValues,
  VISA_LABEL,
} from '../models/position-form.ts'
import { BandPreview, type BandPreviewProps } from './BandPreview.tsx'
import { REASON_LABEL, STATUS_LABEL } from './PositionRow.tsx'

const STATUS_OPTIONS = REQUISITION_STATUSES.map((s) => ({ value: s, label: STATUS_LABEL[s]! }))
const REASON_OPTIONS = Object.entries(REASON_LABEL).map(([value, label]) => ({ value, label }))
const VISA_OPTIONS = Object.entries(VISA_LABEL).map(([value, label]) => ({ value, label }))

/** The reason a proposer gives, and why it was refused (too long). */
export interface ProposalReason {
  reason: string
  error?: string | undefined
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
  /** The band in force for the chosen family, level and office, and the salary in it. */
  band?: Omit<BandPreviewProps, 'id'>
  /** What saving does, in a sentence (applied at once, or sent for approval and to whom). */
  onSave?: string
  /** Set when saving sends a proposal: the reason for whoever decides it, as typed. */
  proposal?: ProposalReason | undefined
}

/** The form for a new open role or an edit; a real form, enhanced by htmx when present. */
export function PositionForm(p: PositionFormProps) {
  const { values: v, errors, choices, id: form } = p
  const hx = p.hxTarget
    ? { 'hx-post': p.action, 'hx-target': p.hxTarget, 'hx-swap': 'outerHTML' }
    : {}
  const errorCount = Object.keys(errors).length
  // a new role's empty bonus, grant and hiring costs take the defaults listed under the band
  const isNew = p.version === undefined
  const leaveEmpty = isNew ? 'Empty: the default shown below.' : undefined
  /** A field's id, name, label and error, the same for every field of the form. */
  const field = (name: FormField) => ({
    id: `${form}-${name}`,
    name,
    label: FIELD_LABEL[name],
    error: errors[name],
  })
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
      <div
        class="form-grid"
        {...(p.band && {
          'hx-get': `/band-preview?previewId=${form}-band${p.band.defaults ? '&defaults=1' : ''}`,
          'hx-trigger': 'input delay:300ms, change',
          'hx-include': 'closest form',
          'hx-target': `#${form}-band`,
          'hx-swap': 'outerHTML',
        })}
      >
        <TextField
          {...field('title')}
          value={v.title}
          autocomplete="off"
          autofocus={p.hxTarget !== undefined}
        />
        <SelectField {...field('teamId')} value={v.teamId} options={idNameOptions(choices.teams)} />
        <SelectField
          {...field('officeId')}
          value={v.officeId}
          options={idNameOptions(choices.offices)}
        />
        <SelectField
          {...field('familyId')}
          value={v.familyId}
          options={idNameOptions(choices.families)}
        />
        <SelectField
          {...field('levelId')}
          value={v.levelId}
          options={idNameOptions(choices.levels)}
        />
        <TextField {...field('baseSalary')} value={v.baseSalary} inputmode="decimal" />
        <TextField
          {...field('bonusPercent')}
          value={v.bonusPercent}
          inputmode="decimal"
          hint={leaveEmpty ?? "Empty: the level's default."}
        />
        {isNew && (
          <TextField
            {...field('equityUsd')}
            value={v.equityUsd}
            inputmode="decimal"
            hint={leaveEmpty}
          />
        )}
        {p.kind === 'open' && (
          <SelectField {...field('status')} value={v.status} options={STATUS_OPTIONS} />
        )}
        {p.kind === 'open' && (
          <SelectField {...field('reason')} value={v.reason} options={REASON_OPTIONS} />
        )}
        <TextField
          {...field('startDate')}
          label={p.kind === 'open' ? FIELD_LABEL.startDate : 'Start date'}
          type="date"
          value={v.startDate}
        />
        {p.kind === 'open' && (
          <>
            <TextField
              {...field('agencyFeePercent')}
              value={v.agencyFeePercent}
              inputmode="decimal"
              hint={isNew ? leaveEmpty : 'Empty: no agency fee.'}
            />
            <TextField
              {...field('relocation')}
              value={v.relocation}
              inputmode="decimal"
              hint={isNew ? leaveEmpty : 'Empty: none.'}
            />
            <SelectField
              {...field('visa')}
              value={v.visa}
              options={
                isNew ? [{ value: '', label: "The plan's policy" }, ...VISA_OPTIONS] : VISA_OPTIONS
              }
            />
          </>
        )}
      </div>
      {p.band && <BandPreview {...p.band} id={`${form}-band`} />}
      {p.onSave && (
        <p class="on-save" id={`${form}-on-save`}>
          {p.onSave}
        </p>
      )}
      {p.proposal && (
        <div class={p.proposal.error ? 'field has-error' : 'field'}>
          <label for={`${form}-proposalReason`}>Reason for the approver (optional)</label>
          <textarea
            id={`${form}-proposalReason`}
            name="proposalReason"
            maxlength={2000}
            rows={2}
            aria-invalid={p.proposal.error ? 'true' : undefined}
          >
            {p.proposal.reason}
          </textarea>
          {p.proposal.error && <p class="field-error">Reason: {p.proposal.error}</p>}
        </div>
      )}
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
