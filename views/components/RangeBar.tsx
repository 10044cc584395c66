import { scaleLinear } from 'd3-scale'
import type { Decimal } from '../../src/domain/money.ts'

export interface RangeDot {
  value: Decimal
  /** People are round dots, offers square ones, so the two differ without colour. */
  kind: 'person' | 'offer'
  outside: boolean
  /** Read by screen readers and shown as a tooltip ("Rafael Montoya: $600,000"). */
  label: string
}

const WIDTH = 200
const HEIGHT = 36
const PAD = 8

/**
 * A band as a bar from min to max with a tick at the midpoint, and dots for the people and offers
 * in it. The scale stretches to take in anyone paid outside the band, so their dot still shows
 * past the bar's end. Pixel positions only: converting to float here never touches an amount.
 */
export function RangeBar({
  min,
  mid,
  max,
  dots,
  label,
}: {
  min: Decimal
  mid: Decimal
  max: Decimal
  dots: RangeDot[]
  label: string
}) {
  const values = [min, max, ...dots.map((d) => d.value)].map((d) => d.toNumber())
  const x = scaleLinear()
    .domain([Math.min(...values), Math.max(...values)])
    .range([PAD, WIDTH - PAD])
  const barY = 12
  return (
    <svg class="range-bar" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={label}>
      <rect
        class="range-bar-band"
        x={x(min.toNumber())}
        y={barY}
        width={x(max.toNumber()) - x(min.toNumber())}
        height={12}
      />
      <line
        class="range-bar-mid"
        x1={x(mid.toNumber())}
        x2={x(mid.toNumber())}
        y1={barY - 4}
        y2={barY + 16}
      />
      {dots.map((d) => {
        const cx = x(d.value.toNumber())
        const cls = `range-bar-dot${d.outside ? ' is-outside' : ''}`
        return d.kind === 'person' ? (
          <circle class={cls} cx={cx} cy={barY + 6} r={4}>
            <title>{d.label}</title>
          </circle>
        ) : (
          <rect class={cls} x={cx - 4} y={barY + 2} width={8} height={8}>
            <title>{d.label}</title>
          </rect>
        )
      })}
    </svg>
  )
}
