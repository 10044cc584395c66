/**
 * Value vesting (domain Part A "Equity"): the value of equity vesting to each person, at the plan's
 * assumed share price, in the position's local currency (a UK vest converted at the vest month's
 * rate), in the months it vests to someone on the books at the month's end. A memo series, not a
 * cost: the cost lines carry the accounting expense and the employer tax at vest instead, so no
 * total includes it.
 */
import { monthPay, vestLocal } from './month.ts'
import { type PlanContext, type PositionTerms, planFacts } from './terms.ts'

/** The months (by index in the plan) in which value vests to the position, with its value. */
export function valueVesting(ctx: PlanContext, t: PositionTerms): [number, number][] {
  if (t.grants.length === 0) return []
  const f = planFacts(ctx)
  const months = new Set<number>()
  for (const g of t.grants) {
    for (const k of g.schedule.offsets) {
      const i = g.grantIndex + k
      if (i >= 0 && i < f.n) months.add(i)
    }
  }
  const out: [number, number][] = []
  for (const i of [...months].sort((a, b) => a - b)) {
    // as the engine taxes it: vested to someone on the books at the month's end
    if (monthPay(f, t, i)?.throughMonthEnd !== true) continue
    const value = vestLocal(f, t, i)
    if (value !== 0) out.push([i, value])
  }
  return out
}
