/**
 * A projection narrowed to some teams leaves out the company-wide lines (Apprenticeship Levy,
 * office desks; a team's attrition lines stay): they belong to the whole company, and costing them on a manager's teams alone would
 * show a levy and desks that do not exist. The engine adds them on top of the position totals,
 * so taking them out again leaves exactly the positions' totals.
 */

import { convertLine, usdPerGbp } from '../../domain/fx.ts'
import { fromMinor, toMinor } from '../../domain/money.ts'
import type { FastProjection } from '../../domain/projection/fast.ts'
import type { ProjectionInput } from '../../domain/projection/input.ts'
import {
  COMPANY_KEY,
  type CompanyLine,
  type Series,
  type Totals,
} from '../../domain/projection/result.ts'

/** The levy and desks belong to the company; attrition lines to their team. */
const isCompanyWide = (line: CompanyLine) => line.teamId === null

function subtractAt<K>(m: Map<K, Series>, key: K, i: number, v: number) {
  const s = m.get(key)
  if (s) s[i]! -= v
}

function positionTotals(p: FastProjection, input: ProjectionInput): Totals {
  const { ctx } = input
  const to = p.totals.currency
  const copy = <K>(m: Map<K, Series>) => new Map([...m].map(([k, s]) => [k, [...s]]))
  const totals: Totals = {
    currency: to,
    total: [...p.totals.total],
    byComponent: copy(p.totals.byComponent),
    byCurrency: copy(p.totals.byCurrency),
    byTeam: copy(p.totals.byTeam),
    byOffice: copy(p.totals.byOffice),
    byFamily: copy(p.totals.byFamily),
    byLevel: copy(p.totals.byLevel),
  }
  for (const line of p.companyLines.filter(isCompanyWide)) {
    line.local.forEach((minor, i) => {
      if (minor === 0) return
      const rate = usdPerGbp(ctx.fx, ctx.months[i]!, ctx.fiscalYearStartMonth)
      const v = toMinor(convertLine(fromMinor(minor), line.currency, to, rate))
      totals.total[i]! -= v
      subtractAt(totals.byCurrency, line.currency, i, v)
      subtractAt(totals.byOffice, line.officeId ?? COMPANY_KEY, i, v)
      subtractAt(totals.byTeam, COMPANY_KEY, i, v)
      subtractAt(totals.byFamily, COMPANY_KEY, i, v)
      subtractAt(totals.byLevel, COMPANY_KEY, i, v)
    })
    totals.byComponent.delete(line.component)
  }
  // A team's own attrition lines stay with it.
  for (const line of p.companyLines.filter((l) => !isCompanyWide(l))) {
    const s = p.totals.byComponent.get(line.component)
    if (s) totals.byComponent.set(line.component, [...s])
  }
  // What is left under the company key is the teams' attrition lines, if any.
  for (const m of [totals.byTeam, totals.byFamily, totals.byLevel, totals.byOffice]) {
    if (m.get(COMPANY_KEY)?.every((v) => v === 0) ?? false) m.delete(COMPANY_KEY)
  }
  return totals
}

/** The same projection without company lines, its totals the positions' alone. */
export function withoutCompanyLines(p: FastProjection, input: ProjectionInput): FastProjection {
  if (!p.companyLines.some(isCompanyWide)) return p
  return {
    months: p.months,
    fiscalYearStartMonth: p.fiscalYearStartMonth,
    positions: p.positions,
    runs: p.runs,
    cell: p.cell,
    companyLines: p.companyLines.filter((l) => !isCompanyWide(l)),
    totals: positionTotals(p, input),
    // the engine counts headcount lazily: read through rather than copy (which would count now)
    get headcount() {
      return p.headcount
    },
    withPosition: (next, positionId) => withoutCompanyLines(p.withPosition(next, positionId), next),
  }
}
