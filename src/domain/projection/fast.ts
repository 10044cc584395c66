/**
 * The fast projection. Same numbers as the reference, to the penny, by doing less work:
 *
 * - A position's months are cut into stretches at the months where its inputs change (start and
 *   end, raises, bonus and vest months, each the month after too, and the UK tax year / US calendar
 *   year). The monthly calculation runs once per stretch, for its first month; the following months
 *   reuse its lines for as long as no year-to-date limit is crossed (a crossing month is costed
 *   afresh). Equity expense, which changes monthly under graded attribution, is kept apart.
 * - Amounts are integer minor units; conversion is round(local line x rate) in exact integer
 *   arithmetic, once per stretch and rate; totals are added per stretch into difference arrays.
 */
import { monthNumber } from '../calendar.ts'
import { usdPerGbp } from '../fx.ts'
import type { Currency, Decimal } from '../money.ts'
import { roundLine, toMinor, ZERO } from '../money.ts'
import {
  COMPONENT_INDEX,
  COMPONENTS,
  type Component,
  type PositionComponent,
} from './components.ts'
import type { ProjectionInput } from './input.ts'
import { type CapDependence, costPositionMonth } from './month.ts'
import { projectedPositions } from './reference.ts'
import {
  COMPANY_KEY,
  companyLines,
  type Headcount,
  headcount,
  type ProjectedPosition,
  type Projection,
  type Series,
  type Totals,
} from './result.ts'
import { grantExpense, monthIndex, type PlanContext } from './terms.ts'

const EXPENSE = COMPONENT_INDEX.equity_expense
const COUNTERS = ['wages', 'eligible', 'pension'] as const

/** One month's lines (minor units), shared by every month of a stretch. */
interface LineSet {
  comps: Uint8Array
  amounts: Float64Array
  levyPay: number
  ytdAdd: Float64Array
  caps: { counter: number; add: number; limit: number }[]
}

export interface PositionRuns {
  /** First month index of each stretch. */
  starts: number[]
  sets: LineSet[]
  /** Equity expense (USD minor) per month, or null with no grants. */
  expense: Float64Array | null
  startIndex: number
  endIndex: number
}

/** Exact rational rounding half away from zero (decimal.js ROUND_HALF_UP): round(a / b), b > 0. */
function roundDiv(a: number, b: number): number {
  const neg = a < 0
  const x = neg ? -a : a
  let q = Math.floor(x / b)
  const r = x - q * b
  if (2 * r >= b) q++
  return neg ? -q : q
}

function roundDivBig(a: bigint, b: bigint): number {
  const neg = a < 0n
  const x = neg ? -a : a
  let q = x / b
  if (2n * (x - q * b) >= b) q++
  return Number(neg ? -q : q)
}

/** A rate as an exact fraction num / scale ("1.2735" -> 12735 / 10000). */
interface Rate {
  num: number
  scale: number
}

function exactRate(rate: Decimal): Rate {
  const dp = rate.decimalPlaces()
  const scale = 10 ** dp
  return { num: rate.times(scale).toNumber(), scale }
}

/** round(minor x rate) or round(minor / rate), exactly, as `convertLine` does with Decimals. */
function convertMinor(minor: number, from: Currency, to: Currency, rate: Rate): number {
  if (from === to || minor === 0) return minor
  const [mul, div] = from === 'GBP' ? [rate.num, rate.scale] : [rate.scale, rate.num]
  const product = minor * mul
  if (Number.isSafeInteger(product)) return roundDiv(product, div)
  return roundDivBig(BigInt(minor) * BigInt(mul), BigInt(div))
}

function regime(ytd: number, add: number, limit: number): number {
  if (ytd + add <= limit) return 0
  if (ytd >= limit) return 1
  return 2 // crossing: this month depends on the exact year-to-date figure
}

const toLineSet = (cost: ReturnType<typeof costPositionMonth>): LineSet => {
  const lines = cost.lines.filter((l) => l.component !== 'equity_expense')
  const caps = cost.caps.map((c: CapDependence) => ({
    counter: COUNTERS.indexOf(c.counter),
    add: toMinor(roundLine(c.add)),
    limit: toMinor(roundLine(c.limit)),
  }))
  return {
    comps: Uint8Array.from(lines.map((l) => COMPONENT_INDEX[l.component])),
    amounts: Float64Array.from(lines.map((l) => toMinor(l.amount))),
    levyPay: toMinor(cost.levyPay),
    ytdAdd: Float64Array.from(COUNTERS.map((k) => toMinor(cost.ytdAdd[k]))),
    caps,
  }
}

/** Months (indices) where a new stretch must start for this position. */
function boundaries(ctx: PlanContext, p: ProjectedPosition, startIndex: number, endIndex: number) {
  const n = ctx.months.length
  const m0 = ctx.months[0]!
  const flags = new Uint8Array(n + 1)
  const mark = (i: number) => {
    if (i >= 0 && i < n) flags[i] = 1
    if (i + 1 >= 0 && i + 1 < n) flags[i + 1] = 1
  }
  flags[0] = 1
  mark(startIndex)
  if (endIndex < n) mark(endIndex)
  const t = p.terms
  for (const step of t.salarySteps.slice(1)) mark(monthIndex(m0, step.from.slice(0, 7)))
  for (const g of t.grants) for (const tr of g.tranches) mark(monthIndex(m0, tr.month))
  const yearStart = t.office.region === 'UK' ? 4 : 1
  const paidBonus = !t.position.bonusTargetRate.isZero() && ctx.assumptions.bonusAccrual === 'paid'
  ctx.months.forEach((m, i) => {
    const mn = monthNumber(m)
    if (mn === yearStart) flags[i] = 1
    if (paidBonus && t.pkg.bonusPaymentMonths.includes(mn)) mark(i)
  })
  return flags
}

/** Costs one position's months stretch by stretch (see the module comment). */
export function positionRuns(ctx: PlanContext, p: ProjectedPosition): PositionRuns {
  const n = ctx.months.length
  const m0 = ctx.months[0]!
  const t = p.terms
  const startIndex = monthIndex(m0, t.start.slice(0, 7))
  const endIndex = t.end === null ? Number.POSITIVE_INFINITY : monthIndex(m0, t.end.slice(0, 7))
  const flags = boundaries(ctx, p, startIndex, endIndex)
  const yearStart = t.office.region === 'UK' ? 4 : 1
  const ytd = new Float64Array(3)
  const starts: number[] = []
  const sets: LineSet[] = []
  let current: LineSet | null = null
  let regimes: number[] = []
  for (let i = 0; i < n; i++) {
    const month = ctx.months[i]!
    if (i > 0 && monthNumber(month) === yearStart) ytd.fill(0)
    let reuse = current !== null && flags[i] === 0
    if (reuse) {
      const caps = current!.caps
      for (let c = 0; c < caps.length; c++) {
        const cap = caps[c]!
        if (regime(ytd[cap.counter]!, cap.add, cap.limit) !== regimes[c]) {
          reuse = false
          break
        }
      }
    }
    if (!reuse) {
      const cost = costPositionMonth(ctx, t, month, {
        wages: fromMinorDecimal(ytd[0]!),
        eligible: fromMinorDecimal(ytd[1]!),
        pension: fromMinorDecimal(ytd[2]!),
      })
      current = toLineSet(cost)
      regimes = current.caps.map((c) => {
        const r = regime(ytd[c.counter]!, c.add, c.limit)
        return r === 2 ? -1 : r // a crossing month never extends
      })
      starts.push(i)
      sets.push(current)
    }
    ytd[0]! += current!.ytdAdd[0]!
    ytd[1]! += current!.ytdAdd[1]!
    ytd[2]! += current!.ytdAdd[2]!
  }
  return {
    starts,
    sets,
    expense: equityExpense(ctx, p, startIndex, endIndex),
    startIndex,
    endIndex,
  }
}

function fromMinorDecimal(minor: number): Decimal {
  return minor === 0 ? ZERO : ZERO.plus(minor).dividedBy(100)
}

/** Monthly equity expense in USD minor units, rounded once per month as the calculation does. */
function equityExpense(
  ctx: PlanContext,
  p: ProjectedPosition,
  startIndex: number,
  endIndex: number,
): Float64Array | null {
  const grants = p.terms.grants
  if (grants.length === 0) return null
  const out = new Float64Array(ctx.months.length)
  const from = Math.max(0, startIndex)
  const to = Math.min(ctx.months.length - 1, endIndex)
  for (let i = from; i <= to; i++) {
    let total: Decimal | null = null
    for (const g of grants) {
      const e = grantExpense(g, ctx.months[i]!)
      if (e !== null) total = total === null ? e : total.plus(e)
    }
    if (total !== null) out[i] = toMinor(roundLine(total))
  }
  return out
}

/** Difference-array accumulation: add v to months [a, b) in O(1), prefix-sum at the end. */
class RangeSums {
  readonly diffs = new Map<string | number, Float64Array>()
  constructor(private readonly n: number) {}
  clone(): RangeSums {
    const c = new RangeSums(this.n)
    for (const [k, d] of this.diffs) c.diffs.set(k, d.slice())
    return c
  }
  series(key: string | number): Float64Array {
    let d = this.diffs.get(key)
    if (!d) {
      d = new Float64Array(this.n + 1)
      this.diffs.set(key, d)
    }
    return d
  }
  static add(d: Float64Array, a: number, b: number, v: number) {
    d[a]! += v
    d[b]! -= v
  }
  result<K>(keyOf: (k: string | number) => K): Map<K, Series> {
    const out = new Map<K, Series>()
    for (const [k, d] of this.diffs) {
      const s: Series = []
      let acc = 0
      for (let i = 0; i < this.n; i++) {
        acc += d[i]!
        s.push(acc)
      }
      out.set(keyOf(k), s)
    }
    return out
  }
}

export interface FastProjection extends Projection {
  runs: PositionRuns[]
  /** Re-projects after replacing (or adding) one position, updating totals by difference. */
  withPosition(input: ProjectionInput, positionId: string): FastProjection
}

interface Accumulators {
  total: RangeSums
  component: RangeSums
  currency: RangeSums
  team: RangeSums
  office: RangeSums
  family: RangeSums
  level: RangeSums
  ukPayBill: RangeSums
  people: RangeSums
}

const accumulators = (n: number): Accumulators => ({
  total: new RangeSums(n),
  component: new RangeSums(n),
  currency: new RangeSums(n),
  team: new RangeSums(n),
  office: new RangeSums(n),
  family: new RangeSums(n),
  level: new RangeSums(n),
  ukPayBill: new RangeSums(n),
  people: new RangeSums(n),
})

/** Adds (sign 1) or removes (sign -1) one position's converted lines. */
function accumulate(
  acc: Accumulators,
  p: ProjectedPosition,
  runs: PositionRuns,
  rates: readonly Rate[],
  rateEnds: readonly number[],
  to: Currency,
  sign: number,
) {
  const n = rates.length
  const total = acc.total.series('total')
  const groups = [
    acc.team.series(p.teamId),
    acc.office.series(p.officeId),
    acc.family.series(p.familyId),
    acc.level.series(p.levelId),
  ]
  const local = acc.currency.series(p.currency)
  const bill = p.terms.office.region === 'UK' ? acc.ukPayBill.series('uk') : null
  for (let r = 0; r < runs.starts.length; r++) {
    const set = runs.sets[r]!
    const runEnd = r + 1 < runs.starts.length ? runs.starts[r + 1]! : n
    if (bill && set.levyPay !== 0) RangeSums.add(bill, runs.starts[r]!, runEnd, sign * set.levyPay)
    if (set.comps.length === 0) continue
    for (let a = runs.starts[r]!; a < runEnd; a = Math.min(rateEnds[a]!, runEnd)) {
      const b = Math.min(rateEnds[a]!, runEnd)
      let sum = 0
      for (let c = 0; c < set.comps.length; c++) {
        const v = sign * convertMinor(set.amounts[c]!, p.currency, to, rates[a]!)
        sum += v
        RangeSums.add(acc.component.series(set.comps[c]!), a, b, v)
      }
      RangeSums.add(total, a, b, sum)
      RangeSums.add(local, a, b, sum)
      for (const g of groups) RangeSums.add(g, a, b, sum)
    }
  }
  if (runs.expense) {
    const comp = acc.component.series(EXPENSE)
    const usd = acc.currency.series('USD')
    for (let i = 0; i < n; i++) {
      const e = runs.expense[i]!
      if (e === 0) continue
      const v = sign * convertMinor(e, 'USD', to, rates[i]!)
      RangeSums.add(comp, i, i + 1, v)
      RangeSums.add(total, i, i + 1, v)
      RangeSums.add(usd, i, i + 1, v)
      for (const g of groups) RangeSums.add(g, i, i + 1, v)
    }
  }
  const from = Math.max(0, runs.startIndex)
  const until = Math.min(n, runs.endIndex + 1)
  const people = acc.people.series(p.officeId)
  if (from < until) RangeSums.add(people, from, until, sign)
}

function cellOf(runs: PositionRuns, mi: number, component: PositionComponent): number {
  if (component === 'equity_expense') return runs.expense?.[mi] ?? 0
  let lo = 0
  let hi = runs.starts.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (runs.starts[mid]! <= mi) lo = mid
    else hi = mid - 1
  }
  const set = runs.sets[lo]
  if (!set) return 0
  const idx = set.comps.indexOf(COMPONENT_INDEX[component])
  return idx < 0 ? 0 : set.amounts[idx]!
}

export function projectFast(input: ProjectionInput): FastProjection {
  const positions = projectedPositions(input)
  const runs = positions.map((p) => positionRuns(input.ctx, p))
  return assemble(input, positions, runs)
}

function assemble(
  input: ProjectionInput,
  positions: ProjectedPosition[],
  runs: PositionRuns[],
): FastProjection {
  const { ctx, reportingCurrency: to } = input
  const n = ctx.months.length
  const decimals = ctx.months.map((m) => usdPerGbp(ctx.fx, m, ctx.fiscalYearStartMonth))
  const rates = decimals.map(exactRate)
  // rateEnds[i]: the first month after i with a different rate.
  const rateEnds: number[] = new Array(n)
  for (let i = n - 1; i >= 0; i--) {
    rateEnds[i] = i + 1 < n && decimals[i + 1]!.eq(decimals[i]!) ? rateEnds[i + 1]! : i + 1
  }
  const acc = accumulators(n)
  positions.forEach((p, pi) => {
    accumulate(acc, p, runs[pi]!, rates, rateEnds, to, 1)
  })
  return finish(input, positions, runs, acc, rates, rateEnds)
}

function finish(
  input: ProjectionInput,
  positions: ProjectedPosition[],
  runs: PositionRuns[],
  acc: Accumulators,
  rates: Rate[],
  rateEnds: number[],
): FastProjection {
  const { ctx, reportingCurrency: to } = input
  const n = ctx.months.length
  const ukPayBill = acc.ukPayBill.result((k) => k).get('uk') ?? new Array<number>(n).fill(0)
  const people = acc.people.result((k) => String(k))
  const company = companyLines(ctx, ukPayBill, people)

  const positionTotals = {
    total: acc.total.result((k) => k).get('total') ?? new Array<number>(n).fill(0),
    byComponent: acc.component.result((k) => COMPONENTS[k as number]! as Component),
    byCurrency: acc.currency.result((k) => k as Currency),
    byTeam: acc.team.result((k) => String(k)),
    byOffice: acc.office.result((k) => String(k)),
    byFamily: acc.family.result((k) => String(k)),
    byLevel: acc.level.result((k) => String(k)),
  }
  // Company lines on top of the position totals (copies, so `acc` stays position-only for edits).
  const totals: Totals = {
    currency: to,
    total: [...positionTotals.total],
    byComponent: copy(positionTotals.byComponent),
    byCurrency: copy(positionTotals.byCurrency),
    byTeam: copy(positionTotals.byTeam),
    byOffice: copy(positionTotals.byOffice),
    byFamily: copy(positionTotals.byFamily),
    byLevel: copy(positionTotals.byLevel),
  }
  for (const line of company) {
    line.local.forEach((minor, i) => {
      const v = convertMinor(minor, line.currency, to, rates[i]!)
      totals.total[i]! += v
      addAt(totals.byComponent, line.component, i, v, n)
      addAt(totals.byCurrency, line.currency, i, v, n)
      addAt(totals.byTeam, COMPANY_KEY, i, v, n)
      addAt(totals.byOffice, line.officeId ?? COMPANY_KEY, i, v, n)
      addAt(totals.byFamily, COMPANY_KEY, i, v, n)
      addAt(totals.byLevel, COMPANY_KEY, i, v, n)
    })
  }

  let counted: Headcount | undefined
  const projection: FastProjection = {
    months: ctx.months,
    fiscalYearStartMonth: ctx.fiscalYearStartMonth,
    positions,
    runs,
    cell: (pi, mi, component) => (runs[pi] ? cellOf(runs[pi], mi, component) : 0),
    companyLines: company,
    get headcount() {
      counted ??= headcount(ctx, positions)
      return counted
    },
    totals,
    withPosition(next, positionId) {
      const changed = projectedPositions({
        ...next,
        positions: next.positions.filter((x) => x.id === positionId),
      })[0]
      const acc2 = cloneAccumulators(acc)
      const at = positions.findIndex((x) => x.id === positionId)
      const newPositions = [...positions]
      const newRuns = [...runs]
      if (at >= 0) {
        accumulate(acc2, positions[at]!, runs[at]!, rates, rateEnds, to, -1)
        if (changed) {
          newPositions[at] = changed
          newRuns[at] = positionRuns(ctx, changed)
        } else {
          newPositions.splice(at, 1)
          newRuns.splice(at, 1)
        }
      } else if (changed) {
        newPositions.push(changed)
        newRuns.push(positionRuns(ctx, changed))
      }
      const idx = changed ? newPositions.indexOf(changed) : -1
      if (idx >= 0) accumulate(acc2, changed!, newRuns[idx]!, rates, rateEnds, to, 1)
      return finish(next, newPositions, newRuns, acc2, rates, rateEnds)
    },
  }
  return projection
}

function cloneAccumulators(acc: Accumulators): Accumulators {
  return Object.fromEntries(
    Object.entries(acc).map(([k, v]) => [k, (v as RangeSums).clone()]),
  ) as unknown as Accumulators
}

function copy<K>(m: Map<K, Series>): Map<K, Series> {
  return new Map([...m].map(([k, s]) => [k, [...s]]))
}

function addAt<K>(m: Map<K, Series>, key: K, i: number, v: number, n: number) {
  let s = m.get(key)
  if (!s) {
    s = new Array<number>(n).fill(0)
    m.set(key, s)
  }
  s[i]! += v
}
