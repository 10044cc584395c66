/**
 * Plan against actuals as the pages and the API use it: locking and unlocking budgets, roster
 * syncs and payroll imports written in one transaction with their audit entry, and variance
 * reports scoped to the viewer's teams (a viewer's without pay is the pages' concern).
 */
import { fiscalPeriodText } from '../../../views/components/FiscalPeriod.tsx'
import type { Database } from '../../db/open.ts'
import {
  budgetNameTaken,
  closedMonths,
  deleteBudget,
  getBudget,
  insertBudget,
  listBudgets,
  readActualRates,
  readEmployeeLinksSteps,
  readPayrollLines,
  readPayrollLinesSteps,
  replacePayrollMonthsSteps,
  saveActualRates,
  saveEmployeeLinks,
} from '../../db/repos/actuals.ts'
import { recordAudit } from '../../db/repos/audit.ts'
import { saveActualYtdSteps } from '../../db/repos/plans.ts'
import { savePositions } from '../../db/repos/positions.ts'
import { currentRevision } from '../../db/repos/revision.ts'
import { writeInSteps } from '../../db/write-in-steps.ts'
import type { ActualRate, PayrollFile, PayrollLine } from '../../domain/actuals/payroll.ts'
import {
  actualByPerson,
  actualRates,
  budgetByPerson,
  type CellFilter,
  fiscalYearMonths,
  monthlyTotals,
  type PersonAmount,
  payrollSide,
  projectionSide,
  ratesOf,
  type VarianceReport,
  varianceReport,
} from '../../domain/actuals/report.ts'
import {
  positionsById,
  type Reconciliation,
  type RosterChoices,
  type RosterFile,
  type RosterWrites,
  rosterWritesSteps,
} from '../../domain/actuals/roster.ts'
import { ytdFromPayrollSteps } from '../../domain/actuals/ytd.ts'
import { fiscalYearOf, type Month } from '../../domain/calendar.ts'
import type { LockedBudget, WorkspaceDocument } from '../../domain/document.ts'
import type { Plan, Position } from '../../domain/model.ts'
import type { Currency } from '../../domain/money.ts'
import { atOnce, type Steps } from '../../domain/steps.ts'
import { canSeeTeam, type Viewer } from '../auth/viewer.ts'
import { inBackground, inTurns } from '../http/turns.ts'
import type { ProjectionService, ProjectionView } from './projections.ts'

export type FieldErrors = Record<string, string>

/** The workspace a roster or payroll file was checked against, and the revision it was at. */
export interface CheckedAgainst {
  doc: WorkspaceDocument
  at: number
}

/** Positions rewritten, and employee links saved, between two pauses of a roster sync. */
const POSITIONS_PER_STEP = 25
const LINKS_PER_STEP = 500

/** The people of a plan's payroll and roster files, by employee id. */
export interface Employees {
  /** Employee id to position id, as roster syncs linked them. */
  links: ReadonlyMap<string, string>
  position(employeeId: string): Position | undefined
}

function* chunks<T>(items: readonly T[], size: number): Generator<readonly T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size)
}

/** The fiscal years a plan's months touch: the choices for a budget. */
export function planFiscalYears(months: readonly string[], fyStart: number): number[] {
  return [...new Set(months.map((m) => fiscalYearOf(m, fyStart)))]
}

export interface LockRequest {
  name: string
  planId: string
  fiscalYear: number
}

const slug = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 56) || 'budget'

export class ActualsService {
  constructor(
    private readonly db: Database,
    private readonly projections: ProjectionService,
  ) {}

  /** Counts the writes here (roster, payroll, rates), so figures kept from them are never stale. */
  #writes = 0
  readonly #paid = new WeakMap<
    ProjectionView,
    { writes: number; paid: ReadonlyMap<Month, number> | null }
  >()
  /** The last plan's employees and the store revision they were read at. */
  #employees: { plan: Plan; revision: number; employees: Employees } | null = null

  budgets() {
    return listBudgets(this.db)
  }

  /** Locks a copy of the plan as it is now; field errors (422) when the request is not valid. */
  lock(
    req: LockRequest,
    by: Viewer,
    now: Date,
  ): { ok: true; budget: LockedBudget } | { ok: false; errors: FieldErrors } {
    const doc = this.projections.workspace()
    const plan = doc.plans.find((p) => p.id === req.planId)
    const errors: FieldErrors = {}
    if (!plan) errors.plan = 'Choose one of the plans.'
    if (budgetNameTaken(this.db, req.name)) {
      errors.name = `A budget is already locked as "${req.name}": choose another name, or unlock that one first.`
    }
    const fyStart = doc.organisation.fiscalYearStartMonth
    if (plan) {
      const months = this.projections.view(by, { planId: plan.id }).projection.months
      const years = planFiscalYears(months, fyStart)
      if (!years.includes(req.fiscalYear)) {
        errors.fiscalYear = fiscalPeriodText(
          `${plan.name} covers FY${years[0]} to FY${years.at(-1)}.`,
          fyStart,
        )
      }
    }
    if (Object.keys(errors).length > 0 || !plan) return { ok: false, errors }
    let id = slug(req.name)
    for (let n = 2; getBudget(this.db, id); n++) id = `${slug(req.name)}-${n}`
    const { budgets: _, ...content } = doc
    const budget: LockedBudget = {
      id,
      name: req.name,
      planId: plan.id,
      fiscalYear: req.fiscalYear,
      lockedAt: now.toISOString(),
      lockedBy: by.name,
      snapshot: {
        ...content,
        plans: [plan],
        scenarios: [],
        // the team budgets the plan is held to are part of what is locked
        teamBudgets: content.teamBudgets.filter((b) => b.planId === plan.id),
        roleSponsorships: content.roleSponsorships.filter((s) => s.planId === plan.id),
      },
    }
    this.db.transaction(() => {
      insertBudget(this.db, budget)
      recordAudit(
        this.db,
        {
          userId: by.userId,
          action: 'budget.lock',
          entityType: 'budget',
          entityId: id,
          after: { name: budget.name, plan: plan.name, fiscalYear: budget.fiscalYear },
        },
        now,
      )
    })()
    return { ok: true, budget }
  }

  /** Unlocking discards the locked copy (the audit trail keeps who did it and when). */
  unlock(id: string, by: Viewer, now: Date): boolean {
    return this.db.transaction(() => {
      const before = listBudgets(this.db).find((b) => b.id === id)
      if (!before || !deleteBudget(this.db, id)) return false
      recordAudit(
        this.db,
        {
          userId: by.userId,
          action: 'budget.unlock',
          entityType: 'budget',
          entityId: id,
          before: { name: before.name, fiscalYear: before.fiscalYear, lockedBy: before.lockedBy },
        },
        now,
      )
      return true
    })()
  }

  budget(id: string): LockedBudget | null {
    return getBudget(this.db, id)
  }

  // -------------------------------------------------------------------------------------------
  // Roster and payroll

  /** Who each employee id of a payroll or roster file is in `plan` (kept for one store revision). */
  employees(plan: Plan): Employees {
    return atOnce(this.#employeesSteps(plan))
  }

  /** As `employees`, read a page and a few thousand positions per turn when not kept. */
  employeesInTurns(plan: Plan): Promise<Employees> {
    return inTurns(this.#employeesSteps(plan))
  }

  *#employeesSteps(plan: Plan): Steps<Employees> {
    for (;;) {
      const revision = currentRevision(this.db)
      const kept = this.#employees
      if (kept?.plan === plan && kept.revision === revision) return kept.employees
      const links = yield* readEmployeeLinksSteps(this.db, plan.id)
      const positions = yield* positionsById(plan.positions)
      // a write between the pages: read them again, from the new revision
      if (currentRevision(this.db) !== revision) continue
      const employees = { links, position: (id: string) => positions.get(links.get(id) ?? '') }
      this.#employees = { plan, revision, employees }
      return employees
    }
  }

  /**
   * The workspace a file is checked against, with the store revision it is at (read in the same
   * turn), which the file's write confirms (StoreMovedError if the store moved on meanwhile).
   */
  async checkedWorkspace(): Promise<CheckedAgainst> {
    const doc = await this.projections.workspaceInTurns()
    return { doc, at: currentRevision(this.db) }
  }

  /**
   * Writes a reconciled roster in one transaction with one audit entry, a few positions at a time
   * so other requests are answered meanwhile; returns what it wrote. StoreMovedError when the
   * store was written after `checkedAt`, the revision the roster was reconciled against.
   */
  async applyRoster(
    plan: Plan,
    file: RosterFile,
    found: Reconciliation,
    choices: RosterChoices,
    asOf: string,
    checked: CheckedAgainst,
    by: Viewer,
    now: Date,
  ): Promise<RosterWrites> {
    const { links } = await this.employeesInTurns(plan)
    const ctx = { doc: checked.doc, plan, links, asOf }
    const writes = await inTurns(rosterWritesSteps(file.records, found, ctx, choices))
    await inBackground(
      writeInSteps(this.db, checked.at, function* (writer) {
        for (const some of chunks(writes.save, POSITIONS_PER_STEP)) {
          savePositions(writer, plan.id, some)
          yield
        }
        for (const some of chunks(writes.links, LINKS_PER_STEP)) {
          saveEmployeeLinks(writer, plan.id, some)
          yield
        }
        recordAudit(
          writer,
          {
            userId: by.userId,
            action: 'roster.sync',
            entityType: 'plan',
            entityId: plan.id,
            after: {
              preset: file.preset,
              rows: file.rowCount,
              saved: writes.save.map((p) => (p.kind === 'filled' ? p.personName : p.title)),
              linked: writes.links.length,
              skipped: writes.skipped.map((s) => s.name),
            },
          },
          now,
        )
      }),
    )
    this.#writes++
    return writes
  }

  /**
   * Payroll for the file's months replaces what was stored for them, and the year-to-date figures
   * the engine starts from are worked out again from all payroll of the years it touches; audited.
   * Written in steps like a roster sync (StoreMovedError when the store moved on since `checked`).
   */
  async applyPayroll(
    plan: Plan,
    file: PayrollFile,
    checked: CheckedAgainst,
    by: Viewer,
    now: Date,
  ): Promise<void> {
    const people = this.#payrollPeople(checked.doc, await this.employeesInTurns(plan))
    await inBackground(
      writeInSteps(this.db, checked.at, function* (writer) {
        yield* replacePayrollMonthsSteps(writer, file.months, file.lines)
        const from = `${Number(file.months[0]!.slice(0, 4)) - 1}-04`
        const paid = yield* readPayrollLinesSteps(writer, from, file.months.at(-1)!)
        const derived = yield* ytdFromPayrollSteps(paid, people)
        yield* saveActualYtdSteps(writer, plan.id, derived)
        recordAudit(
          writer,
          {
            userId: by.userId,
            action: 'payroll.import',
            entityType: 'payroll',
            entityId: file.months.join(','),
            after: {
              months: file.months,
              people: new Set(file.lines.map((l) => l.employeeId)).size,
              yearToDate: derived.length,
            },
          },
          now,
        )
      }),
    )
    this.#writes++
  }

  /** Each linked employee's position, region and start, for year-to-date figures. */
  #payrollPeople(doc: WorkspaceDocument, employees: Employees) {
    const regions = new Map(doc.offices.map((o) => [o.id, o.region]))
    return (employeeId: string) => {
      const p = employees.position(employeeId)
      if (p?.kind !== 'filled') return undefined
      return { positionId: p.id, region: regions.get(p.officeId)!, startDate: p.startDate }
    }
  }

  applyRates(rates: readonly ActualRate[], by: Viewer, now: Date): void {
    this.#writes++
    this.db.transaction(() => {
      saveActualRates(this.db, rates)
      recordAudit(
        this.db,
        {
          userId: by.userId,
          action: 'fx.actual_rates',
          entityType: 'fx_rate',
          entityId: rates.map((r) => r.month).join(','),
          after: Object.fromEntries(rates.map((r) => [r.month, r.usdPerGbp])),
        },
        now,
      )
    })()
  }

  /** Each known employee's pay currency, through their link to a position of `plan`. */
  async currencies(
    plan: Plan,
    doc: WorkspaceDocument,
  ): Promise<(employeeId: string) => Currency | undefined> {
    const offices = new Map(doc.offices.map((o) => [o.id, o.currency]))
    const employees = await this.employeesInTurns(plan)
    return (employeeId) => {
      const p = employees.position(employeeId)
      return p && offices.get(p.officeId)
    }
  }

  closedMonths(): string[] {
    return closedMonths(this.db)
  }

  /**
   * What payroll paid in each closed month of a projection's range, for the viewer's teams, in
   * the projection's currency at the month's imported rate (the plan's where none is): the actual
   * side of a latest estimate. Null when none of its months is closed.
   */
  paidInClosedMonths(viewer: Viewer, view: ProjectionView): ReadonlyMap<Month, number> | null {
    const kept = this.#paid.get(view)
    if (kept?.writes === this.#writes) return kept.paid
    const closed = new Set(this.closedMonths())
    const months = view.projection.months.filter((m) => closed.has(m))
    let paid: Map<Month, number> | null = null
    if (months.length > 0) {
      const planRates = ratesOf(view.fx, months, view.projection.fiscalYearStartMonth)
      const { rates } = actualRates(readActualRates(this.db), months, planRates)
      const employees = this.employees(view.plan)
      const side = payrollSide(
        readPayrollLines(this.db, months[0]!, months.at(-1)!),
        months,
        rates,
        (employeeId) => employees.position(employeeId)?.teamId,
        (teamId) => canSeeTeam(viewer, teamId),
      )
      const totals = monthlyTotals(side, months.length, view.projection.totals.currency)
      paid = new Map(months.map((m, k) => [m, totals[k]!]))
    }
    this.#paid.set(view, { writes: this.#writes, paid })
    return paid
  }

  actualRates(): Map<string, string> {
    return readActualRates(this.db)
  }

  // -------------------------------------------------------------------------------------------
  // Variance

  variance(
    viewer: Viewer,
    budget: LockedBudget,
    opts: { basis: 'actual' | 'estimate'; currency: Currency },
  ): VarianceReport {
    const fyStart = budget.snapshot.organisation.fiscalYearStartMonth
    const months = fiscalYearMonths(budget.fiscalYear, fyStart)
    const includeTeam = (teamId: string) => canSeeTeam(viewer, teamId)
    const budgetRates = ratesOf(
      budget.snapshot.fxRateSets.find((s) => s.id === budget.snapshot.plans[0]!.fxRateSetId)!,
      months,
      fyStart,
    )
    const forecast = this.projections.view(viewer, { planId: budget.planId })
    const forecastRates = ratesOf(forecast.fx, months, fyStart)
    const { rates, missing } = actualRates(readActualRates(this.db), months, budgetRates)
    const lines: PayrollLine[] = readPayrollLines(this.db, months[0]!, months[11]!)
    const employees = this.employees(forecast.plan)
    const teamOf = (employeeId: string) => employees.position(employeeId)?.teamId
    return varianceReport({
      fiscalYear: budget.fiscalYear,
      months,
      currency: opts.currency,
      basis: opts.basis,
      budget: projectionSide(
        this.projections.budgetView(viewer, budget).projection,
        months,
        budgetRates,
        includeTeam,
      ),
      actual: payrollSide(lines, months, rates, teamOf, includeTeam),
      forecast: projectionSide(forecast.projection, months, forecastRates, includeTeam),
      closedMonths: this.closedMonths(),
      missingRates: missing,
    })
  }

  /**
   * The people behind a variance figure: each budgeted position's amount, and what each person
   * was paid (closed months) or is forecast (later months, for a latest estimate). Each side
   * covers its own months of the year; a figure for one month outside them has no one behind it.
   */
  peopleBehind(
    viewer: Viewer,
    budget: LockedBudget,
    report: VarianceReport,
    filter: CellFilter,
  ): { budget: PersonAmount[]; actual: PersonAmount[]; forecast: PersonAmount[] } {
    const none = { budget: [], actual: [], forecast: [] }
    if (filter.team !== undefined && !canSeeTeam(viewer, filter.team)) return none
    const fyStart = budget.snapshot.organisation.fiscalYearStartMonth
    const { months, currency } = report
    const closed = months.filter((m) => report.closed.includes(m))
    const open = months.filter((m) => !report.closed.includes(m))
    /** The filter over `subset` of the year's months; null when its month is not among them. */
    const over = (subset: readonly string[]): CellFilter | null => {
      if (filter.month === undefined) return filter
      const k = subset.indexOf(months[filter.month]!)
      return k < 0 ? null : { ...filter, month: k }
    }
    const budgetFx = budget.snapshot.fxRateSets.find(
      (s) => s.id === budget.snapshot.plans[0]!.fxRateSetId,
    )!
    const forecast = this.projections.view(viewer, { planId: budget.planId })

    const budgetMonths = report.basis === 'actual' ? closed : months
    const budgetFilter = over(budgetMonths)
    const budgeted = budgetFilter
      ? budgetByPerson(
          this.projections.budgetView(viewer, budget).projection,
          budgetMonths,
          ratesOf(budgetFx, budgetMonths, fyStart),
          currency,
          budgetFilter,
        )
      : []

    const employees = this.employees(forecast.plan)
    const who = (employeeId: string) => {
      const p = employees.position(employeeId)
      if (!p || !canSeeTeam(viewer, p.teamId)) return undefined
      return { team: p.teamId, name: p.kind === 'filled' ? p.personName : p.title }
    }
    const paidRates = actualRates(
      readActualRates(this.db),
      months,
      ratesOf(budgetFx, months, fyStart),
    ).rates
    const paid = over(closed)
      ? actualByPerson(
          readPayrollLines(this.db, months[0]!, months[11]!).filter((l) =>
            closed.includes(l.month),
          ),
          months,
          paidRates,
          currency,
          who,
          filter,
        )
      : []

    const forecastFilter = report.basis === 'estimate' ? over(open) : null
    const forecasted = forecastFilter
      ? budgetByPerson(
          forecast.projection,
          open,
          ratesOf(forecast.fx, open, fyStart),
          currency,
          forecastFilter,
        )
      : []
    return { budget: budgeted, actual: paid, forecast: forecasted }
  }
}
