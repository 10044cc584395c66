/**
 * The reference projection: every position, every month, every line, one after another, with
 * Decimal conversion of each line. Slow and obviously right; the fast projection must match it
 * to the penny.
 */

import { convertLine, usdPerGbp } from '../fx.ts'
import { type Currency, fromMinor, toMinor } from '../money.ts'
import { atOnce, type Steps } from '../steps.ts'
import {
  AttritionGroups,
  attritionLines,
  NOT_IN_POST,
  replacementHiring,
} from './attrition-lines.ts'
import { bonusAccrual } from './bonus-accrual.ts'
import type { Component, PositionComponent } from './components.ts'
import type { ProjectionInput } from './input.ts'
import { addYtd, costPositionMonth, EMPTY_YTD, type MonthCost, type Ytd } from './month.ts'
import {
  COMPANY_KEY,
  companyLines,
  headcount,
  onBooksInMonth,
  type ProjectedPosition,
  type Projection,
  projectedPosition,
  type Series,
  type Totals,
  ytdPeriod,
} from './result.ts'
import {
  type PlanContext,
  type PositionTerms,
  planFacts,
  positionTerms,
  termsMemo,
} from './terms.ts'

/**
 * Runs the month calculation for one position from its year start before the plan (month index
 * -lead) to the plan's last month, carrying the year to date (reset at each year start, replaced
 * by imported actuals at their as-at month) and any bonus accrued monthly, and hands each month's
 * cost to `visit`; a visit that answers 'stop' ends the replay.
 */
export function replayMonths(
  ctx: PlanContext,
  t: PositionTerms,
  visit: (monthIndex: number, cost: MonthCost) => unknown,
) {
  const f = planFacts(ctx)
  const accrual = bonusAccrual(f, t)
  let period = Number.NaN
  let ytd: Ytd = EMPTY_YTD
  for (let i = -t.lead; i < f.n; i++) {
    const month = f.month(i)
    if (ytdPeriod(t, month) !== period) {
      period = ytdPeriod(t, month)
      ytd = EMPTY_YTD
    }
    const cost = costPositionMonth(ctx, t, month, ytd, accrual)
    if (visit(i, cost) === 'stop') return
    ytd = addYtd(ytd, cost.ytdAdd)
    if (t.actual !== null && i === t.actual.at) ytd = t.actual.ytd
  }
}

/** Each position's in-post cost and a replacement's hiring costs, by attrition group. */
function attritionGroups(
  ctx: PlanContext,
  positions: readonly ProjectedPosition[],
  cells: readonly Map<PositionComponent, number>[][],
): AttritionGroups {
  const n = ctx.months.length
  const groups = new AttritionGroups(n)
  if (ctx.assumptions.annualAttritionRate.isZero()) return groups
  positions.forEach((p, pi) => {
    const from = Math.max(0, p.terms.startIndex)
    const to = Math.min(n - 1, p.terms.endIndex)
    if (from > to) return
    const g = groups.of(ctx, p)
    for (let mi = from; mi <= to; mi++) {
      let inPost = 0
      for (const [c, minor] of cells[pi]![mi]!) if (!NOT_IN_POST.has(c)) inPost += minor
      g.addInPost(mi, mi + 1, inPost)
    }
    g.addHiring(from, to + 1, g.lag === null ? 0 : replacementHiring(p))
  })
  return groups
}

export function projectedPositions(input: ProjectionInput): ProjectedPosition[] {
  return atOnce(projectedPositionsSteps(input))
}

/**
 * `projectedPositions` with a pause after each `perStep` positions; `each` is called with each
 * position as it is made.
 */
export function* projectedPositionsSteps(
  input: ProjectionInput,
  perStep = 1000,
  each?: (p: ProjectedPosition) => void,
): Steps<ProjectedPosition[]> {
  const memo = termsMemo(input.ctx)
  const out: ProjectedPosition[] = []
  for (let k = 0; k < input.positions.length; k++) {
    const terms = positionTerms(input.ctx, input.positions[k]!, memo)
    if (terms) {
      const p = projectedPosition(terms)
      out.push(p)
      each?.(p)
    }
    if ((k + 1) % perStep === 0) yield
  }
  return out
}

export function emptyTotals(currency: Currency): Totals {
  return {
    currency,
    total: [],
    byComponent: new Map(),
    byCurrency: new Map(),
    byTeam: new Map(),
    byOffice: new Map(),
    byFamily: new Map(),
    byLevel: new Map(),
  }
}

/** Adds `amount` at month `i` to the total and to each grouping the line belongs to. */
export function addToTotals(
  totals: Totals,
  length: number,
  i: number,
  amount: number,
  keys: {
    component: Component
    currency: Currency
    team: string
    office: string
    family: string
    level: string
  },
) {
  const add = <K>(map: Map<K, Series>, key: K) => {
    let s = map.get(key)
    if (!s) {
      s = new Array<number>(length).fill(0)
      map.set(key, s)
    }
    s[i]! += amount
  }
  if (totals.total.length === 0) totals.total.push(...new Array<number>(length).fill(0))
  totals.total[i]! += amount
  add(totals.byComponent, keys.component)
  add(totals.byCurrency, keys.currency)
  add(totals.byTeam, keys.team)
  add(totals.byOffice, keys.office)
  add(totals.byFamily, keys.family)
  add(totals.byLevel, keys.level)
}

export function projectReference(input: ProjectionInput): Projection {
  const { ctx, reportingCurrency } = input
  const months = ctx.months
  const n = months.length
  const positions = projectedPositions(input)
  const cells = positions.map(() => months.map(() => new Map<PositionComponent, number>()))
  const ukPayBill = new Array<number>(n).fill(0)
  const people = new Map<string, number[]>()

  const f = planFacts(ctx)
  const leadBill = new Array<number>(f.lead).fill(0)
  positions.forEach((p, pi) => {
    const atOffice = people.get(p.officeId) ?? new Array<number>(n).fill(0)
    people.set(p.officeId, atOffice)
    replayMonths(ctx, p.terms, (mi, cost) => {
      if (mi < 0) {
        leadBill[mi + f.lead]! += cost.levyPay
        return
      }
      for (const line of cost.lines) cells[pi]![mi]!.set(line.component, line.minor)
      ukPayBill[mi]! += cost.levyPay
      if (onBooksInMonth(p.terms, months[mi]!)) atOffice[mi]!++
    })
  })

  const company = [
    ...companyLines(ctx, ukPayBill, people, leadBill),
    ...attritionLines(ctx, attritionGroups(ctx, positions, cells)),
  ]
  const totals = emptyTotals(reportingCurrency)
  const rates = months.map((m) => usdPerGbp(ctx.fx, m, ctx.fiscalYearStartMonth))
  const converted = (minor: number, from: Currency, i: number) =>
    toMinor(convertLine(fromMinor(minor), from, reportingCurrency, rates[i]!))

  positions.forEach((p, pi) => {
    months.forEach((_, mi) => {
      for (const [component, minor] of cells[pi]![mi]!) {
        const currency = component === 'equity_expense' ? 'USD' : p.currency
        addToTotals(totals, n, mi, converted(minor, currency, mi), {
          component,
          currency,
          team: p.teamId,
          office: p.officeId,
          family: p.familyId,
          level: p.levelId,
        })
      }
    })
  })
  for (const line of company) {
    line.local.forEach((minor, mi) => {
      addToTotals(totals, n, mi, converted(minor, line.currency, mi), {
        component: line.component,
        currency: line.currency,
        team: line.teamId ?? COMPANY_KEY,
        office: line.officeId ?? COMPANY_KEY,
        family: COMPANY_KEY,
        level: COMPANY_KEY,
      })
    })
  }
  if (totals.total.length === 0) totals.total.push(...new Array<number>(n).fill(0))

  return {
    months,
    fiscalYearStartMonth: ctx.fiscalYearStartMonth,
    positions,
    cell: (pi, mi, component) => cells[pi]?.[mi]?.get(component) ?? 0,
    companyLines: company,
    headcount: headcount(ctx, positions),
    totals,
  }
}
