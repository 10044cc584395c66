/**
 * Horizontal bars, one per row, each labelled with its name and value in text so it reads
 * without colour and without hovering. Values are non-negative; pixel widths only use floats.
 */
import { scaleLinear } from 'd3-scale'

const WIDTH = 640
const ROW = 28
const LABEL_WIDTH = 190
const VALUE_WIDTH = 120

export function HorizontalBars({
  title,
  rows,
  formatValue,
}: {
  title: string
  rows: readonly { name: string; value: number }[]
  formatValue: (value: number) => string
}) {
  const x = scaleLinear()
    .domain([0, Math.max(1, ...rows.map((r) => r.value))])
    .range([0, WIDTH - LABEL_WIDTH - VALUE_WIDTH])
  const height = rows.length * ROW
  return (
    <svg class="hbars" viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={title}>
      <title>{title}</title>
      {rows.map((r, i) => (
        <g transform={`translate(0,${i * ROW})`}>
          <text x={LABEL_WIDTH - 8} y={ROW / 2} dy="0.32em" text-anchor="end">
            {r.name}
          </text>
          <rect
            x={LABEL_WIDTH}
            y={5}
            height={ROW - 10}
            width={Math.max(1, x(r.value))}
            class="hbar"
          />
          <text x={LABEL_WIDTH + x(r.value) + 6} y={ROW / 2} dy="0.32em">
            {formatValue(r.value)}
          </text>
        </g>
      ))}
    </svg>
  )
}
