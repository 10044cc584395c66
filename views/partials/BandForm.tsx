import type { SalaryBand } from '../../src/domain/model.ts'
import { Flash } from '../components/Flash.tsx'
import { TextField } from '../components/TextField.tsx'

export interface BandFormValues {
  min: string
  mid: string
  max: string
  effectiveFrom: string
}

export interface BandFormProps {
  band: SalaryBand
  version: number
  label: string
  values: BandFormValues
  errors?: Record<string, string>
  /** Shown above the fields, e.g. when someone else changed the band first. */
  message?: string
}

const FIELDS: { name: keyof BandFormValues; label: string; hint: string; type: 'text' | 'date' }[] =
  [
    { name: 'min', label: 'Minimum', hint: 'Annual base, e.g. 150000', type: 'text' },
    { name: 'mid', label: 'Midpoint', hint: 'Annual base, e.g. 180000', type: 'text' },
    { name: 'max', label: 'Maximum', hint: 'Annual base, e.g. 210000', type: 'text' },
    {
      name: 'effectiveFrom',
      label: 'Effective from',
      hint: 'The date of the band in force corrects it; a later date adds a new version.',
      type: 'date',
    },
  ]

/**
 * A new version of one band. A real form (works with JavaScript off); htmx posts it and swaps the
 * re-rendered form in place on 422 (field errors) or 409 (changed by someone else).
 */
export function BandForm({ band, version, label, values, errors = {}, message }: BandFormProps) {
  const action = `/bands/${band.id}`
  return (
    <form
      id="band-form"
      class="form"
      method="post"
      action={action}
      hx-post={action}
      hx-target="this"
      hx-swap="outerHTML"
      novalidate
      aria-labelledby="band-form-heading"
    >
      <h2 id="band-form-heading">Edit the {label} band</h2>
      {message && <Flash kind="error">{message}</Flash>}
      <p class="muted">Amounts in {band.currency}, no currency symbol needed.</p>
      <input type="hidden" name="version" value={String(version)} />
      {FIELDS.map((f) => (
        <TextField
          id={`band-${f.name}`}
          name={f.name}
          label={f.label}
          value={values[f.name]}
          hint={f.hint}
          error={errors[f.name]}
          type={f.type}
          inputmode={f.type === 'text' ? 'decimal' : undefined}
          required
        />
      ))}
      <div class="form-actions">
        <button type="submit">Save band</button>
        <a href={`/bands#band-${band.id}`}>Cancel</a>
      </div>
    </form>
  )
}
