import type { BandPosition as Where } from '../../src/domain/bands.ts'
import { type Currency, formatMoney } from '../../src/domain/money.ts'
import type { BandFit } from '../models/position-table.ts'

const WORDS: Record<Where, string> = {
  below_min: 'Below band',
  in_band: 'In band',
  above_max: 'Above band',
}

/**
 * Where a salary sits in its band: the words (never colour alone), compa-ratio (pay / mid) and
 * range penetration ((pay - min) / (max - min)), with the band's range as a tooltip.
 */
export function BandPosition({ fit, currency }: { fit: BandFit | null; currency: Currency }) {
  if (fit === null) return <span class="muted">No band</span>
  const range = `Band ${formatMoney(fit.min, currency, { wholeUnits: true })} to ${formatMoney(fit.max, currency, { wholeUnits: true })}`
  return (
    <span class={`band-fit band-${fit.position}`} title={range}>
      <span class="band-word">{WORDS[fit.position]}</span>{' '}
      <span class="band-ratios">
        <abbr title="compa-ratio: salary / band midpoint">CR</abbr> {fit.compaRatio.toFixed(2)}
        {' · '}
        {fit.penetration.times(100).toFixed(0)}% <span class="visually-hidden">range </span>
        <abbr title="range penetration: how far the salary sits from the band minimum to maximum">
          pen.
        </abbr>
      </span>
    </span>
  )
}
