/**
 * Budgets as the pages and the API read and write them: the plan's figures per team and fiscal
 * year against each budget, and the checks a budget must pass before it is stored (a known plan,
 * team or department, a fiscal year the plan covers, amounts that are not negative).
 */
import * as z from 'zod'
import { fiscalPeriodText } from '../../../views/components/FiscalPeriod.tsx'
import type { BudgetStandingYear } from '../../../views/partials/BudgetStanding.tsx'
import type { TeamStoredBudget } from '../../db/repos/team-budgets.ts'
import { fiscalYearOf, type ISODate, monthOf } from '../../domain/calendar.ts'
import { planFiscalYears, type WorkspaceDocument } from '../../domain/document.ts'
import { dec, formatMinor, toMinor } from '../../domain/money.ts'
import {
  BUDGET_KINDS,
  type BudgetCheck,
  checkBudgets,
  type DepartmentShortfall,
  departmentShortfalls,
  type PlanYearFigures,
  planYearFigures,
  type TeamBudget,
} from '../../domain/team-budgets.ts'
import { canSeeTeam, type Viewer } from '../auth/viewer.ts'
import { perView } from './per-view.ts'
import type { ProjectionView } from './projections.ts'

export interface TeamBudgetReport {
  figures: PlanYearFigures
  checks: BudgetCheck[]
  shortfalls: DepartmentShortfall[]
}

/** Figures kept with their view (see per-view.ts): one figures table and one budget report each. */
const keep = perView(2)

/** The view's plan per team and fiscal year (cost in the view's currency), worked out once. */
export function viewYearFigures(view: ProjectionView): PlanYearFigures {
  return keep(view, 'figures', () =>
    planYearFigures({
      months: view.projection.months,
      fiscalStartMonth: view.projection.fiscalYearStartMonth,
      teams: view.doc.teams,
      costByTeam: view.projection.totals.byTeam,
      positions: view.input.positions,
      fillTimes: view.input.ctx.fillTimes,
    }),
  )
}

/**
 * The view's plan (as its positions and scope stand) against `budgets`, by default the plan's
 * budgets in the workspace the view was read from (then worked out once per view).
 */
export function teamBudgetReport(
  view: ProjectionView,
  budgets: readonly TeamBudget[] = view.doc.teamBudgets,
): TeamBudgetReport {
  const report = () => {
    const figures = viewYearFigures(view)
    const own = budgets.filter((b) => b.planId === view.plan.id)
    return {
      figures,
      checks: checkBudgets(own, figures, view.doc.teams),
      shortfalls: departmentShortfalls(own, view.doc.teams),
    }
  }
  return budgets === view.doc.teamBudgets ? keep(view, 'report', report) : report()
}

const blankToNull = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : v)

/** A budget as a form or the API sends it; amounts as text, blank for "no figure". */
export const teamBudgetInput = z.object({
  planId: z.string({ error: 'is required' }).min(1, 'is required'),
  kind: z.enum(BUDGET_KINDS, { error: 'must be team or department' }),
  ownerId: z.string({ error: 'is required' }).min(1, 'is required'),
  fiscalYear: z.coerce
    .number({ error: 'must be a year such as 2027' })
    .int('must be a year such as 2027'),
  headcountCap: z.preprocess(
    blankToNull,
    z.coerce
      .number({ error: 'must be a whole number' })
      .int('must be a whole number')
      .min(0, 'must not be negative')
      .max(1_000_000, 'is too large')
      .nullable(),
  ),
  cost: z.preprocess(
    (v) => (typeof v === 'number' ? String(v) : blankToNull(v)),
    z
      .string()
      .trim()
      .refine((s) => !s.startsWith('-'), 'must not be negative')
      .refine((s) => /^\d{1,13}(\.\d{1,2})?$/.test(s.replaceAll(',', '')), {
        message: 'must be an amount such as 1250000 or 1250000.00',
        abort: true,
      })
      .transform((s) => s.replaceAll(',', ''))
      .nullable(),
  ),
  /** The version the budget was read at; 0 when it was not set. */
  version: z.coerce
    .number({ error: 'is missing: reload the page' })
    .int()
    .min(0, 'is missing: reload the page'),
})
export type TeamBudgetInput = z.output<typeof teamBudgetInput>

export type TeamCheckedBudget =
  | {
      ok: true
      key: Omit<TeamBudget, 'headcountCap' | 'cost'>
      value: TeamBudget | null
      version: number
    }
  | { ok: false; errors: Record<string, string> }

/**
 * Parses and checks one budget against the workspace: every problem is named by its field.
 * Both amounts blank means "remove this budget".
 */
export function checkTeamBudgetInput(doc: WorkspaceDocument, raw: unknown): TeamCheckedBudget {
  const parsed = teamBudgetInput.safeParse(raw)
  if (!parsed.success) {
    const errors: Record<string, string> = {}
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? 'form')
      errors[field] ??= issue.message
    }
    return { ok: false, errors }
  }
  const f = parsed.data
  const plan = doc.plans.find((p) => p.id === f.planId)
  if (!plan) return { ok: false, errors: { planId: `there is no plan "${f.planId}"` } }
  const known =
    f.kind === 'team'
      ? doc.teams.some((t) => t.id === f.ownerId)
      : doc.departments.some((d) => d.id === f.ownerId)
  if (!known) return { ok: false, errors: { ownerId: `there is no ${f.kind} "${f.ownerId}"` } }
  const years = planFiscalYears(plan, doc.organisation.fiscalYearStartMonth)
  if (!years.includes(f.fiscalYear)) {
    return {
      ok: false,
      errors: {
        fiscalYear: fiscalPeriodText(
          `FY${f.fiscalYear} is outside the plan, which covers ${years.map((y) => `FY${y}`).join(' and ')}`,
          doc.organisation.fiscalYearStartMonth,
        ),
      },
    }
  }
  const key = { planId: f.planId, kind: f.kind, ownerId: f.ownerId, fiscalYear: f.fiscalYear }
  const value =
    f.headcountCap === null && f.cost === null
      ? null
      : { ...key, headcountCap: f.headcountCap, cost: f.cost === null ? null : dec(f.cost) }
  return { ok: true, key, value, version: f.version }
}

/** A stored budget in the API's text form, with the version to send back with a change. */
export function teamBudgetJson(s: TeamStoredBudget) {
  return {
    planId: s.budget.planId,
    kind: s.budget.kind,
    ownerId: s.budget.ownerId,
    fiscalYear: s.budget.fiscalYear,
    headcountCap: s.budget.headcountCap,
    cost: s.budget.cost?.toFixed(2) ?? null,
    version: s.version,
    updatedAt: s.updatedAt,
  }
}

/**
 * A team's plan (with its subteams) against its budget for each fiscal year of the plan, in the
 * view's currency, which for a team page is the plan's reporting currency the budgets are set in.
 */
export function teamBudgetStanding(view: ProjectionView, teamId: string): BudgetStandingYear[] {
  const report = teamBudgetReport(view)
  return report.figures.years.map((y, i) => {
    const k = report.checks.find(
      (c) =>
        c.budget.kind === 'team' && c.budget.ownerId === teamId && c.budget.fiscalYear === y.year,
    )
    return {
      label: y.label,
      covers: y.covers,
      plannedCost: report.figures.costWithSubteams.get(teamId)?.[i] ?? 0,
      plannedHeads: report.figures.headsWithSubteams.get(teamId)?.[i] ?? 0,
      cost: k?.budget.cost ? toMinor(k.budget.cost) : null,
      costHeadroom: k?.costHeadroom ?? null,
      headcountCap: k?.budget.headcountCap ?? null,
      headsHeadroom: k?.headsHeadroom ?? null,
      over: k?.over ?? false,
    }
  })
}

/**
 * This fiscal year's plan against each budget the viewer may see (the plan's first year before
 * it starts), as the organisation page says it: "FY2027 budget £1,600,000.00: £13,620.35 over".
 */
export function budgetLines(
  view: ProjectionView,
  viewer: Viewer,
  today: ISODate,
): Map<string, { text: string; over: boolean }> {
  const report = teamBudgetReport(view)
  const thisYear = fiscalYearOf(monthOf(today), view.projection.fiscalYearStartMonth)
  const year = report.figures.years.find((y) => y.year >= thisYear) ?? report.figures.years[0]
  const currency = view.input.reportingCurrency
  const lines = new Map<string, { text: string; over: boolean }>()
  for (const k of report.checks) {
    const b = k.budget
    if (b.fiscalYear !== year?.year) continue
    if (b.kind === 'team' ? !canSeeTeam(viewer, b.ownerId) : viewer.teamScope !== 'all') continue
    const parts = [
      k.costHeadroom !== null &&
        `${formatMinor(toMinor(b.cost!), currency)}: ${formatMinor(Math.abs(k.costHeadroom), currency)} ${k.costHeadroom < 0 ? 'over' : 'left'}`,
      k.headsHeadroom !== null &&
        `cap ${b.headcountCap}: ${Math.abs(k.headsHeadroom)} ${k.headsHeadroom < 0 ? 'over' : 'left'}`,
    ].filter(Boolean)
    lines.set(`${b.kind}:${b.ownerId}`, {
      text: `${year.label} (${year.covers}) budget ${parts.join('; ')}${k.over ? ' (over budget)' : ''}`,
      over: k.over,
    })
  }
  return lines
}
