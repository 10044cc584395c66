/**
 * Attrition in cost (domain Part A, continued: "Attrition and cost"). A person's own lines stay
 * what they cost while in post; the expected effect of attrition is two lines of its own per team,
 * currency and month:
 * - expected vacancies: minus each position's in-post cost x the probability that it has been
 *   left by that month, 1 - (1 - m)^k, k the months from the later of the plan's first month and
 *   the position's start month (so 0 in that first month);
 * - expected backfill (when the plan backfills): the in-post cost x the expected share of the
 *   seat held by replacements (expected heads - survivors, replacements starting after the
 *   family's time to fill and able to leave in turn), plus the position's own hiring costs x the
 *   expected backfill hires starting that month.
 * In-post cost is every per-person line except equity expense and one-off hiring costs. Positions
 * are grouped by team, currency, start month and time to fill; a group's lines are its summed
 * in-post cost times the probabilities, so both engines hand the same integer sums in and get the
 * same lines out. The probabilities are doubles (m^(1/12) is irrational); each team-month line is
 * rounded once, half-up.
 */
import { projectCohort } from '../attrition.ts'
import { type Currency, Decimal, formatMinor, formatPercent } from '../money.ts'
import type { PositionComponent } from './components.ts'
import type { CompanyLine, ProjectedPosition, Series } from './result.ts'
import type { PlanContext } from './terms.ts'

/** Components that are not in-post cost: equity expense and one-off hiring costs. */
export const NOT_IN_POST: ReadonlySet<PositionComponent> = new Set(['equity_expense', 'hiring'])

export interface AttritionGroup {
  /** "team|currency": the lines it adds to. */
  teamKey: string
  teamId: string
  currency: Currency
  /** Month index the probabilities count from, and the backfill lag in months (null: none). */
  join: number
  lag: number | null
  /**
   * Summed in-post cost by month (local minor units), and the hiring costs of a replacement in
   * the months the positions are on the books; as difference arrays (n + 1 long), summed once.
   */
  inPost: Float64Array
  hiring: Float64Array
}

/**
 * The groups of a projection, filled position by position (and emptied by sign -1 on edits). An
 * edit works on a clone that shares every group until it changes one (copy on write), and the
 * lines of the teams it did not touch are kept: an edit costs one or two teams, not the plan.
 */
export class AttritionGroups {
  readonly groups: Map<string, AttritionGroup>
  /** Groups this object may change in place (the others are shared with the one it came from). */
  private readonly owned = new Set<AttritionGroup>()
  /** Lines by team and currency, worked out; a team whose groups change is dropped from here. */
  readonly lines: Map<string, CompanyLine[]>

  constructor(
    readonly n: number,
    from?: AttritionGroups,
  ) {
    this.groups = new Map(from?.groups)
    this.lines = new Map(from?.lines)
  }

  /** The group a position belongs to (by team, currency, start month and time to fill), to add to. */
  of(ctx: PlanContext, p: ProjectedPosition): AttritionGroup {
    const join = Math.max(0, p.terms.startIndex)
    const lag = ctx.assumptions.backfillLeavers ? backfillLag(ctx, p) : null
    const key = `${p.teamId}|${p.currency}|${join}|${lag}`
    let g = this.groups.get(key)
    if (g === undefined || !this.owned.has(g)) {
      g = {
        teamKey: `${p.teamId}|${p.currency}`,
        teamId: p.teamId,
        currency: p.currency,
        join,
        lag,
        inPost: g?.inPost.slice() ?? new Float64Array(this.n + 1),
        hiring: g?.hiring.slice() ?? new Float64Array(this.n + 1),
      }
      this.groups.set(key, g)
      this.owned.add(g)
    }
    this.lines.delete(g.teamKey)
    return g
  }

  clone(): AttritionGroups {
    return new AttritionGroups(this.n, this)
  }
}

/** Months a replacement takes to start: the family's time to fill in months, rounded up. */
export function backfillLag(ctx: PlanContext, p: ProjectedPosition): number {
  return Math.ceil((ctx.families.get(p.familyId)?.timeToFillDays ?? 0) / 30)
}

/** A replacement's one-off hiring costs: the position's own agency fee, relocation, sponsorship. */
export function replacementHiring(p: ProjectedPosition): number {
  const t = p.terms
  const base = t.salarySteps[0]!.annualBase
  const fee = t.agencyFee === null ? 0 : Math.round((base * t.agencyFee.num) / t.agencyFee.den)
  return fee + t.relocation + t.sponsorship
}

interface Curve {
  /** Probability the original holder has left by month k. */
  left: number[]
  /** Expected share of the seat held by replacements at month k, and hires starting in it. */
  replaced: number[]
  hires: number[]
}

/** Curves by annual rate, lag and length: the same few for every projection and edit. */
const curveMemo = new Map<string, Curve>()

function curveOf(annual: Decimal, lag: number | null, n: number): Curve {
  const key = `${annual.toFixed()}|${lag}|${n}`
  let c = curveMemo.get(key)
  if (!c) {
    c = curves(annual, lag, n)
    if (curveMemo.size >= 1000) curveMemo.clear()
    curveMemo.set(key, c)
  }
  return c
}

function curves(annual: Decimal, lag: number | null, n: number): Curve {
  const rows = projectCohort({
    heads: new Decimal(1),
    annualAttrition: annual,
    months: n,
    backfillAfterMonths: lag,
  })
  const survivors = projectCohort({
    heads: new Decimal(1),
    annualAttrition: annual,
    months: n,
    backfillAfterMonths: null,
  })
  return {
    left: survivors.map((r) => 1 - r.heads.toNumber()),
    replaced: rows.map((r, k) => r.heads.minus(survivors[k]!.heads).toNumber()),
    hires: rows.map((r) => r.backfillHires.toNumber()),
  }
}

/** The expected vacancies and expected backfill lines, per team and currency, from the groups. */
export function attritionLines(ctx: PlanContext, groups: AttritionGroups): CompanyLine[] {
  const a = ctx.assumptions
  if (a.annualAttritionRate.isZero()) return []
  const n = groups.n
  const curve = (lag: number | null) => curveOf(a.annualAttritionRate, lag, n)
  // Only the teams whose groups changed since their lines were worked out.
  const teams = new Map<string, (AttritionGroup & { curve: Curve })[]>()
  for (const d of groups.groups.values()) {
    const key = d.teamKey
    if (groups.lines.has(key)) continue
    const g = {
      ...d,
      inPost: prefixSums(d.inPost, n),
      hiring: prefixSums(d.hiring, n),
      curve: curve(d.lag),
    }
    const list = teams.get(key)
    if (list) list.push(g)
    else teams.set(key, [g])
  }
  for (const [key, list] of teams) {
    const lines: CompanyLine[] = []
    groups.lines.set(key, lines)
    const [teamId, currency] = key.split('|') as [string, Currency]
    list.sort((x, y) => x.join - y.join || (x.lag ?? -1) - (y.lag ?? -1))
    const vacancies: Series = new Array<number>(n).fill(0)
    const backfill: Series = new Array<number>(n).fill(0)
    for (let i = 0; i < n; i++) {
      let lost = 0
      let kept = 0
      for (const g of list) {
        const k = i - g.join
        if (k < 0) continue
        const c = g.curve
        lost += g.inPost[i]! * c.left[k]!
        if (g.lag !== null) kept += g.inPost[i]! * c.replaced[k]! + g.hiring[i]! * c.hires[k]!
      }
      vacancies[i] = -Math.round(lost) + 0
      backfill[i] = Math.round(kept)
    }
    const explain = (label: string, which: 'vacancies' | 'backfill') => (i: number) => {
      const fmt = (minor: number) => formatMinor(Math.round(minor), currency)
      const parts = list.flatMap((g) => {
        const k = i - g.join
        if (k < 0 || (g.inPost[i] === 0 && g.hiring[i] === 0)) return []
        const c = g.curve
        if (which === 'vacancies') {
          return [
            `${fmt(g.inPost[i]!)} in-post cost x ${pct(c.left[k]!)} probability of having left after ${k} months`,
          ]
        }
        if (g.lag === null) return []
        return [
          `${fmt(g.inPost[i]!)} in-post cost x ${pct(c.replaced[k]!)} expected share held by replacements (hired after ${g.lag} months)${g.hiring[i] === 0 || c.hires[k] === 0 ? '' : ` + ${fmt(g.hiring[i]!)} hiring costs x ${pct(c.hires[k]!)} expected hires this month`}`,
        ]
      })
      const value = which === 'vacancies' ? vacancies[i]! : backfill[i]!
      return [
        `Monthly attrition m = 1 - (1 - ${formatPercent(a.annualAttritionRate)})^(1/12) = ${pct(1 - (1 - a.annualAttritionRate.toNumber()) ** (1 / 12))}`,
        ...parts,
        `${label}: ${which === 'vacancies' ? '-' : ''}(${parts.length === 0 ? formatMinor(0, currency) : 'sum'}) = ${formatMinor(value, currency)}`,
      ]
    }
    lines.push({
      component: 'expected_vacancies',
      officeId: null,
      teamId,
      currency,
      local: vacancies,
      explain: explain('Expected vacancies', 'vacancies'),
    })
    if (a.backfillLeavers) {
      lines.push({
        component: 'expected_backfill',
        officeId: null,
        teamId,
        currency,
        local: backfill,
        explain: explain('Expected backfill', 'backfill'),
      })
    }
  }
  return [...groups.lines].sort(([x], [y]) => (x < y ? -1 : 1)).flatMap(([, lines]) => lines)
}

function prefixSums(d: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n)
  let acc = 0
  for (let i = 0; i < n; i++) {
    acc += d[i]!
    out[i] = acc
  }
  return out
}

/** A probability as a percentage to 4 decimal places ("2.1037%"). */
const pct = (p: number) => `${(p * 100).toFixed(4).replace(/\.?0+$/, '')}%`
