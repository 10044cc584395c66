/**
 * Stacked bars, one per label, each series a layer filled with its own pattern and named in a
 * text legend beside the same pattern, so layers are told apart without colour. Positive values
 * stack up from zero and negative ones down from it (a difference: more here, less there), with
 * a line at zero when any is negative; every segment carries its value as a tooltip.
 */
import { stack, stackOffsetDiverging } from 'd3-shape'
import { type ChartProps, HEIGHT, MARGIN, WIDTH, XAxis, xBands, YAxis, yScale } from './frame.tsx'

/** Pattern shapes drawn over the layer's tint: stripes, dots, hatching. */
const SHAPES = ['solid', 'diagonal', 'dots', 'horizontal', 'cross', 'vertical', 'back-diagonal']

function Pattern({ id, index }: { id: string; index: number }) {
  const shape = SHAPES[index % SHAPES.length]
  return (
    <pattern
      id={id}
      width={8}
      height={8}
      patternUnits="userSpaceOnUse"
      class={`chart-fill chart-series-${index % 6}`}
    >
      <rect width={8} height={8} class="chart-tint" />
      {shape === 'diagonal' && <path d="M0,8L8,0" class="chart-hatch" />}
      {shape === 'back-diagonal' && <path d="M0,0L8,8" class="chart-hatch" />}
      {shape === 'dots' && <circle cx={4} cy={4} r={1.6} class="chart-dot" />}
      {shape === 'horizontal' && <path d="M0,4H8" class="chart-hatch" />}
      {shape === 'vertical' && <path d="M4,0V8" class="chart-hatch" />}
      {shape === 'cross' && <path d="M0,4H8M4,0V8" class="chart-hatch" />}
    </pattern>
  )
}

export function StackedBarChart({
  id,
  title,
  description,
  labels,
  series,
  formatValue,
}: ChartProps) {
  const rows = labels.map((_, i) => series.map((s) => s.values[i] ?? 0))
  const layers = stack<number[], number>()
    .keys(series.map((_, si) => si))
    .value((row, si) => row[si] ?? 0)
    .offset(stackOffsetDiverging)(rows)
  const ends = layers.flatMap((layer) => layer.flat())
  const min = Math.min(0, ...ends)
  const y = yScale(Math.max(0, ...ends), min)
  const band = xBands(labels)
  const x = (label: string) => (band(label) ?? 0) + band.bandwidth() / 2
  const patternId = (si: number) => `${id}-pattern-${si}`
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
        <defs>
          {series.map((_, si) => (
            <Pattern id={patternId(si)} index={si} />
          ))}
        </defs>
        <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
          <YAxis scale={y} formatValue={formatValue} />
          {layers.map((layer, si) => (
            <g fill={`url(#${patternId(si)})`} class="chart-layer">
              {layer.map(([lo, hi], i) =>
                hi > lo ? (
                  <rect
                    x={band(labels[i]!)}
                    width={band.bandwidth()}
                    y={y(hi)}
                    height={y(lo) - y(hi)}
                  >
                    <title>{`${series[si]!.name}, ${labels[i]}: ${formatValue(series[si]!.values[i] ?? 0)}`}</title>
                  </rect>
                ) : null,
              )}
            </g>
          ))}
          {min < 0 && (
            <line x1={0} x2={band.range()[1]} y1={y(0)} y2={y(0)} class="chart-baseline" />
          )}
          <XAxis labels={labels} x={x} bandStep={band.step()} />
        </g>
      </svg>
      <ul class="chart-legend" aria-label={`${title}: legend`}>
        {series.map((s, si) => (
          <li>
            <svg width={16} height={16} aria-hidden="true">
              <defs>
                <Pattern id={`${patternId(si)}-key`} index={si} />
              </defs>
              <rect width={16} height={16} fill={`url(#${patternId(si)}-key)`} class="chart-key" />
            </svg>
            {s.name}
          </li>
        ))}
      </ul>
    </figure>
  )
}
