/**
 * What every chart shares: the drawing area, a linear y scale with labelled ticks, and the x axis
 * of category labels (months, quarters), thinned so the labels never overlap at any width.
 */
import { scaleBand, scaleLinear } from 'd3-scale'

export const WIDTH = 720
export const HEIGHT = 320
export const MARGIN = { top: 16, right: 150, bottom: 40, left: 84 }

export interface ChartSeries {
  name: string
  /** One value per label; the caller chooses the unit (heads, minor units). */
  values: readonly number[]
}

export interface ChartProps {
  /** Unique on the page: pattern and heading ids derive from it. */
  id: string
  title: string
  /** One sentence saying what the chart shows, read by screen readers. */
  description: string
  labels: readonly string[]
  series: readonly ChartSeries[]
  /** Tick and tooltip text for a value on the y axis. */
  formatValue: (value: number) => string
}

export const plotWidth = WIDTH - MARGIN.left - MARGIN.right
export const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom

export function yScale(max: number, min = 0) {
  return scaleLinear()
    .domain([Math.min(min, 0), max > 0 ? max : 1])
    .nice()
    .range([plotHeight, 0])
}

export function xBands(labels: readonly string[]) {
  return scaleBand<string>().domain(labels).range([0, plotWidth]).padding(0.15)
}

/** Every nth label, so at most about eight are written along the axis. */
export const labelStep = (count: number) => Math.max(1, Math.ceil(count / 8))

export function YAxis({
  scale,
  formatValue,
}: {
  scale: ReturnType<typeof yScale>
  formatValue: (v: number) => string
}) {
  return (
    <g class="chart-axis">
      {scale.ticks(5).map((t) => (
        <g transform={`translate(0,${scale(t)})`}>
          <line x1={0} x2={plotWidth} class="chart-gridline" />
          <text x={-8} dy="0.32em" text-anchor="end">
            {formatValue(t)}
          </text>
        </g>
      ))}
    </g>
  )
}

export function XAxis({ labels, x }: { labels: readonly string[]; x: (label: string) => number }) {
  const step = labelStep(labels.length)
  return (
    <g class="chart-axis" transform={`translate(0,${plotHeight})`}>
      <line x1={0} x2={plotWidth} class="chart-baseline" />
      {labels.map((label, i) =>
        i % step === 0 ? (
          <text x={x(label)} y={20} text-anchor="middle">
            {label}
          </text>
        ) : null,
      )}
    </g>
  )
}
