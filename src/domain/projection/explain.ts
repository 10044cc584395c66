/**
 * Explanations: the lines the engine used for one position-month-component, replayed through the
 * same monthly calculation (with the same year-to-date state), and for a total the lines it sums.
 */
import type { Month } from '../calendar.ts'
import { ratioOf } from '../exact.ts'
import { convertLine, convertMinor } from '../fx.ts'
import {
  type Currency,
  type Decimal,
  formatMinor,
  formatMoney,
  fromMinor,
  toMinor,
} from '../money.ts'
import { type Names, positionName } from '../names.ts'
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
import { conversionLine, type Term, term, type WorkedLine, worked } from './worked.ts'

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

/** The line a position-month-component explanation works out, and the rate to report it at. */
function explainedLine(
  input: ProjectionInput,
  positionId: string,
  month: Month,
  component: PositionComponent,
) {
  const line = positionMonthCost(input, positionId, month).lines.find(
    (l) => l.component === component,
  )
  const facts = planFacts(input.ctx)
  return { line, rate: facts.rate(monthIndex(facts.m0, month)), to: input.reportingCurrency }
}

export function explain(
  input: ProjectionInput,
  positionId: string,
  month: Month,
  component: PositionComponent,
): string[] {
  const { line, rate, to } = explainedLine(input, positionId, month, component)
  if (!line) return [`${COMPONENT_LABEL[component]}: none`]
  if (line.currency === to) return line.explain()
  // In the reporting currency: the rounded local line x the month's rate, rounded once.
  const converted = convertLine(fromMinor(line.minor), line.currency, to, rate)
  const op = line.currency === 'GBP' ? 'x' : '/'
  return [
    ...line.explain(),
    `In ${to}: ${formatMinor(line.minor, line.currency)} ${op} ${rate.toFixed()} USD per GBP = ${formatMoney(converted, to)}`,
  ]
}

/**
 * `explain` as structured lines (worked.ts): the engine's working, then, when the line is in
 * another currency than the report, its conversion at the month's rate as a line of its own.
 * Nothing when the position has no such line that month.
 */
export function explainWorked(
  input: ProjectionInput,
  positionId: string,
  month: Month,
  component: PositionComponent,
): WorkedLine[] {
  const { line, rate, to } = explainedLine(input, positionId, month, component)
  if (!line) return []
  if (line.currency === to) return line.worked()
  const converted = toMinor(convertLine(fromMinor(line.minor), line.currency, to, rate))
  return [
    ...line.worked(),
    conversionLine(COMPONENT_LABEL[component], line.minor, line.currency, converted, to, rate),
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

/**
 * `explainTotal` as structured lines: each line of another currency converted at the month's rate
 * (a line of its own, as the engine converts it), then the total as the sum of the converted
 * lines. Lines are named by position (`names`), company lines by their component and place.
 */
export function explainTotalWorked(
  projection: Projection,
  monthIndex: number,
  component: Component,
  usdPerGbp: Decimal,
  names: Names,
): WorkedLine[] {
  const to = projection.totals.currency
  const conversions: WorkedLine[] = []
  const terms: Term[] = []
  const add = (label: string, local: number, from: Currency) => {
    if (local === 0) return
    const converted = convertMinor(local, from, to, ratioOf(usdPerGbp))
    if (from !== to) {
      conversions.push(conversionLine(label, local, from, converted, to, usdPerGbp))
    }
    terms.push(term(from === to ? label : `${label} in ${to}`, converted, to))
  }
  if (!COMPANY_COMPONENTS.includes(component as CompanyComponent)) {
    const c = component as PositionComponent
    projection.positions.forEach((p, pi) => {
      add(
        positionName(p.terms.position, names),
        projection.cell(pi, monthIndex, c),
        lineCurrency(p, c),
      )
    })
  }
  for (const line of projection.companyLines) {
    if (line.component !== component) continue
    const place = line.teamId
      ? names.team(line.teamId)
      : line.officeId
        ? names.office(line.officeId)
        : 'company-wide'
    add(`${COMPONENT_LABEL[component]}, ${place}`, line.local[monthIndex]!, line.currency)
  }
  const total = projection.totals.byComponent.get(component)?.[monthIndex] ?? 0
  return [
    ...conversions,
    worked(`${COMPONENT_LABEL[component]}, ${projection.months[monthIndex]}`, total, to, terms),
  ]
}
