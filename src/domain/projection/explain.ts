/**
 * Explanations: the lines the engine used for one position-month-component, replayed through the
 * same monthly calculation (with the same year-to-date state), and for a total the lines it sums.
 */
import type { Month } from '../calendar.ts'
import { convertLine } from '../fx.ts'
import { formatMinor, formatMoney, fromMinor } from '../money.ts'
import {
  COMPANY_COMPONENTS,
  COMPONENT_LABEL,
  type CompanyComponent,
  type Component,
  type PositionComponent,
} from './components.ts'
import type { ProjectionInput } from './input.ts'
import type { MonthCost } from './month.ts'
import { projectedPositions, replayMonths } from './reference.ts'
import { lineCurrency, type Projection } from './result.ts'
import { monthIndex, planFacts } from './terms.ts'

/** The month's cost for one position, with YTD replayed from the plan's first month. */
export function positionMonthCost(
  input: ProjectionInput,
  positionId: string,
  month: Month,
): MonthCost {
  const p = projectedPositions({
    ...input,
    positions: input.positions.filter((x) => x.id === positionId),
  })[0]
  if (!p) throw new RangeError(`no projected position ${positionId}`)
  const i = monthIndex(planFacts(input.ctx).m0, month)
  let found: MonthCost | null = null
  replayMonths(input.ctx, p.terms, (mi, cost) => {
    if (mi !== i) return
    found = cost
    return 'stop'
  })
  if (found === null || i < 0) throw new RangeError(`${month} is not in the plan`)
  return found
}

export function explain(
  input: ProjectionInput,
  positionId: string,
  month: Month,
  component: PositionComponent,
): string[] {
  const line = positionMonthCost(input, positionId, month).lines.find(
    (l) => l.component === component,
  )
  if (!line) return [`${COMPONENT_LABEL[component]}: none`]
  const to = input.reportingCurrency
  if (line.currency === to) return line.explain()
  // In the reporting currency: the rounded local line x the month's rate, rounded once.
  const rate = planFacts(input.ctx).rate(monthIndex(planFacts(input.ctx).m0, month))
  const converted = convertLine(fromMinor(line.minor), line.currency, to, rate)
  const op = line.currency === 'GBP' ? 'x' : '/'
  return [
    ...line.explain(),
    `In ${to}: ${formatMinor(line.minor, line.currency)} ${op} ${rate.toFixed()} USD per GBP = ${formatMoney(converted, to)}`,
  ]
}

/**
 * A component's total for a month in the reporting currency, as the converted lines it sums
 * (one per position, and the company lines), ending with the total.
 */
export function explainTotal(
  projection: Projection,
  monthIndex: number,
  component: Component,
): string[] {
  const cur = projection.totals.currency
  const parts: string[] = []
  projection.positions.forEach((p, pi) => {
    if (COMPANY_COMPONENTS.includes(component as CompanyComponent)) return
    const local = projection.cell(pi, monthIndex, component as PositionComponent)
    if (local !== 0) {
      parts.push(`${p.id}: ${formatMinor(local, lineCurrency(p, component as PositionComponent))}`)
    }
  })
  for (const line of projection.companyLines) {
    if (line.component === component && line.local[monthIndex] !== 0) {
      parts.push(
        `${line.teamId ?? line.officeId ?? 'company'}: ${formatMinor(line.local[monthIndex]!, line.currency)}`,
      )
    }
  }
  const total = projection.totals.byComponent.get(component)?.[monthIndex] ?? 0
  return [
    ...parts,
    `${COMPONENT_LABEL[component]}, ${projection.months[monthIndex]}: ${formatMinor(total, cur)} (each line converted to ${cur} at the month's rate and rounded)`,
  ]
}
