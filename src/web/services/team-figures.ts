/**
 * A team's figures for the organisation, team and positions pages: headcount today and at the end
 * of the plan's horizon, open roles, cost over the horizon from the projection, monthly headcount
 * for the growth chart, and cost by component.
 */
import type {
  FiguresTable,
  TeamChartsModel,
  TeamFigures,
} from '../../../views/models/team-figures.ts'
import { type ISODate, lastDay, type Month } from '../../domain/calendar.ts'
import type { FillTimesLookup } from '../../domain/hiring/time-to-fill.ts'
import { EXCLUDED_STATUSES, type Position, type Team } from '../../domain/model.ts'
import { type Minor, sumMinor } from '../../domain/money.ts'
import {
  COMPONENT_LABEL,
  type Component,
  POSITION_COMPONENTS,
} from '../../domain/projection/components.ts'
import { projectFast } from '../../domain/projection/fast.ts'
import type { ProjectionInput } from '../../domain/projection/input.ts'
import { type Projection, rollUpTeams } from '../../domain/projection/result.ts'
import { expectedStart, isProjected } from '../../domain/projection/terms.ts'
import { can } from '../auth/policy.ts'
import { canSeeTeam, type Viewer } from '../auth/viewer.ts'
import { perView } from './per-view.ts'
import type { ProjectionView } from './projections.ts'

/** The team and every team beneath it. */
export function teamAndSubteams(teams: readonly Team[], teamId: string): Set<string> {
  const ids = new Set([teamId])
  // teams are few; repeat until no new child is found, whatever order they are listed in
  for (let grew = true; grew; ) {
    grew = false
    for (const t of teams) {
      if (t.parentTeamId !== null && ids.has(t.parentTeamId) && !ids.has(t.id)) {
        ids.add(t.id)
        grew = true
      }
    }
  }
  return ids
}

/** Heads on the books on `day`: people, and open roles from their expected start. */
const onBooks = (span: Span | null, day: ISODate) =>
  span !== null && span.start <= day && (span.end === null || span.end >= day)

/**
 * Heads on the books at each month's end: people, and open roles from their expected start, as
 * the projection counts them (on-hold and cancelled roles are not in the plan).
 */
function headcountByMonth(
  positions: readonly Position[],
  fillTimes: FillTimesLookup,
  months: readonly Month[],
): number[] {
  const spans = positions.map((p) => spanOf(p, fillTimes))
  return months.map((m) => {
    const last = lastDay(m)
    return spans.filter((s) => onBooks(s, last)).length
  })
}

interface Span {
  start: ISODate
  end: ISODate | null
}

/**
 * Each position's span on the books (null when it is not in the plan), kept while the position
 * and the fill times are the same objects: an edit replaces one position, so the figures after it
 * work out one span instead of 2,000 expected starts.
 */
const spans = new WeakMap<Position, { fillTimes: FillTimesLookup; span: Span | null }>()

function spanOf(p: Position, fillTimes: FillTimesLookup): Span | null {
  const cached = spans.get(p)
  if (cached && cached.fillTimes === fillTimes) return cached.span
  const span = isProjected(p)
    ? { start: expectedStart(p, fillTimes), end: p.kind === 'filled' ? p.endDate : null }
    : null
  spans.set(p, { fillTimes, span })
  return span
}

export interface FiguresSource {
  teams: readonly Team[]
  positions: readonly Position[]
  fillTimes: FillTimesLookup
  months: readonly Month[]
  today: ISODate
  /** Direct team cost series from the projection; null hides cost. */
  costByTeam: ReadonlyMap<string, number[]> | null
  /** Teams whose cost this viewer may see (a manager: their own). */
  costVisible: (teamId: string) => boolean
}

/** Sums a series (minor units) into one Minor total. */
export const seriesTotal = (series: readonly number[] | undefined): Minor =>
  sumMinor((series ?? []) as Minor[])

type Counts = Pick<TeamFigures, 'peopleNow' | 'headcountEnd' | 'openRoles'>

/**
 * Each team's own counts, in one pass over the positions (a 2,000-position plan is counted on
 * every edit): people in post today (filled positions only), heads on the books at the end of
 * the plan's last month, and open roles still to fill (not filled, on hold or cancelled).
 */
function countsByTeam(src: FiguresSource): Map<string, Counts> {
  const end = src.months.length > 0 ? lastDay(src.months.at(-1)!) : null
  const counts = new Map<string, Counts>()
  for (const p of src.positions) {
    let c = counts.get(p.teamId)
    if (c === undefined) {
      c = { peopleNow: 0, headcountEnd: 0, openRoles: 0 }
      counts.set(p.teamId, c)
    }
    if (p.kind === 'filled' && p.startDate <= src.today && (p.endDate ?? src.today) >= src.today) {
      c.peopleNow++
    }
    if (end !== null && onBooks(spanOf(p, src.fillTimes), end)) c.headcountEnd++
    if (p.kind === 'open' && p.status !== 'filled' && !EXCLUDED_STATUSES.includes(p.status)) {
      c.openRoles++
    }
  }
  return counts
}

function sumCounts(all: ReadonlyMap<string, Counts>, teamIds: Iterable<string>): Counts {
  const sum = { peopleNow: 0, headcountEnd: 0, openRoles: 0 }
  for (const id of teamIds) {
    const c = all.get(id)
    if (c === undefined) continue
    sum.peopleNow += c.peopleNow
    sum.headcountEnd += c.headcountEnd
    sum.openRoles += c.openRoles
  }
  return sum
}

/**
 * Figures for `teamIds`, each with `rolledUp` true counting its subteams too, else only its own
 * positions (the organisation tree shows subteams beneath, so it counts each team's own).
 */
export function teamFigures(
  src: FiguresSource,
  teamIds: readonly string[],
  rolledUp: boolean,
  counts: ReadonlyMap<string, Counts> = countsByTeam(src),
): TeamFigures[] {
  const rolled = src.costByTeam && rolledUp ? rollUpTeams(src.costByTeam, src.teams) : null
  return teamIds.map((teamId) => {
    const costSeries = rolled ? rolled.get(teamId) : src.costByTeam?.get(teamId)
    return {
      teamId,
      name: src.teams.find((t) => t.id === teamId)?.name ?? teamId,
      ...sumCounts(counts, rolledUp ? teamAndSubteams(src.teams, teamId) : [teamId]),
      cost: src.costByTeam && src.costVisible(teamId) ? seriesTotal(costSeries) : null,
    }
  })
}

/**
 * Each team's figures with its subteams and, for a team that has subteams, its own positions'
 * figures after them: both labelled, so a reader never takes one for the other.
 */
function ownAndWithSubteams(
  src: FiguresSource,
  teamIds: readonly string[],
  counts: ReadonlyMap<string, Counts>,
): TeamFigures[] {
  const withSubteams = teamFigures(src, teamIds, true, counts)
  const own = teamFigures(src, teamIds, false, counts)
  return withSubteams.flatMap((f, i) =>
    src.teams.some((t) => t.parentTeamId === f.teamId)
      ? [
          { ...f, covers: 'with_subteams' as const },
          { ...own[i]!, covers: 'own' as const },
        ]
      : [f],
  )
}

/** The plan's own figures over the positions given (all, or the viewer's scope). */
export function planFigures(
  src: FiguresSource,
  total: readonly number[] | null,
  counts: ReadonlyMap<string, Counts> = countsByTeam(src),
): TeamFigures {
  return {
    teamId: '',
    name: 'Plan total',
    ...sumCounts(counts, counts.keys()),
    cost: total === null ? null : seriesTotal(total),
  }
}

/**
 * A team's cost by component over the horizon (its positions' own lines, in the reporting
 * currency): the team and its subteams projected on their own. Company lines (levy, desks) are
 * the company's, so they are left out.
 */
export function costByComponent(
  input: ProjectionInput,
  teamIds: ReadonlySet<string>,
): { component: Component; total: Minor }[] {
  const projection: Projection = projectFast({
    ...input,
    positions: input.positions.filter((p) => teamIds.has(p.teamId)),
  })
  return POSITION_COMPONENTS.map((component) => ({
    component,
    total: seriesTotal(projection.totals.byComponent.get(component)),
  })).filter((c) => c.total !== 0)
}

/**
 * Figures as `viewer` may see them: headcount over the viewer's positions (or, with
 * `allPositions`, the whole plan's, since headcount is open to every role), and cost only with
 * view_pay and only for the viewer's teams.
 */
export function figuresSource(
  view: ProjectionView,
  viewer: Viewer,
  today: ISODate,
  opts: { allPositions?: boolean } = {},
): FiguresSource {
  return {
    teams: view.doc.teams,
    positions: opts.allPositions ? view.plan.positions : view.input.positions,
    fillTimes: view.input.ctx.fillTimes,
    months: view.projection.months,
    today,
    costByTeam: can(viewer, 'view_pay') ? view.projection.totals.byTeam : null,
    costVisible: (teamId) => canSeeTeam(viewer, teamId),
  }
}

/** The viewer's top teams: those they may see whose parent they may not (or that have none). */
export function scopeRoots(teams: readonly Team[], viewer: Viewer): string[] {
  return teams
    .filter((t) => canSeeTeam(viewer, t.id))
    .filter((t) => t.parentTeamId === null || !canSeeTeam(viewer, t.parentTeamId))
    .map((t) => t.id)
}

/**
 * Figures tables and charts kept with their view (see per-view.ts), by today, focus or team and
 * whether pay is shown (a view is already one viewer scope): the positions page and the edit that
 * follows it ask for the same table, and a team page's charts project the team's positions again.
 * The focus comes from the address, so distinct ones must not pile up.
 */
const keep = perView(64)

/** Figures for `focus` and its subteams, or without a focus for the viewer's top teams. */
export function figuresTable(
  view: ProjectionView,
  viewer: Viewer,
  today: ISODate,
  focus?: string,
): FiguresTable {
  const key = `table|${today}|${focus ?? ''}|${can(viewer, 'view_pay')}`
  return keep(view, key, () => computeFiguresTable(view, viewer, today, focus))
}

function computeFiguresTable(
  view: ProjectionView,
  viewer: Viewer,
  today: ISODate,
  focus: string | undefined,
): FiguresTable {
  const src = figuresSource(view, viewer, today)
  const teamIds = focus
    ? [focus, ...view.doc.teams.filter((t) => t.parentTeamId === focus).map((t) => t.id)]
    : scopeRoots(view.doc.teams, viewer)
  const months = view.projection.months
  // one walk over the positions per view and day, shared by every focus: an edit's answer and the
  // table after it ask for two tables of one view
  const counts = keep(view, `counts|${today}`, () => countsByTeam(src))
  return {
    teams: ownAndWithSubteams(src, teamIds, counts),
    plan: planFigures(src, src.costByTeam ? view.projection.totals.total : null, counts),
    planLabel:
      viewer.teamScope !== 'all'
        ? 'All your teams'
        : focus
          ? 'Whole plan, every team'
          : 'Plan total',
    firstMonth: months[0]!,
    lastMonth: months.at(-1)!,
    currency: view.input.reportingCurrency,
    showCost: src.costByTeam !== null,
  }
}

/** The growth and cost-by-component charts of `team` with its subteams, as `viewer` may see them. */
export function teamCharts(view: ProjectionView, viewer: Viewer, team: Team): TeamChartsModel {
  const showCost = can(viewer, 'view_pay', team.id)
  return keep(view, `charts|${team.id}|${showCost}`, () => computeTeamCharts(view, team, showCost))
}

function computeTeamCharts(view: ProjectionView, team: Team, showCost: boolean): TeamChartsModel {
  const { doc } = view
  const ids = teamAndSubteams(doc.teams, team.id)
  const positions = view.input.positions.filter((p) => ids.has(p.teamId))
  const { months } = view.projection
  const heads = (teamIds: ReadonlySet<string>) =>
    headcountByMonth(
      positions.filter((p) => teamIds.has(p.teamId)),
      view.input.ctx.fillTimes,
      months,
    )
  const subteams = doc.teams.filter((t) => t.parentTeamId === team.id)
  return {
    teamName: team.name,
    growth: {
      months,
      series: [
        { name: subteams.length ? `${team.name} (all)` : team.name, values: heads(ids) },
        ...subteams.map((s) => ({ name: s.name, values: heads(teamAndSubteams(doc.teams, s.id)) })),
      ],
    },
    costByComponent: showCost
      ? costByComponent(view.input, ids).map((x) => ({
          label: COMPONENT_LABEL[x.component],
          total: x.total,
        }))
      : null,
    currency: view.input.reportingCurrency,
  }
}
