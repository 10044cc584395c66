/**
 * The fast projection. Same numbers as the reference, to the penny, from the same calculation
 * (month.ts), by running each part of it only when its own inputs change:
 *
 * - Pay (salary, bonus, benefits, office and hiring costs) is computed afresh only for part months
 *   (start, end, a raise within the month); a whole month's pay depends only on the salary step
 *   in effect and whether a bonus is paid, so those two are computed once per step.
 * - Taxes of a whole month depend only on its pay, its vest value, the year's rules and whether
 *   each year-to-date cap is not yet reached or already reached; they are remembered by those for
 *   the current salary step and year, and worked out afresh for part months and while a cap is
 *   being crossed (only then do a month's figures depend on the exact year to date).
 * - Equity expense and vest values are read from schedules shared by grants of the same shape.
 *
 * Each component's amounts are stored run-length encoded per position (component, first month,
 * month after, amount), so a component's run only breaks when its own value changes. Totals are
 * accumulated from runs into difference arrays in integer minor units: a run converts to the
 * reporting currency as round(local x rate) once per stretch of equal rates (Part A: each line
 * converted and rounded; equal lines convert equally). Editing one position subtracts its runs and
 * adds the new ones (`withPosition`).
 */

import { ChunkedList } from '../chunked-list.ts'
import { type Ratio, ratioOf } from '../exact.ts'
import { convertMinor } from '../fx.ts'
import type { Position } from '../model.ts'
import type { Currency } from '../money.ts'
import { atOnce, type Steps } from '../steps.ts'
import { AttritionGroups, attritionLines, replacementHiring } from './attrition-lines.ts'
import { bonusAccrual } from './bonus-accrual.ts'
import {
  COMPONENT_INDEX,
  COMPONENTS,
  type Component,
  POSITION_COMPONENTS,
  type PositionComponent,
} from './components.ts'
import type { ProjectionInput } from './input.ts'
import {
  bonusIsWhole,
  capState,
  type MonthPay,
  type MonthTaxes,
  monthExpense,
  monthPay,
  monthTaxes,
  PAY_COMPONENTS,
  payAmounts,
  TAX_COMPONENTS,
  taxAmounts,
  vestLocal,
  type Ytd,
} from './month.ts'
import { projectedPositions, projectedPositionsSteps } from './reference.ts'
import {
  COMPANY_KEY,
  type CompanyLine,
  type CompanyLinesMemo,
  companyLinesAgain,
  type Headcount,
  headcount,
  type ProjectedPosition,
  type Projection,
  type Series,
  type Totals,
} from './result.ts'
import {
  type PlanContext,
  type PlanFacts,
  type PositionTerms,
  planFacts,
  type SalaryStep,
} from './terms.ts'

const EXPENSE = COMPONENT_INDEX.equity_expense
const HIRING = COMPONENT_INDEX.hiring
const COMPONENT_COUNT = POSITION_COMPONENTS.length
/** A pseudo-component carrying the UK Apprenticeship Levy pay bill. */
const LEVY_PAY = COMPONENT_COUNT
const SLOTS = COMPONENT_COUNT + 1

/**
 * Runs of constant amounts, for many positions, written chunk by chunk: run k is component
 * `meta >>> 24`, months [(meta >>> 12) & 0xfff, meta & 0xfff), amount `amounts[k]` (minor units).
 * A full chunk is left to the positions written into it and a fresh one started, the current
 * position's runs moved along, so nothing is sized in advance and no chunk is copied twice.
 * Amounts are 32-bit integers (a line up to 21 million a month) unless a chunk meets a larger
 * one, which turns that chunk's amounts into doubles: exact either way, and a third less memory.
 */
export class RunPool {
  meta: Uint32Array
  amounts: Int32Array | Float64Array
  length = 0
  /** The first run of the position being written. */
  private first = 0

  /** `chunk`: the number of runs a chunk holds (more when one position needs more). */
  constructor(private readonly chunk = 256) {
    this.meta = new Uint32Array(chunk)
    this.amounts = new Int32Array(chunk)
  }

  /** Starts a position's runs: they stay together in one chunk. */
  begin() {
    this.first = this.length
  }

  push(c: number, a: number, b: number, v: number) {
    if (this.length === this.meta.length) this.nextChunk()
    if ((v | 0) !== v && this.amounts instanceof Int32Array)
      this.amounts = Float64Array.from(this.amounts)
    this.meta[this.length] = (c << 24) | (a << 12) | b
    this.amounts[this.length++] = v
  }

  private nextChunk() {
    const written = this.length - this.first
    const capacity = Math.max(this.chunk, 2 * written)
    const meta = new Uint32Array(capacity)
    const amounts = new (this.amounts instanceof Int32Array ? Int32Array : Float64Array)(capacity)
    meta.set(this.meta.subarray(this.first, this.length))
    amounts.set(this.amounts.subarray(this.first, this.length))
    this.meta = meta
    this.amounts = amounts
    this.first = 0
    this.length = written
  }

  /** The runs written since `begin`, in the chunk holding them. */
  runs(from: number, to: number, leadLevy: number[] | null): PositionRuns {
    return {
      meta: this.meta,
      amounts: this.amounts,
      start: this.first,
      end: this.length,
      from,
      to,
      leadLevy,
    }
  }
}

export interface PositionRuns {
  /** The position's runs are entries [start, end) of these arrays (see RunPool). */
  meta: Uint32Array
  amounts: Int32Array | Float64Array
  start: number
  end: number
  /** Months on the books, clamped to the projection (from > to when never on the books). */
  from: number
  to: number
  /**
   * UK NIC-able pay in the months of the tax year before the plan (at i + lead), or null (a plain
   * array: a typed array's allocation cost more than its few months).
   */
  leadLevy: number[] | null
}

/**
 * Taxes of a whole month for one pay and vest value, by cap state (`capState`): the limits and
 * each month's addition depend only on the pay, the vest and the year's rules, so the first
 * month's taxes (`sample`) tell the state of any later month.
 */
interface TaxVariants {
  sample: MonthTaxes
  byState: (MonthTaxes | undefined)[]
}

/**
 * Tax variants by vest value for one pay: a position has a few vest values, searched in turn.
 * Cleared by count, so the lists keep their room from position to position.
 */
class TaxMemo {
  private readonly vests: number[] = []
  private readonly variants: TaxVariants[] = []
  private size = 0

  get(vest: number): TaxVariants | undefined {
    for (let k = 0; k < this.size; k++) if (this.vests[k] === vest) return this.variants[k]
    return undefined
  }

  set(vest: number, variants: TaxVariants) {
    this.vests[this.size] = vest
    this.variants[this.size++] = variants
  }

  clear() {
    this.size = 0
  }
}

/**
 * Run-length encoding of one position's components, month by month: `set` the month's amounts of
 * the components that may have changed, `next` closes the runs whose amount changed. Buffers are
 * reused from position to position; runs go to the pool.
 */
class RunWriter {
  readonly current = new Float64Array(SLOTS)
  private readonly amount = new Float64Array(SLOTS)
  private readonly start = new Int32Array(SLOTS)
  /** Whole-month taxes of the current salary step and year, without and with a bonus. */
  readonly regularTaxes = new TaxMemo()
  readonly bonusTaxes = new TaxMemo()

  constructor(readonly pool: RunPool) {}

  /** Starts a position: no runs open, nothing remembered. */
  reset() {
    this.current.fill(0)
    this.amount.fill(0)
    this.regularTaxes.clear()
    this.bonusTaxes.clear()
    this.pool.begin()
  }

  /** Month i's amounts are in `current` for `slots`; a changed amount starts a new run. */
  next(i: number, slots: readonly number[]) {
    for (let k = 0; k < slots.length; k++) {
      const c = slots[k]!
      const v = this.current[c]!
      if (v === this.amount[c]) continue
      if (this.amount[c] !== 0) this.pool.push(c, this.start[c]!, i, this.amount[c]!)
      this.amount[c] = v
      this.start[c] = i
    }
  }

  /** Closes every open run at month `end`. */
  finish(end: number) {
    for (let c = 0; c < SLOTS; c++) {
      if (this.amount[c] !== 0) this.pool.push(c, this.start[c]!, end, this.amount[c]!)
    }
  }
}

const TAX_SLOTS = [...TAX_COMPONENTS, LEVY_PAY]

/**
 * The first month a salary step covers whole: its own month when it starts on the 1st (that
 * month's pay is then the step's regular pay), else the month after; Infinity for no step.
 */
function wholeMonthsFrom(step: SalaryStep | undefined): number {
  if (step === undefined) return Number.POSITIVE_INFINITY
  return step.fromDay === 1 ? step.fromIndex : step.fromIndex + 1
}

/** Costs one position's months, part by part (see the module comment), into component runs. */
export function positionRuns(
  f: PlanFacts,
  p: ProjectedPosition,
  w: RunWriter = new RunWriter(new RunPool()),
): PositionRuns {
  const t = p.terms
  const n = f.n
  if (n > 0xfff) throw new RangeError(`a projection of ${n} months is too long`)
  const from = Math.max(0, t.startIndex)
  const to = Math.min(n - 1, t.endIndex)
  // Months of the plan's first year before it: worked out for the year to date only.
  const leadFrom = Math.max(-t.lead, t.startIndex)
  w.reset()
  if (leadFrom > to) return w.pool.runs(from, to, null)

  const paidBonus = t.bonusRate.num !== 0 && f.ctx.assumptions.bonusAccrual === 'paid'
  const accrual = bonusAccrual(f, t)
  const isUk = t.office.region === 'UK'
  const yearStart = isUk ? 4 : 1
  const hasGrants = t.grants.length > 0
  const steps = t.salarySteps
  const cur = w.current
  const ytd: Ytd = { wages: 0, eligible: 0, pension: 0 }
  const actual = t.actual
  // The UK pay bill of the months before the plan, for the levy's year to date.
  const leadLevy = isUk && leadFrom < 0 ? new Array<number>(f.lead).fill(0) : null
  let pay: MonthPay | null = null
  let taxes: MonthTaxes | null = null
  // A whole month's pay depends only on the salary step in effect and whether a bonus is paid:
  // those two are remembered for the current step.
  let step = 0
  let nextStepWhole = wholeMonthsFrom(steps[1])
  let regular: MonthPay | null = null
  let withBonus: MonthPay | null = null
  // Taxes of whole months in the current step and year, by vest value and cap state: the rules
  // are the year's, and a month's taxes depend on the year to date only through the cap state.
  const { regularTaxes, bonusTaxes } = w

  for (let i = leadFrom; i <= to; i++) {
    const yearStarts = f.monthNo[i + f.lead] === yearStart
    if (yearStarts) {
      ytd.wages = 0
      ytd.eligible = 0
      ytd.pension = 0
      regularTaxes.clear()
      bonusTaxes.clear()
    }
    while (i >= nextStepWhole) {
      step++
      nextStepWhole = wholeMonthsFrom(steps[step + 1])
      regular = null
      withBonus = null
      regularTaxes.clear()
      bonusTaxes.clear()
    }
    // The next step starts within this month (after its 1st): the month is paid at two rates.
    const stepStarts = nextStepWhole === i + 1 && steps[step + 1]!.fromIndex === i
    let next: MonthPay | null
    if (i === t.startIndex || i === t.endIndex || stepStarts) next = monthPay(f, t, i)
    else if (paidBonus && t.exact.bonusMonth[f.monthNo[i + f.lead]!]) {
      // A joiner's first bonus is their share of the period: worked out, not remembered.
      if (!bonusIsWhole(f, t, i)) next = monthPay(f, t, i)
      else next = withBonus ??= monthPay(f, t, i)
    } else next = regular ??= monthPay(f, t, i)
    if (next === null) return w.pool.runs(from, to, leadLevy) // ends before it starts: nothing
    const vest = hasGrants && next.throughMonthEnd ? vestLocal(f, t, i) : 0
    const memo = next === regular ? regularTaxes : next === withBonus ? bonusTaxes : null
    let variants = memo?.get(vest)
    let state = variants ? capState(variants.sample, ytd) : -1
    let found = state >= 0 ? variants!.byState[state] : undefined
    if (found === undefined) {
      found = monthTaxes(f, t, i, next, vest, ytd)
      if (memo && !variants) {
        variants = { sample: found, byState: [] }
        memo.set(vest, variants)
        state = capState(found, ytd)
      }
      if (variants && state >= 0) variants.byState[state] = found
    }
    if (i < 0) {
      if (leadLevy !== null) leadLevy[i + f.lead] = found.levyPay + (accrual?.levyPay(i) ?? 0)
    } else if (accrual !== null) {
      // Each month has its own share of the payments: every line written afresh.
      payAmounts(next, cur, 0)
      taxAmounts(found, cur, 0)
      cur[LEVY_PAY] = found.levyPay + accrual.levyPay(i)
      accrual.addShares(i, cur, 0)
      w.next(i, PAY_COMPONENTS)
      w.next(i, TAX_SLOTS)
    } else {
      if (next !== pay) {
        pay = next
        payAmounts(pay, cur, 0)
        w.next(i, PAY_COMPONENTS)
      }
      if (found !== taxes) {
        taxes = found
        taxAmounts(taxes, cur, 0)
        cur[LEVY_PAY] = taxes.levyPay
        w.next(i, TAX_SLOTS)
      }
    }
    // What the month adds to the year to date (as `ytdAddOf`, without an object a month).
    if (found.region === 'UK') ytd.pension += found.pension ?? 0
    else {
      ytd.wages += found.allWages
      ytd.eligible += found.eligible
    }
    // Imported actuals replace what was worked out up to their as-at month.
    if (actual !== null && i === actual.at) {
      ytd.wages = actual.ytd.wages
      ytd.eligible = actual.ytd.eligible
      ytd.pension = actual.ytd.pension
    }
  }
  if (from > to) return w.pool.runs(from, to, leadLevy)
  w.finish(to + 1)
  if (hasGrants) expenseRuns(t, from, to, w.pool)
  return w.pool.runs(from, to, leadLevy)
}

/**
 * Equity expense over months [from, to], which depends on nothing else: one grant's is read from
 * its schedule within the schedule's months, several grants' summed month by month.
 */
function expenseRuns(t: PositionTerms, from: number, to: number, pool: RunPool) {
  let a = from
  let b = to
  const one = t.grants.length === 1 ? t.grants[0]! : null
  if (one !== null) {
    a = Math.max(from, one.grantIndex)
    b = Math.min(to, one.grantIndex + one.schedule.expenseCents.length - 1)
  }
  let start = a
  let amount = 0
  for (let i = a; i <= b; i++) {
    const v =
      one === null ? (monthExpense(t, i) ?? 0) : one.schedule.expenseCents[i - one.grantIndex]!
    if (v === amount) continue
    if (amount !== 0) pool.push(EXPENSE, start, i, amount)
    amount = v
    start = i
  }
  if (amount !== 0) pool.push(EXPENSE, start, b + 1, amount)
}

/**
 * Difference arrays by key: add v to months [a, b) in O(1), prefix-summed at the end. A clone
 * shares its source's arrays and copies one only when it first writes to it (an edit writes to a
 * few of them); the source is not written to once cloned.
 */
class RangeSums<K> {
  readonly diffs: Map<K, Float64Array>
  /** Keys whose arrays this object may write to; null: all (not a clone). */
  private readonly owned: Set<K> | null
  constructor(
    private readonly n: number,
    from?: RangeSums<K>,
  ) {
    this.diffs = new Map(from?.diffs)
    this.owned = from ? new Set() : null
  }
  clone(): RangeSums<K> {
    return new RangeSums<K>(this.n, this)
  }
  /** The array to add to for `key`. */
  series(key: K): Float64Array {
    let d = this.diffs.get(key)
    if (d === undefined) d = new Float64Array(this.n + 1)
    else if (this.owned === null || this.owned.has(key)) return d
    else d = d.slice()
    this.diffs.set(key, d)
    this.owned?.add(key)
    return d
  }
  result(): Map<K, Series> {
    const out = new Map<K, Series>()
    for (const [k, d] of this.diffs) {
      const s: Series = new Array<number>(this.n)
      let acc = 0
      for (let i = 0; i < this.n; i++) {
        acc += d[i]!
        s[i] = acc
      }
      out.set(k, s)
    }
    return out
  }
}

interface Accumulators {
  /** Each slot's series by index (components, the UK pay bill at LEVY_PAY), found on first use. */
  slots: (Float64Array | undefined)[]
  total: RangeSums<string>
  component: RangeSums<number>
  currency: RangeSums<Currency>
  team: RangeSums<string>
  office: RangeSums<string>
  family: RangeSums<string>
  level: RangeSums<string>
  ukPayBill: RangeSums<string>
  people: RangeSums<string>
  /** The UK pay bill of the tax year's months before the plan (at index + lead). */
  leadBill: Float64Array
  /** In-post cost by attrition group, when the plan has attrition. */
  attrition: AttritionGroups | null
}

const accumulators = (n: number, lead: number, attrition: boolean): Accumulators => ({
  leadBill: new Float64Array(lead),
  attrition: attrition ? new AttritionGroups(n) : null,
  slots: [],
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

/** A component's difference array, or the UK pay bill's at LEVY_PAY (by index: no map lookup). */
function slotSeries(acc: Accumulators, c: number): Float64Array {
  let d = acc.slots[c]
  if (d === undefined) {
    d = c === LEVY_PAY ? acc.ukPayBill.series('uk') : acc.component.series(c)
    acc.slots[c] = d
  }
  return d
}

function cloneAccumulators(acc: Accumulators): Accumulators {
  return {
    slots: [],
    total: acc.total.clone(),
    component: acc.component.clone(),
    currency: acc.currency.clone(),
    team: acc.team.clone(),
    office: acc.office.clone(),
    family: acc.family.clone(),
    level: acc.level.clone(),
    ukPayBill: acc.ukPayBill.clone(),
    people: acc.people.clone(),
    leadBill: acc.leadBill.slice(),
    attrition: acc.attrition?.clone() ?? null,
  }
}

/** The month's rates as exact ratios, and where each stretch of equal rates ends. */
interface Rates {
  ratios: Ratio[]
  /** rateEnd[i]: the first month after i with a different rate. */
  rateEnd: Int32Array
}

function ratesOf(f: PlanFacts): Rates {
  const ratios = Array.from({ length: f.n }, (_, i) => ratioOf(f.rate(i)))
  const rateEnd = new Int32Array(f.n)
  for (let i = f.n - 1; i >= 0; i--) {
    const same = i + 1 < f.n && f.rate(i + 1).eq(f.rate(i))
    rateEnd[i] = same ? rateEnd[i + 1]! : i + 1
  }
  return { ratios, rateEnd }
}

/** A position's converted total by month as a difference array, and the months it touches. */
class Scratch {
  readonly diff: Float64Array
  /** The months touched lie within [lo, hi]. */
  private lo: number
  private hi = -1
  constructor(n: number) {
    this.diff = new Float64Array(n + 1)
    this.lo = n + 1
  }
  add(a: number, b: number, v: number) {
    this.diff[a]! += v
    this.diff[b]! -= v
    if (a < this.lo) this.lo = a
    if (b > this.hi) this.hi = b
  }
  /** Adds the position's differences into each group's, and clears. */
  flush(into: readonly Float64Array[]) {
    for (let j = this.lo; j <= this.hi; j++) {
      const v = this.diff[j]!
      if (v === 0) continue
      for (const d of into) d[j]! += v
      this.diff[j] = 0
    }
    this.lo = this.diff.length
    this.hi = -1
  }
}

/** Adds (sign 1) or removes (sign -1) one position's converted lines. */
function accumulate(
  ctx: PlanContext,
  acc: Accumulators,
  p: ProjectedPosition,
  r: PositionRuns,
  rates: Rates,
  to: Currency,
  sign: number,
  scratch: Scratch,
) {
  const { meta, amounts } = r
  if (r.leadLevy !== null) {
    for (let k = 0; k < r.leadLevy.length; k++) acc.leadBill[k]! += sign * r.leadLevy[k]!
  }
  const localSeries = acc.currency.series(p.currency)
  const usdSeries = acc.currency.series('USD')
  // In-post cost for the attrition lines (every line but equity expense and hiring costs).
  const group = acc.attrition !== null && r.from <= r.to ? acc.attrition.of(ctx, p) : null
  if (group !== null && group.lag !== null) {
    group.addHiring(r.from, r.to + 1, sign * replacementHiring(p))
  }
  for (let k = r.start; k < r.end; k++) {
    const m = meta[k]!
    const c = m >>> 24
    const a = (m >>> 12) & 0xfff
    const b = m & 0xfff
    const amount = amounts[k]!
    if (c === LEVY_PAY) {
      if (p.terms.office.region === 'UK') addRange(slotSeries(acc, LEVY_PAY), a, b, sign * amount)
      continue
    }
    if (group !== null && c !== EXPENSE && c !== HIRING) group.addInPost(a, b, sign * amount)
    const from = c === EXPENSE ? 'USD' : p.currency
    const byComponent = slotSeries(acc, c)
    const byCurrency = c === EXPENSE ? usdSeries : localSeries
    for (let s = a; s < b; ) {
      const e = from === to ? b : Math.min(rates.rateEnd[s]!, b)
      const v = sign * convertMinor(amount, from, to, rates.ratios[s]!)
      addRange(byComponent, s, e, v)
      addRange(byCurrency, s, e, v)
      scratch.add(s, e, v)
      s = e
    }
  }
  scratch.flush([
    acc.total.series('total'),
    acc.team.series(p.teamId),
    acc.office.series(p.officeId),
    acc.family.series(p.familyId),
    acc.level.series(p.levelId),
  ])
  // Every projected position's office has a desks line, as in the reference, even if the
  // position is never on the books within the horizon.
  const people = acc.people.series(p.officeId)
  if (r.from <= r.to) addRange(people, r.from, r.to + 1, sign)
}

/** Adds (sign 1) or removes (sign -1) a team's company line, converted, into the totals. */
function accumulateLine(
  acc: Accumulators,
  line: CompanyLine,
  rates: Rates,
  to: Currency,
  sign: number,
) {
  const into = [
    acc.total.series('total'),
    acc.component.series(COMPONENT_INDEX[line.component]),
    acc.currency.series(line.currency),
    acc.team.series(line.teamId ?? COMPANY_KEY),
    acc.office.series(COMPANY_KEY),
    acc.family.series(COMPANY_KEY),
    acc.level.series(COMPANY_KEY),
  ]
  line.local.forEach((minor, i) => {
    const v = sign * convertMinor(minor, line.currency, to, rates.ratios[i]!)
    if (v !== 0) for (const d of into) addRange(d, i, i + 1, v)
  })
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x))

function addRange(d: Float64Array, a: number, b: number, v: number) {
  d[a]! += v
  d[b]! -= v
}

function cellOf(r: PositionRuns, mi: number, component: PositionComponent): number {
  const c = COMPONENT_INDEX[component]
  const { meta, amounts } = r
  for (let k = r.start; k < r.end; k++) {
    const m = meta[k]!
    if (m >>> 24 === c && ((m >>> 12) & 0xfff) <= mi && mi < (m & 0xfff)) return amounts[k]!
  }
  return 0
}

export interface FastProjection extends Projection {
  positions: ChunkedList<ProjectedPosition>
  runs: ChunkedList<PositionRuns>
  /** Re-projects after replacing (or adding) one position, updating totals by difference. */
  withPosition(input: ProjectionInput, positionId: string): FastProjection
}

export function projectFast(input: ProjectionInput): FastProjection {
  return atOnce(projectFastSteps(input))
}

/** Positions projected between two pauses of `projectFastSteps` (a few milliseconds). */
const POSITIONS_PER_STEP = 250

/** `projectFast` in steps of POSITIONS_PER_STEP positions, for callers that share the thread. */
export function* projectFastSteps(input: ProjectionInput): Steps<FastProjection> {
  const f = planFacts(input.ctx)
  // Chunks of up to a million runs (12 MB): few chunks for a big plan, one for a small one.
  const writer = new RunWriter(new RunPool(clamp(input.positions.length * f.n, 1024, 1 << 20)))
  // Each step's runs right after its terms, not all terms first: V8 decides where objects are
  // allocated by how many survive, and a young generation full of terms (all kept) read at the
  // moment the runs began could mark the runs' short-lived objects (month taxes, their memos) as
  // long-lived; they then filled the old generation with garbage (peaks of 780-900 MB at 50,000 x
  // 120 in about one run in ten on Node 24: docs/benchmarks.md, ninth session).
  const runs: PositionRuns[] = []
  const stepPositions: ProjectedPosition[] = []
  const steps = projectedPositionsSteps(input, POSITIONS_PER_STEP, (p) => stepPositions.push(p))
  let step = steps.next()
  for (;;) {
    for (const p of stepPositions) runs.push(positionRuns(f, p, writer))
    stepPositions.length = 0
    if (step.done) break
    yield
    step = steps.next()
  }
  const positions = step.value
  const rates = ratesOf(f)
  const acc = accumulators(f.n, f.lead, !input.ctx.assumptions.annualAttritionRate.isZero())
  const scratch = new Scratch(f.n)
  for (let pi = 0; pi < positions.length; pi++) {
    accumulate(
      input.ctx,
      acc,
      positions[pi]!,
      runs[pi]!,
      rates,
      input.reportingCurrency,
      1,
      scratch,
    )
    if ((pi + 1) % POSITIONS_PER_STEP === 0) yield
  }
  return finish(input, ChunkedList.from(positions), ChunkedList.from(runs), acc, rates)
}

function finish(
  input: ProjectionInput,
  positions: ChunkedList<ProjectedPosition>,
  runs: ChunkedList<PositionRuns>,
  acc: Accumulators,
  rates: Rates,
  /**
   * Position id -> index in `positions` and in the input, when the caller already has them; the
   * company lines before an edit, to keep those it left unchanged.
   */
  known: {
    index?: Map<string, number>
    inputIndex?: Map<string, number>
    company?: CompanyLinesMemo
  } = {},
): FastProjection {
  const { ctx, reportingCurrency: to } = input
  const n = ctx.months.length
  const ukPayBill = acc.ukPayBill.result().get('uk') ?? new Array<number>(n).fill(0)
  const people = acc.people.result()
  const leadBill = Array.from(acc.leadBill)
  const companyMemo = companyLinesAgain(ctx, ukPayBill, people, leadBill, known.company ?? null)
  const company = [...companyMemo.lines]
  // The attrition lines are in `acc`'s totals, by difference: an edit takes out the lines of the
  // teams it touched and adds their new ones (whole minor units, so exactly).
  const attrition = acc.attrition === null ? [] : attritionLines(ctx, acc.attrition)
  if (acc.attrition !== null) {
    const { retired, fresh } = acc.attrition.takeChanges()
    for (const line of retired) accumulateLine(acc, line, rates, to, -1)
    for (const line of fresh) accumulateLine(acc, line, rates, to, 1)
  }

  // Company lines on top of the position totals (`acc` stays position-only for edits).
  const totals: Totals = {
    currency: to,
    total: acc.total.result().get('total') ?? new Array<number>(n).fill(0),
    byComponent: new Map(
      [...acc.component.result()].map(([c, s]) => [COMPONENTS[c]! as Component, s]),
    ),
    byCurrency: acc.currency.result(),
    byTeam: acc.team.result(),
    byOffice: acc.office.result(),
    byFamily: acc.family.result(),
    byLevel: acc.level.result(),
  }
  for (const line of company) {
    const converted = line.local.map((minor, i) =>
      convertMinor(minor, line.currency, to, rates.ratios[i]!),
    )
    const into = [
      totals.total,
      seriesAt(totals.byComponent, line.component, n),
      seriesAt(totals.byCurrency, line.currency, n),
      seriesAt(totals.byTeam, line.teamId ?? COMPANY_KEY, n),
      seriesAt(totals.byOffice, line.officeId ?? COMPANY_KEY, n),
      seriesAt(totals.byFamily, COMPANY_KEY, n),
      seriesAt(totals.byLevel, COMPANY_KEY, n),
    ]
    for (const s of into) for (let i = 0; i < n; i++) s[i]! += converted[i]!
  }
  company.push(...attrition)

  let counted: Headcount | undefined
  let indexOf = known.index
  const inputIndex = known.inputIndex ?? new Map<string, number>()
  return {
    months: ctx.months,
    fiscalYearStartMonth: ctx.fiscalYearStartMonth,
    positions,
    runs,
    cell: (pi, mi, component) => {
      const r = runs.at(pi)
      return r ? cellOf(r, mi, component) : 0
    },
    companyLines: company,
    get headcount() {
      counted ??= headcount(ctx, positions)
      return counted
    },
    totals,
    withPosition(next, positionId) {
      const edit = findPosition(next.positions, positionId, inputIndex)
      const changed = edit ? projectedPositions({ ...next, positions: [edit] })[0] : undefined
      const edited = cloneAccumulators(acc)
      const scratch = new Scratch(n)
      const f = planFacts(next.ctx)
      indexOf ??= new Map(Array.from(positions, (x, k) => [x.id, k]))
      const at = indexOf.get(positionId) ?? -1
      let newPositions = positions
      let newRuns = runs
      if (at >= 0) {
        accumulate(next.ctx, edited, positions.at(at)!, runs.at(at)!, rates, to, -1, scratch)
        newPositions = changed ? positions.with(at, changed) : positions.without(at)
        newRuns = changed ? runs.with(at, positionRuns(f, changed)) : runs.without(at)
      } else if (changed) {
        newPositions = positions.append(changed)
        newRuns = runs.append(positionRuns(f, changed))
      }
      if (changed) {
        const idx = at >= 0 ? at : newPositions.length - 1
        accumulate(next.ctx, edited, changed, newRuns.at(idx)!, rates, to, 1, scratch)
      }
      // Replaced in place, the positions keep their indices (and the input its order).
      const sameLayout = at >= 0 && changed !== undefined
      return finish(next, newPositions, newRuns, edited, rates, {
        index: sameLayout ? indexOf : undefined,
        inputIndex, // hints only: each is checked before use
        company: companyMemo,
      })
    },
  }
}

/**
 * The position with `id` in `positions`: looked up where the index says it was (an edit replaces
 * a position in place, so one index serves a run of edits), else searched for. An empty index is
 * filled from `positions` on the first search.
 */
function findPosition(
  positions: readonly Position[],
  id: string,
  index: Map<string, number>,
): Position | undefined {
  const hint = index.get(id)
  if (hint !== undefined && positions[hint]?.id === id) return positions[hint]
  if (index.size === 0) {
    for (let k = 0; k < positions.length; k++) index.set(positions[k]!.id, k)
  }
  const at = index.get(id) === hint ? positions.findIndex((p) => p.id === id) : index.get(id)!
  if (at < 0) return undefined
  index.set(id, at)
  return positions[at]
}

function seriesAt<K>(m: Map<K, Series>, key: K, n: number): Series {
  let s = m.get(key)
  if (!s) {
    s = new Array<number>(n).fill(0)
    m.set(key, s)
  }
  return s
}
