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
import { approvalToStartMonths } from '../hiring/time-to-fill.ts'
import { type Currency, Decimal, formatMinor, formatPercent } from '../money.ts'
import type { PositionComponent } from './components.ts'
import type { CompanyLine, ProjectedPosition, Series } from './result.ts'
import type { PlanContext } from './terms.ts'

/** Components that are not in-post cost: equity expense and one-off hiring costs. */
export const NOT_IN_POST: ReadonlySet<PositionComponent> = new Set(['equity_expense', 'hiring'])

export class AttritionGroup {
  /**
   * Summed in-post cost by month (local minor units), and the hiring costs of a replacement in
   * the months the positions are on the books; as difference arrays from the join month on
   * (month i at [i - join], n + 1 - join long: no position of the group is on the books before
   * it), summed once.
   */
  readonly inPost: Float64Array
  readonly hiring: Float64Array
  /**
   * The group's share of its team's lines by month from the join month on, before rounding
   * (vacancies as a positive amount), worked out when the team's lines are and kept until the
   * group changes: an edit then works out only the groups it touched and adds the others' shares
   * as they were. Vacancies at [i - join], backfill (with a lag) at [n - join + i - join].
   */
  shares: Float64Array | null = null

  constructor(
    /** Month index the probabilities count from, and the backfill lag in months (null: none). */
    readonly join: number,
    readonly lag: number | null,
    blocks: Blocks,
    n: number,
    from: AttritionGroup | undefined,
  ) {
    this.inPost = blocks.take(n + 1 - join)
    this.hiring = blocks.take(n + 1 - join)
    if (from !== undefined) {
      this.inPost.set(from.inPost)
      this.hiring.set(from.hiring)
    }
  }

  /** Adds `v` to the in-post cost of months [a, b), a at or after the join month. */
  addInPost(a: number, b: number, v: number) {
    this.inPost[a - this.join]! += v
    this.inPost[b - this.join]! -= v
  }

  /** Adds `v` to a replacement's hiring costs in months [a, b). */
  addHiring(a: number, b: number, v: number) {
    this.hiring[a - this.join]! += v
    this.hiring[b - this.join]! -= v
  }
}

/** A team's groups in one currency, by `groupKey`, and their keys in the order lines sum them. */
interface TeamGroups {
  teamId: string
  currency: Currency
  groups: Map<number, AttritionGroup>
  /** Keys by join month, then lag; null when a group was added since it was sorted. */
  order: number[] | null
}

/**
 * Float64Array views carved from shared blocks. A plan has a group for nearly every joiner, and a
 * typed array of its own each (an ArrayBuffer outside the heap, four a group) cost more than the
 * sums kept in them.
 */
class Blocks {
  private block = new Float64Array(0)
  private used = 0

  take(length: number): Float64Array {
    if (this.used + length > this.block.length) {
      this.block = new Float64Array(Math.max(BLOCK, length))
      this.used = 0
    }
    this.used += length
    return this.block.subarray(this.used - length, this.used)
  }
}

const BLOCK = 1 << 14

/** A group's key: its join month and lag in one number (both below 4096 months). */
const groupKey = (join: number, lag: number | null) => join * 4096 + (lag === null ? 0 : lag + 1)

/**
 * The groups of a projection by team and currency, filled position by position (and emptied by
 * sign -1 on edits). An edit works on a clone that shares every team's groups until it changes
 * one (copy on write, a team at a time), and the lines of the teams it did not touch are kept: an
 * edit costs one or two teams, not the plan.
 */
export class AttritionGroups {
  /** "team|currency" -> the team's groups by start month and lag. */
  readonly teams: Map<string, TeamGroups>
  /** Teams (and their groups) a clone may change in place, the others shared; null: all (not a clone). */
  private readonly owned: Set<TeamGroups> | null
  private readonly ownedGroups: Set<AttritionGroup> | null
  /** Lines by team and currency, worked out; a team whose groups change is dropped from here. */
  readonly lines: Map<string, CompanyLine[]>
  private sorted: string[] | undefined
  /** Lines dropped and lines worked out since the last `takeChanges`, for totals kept by difference. */
  private retired: CompanyLine[] = []
  private fresh: CompanyLine[] = []
  /** "team|currency" by team and currency, so a position's team is found without a new string. */
  private readonly keys: Map<string, Record<Currency, string>>
  /** Where groups' arrays are carved from (shared with clones). */
  readonly blocks: Blocks
  /** Backfill lags by family, level and office (a fresh projection's: fill times may change). */
  private readonly lags = new Map<string, Map<string, Map<string, number>>>()

  constructor(
    readonly n: number,
    from?: AttritionGroups,
  ) {
    this.teams = new Map(from?.teams)
    this.lines = new Map(from?.lines)
    this.sorted = from?.sorted
    this.keys = from?.keys ?? new Map()
    this.blocks = from?.blocks ?? new Blocks()
    this.owned = from ? new Set() : null
    this.ownedGroups = from ? new Set() : null
  }

  private teamKey(teamId: string, currency: Currency): string {
    let k = this.keys.get(teamId)
    if (k === undefined) {
      k = { GBP: `${teamId}|GBP`, USD: `${teamId}|USD` }
      this.keys.set(teamId, k)
    }
    return k[currency]
  }

  /** The group a position belongs to (by team, currency, start month and time to fill), to add to. */
  of(ctx: PlanContext, p: ProjectedPosition): AttritionGroup {
    const join = Math.max(0, p.terms.startIndex)
    const lag = ctx.assumptions.backfillLeavers ? this.lagOf(ctx, p) : null
    const teamKey = this.teamKey(p.teamId, p.currency)
    let team = this.teams.get(teamKey)
    if (team === undefined || (this.owned !== null && !this.owned.has(team))) {
      team = {
        teamId: p.teamId,
        currency: p.currency,
        groups: new Map(team?.groups),
        order: team?.order ?? null,
      }
      this.teams.set(teamKey, team)
      this.owned?.add(team)
    }
    const key = groupKey(join, lag)
    let g = team.groups.get(key)
    if (g === undefined || (this.ownedGroups !== null && !this.ownedGroups.has(g))) {
      if (g === undefined) team.order = null
      g = new AttritionGroup(join, lag, this.blocks, this.n, g)
      team.groups.set(key, g)
      this.ownedGroups?.add(g)
    }
    g.shares = null
    const old = this.lines.size === 0 ? undefined : this.lines.get(teamKey)
    if (old !== undefined) {
      this.retired.push(...old)
      this.lines.delete(teamKey)
    }
    return g
  }

  /**
   * `backfillLag` by family, level and office, looked up by the position's own strings (whose
   * hashes are known) instead of the fill times' key built afresh for every position.
   */
  private lagOf(ctx: PlanContext, p: ProjectedPosition): number {
    let byLevel = this.lags.get(p.familyId)
    if (byLevel === undefined) {
      byLevel = new Map()
      this.lags.set(p.familyId, byLevel)
    }
    let byOffice = byLevel.get(p.levelId)
    if (byOffice === undefined) {
      byOffice = new Map()
      byLevel.set(p.levelId, byOffice)
    }
    let lag = byOffice.get(p.officeId)
    if (lag === undefined) {
      lag = backfillLag(ctx, p)
      byOffice.set(p.officeId, lag)
    }
    return lag
  }

  /** A team's groups in the order their shares are summed (join month, then lag). */
  ordered(team: TeamGroups): AttritionGroup[] {
    team.order ??= [...team.groups.keys()].sort((x, y) => x - y)
    return team.order.map((k) => team.groups.get(k)!)
  }

  /** Keeps a team's lines, worked out. */
  setLines(teamKey: string, lines: CompanyLine[]) {
    this.lines.set(teamKey, lines)
    for (const line of lines) this.fresh.push(line)
  }

  /** The lines dropped and those worked out since the last call. */
  takeChanges(): { retired: CompanyLine[]; fresh: CompanyLine[] } {
    const out = { retired: this.retired, fresh: this.fresh }
    this.retired = []
    this.fresh = []
    return out
  }

  /** The teams' keys in order (sorted again only when a team is added). */
  sortedTeams(): string[] {
    if (this.sorted?.length !== this.teams.size) this.sorted = [...this.teams.keys()].sort()
    return this.sorted
  }

  clone(): AttritionGroups {
    return new AttritionGroups(this.n, this)
  }
}

/** Months a replacement takes to start: approval to start in whole months, rounded up. */
export function backfillLag(ctx: PlanContext, p: ProjectedPosition): number {
  return approvalToStartMonths(ctx.fillTimes(p))
}

/** A replacement's one-off hiring costs: the position's own agency fee, relocation, sponsorship. */
export function replacementHiring(p: ProjectedPosition): number {
  const t = p.terms
  if (t.agencyFee === null) return t.relocation + t.sponsorship // most roles: no base to read
  const base = t.salarySteps[0]!.annualBase
  return Math.round((base * t.agencyFee.num) / t.agencyFee.den) + t.relocation + t.sponsorship
}

interface Curve {
  /** Expected heads in the seat at month k (the holder or a replacement), as headcount counts them. */
  heads: number[]
  /** Probability the original holder has left by month k. */
  left: number[]
  /** Expected share of the seat held by replacements at month k, and hires starting in it. */
  replaced: number[]
  hires: number[]
}

/** Curves by annual rate, lag and length: the same few for every projection and edit. */
const curveMemo = new Map<string, Curve>()

function curveOf(annual: Decimal, rate: string, lag: number | null, n: number): Curve {
  const key = `${rate}|${lag}|${n}`
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
    heads: rows.map((r) => r.heads.toNumber()),
    left: survivors.map((r) => 1 - r.heads.toNumber()),
    replaced: rows.map((r, k) => r.heads.minus(survivors[k]!.heads).toNumber()),
    hires: rows.map((r) => r.backfillHires.toNumber()),
  }
}

/** Expected heads of a cohort of one, k months after it starts, from the shared curves. */
export const expectedHeads = (annual: Decimal, lag: number | null, n: number): readonly number[] =>
  curveOf(annual, annual.toFixed(), lag, n).heads

/** The expected vacancies and expected backfill lines, per team and currency, from the groups. */
export function attritionLines(ctx: PlanContext, groups: AttritionGroups): CompanyLine[] {
  const a = ctx.assumptions
  if (a.annualAttritionRate.isZero()) return []
  const n = groups.n
  const rate = a.annualAttritionRate.toFixed()
  const byLag = new Map<number | null, Curve>()
  const curve = (lag: number | null) => {
    let c = byLag.get(lag)
    if (c === undefined) {
      c = curveOf(a.annualAttritionRate, rate, lag, n)
      byLag.set(lag, c)
    }
    return c
  }
  // Only the teams whose groups changed since their lines were worked out.
  for (const [key, team] of groups.teams) {
    if (groups.lines.has(key)) continue
    const list = groups.ordered(team)
    const curves = list.map((g) => curve(g.lag))
    const lines: CompanyLine[] = []
    const { teamId, currency } = team
    const { lost, kept } = teamSums(list, curves, n, groups.blocks)
    const vacancies: Series = Array.from(lost, (x) => -Math.round(x) + 0)
    const backfill: Series = Array.from(kept, (x) => Math.round(x))
    const explain = (label: string, which: 'vacancies' | 'backfill') => (i: number) => {
      const fmt = (minor: number) => formatMinor(Math.round(minor), currency)
      const parts = list.flatMap((d, j) => {
        const k = i - d.join
        const g = { lag: d.lag, inPost: sumTo(d.inPost, k), hiring: sumTo(d.hiring, k) }
        if (k < 0 || (g.inPost === 0 && g.hiring === 0)) return []
        const c = curves[j]!
        if (which === 'vacancies') {
          return [
            `${fmt(g.inPost)} in-post cost x ${pct(c.left[k]!)} probability of having left after ${k} months`,
          ]
        }
        if (g.lag === null) return []
        return [
          `${fmt(g.inPost)} in-post cost x ${pct(c.replaced[k]!)} expected share held by replacements (hired after ${g.lag} months)${g.hiring === 0 || c.hires[k] === 0 ? '' : ` + ${fmt(g.hiring)} hiring costs x ${pct(c.hires[k]!)} expected hires this month`}`,
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
    groups.setLines(key, lines)
  }
  const all: CompanyLine[] = []
  for (const key of groups.sortedTeams()) for (const line of groups.lines.get(key)!) all.push(line)
  return all
}

/**
 * A team's lines before rounding: each month's sum of its groups' shares in the list's order, a
 * group's share worked out only when it changed.
 */
function teamSums(
  list: readonly AttritionGroup[],
  curves: readonly Curve[],
  n: number,
  blocks: Blocks,
) {
  const lost = new Float64Array(n)
  const kept = new Float64Array(n)
  for (let j = 0; j < list.length; j++) {
    const g = list[j]!
    g.shares ??= groupShares(g, curves[j]!, n, blocks)
    const shares = g.shares
    const { join } = g
    const span = n - join
    for (let i = join; i < n; i++) lost[i]! += shares[i - join]!
    if (g.lag !== null) for (let i = join; i < n; i++) kept[i]! += shares[span + i - join]!
  }
  return { lost, kept }
}

/**
 * A group's share of its team's lines from its join month on: its in-post cost (the difference
 * arrays summed as they are read) x the probability of having left, and with backfill its in-post
 * cost x the replacements' share plus a replacement's hiring costs x the hires that month.
 */
function groupShares(g: AttritionGroup, c: Curve, n: number, blocks: Blocks): Float64Array {
  const span = n - g.join
  const shares = blocks.take(g.lag === null ? span : 2 * span)
  const { left, replaced, hires } = c
  let inPost = 0
  let hiring = 0
  for (let k = 0; k < span; k++) {
    inPost += g.inPost[k]!
    hiring += g.hiring[k]!
    shares[k] = inPost * left[k]!
    if (g.lag !== null) shares[span + k] = inPost * replaced[k]! + hiring * hires[k]!
  }
  return shares
}

/** A difference array's value at entry k: the sum of its first k + 1 entries. */
function sumTo(d: Float64Array, k: number): number {
  let acc = 0
  for (let j = 0; j <= k; j++) acc += d[j]!
  return acc
}

/** A probability as a percentage to 4 decimal places ("2.1037%"). */
const pct = (p: number) => `${(p * 100).toFixed(4).replace(/\.?0+$/, '')}%`
