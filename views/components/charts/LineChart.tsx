/**
 * Lines over time, one per series, each labelled by name at its end and drawn with its own dash
 * pattern and marker shape, so the lines are told apart without colour.
 */
import { line } from 'd3-shape'
import {
  type ChartProps,
  HEIGHT,
  MARGIN,
  plotHeight,
  plotWidth,
  WIDTH,
  XAxis,
  xBands,
  YAxis,
  yScale,
} from './frame.tsx'

const DASHES = ['', '6 3', '2 3', '10 3 2 3', '1 6', '12 6']
const MARKERS = ['circle', 'square', 'diamond'] as const

function Marker({ kind, x, y }: { kind: (typeof MARKERS)[number]; x: number; y: number }) {
  if (kind === 'circle') return <circle cx={x} cy={y} r={3} />
  if (kind === 'square') return <rect x={x - 3} y={y - 3} width={6} height={6} />
  return <path d={`M${x},${y - 4}L${x + 4},${y}L${x},${y + 4}L${x - 4},${y}Z`} />
}

/**
 * Places end labels at their lines' ends, moved apart just enough that no two are closer than
 * `gap` (a label's height) and all stay within [0, max]: pushed down in order, then, if the last
 * one ran past the bottom, pushed back up. A moved label gets a leader line to its line's end.
 */
export function spreadLabels(ys: readonly number[], max: number, gap = 14): number[] {
  const order = ys.map((y, i) => ({ y, i })).sort((a, b) => a.y - b.y || a.i - b.i)
  const out = ys.slice()
  let last = Number.NEGATIVE_INFINITY
  for (const { y, i } of order) {
    out[i] = Math.max(y, last + gap, 0)
    last = out[i]!
  }
  let next = Number.POSITIVE_INFINITY
  for (const { i } of order.reverse()) {
    out[i] = Math.min(out[i]!, next - gap, max)
    next = out[i]!
  }
  return out
}

export function LineChart({ id, title, description, labels, series, formatValue }: ChartProps) {
  const max = Math.max(0, ...series.flatMap((s) => s.values))
  const y = yScale(max)
  const band = xBands(labels)
  const x = (label: string) => (band(label) ?? 0) + band.bandwidth() / 2
  const path = line<number>()
    .x((_, i) => x(labels[i]!))
    .y((v) => y(v))
  const lineEnds = series.map((s) => y(s.values.at(-1) ?? 0))
  const endYs = spreadLabels(lineEnds, plotHeight)
  return (
    <figure class="chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`}>{title}</figcaption>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-labelledby={`${id}-svg-title ${id}-desc`}
      >
        <title id={`${id}-svg-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
          <YAxis scale={y} formatValue={formatValue} />
          <XAxis labels={labels} x={x} bandStep={band.step()} />
          {series.map((s, si) => (
            <g class={`chart-line chart-series-${si % 6}`}>
              <path d={path(s.values as number[]) ?? ''} stroke-dasharray={DASHES[si % 6]} />
              {s.values.map((v, i) => (
                <g>
                  <title>{`${s.name}, ${labels[i]}: ${formatValue(v)}`}</title>
                  <Marker kind={MARKERS[si % 3]!} x={x(labels[i]!)} y={y(v)} />
                </g>
              ))}
              {Math.abs(endYs[si]! - lineEnds[si]!) > 1 && (
                <path
                  d={`M${x(labels.at(-1)!) + 4},${lineEnds[si]}L${plotWidth + 4},${endYs[si]}`}
                  class="chart-leader"
                />
              )}
              <text x={plotWidth + 8} y={endYs[si]} dy="0.32em" class="chart-end-label">
                <title>{`${s.name}: ${formatValue(s.values.at(-1) ?? 0)} at ${labels.at(-1)}`}</title>
                {s.name}
              </text>
            </g>
          ))}
        </g>
      </svg>
    </figure>
  )
}
