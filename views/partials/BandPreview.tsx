import { BUCKET_WORDS } from '../../src/domain/bands.ts'
import { formatDate } from '../../src/domain/calendar.ts'
import { type Currency, type Decimal, formatMoney } from '../../src/domain/money.ts'
import type { PayAgainstBand } from '../../src/domain/pay-change.ts'

export const BAND_PREVIEW_ID = 'band-preview'

export interface BandPreviewProps {
  /** The band in force on `onDate` and the typed pay against it; null when no band is in force. */
  judged: PayAgainstBand | null
  /** Whether a salary was typed (else only the band is shown). */
  hasPay: boolean
  /** "Research Scientist L5, London" */
  label: string
  onDate: string
  /** Element id, unique on the page. */
  id?: string
  /** For a new role: what its empty fields become (level defaults, the plan's hiring policy). */
  defaults?: string[] | undefined
}

const money = (d: Decimal, c: Currency) => formatMoney(d, c, { wholeUnits: true })

/**
 * The band in force for a family, level and office on a date (min, mid, max in the office's
 * currency) and where the typed salary sits in it: what the forms show beside the salary field.
 */
export function BandPreview({
  judged,
  hasPay,
  label,
  onDate,
  id = BAND_PREVIEW_ID,
  defaults,
}: BandPreviewProps) {
  const defaultsNote = defaults && defaults.length > 0 && (
    <p class="muted" id={`${id}-defaults`}>
      Fields left empty take these: {defaults.join(' ')}
    </p>
  )
  if (judged === null) {
    return (
      <div id={id} class="band-preview" aria-live="polite">
        <p>
          No salary band is in force for {label} on {formatDate(onDate)}.
        </p>
        {defaultsNote}
      </div>
    )
  }
  const { band } = judged
  const c = band.currency
  return (
    <div id={id} class="band-preview" aria-live="polite">
      <p>
        Band for {label} on {formatDate(onDate)} ({c}): minimum{' '}
        <span class="num" data-band="min">
          {money(band.min, c)}
        </span>
        , midpoint{' '}
        <span class="num" data-band="mid">
          {money(band.mid, c)}
        </span>
        , maximum{' '}
        <span class="num" data-band="max">
          {money(band.max, c)}
        </span>
        .
      </p>
      {hasPay && (
        <p>
          {money(judged.pay, c)} is{' '}
          <strong data-bucket={judged.bucket}>{BUCKET_WORDS[judged.bucket]}</strong>: compa-ratio{' '}
          <span class="num" id={`${id}-compa`}>
            {judged.compaRatio.toFixed(2)}
          </span>{' '}
          <span class="muted">(salary / midpoint)</span>.
        </p>
      )}
      {defaultsNote}
    </div>
  )
}
