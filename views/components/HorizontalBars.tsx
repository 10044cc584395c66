/**
 * Horizontal bars, one per row, each labelled with its name and value in text so it reads
 * without colour and without hovering. Values are non-negative; pixel widths only use floats.
 */
import { scaleLinear } from 'd3-scale'

const WIDTH = 640
const ROW = 28
const LABEL_WIDTH = 190
/** Estimated width of a value label at the bars' 14-unit font (digits and currency signs). */
const valueWidth = (text: string) => text.length * 8.6 + 12

export function HorizontalBars({
  title,
  rows,
  formatValue,
}: {
  title: string
  rows: readonly { name: string; value: number }[]
  formatValue: (value: number) => string
}) {
  // room for the longest value after the longest bar, so no label runs past the edge
  const valueRoom = Math.max(0, ...rows.map((r) => valueWidth(formatValue(r.value))))
  const x = scaleLinear()
    .domain([0, Math.max(1, ...rows.map((r) => r.value))])
    .range([0, WIDTH - LABEL_WIDTH - valueRoom])
  const height = rows.length * ROW
  return (
    <svg class="hbars" viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={title}>
      <title>{title}</title>
      {rows.map((r, i) => (
        <g transform={`translate(0,${i * ROW})`}>
          <title>{`${r.name}: ${formatValue(r.value)}`}</title>
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
