/**
 * What every chart shares: the drawing area, a linear y scale with labelled ticks, and the x axis
 * of category labels (months, quarters), thinned so the labels never overlap at any width.
 */
import { scaleBand, scaleLinear } from 'd3-scale'

export const WIDTH = 720
export const HEIGHT = 340
export const MARGIN = { top: 16, right: 150, bottom: 64, left: 84 }

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

/** Width of `text` at the axis font (12 units), a generous estimate: digits and capitals. */
export const textWidth = (text: string) => text.length * 7.2

/**
 * How the x axis writes its labels: every `step`th label, level when they fit side by side, or
 * turned 40 degrees when even every other one would not. Decided from the labels' estimated
 * widths against the band step, so no two written labels overlap at any label length.
 */
export function xLabelLayout(labels: readonly string[], bandStep: number) {
  const widest = Math.max(0, ...labels.map(textWidth)) + 10
  const needed = Math.ceil(widest / bandStep)
  // steps that divide a year of months or of quarters evenly, so the written labels fall in step
  const levelStep = NICE_STEPS.find((s) => s >= needed)
  if (levelStep !== undefined) return { step: levelStep, angled: false }
  // turned labels need only their height (about 16 units) side by side
  return { step: Math.max(1, Math.ceil(16 / bandStep)), angled: true }
}

const NICE_STEPS = [1, 2, 3, 4, 6, 12]

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

export function XAxis({
  labels,
  x,
  bandStep,
}: {
  labels: readonly string[]
  x: (label: string) => number
  /** Distance between two labels' centres. */
  bandStep: number
}) {
  const { step, angled } = xLabelLayout(labels, bandStep)
  return (
    <g class="chart-axis chart-x-axis">
      <line x1={0} x2={plotWidth} y1={plotHeight} y2={plotHeight} class="chart-baseline" />
      {labels.map((label, i) =>
        i % step === 0 ? (
          angled ? (
            <text
              transform={`translate(${x(label)},${plotHeight + 12}) rotate(-40)`}
              text-anchor="end"
              dy="0.32em"
            >
              {label}
            </text>
          ) : (
            <text x={x(label)} y={plotHeight + 20} text-anchor="middle">
              {label}
            </text>
          )
        ) : null,
      )}
    </g>
  )
}
