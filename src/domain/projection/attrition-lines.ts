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

/** The groups of a projection, filled position by position (and emptied by sign -1 on edits). */
export class AttritionGroups {
  readonly groups = new Map<string, AttritionGroup>()
  constructor(readonly n: number) {}

  /** The group a position belongs to: by team, currency, start month and time to fill. */
  of(ctx: PlanContext, p: ProjectedPosition): AttritionGroup {
    const join = Math.max(0, p.terms.startIndex)
    const lag = ctx.assumptions.backfillLeavers ? backfillLag(ctx, p) : null
    const key = `${p.teamId}|${p.currency}|${join}|${lag}`
    let g = this.groups.get(key)
    if (!g) {
      g = {
        teamId: p.teamId,
        currency: p.currency,
        join,
        lag,
        inPost: new Float64Array(this.n + 1),
        hiring: new Float64Array(this.n + 1),
      }
      this.groups.set(key, g)
    }
    return g
  }

  clone(): AttritionGroups {
    const c = new AttritionGroups(this.n)
    for (const [k, g] of this.groups) {
      c.groups.set(k, { ...g, inPost: g.inPost.slice(), hiring: g.hiring.slice() })
    }
    return c
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
  const byLag = new Map<number | null, Curve>()
  const curve = (lag: number | null) => {
    let c = byLag.get(lag)
    if (!c) {
      c = curves(a.annualAttritionRate, lag, n)
      byLag.set(lag, c)
    }
    return c
  }
  const teams = new Map<string, AttritionGroup[]>()
  for (const d of groups.groups.values()) {
    const g = { ...d, inPost: prefixSums(d.inPost, n), hiring: prefixSums(d.hiring, n) }
    const key = `${g.teamId}|${g.currency}`
    teams.set(key, [...(teams.get(key) ?? []), g])
  }
  const lines: CompanyLine[] = []
  for (const [key, list] of [...teams].sort(([x], [y]) => (x < y ? -1 : 1))) {
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
        const c = curve(g.lag)
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
        const c = curve(g.lag)
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
  return lines
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
