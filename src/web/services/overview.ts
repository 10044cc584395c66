/**
 * The overview: what leadership, finance and a manager read first. The current and next fiscal
 * year of the plan (or its first two, before the plan starts), each with cost and year-end heads
 * for the approved plan and with pending proposals, against the team budgets; the same by
 * department and team; this month against last; open roles and the hires expected this quarter;
 * and what needs attention, each with the link where it is fixed. Scoped to the viewer's teams.
 */
import { fiscalPeriodText } from '../../../views/components/FiscalPeriod.tsx'
import type {
  AttentionItem,
  BudgetFigures,
  ExpectedHire,
  OverviewModel,
  OverviewRow,
  OverviewTable,
  OverviewYear,
} from '../../../views/models/overview.ts'
import type { Database } from '../../db/open.ts'
import { listProposals } from '../../db/repos/proposals.ts'
import {
  fiscalQuarterOf,
  fiscalYearOf,
  formatDate,
  formatMonthRange,
  formatMonthShort,
  type ISODate,
  lastDay,
  type Month,
} from '../../domain/calendar.ts'
import type { WorkspaceDocument } from '../../domain/document.ts'
import { ratioOf } from '../../domain/exact.ts'
import { convertMinor, usdPerGbp } from '../../domain/fx.ts'
import { type DemandWarning, recruitingDemand } from '../../domain/hiring/demand.ts'
import { type HiringContext, recruitingKeys } from '../../domain/hiring/schedule.ts'
import { Lru } from '../../domain/lru.ts'
import { EXCLUDED_STATUSES, type Position } from '../../domain/model.ts'
import { type Currency, formatMinor, fromMinor, toMinor } from '../../domain/money.ts'
import { namesOf, positionName } from '../../domain/names.ts'
import { COMPANY_KEY } from '../../domain/projection/result.ts'
import { expectedStart, isProjected } from '../../domain/projection/terms.ts'
import {
  type BudgetCheck,
  checkBudgets,
  departmentShortfalls,
  type FiscalYear,
  type TeamBudget,
  topTeamsOf,
} from '../../domain/team-budgets.ts'
import { canApprove } from '../auth/policy.ts'
import { canSeeTeam, scopePositions, type Viewer } from '../auth/viewer.ts'
import { perView } from './per-view.ts'
import { bandFit } from './position-table.ts'
import type { ProjectionView } from './projections.ts'
import { withPending } from './proposals.ts'
import { viewYearFigures } from './team-budgets.ts'

export interface OverviewInput {
  db: Database
  viewer: Viewer
  /** The plan as approved and with pending proposals, both in the currency shown. */
  approved: ProjectionView
  proposed: ProjectionView
  today: ISODate
  /** What payroll paid in the approved view's closed months, in its currency (null: none closed). */
  paid: ReadonlyMap<Month, number> | null
  hiring: HiringContext
  /** Builds the currency switch's links. */
  currencyHref: (currency: Currency) => string
}

/** Figures kept per projection view, by what else they depend on; a few keys per view at most. */
const keep = perView(16)

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

/**
 * The plan's budgets in the currency shown: a budget is set in the reporting currency, and in the
 * other one it is converted at the rate of its fiscal year's first month in the plan (the budget
 * rate unless the set lists monthly rates), rounded once to the cent or penny.
 */
function budgetsIn(view: ProjectionView, years: readonly FiscalYear[]): TeamBudget[] {
  const own = view.doc.teamBudgets.filter((b) => b.planId === view.plan.id)
  const to = view.input.reportingCurrency
  const from = view.plan.reportingCurrency
  if (to === from) return own
  const months = view.projection.months
  const rateOf = new Map(
    years.map((y) => [
      y.year,
      ratioOf(
        usdPerGbp(view.fx, months[y.monthIndexes[0]!]!, view.projection.fiscalYearStartMonth),
      ),
    ]),
  )
  return own.flatMap((b) => {
    const rate = rateOf.get(b.fiscalYear)
    if (!rate) return []
    const cost = b.cost && fromMinor(convertMinor(toMinor(b.cost), from, to, rate))
    return [{ ...b, cost }]
  })
}

/** The fiscal years shown: the one today falls in and the next (the plan's first two before it). */
function yearsShown(years: readonly FiscalYear[], today: ISODate, fyStart: number) {
  const thisYear = fiscalYearOf(today.slice(0, 7), fyStart)
  const at = years.findIndex((y) => y.year === thisYear)
  const from = at >= 0 ? at : years[0] && years[0].year > thisYear ? 0 : years.length - 1
  return years.slice(Math.max(0, from), Math.max(0, from) + 2).map((year, i) => ({
    year,
    index: years.indexOf(year),
    role:
      at >= 0
        ? i === 0
          ? 'This fiscal year'
          : 'Next fiscal year'
        : i === 0
          ? 'First fiscal year of the plan'
          : 'The year after',
  }))
}

const sumOver = (series: readonly number[] | undefined, indexes: readonly number[]) =>
  indexes.reduce((s, i) => s + (series?.[i] ?? 0), 0)

export function overviewModel(input: OverviewInput): OverviewModel {
  const { viewer, approved, proposed, today } = input
  const { doc, plan } = approved
  const p = approved.projection
  const currency = approved.input.reportingCurrency
  const fyStart = p.fiscalYearStartMonth
  const figures = viewYearFigures(approved)
  const withProposals = viewYearFigures(proposed)
  const shown = yearsShown(figures.years, today, fyStart)
  const budgets = budgetsIn(approved, figures.years)
  const checks = checkBudgets(budgets, figures, doc.teams)
  const checkOf = (kind: string, owner: string, year: number) =>
    checks.find(
      (k) => k.budget.kind === kind && k.budget.ownerId === owner && k.budget.fiscalYear === year,
    )

  const query = (extra: Record<string, string>) =>
    new URLSearchParams({ plan: plan.id, currency, ...extra }).toString()
  const explainHref = (column: string, row?: string, include?: 'all') =>
    `/projection/explain?${query({
      period: 'fiscal_year',
      groupBy: 'team',
      column,
      ...(row ? { row } : {}),
      ...(include ? { include } : {}),
    })}`
  const projectionHref = (include?: 'all') =>
    `/projection?${query({ period: 'fiscal_year', groupBy: 'team', ...(include ? { include } : {}) })}`
  const teamHref = (teamId: string) => `/teams/${encodeURIComponent(teamId)}`
  const sumTeams = (m: Map<string, number[]>, ids: readonly string[], yi: number) =>
    ids.reduce((s, id) => s + (m.get(id)?.[yi] ?? 0), 0)

  const visibleTeams = doc.teams.filter((t) => canSeeTeam(viewer, t.id))
  const roots = visibleTeams.filter(
    (t) => t.parentTeamId === null || !canSeeTeam(viewer, t.parentTeamId),
  )
  const allScope = viewer.teamScope === 'all'

  /** The budget of the viewer's whole scope: each department's own, else its teams'. */
  function scopeBudget(year: number): BudgetFigures | null {
    const parts: BudgetCheck[] = []
    let units = 0
    let covered = 0
    const groups = allScope
      ? doc.departments.map((d) => ({ dept: d.id, teams: topTeamsOf(doc.teams, d.id) }))
      : [{ dept: null, teams: roots.map((t) => t.id) }]
    for (const u of groups) {
      const dept = u.dept === null ? undefined : checkOf('department', u.dept, year)
      if (dept) {
        parts.push(dept)
        units += u.teams.length
        covered += u.teams.length
        continue
      }
      for (const t of u.teams) {
        units++
        const k = checkOf('team', t, year)
        if (k) {
          covered++
          parts.push(k)
        }
      }
    }
    if (parts.length === 0) return null
    const sumOf = (f: (k: BudgetCheck) => number | null) =>
      parts.some((k) => f(k) !== null) ? parts.reduce((s, k) => s + (f(k) ?? 0), 0) : null
    const cost = sumOf((k) => (k.budget.cost === null ? null : toMinor(k.budget.cost)))
    const cap = sumOf((k) => k.budget.headcountCap)
    const costPlanned = parts
      .filter((k) => k.budget.cost !== null)
      .reduce((s, k) => s + k.plannedCost, 0)
    const headsPlanned = parts
      .filter((k) => k.budget.headcountCap !== null)
      .reduce((s, k) => s + k.plannedHeads, 0)
    return {
      cost,
      costHeadroom: cost === null ? null : cost - costPlanned,
      headcountCap: cap,
      headsHeadroom: cap === null ? null : cap - headsPlanned,
      coverage:
        covered < units
          ? `Budgets are set for ${covered} of ${plural(units, 'team', 'teams')}; the headroom is theirs.`
          : null,
    }
  }

  const years: OverviewYear[] = shown.map(({ year, index, role }) => {
    const column = year.label
    const heads = sumTeams(figures.headsOwn, [...figures.headsOwn.keys()], index)
    const headsProposed = sumTeams(
      withProposals.headsOwn,
      [...withProposals.headsOwn.keys()],
      index,
    )
    return {
      year: year.year,
      label: year.label,
      role,
      covers: year.covers,
      cost: { value: sumOver(p.totals.total, year.monthIndexes), href: explainHref(column) },
      costWithProposals: {
        value: sumOver(proposed.projection.totals.total, year.monthIndexes),
        href: explainHref(column, undefined, 'all'),
      },
      heads: { value: heads, href: projectionHref() },
      headsWithProposals: { value: headsProposed, href: projectionHref('all') },
      latestEstimate: latestEstimate(year.monthIndexes),
      budget: scopeBudget(year.year),
    }
  })

  /** The year with payroll in its closed months: the projection page shows it month by month. */
  function latestEstimate(indexes: readonly number[]): OverviewYear['latestEstimate'] {
    const closed = indexes.filter((i) => input.paid?.has(p.months[i]!))
    if (closed.length === 0) return null
    const value = indexes.reduce(
      (s, i) => s + (input.paid?.get(p.months[i]!) ?? p.totals.total[i] ?? 0),
      0,
    )
    const contiguous = closed.at(-1)! - closed[0]! === closed.length - 1
    return {
      figure: { value, href: projectionHref() },
      paid: contiguous
        ? formatMonthRange(p.months[closed[0]!]!, p.months[closed.at(-1)!]!)
        : plural(closed.length, 'closed month', 'closed months'),
    }
  }

  const ownSeries = p.totals.byTeam
  const tables: OverviewTable[] = shown.map(({ year, index }) => {
    const rows: OverviewRow[] = []
    const teamRow = (teamId: string, depth: 1 | 2): OverviewRow => {
      const team = doc.teams.find((t) => t.id === teamId)!
      const hasSubteams = doc.teams.some((s) => s.parentTeamId === teamId)
      const parent = team.parentTeamId && doc.teams.find((t) => t.id === team.parentTeamId)
      const k = checkOf('team', teamId, year.year)
      const own = figures.costOwn.get(teamId)?.[index] ?? 0
      return {
        name: team.name,
        what: parent
          ? `Subteam of ${parent.name}`
          : hasSubteams
            ? 'Team with its subteams'
            : 'Team',
        depth,
        href: teamHref(teamId),
        ownCost: {
          value: own,
          href: ownSeries.has(teamId) ? explainHref(year.label, teamId) : teamHref(teamId),
        },
        cost: { value: figures.costWithSubteams.get(teamId)?.[index] ?? 0, href: teamHref(teamId) },
        costWithProposals: {
          value: withProposals.costWithSubteams.get(teamId)?.[index] ?? 0,
          href: proposed.projection.totals.byTeam.has(teamId)
            ? explainHref(year.label, teamId, 'all')
            : teamHref(teamId),
        },
        ownHeads: figures.headsOwn.get(teamId)?.[index] ?? 0,
        heads: figures.headsWithSubteams.get(teamId)?.[index] ?? 0,
        ...budgetColumns(k),
      }
    }
    const budgetsHref = `/team-budgets?plan=${encodeURIComponent(plan.id)}&fy=${year.year}`
    for (const d of doc.departments) {
      const teams = visibleTeams.filter((t) => t.departmentId === d.id)
      if (teams.length === 0) continue
      if (allScope) {
        const top = topTeamsOf(doc.teams, d.id)
        const k = checkOf('department', d.id, year.year)
        rows.push({
          name: d.name,
          what: 'Department: its teams together',
          depth: 0,
          href: null,
          ownCost: null,
          cost: { value: sumTeams(figures.costWithSubteams, top, index), href: budgetsHref },
          costWithProposals: {
            value: sumTeams(withProposals.costWithSubteams, top, index),
            href: budgetsHref,
          },
          ownHeads: null,
          heads: sumTeams(figures.headsWithSubteams, top, index),
          ...budgetColumns(k),
        })
      }
      for (const t of teams) rows.push(teamRow(t.id, t.parentTeamId ? 2 : 1))
    }
    const company = ownSeries.get(COMPANY_KEY)
    return {
      label: year.label,
      covers: year.covers,
      rows,
      company:
        allScope && company
          ? {
              value: sumOver(company, year.monthIndexes),
              href: explainHref(year.label, COMPANY_KEY),
            }
          : null,
    }
  })

  const names = namesOf(doc)
  const thisMonth = today.slice(0, 7) as Month
  const quarter = fiscalQuarterOf(thisMonth, fyStart)
  const openRoles = approved.input.positions.filter(
    (x) => x.kind === 'open' && x.status !== 'filled' && !EXCLUDED_STATUSES.includes(x.status),
  )
  const hires: ExpectedHire[] = openRoles
    .map((x) => ({ x, start: expectedStart(x, approved.input.ctx.fillTimes) }))
    .filter(({ start }) => fiscalQuarterOf(start.slice(0, 7), fyStart) === quarter)
    .sort((a, b) => a.start.localeCompare(b.start))
    .map(({ x, start }) => ({
      name: positionName(x, names),
      team: doc.teams.find((t) => t.id === x.teamId)?.name ?? '',
      start: formatDate(start),
      href: `/positions/${encodeURIComponent(x.id)}`,
    }))

  const mi = p.months.indexOf(thisMonth)
  const headsAt = (i: number) => headsOnBooks(approved, lastDay(p.months[i]!))
  const movement =
    mi > 0
      ? {
          month: formatMonthShort(p.months[mi]!),
          previous: formatMonthShort(p.months[mi - 1]!),
          cost: p.totals.total[mi]!,
          costChange: p.totals.total[mi]! - p.totals.total[mi - 1]!,
          heads: headsAt(mi),
          headsChange: headsAt(mi) - headsAt(mi - 1),
        }
      : null
  const movementNote =
    movement !== null
      ? null
      : mi === 0
        ? `${formatMonthShort(thisMonth)} is the plan's first month: there is no earlier month to compare with.`
        : `Today is outside the plan (${formatMonthShort(p.months[0]!)} to ${formatMonthShort(p.months.at(-1)!)}).`

  return {
    planName: plan.name,
    currency,
    currencies: (['GBP', 'USD'] as const).map((c) => ({
      currency: c,
      href: input.currencyHref(c),
      current: c === currency,
    })),
    scope: allScope ? 'all teams' : `your teams: ${roots.map((t) => t.name).join(', ')}`,
    asOf: formatDate(today),
    years,
    tables,
    budgetNote:
      currency === plan.reportingCurrency
        ? null
        : `Budgets are set in ${plan.reportingCurrency}; shown here in ${currency} at each fiscal year's plan rate.`,
    movement,
    movementNote,
    openRoles: openRoles.length,
    openRolesHref: '/positions?status=open',
    quarter: fiscalPeriodText(quarter, fyStart),
    hiresThisQuarter: hires,
    attention: attention(input, checks, shown),
  }
}

/** Budget, headroom and whether the plan is over, for a row; blank without a budget. */
function budgetColumns(k: BudgetCheck | undefined) {
  return {
    budgetCost: k?.budget.cost ? toMinor(k.budget.cost) : null,
    costHeadroom: k?.costHeadroom ?? null,
    headcountCap: k?.budget.headcountCap ?? null,
    headsHeadroom: k?.headsHeadroom ?? null,
    over: k?.over ?? false,
  }
}

/**
 * What needs the viewer: proposals waiting (for an approver, those they may decide; for a
 * manager, their teams' still undecided), budgets the plan is over in the years shown, a
 * department budget below its teams', pay outside its band, and recruiting warnings.
 */
function attention(
  input: OverviewInput,
  checks: readonly BudgetCheck[],
  shown: readonly { year: FiscalYear }[],
): AttentionItem[] {
  const { db, viewer, approved, today } = input
  const { doc, plan } = approved
  const fy = (year: number) =>
    fiscalPeriodText(`FY${year}`, approved.projection.fiscalYearStartMonth)
  const items: AttentionItem[] = []
  const pending = scopePositions(viewer, listProposals(db, { status: 'pending', planId: plan.id }))
  const waiting = viewer.role === 'manager' ? pending : pending.filter((x) => canApprove(viewer, x))
  if (waiting.length > 0) {
    items.push({
      text:
        viewer.role === 'manager'
          ? `${plural(waiting.length, 'proposal', 'proposals')} of your teams ${waiting.length === 1 ? 'is' : 'are'} waiting for a decision.`
          : `${plural(waiting.length, 'proposal', 'proposals')} ${waiting.length === 1 ? 'waits' : 'wait'} for your decision.`,
      href: '/approvals',
      action: viewer.role === 'manager' ? 'See your proposals' : 'Decide',
    })
  }
  const years = new Set(shown.map((s) => s.year.year))
  const name = (kind: string, id: string) =>
    (kind === 'team' ? doc.teams : doc.departments).find((x) => x.id === id)?.name ?? ''
  const currency = approved.input.reportingCurrency
  for (const k of checks) {
    if (!k.over || !years.has(k.budget.fiscalYear)) continue
    if (
      k.budget.kind === 'team' ? !canSeeTeam(viewer, k.budget.ownerId) : viewer.teamScope !== 'all'
    )
      continue
    const over: string[] = []
    if ((k.costHeadroom ?? 0) < 0) over.push(`cost by ${formatMinor(-k.costHeadroom!, currency)}`)
    if ((k.headsHeadroom ?? 0) < 0) over.push(`headcount by ${-k.headsHeadroom!}`)
    items.push({
      text: `${name(k.budget.kind, k.budget.ownerId)} is over its ${fy(k.budget.fiscalYear)} budget: ${over.join(' and ')}.`,
      href:
        k.budget.kind === 'team'
          ? `/teams/${encodeURIComponent(k.budget.ownerId)}`
          : `/team-budgets?plan=${encodeURIComponent(plan.id)}&fy=${k.budget.fiscalYear}`,
      action: k.budget.kind === 'team' ? 'Open the team' : 'Open team budgets',
    })
  }
  if (viewer.teamScope === 'all') {
    const own = doc.teamBudgets.filter((b) => b.planId === plan.id && years.has(b.fiscalYear))
    for (const s of departmentShortfalls(own, doc.teams)) {
      items.push({
        text: `${name('department', s.departmentId)}'s ${fy(s.fiscalYear)} ${s.field === 'cost' ? 'cost budget' : 'headcount cap'} is below the sum of its teams'.`,
        href: `/team-budgets?plan=${encodeURIComponent(plan.id)}&fy=${s.fiscalYear}`,
        action: 'Open team budgets',
      })
    }
  }
  const buckets = keep(approved, `bands|${today}`, () => outOfBand(approved, today))
  if (buckets.below_min > 0) {
    items.push({
      text: `${plural(buckets.below_min, 'person is', 'people are')} paid below their band's minimum.`,
      href: '/positions?band=below_min',
      action: 'Review their pay',
    })
  }
  if (buckets.above_max > 0) {
    items.push({
      text: `${plural(buckets.above_max, 'person is', 'people are')} paid above their band's maximum.`,
      href: '/positions?band=above_max',
      action: 'Review their pay',
    })
  }
  // pools and loops are not workspace data (their writes leave the views in place): they key them
  const hiringKey = JSON.stringify(input.hiring.setup)
  const pendingAll = listProposals(db, { status: 'pending', planId: plan.id })
  const warnings = recruitingWarnings(
    withPending(plan.positions, pendingAll),
    input.hiring,
    today,
    hiringKey,
  ).filter((w) => !('positionId' in w) || inScope(viewer, plan.positions, w.positionId))
  if (warnings.length > 0) {
    items.push({
      text: `${plural(warnings.length, 'recruiting warning', 'recruiting warnings')}: ${warnings[0]!.message}${warnings.length > 1 ? ' …' : ''}`,
      href: '/recruiting',
      action: 'Open recruiting',
    })
  }
  return items
}

function inScope(viewer: Viewer, positions: readonly { id: string; teamId: string }[], id: string) {
  const p = positions.find((x) => x.id === id)
  return p === undefined || canSeeTeam(viewer, p.teamId)
}

/**
 * Recruiting warnings, kept by what they are worked out from: the roles being recruited (each
 * by the fields a hiring schedule reads, its fill times and its name as the warnings say it), the
 * pools and loops, and today. A salary edit leaves them as they were, so the overview after it does not schedule
 * every role again.
 */
const warningsKept = new Lru<string, DemandWarning[]>(8)

function recruitingWarnings(
  positions: readonly Position[],
  hiring: HiringContext,
  today: ISODate,
  hiringKey: string,
): DemandWarning[] {
  const roles = recruitingKeys(positions, (r) => [
    r.teamId,
    hiring.roleName(r),
    JSON.stringify(hiring.fillTimes(r)),
  ])
  const key = `${today}|${hiringKey}|${roles.join(';')}`
  let warnings = warningsKept.get(key)
  if (warnings === undefined) {
    warnings = recruitingDemand(positions, hiring, today).warnings
    warningsKept.set(key, warnings)
  }
  return warnings
}

/** People paid below their band's minimum and above its maximum today, among the view's. */
function outOfBand(view: ProjectionView, today: ISODate) {
  const buckets = { below_min: 0, above_max: 0 }
  for (const x of view.input.positions) {
    if (x.kind !== 'filled' || x.startDate > today || (x.endDate !== null && x.endDate < today))
      continue
    const bucket = bucketOf(view.doc, x, today)
    if (bucket === 'below_min' || bucket === 'above_max') buckets[bucket]++
  }
  return buckets
}

/**
 * Where a person's pay sits in its band today, kept per position: an edit replaces one position
 * object, so the overview after it judges one person again instead of every one.
 */
const buckets = new WeakMap<Position, { today: ISODate; bucket: string | null }>()

function bucketOf(doc: WorkspaceDocument, p: Position, today: ISODate): string | null {
  const known = buckets.get(p)
  if (known?.today === today) return known.bucket
  const bucket = bandFit(doc, p, today)?.bucket ?? null
  buckets.set(p, { today, bucket })
  return bucket
}

/** Heads on the books on `day`: people, and open roles from their expected start. */
function headsOnBooks(view: ProjectionView, day: ISODate): number {
  let n = 0
  for (const x of view.input.positions) {
    if (!isProjected(x)) continue
    const start = expectedStart(x, view.input.ctx.fillTimes)
    const end = x.kind === 'filled' ? x.endDate : null
    if (start <= day && (end === null || end >= day)) n++
  }
  return n
}
