import type { BandCell as Cell } from '../../src/domain/band-review.ts'
import { formatDate } from '../../src/domain/calendar.ts'
import { formatMoney } from '../../src/domain/money.ts'
import { RangeBar } from '../components/RangeBar.tsx'

const whole = (amount: Parameters<typeof formatMoney>[0], currency: Cell['band']['currency']) =>
  formatMoney(amount, currency, { wholeUnits: true })

/** One band of the matrix: its range, the range in the other currency, a bar and head counts. */
export function BandCell({
  cell,
  label,
  canEdit,
}: {
  cell: Cell
  label: string
  canEdit: boolean
}) {
  const { band, converted, counts } = cell
  const range = `${whole(band.min, band.currency)} – ${whole(band.mid, band.currency)} – ${whole(band.max, band.currency)}`
  const countsText = `${counts.below_min} below · ${counts.in_band} in · ${counts.above_max} above`
  return (
    <td id={`band-${band.id}`} class="band-cell">
      <span class="band-range num">{range}</span>
      <span class="band-converted muted num">
        ≈ {whole(converted.min, converted.currency)} – {whole(converted.mid, converted.currency)} –{' '}
        {whole(converted.max, converted.currency)}
      </span>
      <RangeBar
        min={band.min}
        mid={band.mid}
        max={band.max}
        label={`${label}: ${range}; ${countsText}`}
        dots={cell.members.map((m) => ({
          value: m.pay,
          kind: m.kind,
          outside: m.where !== 'in_band',
          label: `${m.name}${m.kind === 'offer' ? ' (offer)' : ''}: ${whole(m.pay, band.currency)}`,
        }))}
      />
      <span class="band-counts">{countsText}</span>
      <span class="band-since muted">from {formatDate(band.effectiveFrom)}</span>
      {canEdit && (
        <a href={`/bands/${band.id}/edit`} class="band-edit">
          Edit<span class="visually-hidden"> {label}</span>
        </a>
      )}
    </td>
  )
}
