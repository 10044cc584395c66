import { formatDate } from '../../src/domain/calendar.ts'
import type { Currency } from '../../src/domain/money.ts'
import type { PayAgainstBand } from '../../src/domain/pay-change.ts'
import { TextField } from '../components/TextField.tsx'
import { BAND_PREVIEW_ID, BandPreview } from '../partials/BandPreview.tsx'

export const PAY_FIELDS = ['baseSalary', 'effectiveDate', 'bonusPercent', 'reason'] as const
export type PayField = (typeof PAY_FIELDS)[number]
export type PayFormValues = Record<PayField, string>

export interface PayChangeProps {
  positionId: string
  /** The person's name, or the role's title for an open role or offer. */
  name: string
  /** "Research Scientist L5, London" */
  label: string
  teamName: string
  kind: 'filled' | 'open'
  /** The role's family, level and office, sent with the band preview request. */
  role: { familyId: string; levelId: string; officeId: string }
  currency: Currency
  /** Pay in force today against today's band. */
  today: { date: string; judged: PayAgainstBand | null; pay: string }
  /** The typed pay against the band in force on the typed effective date. */
  preview: { judged: PayAgainstBand | null; hasPay: boolean }
  /** The date the preview's band is in force on (the typed date if it is real, else today). */
  previewDate: string
  values: PayFormValues
  errors: Partial<Record<PayField | 'form', string>>
  version: number
  /** What saving does, for this viewer, in a sentence. */
  onSave: string
  /** Where to go back to (the band review, the positions table). */
  back: string
}

const LABEL: Record<PayField, string> = {
  baseSalary: 'New annual base salary',
  effectiveDate: 'Effective from',
  bonusPercent: 'Bonus target (% of base)',
  reason: 'Reason for the change',
}

/** Finance fixes pay where the problem is found: salary from a date, bonus target and why. */
export function PayChange(p: PayChangeProps) {
  const field = (name: PayField) => ({
    id: `pay-${name}`,
    name,
    label: LABEL[name],
    value: p.values[name],
    error: p.errors[name],
  })
  const count = Object.keys(p.errors).length
  return (
    <section aria-labelledby="pay-heading">
      <header class="page-header">
        <h1 id="pay-heading">Change {p.name}'s pay</h1>
        <p>
          {p.label}, {p.teamName}. Paid{' '}
          <span class="num" id="pay-today">
            {p.today.pay}
          </span>{' '}
          on {formatDate(p.today.date)}
          {p.today.judged &&
            `, compa-ratio ${p.today.judged.compaRatio.toFixed(2)} against today's band`}
          . <a href={p.back}>Back</a>
        </p>
      </header>
      <form
        id="pay-form"
        class="position-form"
        method="post"
        action={`/positions/${p.positionId}/pay`}
        novalidate
      >
        {count > 0 && (
          <p class="form-problem" role="alert">
            {p.errors.form ??
              `${count === 1 ? 'One field needs' : `${count} fields need`} attention; nothing was saved.`}
          </p>
        )}
        <input type="hidden" name="version" value={String(p.version)} />
        <input type="hidden" name="back" value={p.back} />
        <input type="hidden" name="familyId" value={p.role.familyId} />
        <input type="hidden" name="levelId" value={p.role.levelId} />
        <input type="hidden" name="officeId" value={p.role.officeId} />
        <div
          class="form-grid"
          hx-get="/band-preview"
          hx-trigger="input delay:300ms"
          hx-include="closest form"
          hx-target={`#${BAND_PREVIEW_ID}`}
          hx-swap="outerHTML"
        >
          <TextField
            {...field('baseSalary')}
            label={`${LABEL.baseSalary} (${p.currency})`}
            inputmode="decimal"
            autocomplete="off"
          />
          <TextField
            {...field('effectiveDate')}
            type="date"
            hint={
              p.kind === 'filled'
                ? 'Pay before this date stays as it was paid.'
                : 'An open role or offer has no pay history: its salary is replaced.'
            }
          />
          <TextField {...field('bonusPercent')} inputmode="decimal" />
          <TextField {...field('reason')} hint="Kept in the audit trail with the change." />
        </div>
        <BandPreview {...p.preview} label={p.label} onDate={p.previewDate} />
        <p class="on-save" id="pay-on-save">
          {p.onSave}
        </p>
        <div class="form-actions">
          <button type="submit">Save pay change</button>
          <a href={p.back}>Cancel</a>
        </div>
      </form>
    </section>
  )
}
