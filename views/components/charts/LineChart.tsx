/**
 * Lines over time, one per series, each labelled by name at its end and drawn with its own dash
 * pattern and marker shape, so the lines are told apart without colour.
 */
import { line } from 'd3-shape'
import {
  type ChartProps,
  HEIGHT,
  MARGIN,
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

/** Spreads end labels apart vertically so two lines ending close together stay readable. */
function spread(ys: number[], gap = 13): number[] {
  const order = ys.map((y, i) => ({ y, i })).sort((a, b) => a.y - b.y)
  const out = ys.slice()
  let last = Number.NEGATIVE_INFINITY
  for (const { y, i } of order) {
    out[i] = Math.max(y, last + gap)
    last = out[i]!
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
  const endYs = spread(series.map((s) => y(s.values.at(-1) ?? 0)))
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
          <XAxis labels={labels} x={x} />
          {series.map((s, si) => (
            <g class={`chart-line chart-series-${si % 6}`}>
              <path d={path(s.values as number[]) ?? ''} stroke-dasharray={DASHES[si % 6]} />
              {s.values.map((v, i) => (
                <g>
                  <title>{`${s.name}, ${labels[i]}: ${formatValue(v)}`}</title>
                  <Marker kind={MARKERS[si % 3]!} x={x(labels[i]!)} y={y(v)} />
                </g>
              ))}
              <text x={plotWidth + 8} y={endYs[si]} dy="0.32em" class="chart-end-label">
                {s.name}
              </text>
            </g>
          ))}
        </g>
      </svg>
    </figure>
  )
}
