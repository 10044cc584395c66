/**
 * Projections as the pages and the API read them: the workspace decoded once and each projection
 * computed once per (plan, scenario, currency, viewer scope), until the store's revision changes
 * (triggers bump it on every workspace write, migration 0003). A manager's projection holds only
 * their teams' positions and no company lines.
 */
import { HTTPException } from 'hono/http-exception'
import { type Database, openDatabase } from '../../db/open.ts'
import { readSponsorships, seedHiringDefaults } from '../../db/repos/hiring.ts'
import { getPosition } from '../../db/repos/positions.ts'
import { listProposals, type Proposal } from '../../db/repos/proposals.ts'
import { currentRevision } from '../../db/repos/revision.ts'
import { isEmpty, loadWorkspace, loadWorkspaceSteps } from '../../db/repos/workspace.ts'
import type { LockedBudget, WorkspaceDocument } from '../../domain/document.ts'
import { type HiringCostOptions, sponsorshipOptions } from '../../domain/hiring/costs.ts'
import type { FillTimesLookup } from '../../domain/hiring/time-to-fill.ts'
import { Lru } from '../../domain/lru.ts'
import type { FxRateSet, Plan, Position, Scenario } from '../../domain/model.ts'
import type { Currency } from '../../domain/money.ts'
import { type FastProjection, projectFast, projectFastSteps } from '../../domain/projection/fast.ts'
import { type ProjectionInput, projectionInput } from '../../domain/projection/input.ts'
import type { RuleBook } from '../../domain/rules/index.ts'
import { applyScenario } from '../../domain/scenario.ts'
import { atOnce, type Steps } from '../../domain/steps.ts'
import { scopePositions, type Viewer } from '../auth/viewer.ts'
import { inTurns } from '../http/turns.ts'
import { withoutCompanyLines } from './company-lines.ts'
import { withPending } from './proposals.ts'
import { hiringDefaults, planFillTimes } from './recruiting.ts'

export interface ProjectionView {
  doc: WorkspaceDocument
  plan: Plan
  scenario: Scenario | null
  /** The FX rate set the projection converts with (the scenario's own, unless overridden). */
  fx: FxRateSet
  input: ProjectionInput
  /** Scoped to the viewer's teams. */
  projection: FastProjection
  /** Set when the view is a locked budget's, not the working plan's. */
  budget?: { id: string; name: string }
}

export interface ProjectionQuery {
  /** The first plan when absent. */
  planId?: string | undefined
  /** The baseline when absent or null. */
  scenarioId?: string | null | undefined
  /** The plan's reporting currency when absent. */
  currency?: Currency | undefined
  /** Convert at this rate set instead of the scenario's or plan's own (for the FX effect). */
  fxRateSetId?: string | undefined
  /**
   * 'approved' (the default): the plan as approved. 'all': with every pending proposal applied
   * too, so leadership and the proposing manager can see what the hiring plan would cost.
   */
  include?: 'approved' | 'all' | undefined
}

interface Scope {
  key: string
  viewer: Viewer
}

/** A view asked for: what it is computed from, and its cache key. */
interface Wanted {
  key: string
  doc: WorkspaceDocument
  plan: Plan
  scenario: Scenario | null
  fx: FxRateSet
  currency: Currency
  scope: Scope
  /** Pending proposals applied (include=all), else null. */
  pending: Proposal[] | null
}

/** Whom a start-up's projection is for: any role that sees every team (only the scope counts). */
const COMPANY_WIDE: Viewer = {
  userId: '',
  email: '',
  name: '',
  role: 'leadership',
  teamScope: 'all',
  teams: [],
  via: 'session',
}

/** Projections kept at once: a plan's scenarios in both currencies for several scopes. */
const VIEWS_KEPT = 32

const notFound = (message: string) => new HTTPException(404, { message })

/** Budget views kept: a few budgets x currencies x viewer scopes in use at once. */
const MAX_BUDGET_VIEWS = 16

export class ProjectionService {
  #revision = -1
  #doc: WorkspaceDocument | null = null
  /**
   * Views by plan|scenario|currency|scope, valid for `#revision`. Bounded: each manager's scope
   * and each set of pending proposals makes its own key.
   */
  #views = new Lru<string, ProjectionView & { scope: Scope }>(VIEWS_KEPT)
  /** Locked budgets' views, oldest first, at most MAX_BUDGET_VIEWS. */
  #budgetViews = new Map<string, ProjectionView & { scope: Scope }>()
  /** Projections being computed in steps, by revision and view key. */
  #computing = new Map<string, Promise<{ input: ProjectionInput; projection: FastProjection }>>()
  /** The workspace being loaded in steps. */
  #loading: Promise<void> | null = null
  #fillTimesByPlan = new Map<string, FillTimesLookup>()

  constructor(
    private readonly db: Database,
    private readonly rules: RuleBook,
  ) {
    // projections read the time-to-fill tables: seeded now, not by the first read (which would
    // outdate the views it had just made)
    seedHiringDefaults(db, hiringDefaults())
  }

  /** The decoded workspace at the store's current revision; 404 before a seed or import. */
  workspace(): WorkspaceDocument {
    const revision = currentRevision(this.db)
    if (revision !== this.#revision || this.#doc === null) {
      this.#views.clear()
      this.#doc = isEmpty(this.db) ? null : loadWorkspace(this.db)
      this.#revision = revision
    }
    if (this.#doc === null) throw notFound('There is no workspace yet: import a plan document.')
    return this.#doc
  }

  /** `workspace` without holding the event loop when the store moved on (see `ready`). */
  async workspaceInTurns(): Promise<WorkspaceDocument> {
    await this.ready()
    return this.workspace()
  }

  plans(): { plan: Plan; scenarios: Scenario[] }[] {
    if (isEmpty(this.db)) return []
    const doc = this.workspace()
    return doc.plans.map((plan) => ({
      plan,
      scenarios: doc.scenarios.filter((s) => s.planId === plan.id),
    }))
  }

  /** Throws a 404 HTTPException naming an unknown plan or scenario. */
  view(viewer: Viewer, q: ProjectionQuery = {}): ProjectionView {
    const wanted = this.#wanted(viewer, q)
    return this.#views.get(wanted.key) ?? this.#keep(wanted, atOnce(this.#projectSteps(wanted)))
  }

  /**
   * `view` without holding the event loop: the workspace loaded (`ready`) and the projection
   * computed in steps, each waiting its turn behind queued requests; callers asking for the same
   * view meanwhile share one computation. A write to the store while it is computed makes it
   * start again (the third time at once).
   */
  async viewInTurns(viewer: Viewer, q: ProjectionQuery = {}): Promise<ProjectionView> {
    for (let tries = 1; ; tries++) {
      await this.ready()
      const wanted = this.#wanted(viewer, q)
      const kept = this.#views.get(wanted.key)
      if (kept) return kept
      if (tries === 3) return this.view(viewer, q)
      const revision = this.#revision
      const computing = `${revision}|${wanted.key}`
      let projection = this.#computing.get(computing)
      if (!projection) {
        projection = inTurns(this.#projectSteps(wanted)).finally(() =>
          this.#computing.delete(computing),
        )
        this.#computing.set(computing, projection)
      }
      const built = await projection
      if (currentRevision(this.db) === revision && this.#revision === revision) {
        return this.#views.get(wanted.key) ?? this.#keep(wanted, built)
      }
    }
  }

  /**
   * The first plan's company-wide view (what the dashboard and positions pages open on for every
   * role but a manager), computed in turns as `viewInTurns` does: called at start-up, so the
   * first page after a start waits on a computation already under way, and the health check and
   * sign-in are answered meanwhile. Null when there is no workspace yet.
   */
  async warm(): Promise<ProjectionView | null> {
    await this.ready()
    if (isEmpty(this.db)) return null
    return this.viewInTurns(COMPANY_WIDE, {})
  }

  /**
   * Brings the decoded workspace up to the store's revision without holding the event loop: read
   * in steps on a read-only connection of its own, inside one read transaction, so the pauses see
   * one state of the store whatever other requests write meanwhile. Callers share one load. An
   * in-memory database (tests) cannot be opened twice: `workspace()` loads it at once instead.
   */
  async ready(): Promise<void> {
    if (this.#doc !== null && currentRevision(this.db) === this.#revision) return
    if (this.db.memory) return
    this.#loading ??= this.#loadInSteps().finally(() => {
      this.#loading = null
    })
    await this.#loading
  }

  async #loadInSteps(): Promise<void> {
    const reader = openDatabase(this.db.name, { readonly: true })
    try {
      reader.exec('BEGIN')
      const revision = currentRevision(reader)
      if (revision <= this.#revision) return
      const doc = isEmpty(reader) ? null : await inTurns(loadWorkspaceSteps(reader))
      // a later state may have been loaded at once meanwhile (`workspace()`): keep the newer
      if (revision > this.#revision) {
        this.#views.clear()
        this.#doc = doc
        this.#revision = revision
      }
    } finally {
      reader.close()
    }
  }

  /** The view `q` names for `viewer`, and its cache key; 404 for an unknown plan or scenario. */
  #wanted(viewer: Viewer, q: ProjectionQuery): Wanted {
    const doc = this.workspace()
    const plan = q.planId === undefined ? doc.plans[0] : doc.plans.find((p) => p.id === q.planId)
    if (!plan) throw notFound(q.planId ? `There is no plan "${q.planId}".` : 'There are no plans.')
    const scenario = q.scenarioId ? doc.scenarios.find((s) => s.id === q.scenarioId) : null
    if (scenario === undefined || (scenario && scenario.planId !== plan.id)) {
      throw notFound(`Plan "${plan.id}" has no scenario "${q.scenarioId}".`)
    }
    const applied = scenario ? applyScenario(plan, scenario) : null
    const fxRateSetId = q.fxRateSetId ?? applied?.fxRateSetId ?? plan.fxRateSetId
    const fx = doc.fxRateSets.find((f) => f.id === fxRateSetId)
    if (!fx) throw notFound(`There is no FX rate set "${fxRateSetId}".`)
    const currency = q.currency ?? plan.reportingCurrency
    const scope = scopeOf(viewer)
    // pending proposals are not workspace data: their own stamp keys the 'all' views
    const pending =
      q.include === 'all' ? listProposals(this.db, { status: 'pending', planId: plan.id }) : null
    const stamp = pending ? pendingStamp(pending) : ''
    const key = [plan.id, scenario?.id ?? '', fx.id, currency, scope.key, stamp].join('|')
    return { key, doc, plan, scenario, fx, currency, scope, pending }
  }

  /** The projection of a wanted view, in steps. */
  *#projectSteps(w: Wanted): Steps<{ input: ProjectionInput; projection: FastProjection }> {
    const proposed = w.pending
      ? { ...w.plan, positions: withPending(w.plan.positions, w.pending) }
      : w.plan
    const input = this.#input(w.doc, proposed, w.scenario, w.fx, w.currency, w.scope.viewer)
    const projection = yield* projectFastSteps(input)
    return { input, projection: this.#scoped(projection, input, w.scope.viewer) }
  }

  #keep(w: Wanted, built: { input: ProjectionInput; projection: FastProjection }) {
    const { doc, plan, scenario, fx, scope } = w
    const view = { doc, plan, scenario, fx, scope, ...built }
    this.#views.set(w.key, view)
    return view
  }

  /**
   * Call right after (synchronously, with no await between) a write that changed only position
   * `positionId` of plan `planId`: cached projections of that plan are updated by difference
   * (`withPosition`) instead of recomputed, and every other cached view is kept. Any other write
   * since the last read makes this a plain reload.
   */
  positionEdited(planId: string, positionId: string): void {
    const before = this.#revision
    const views = [...this.#views.entries()]
    const doc = this.#patched(planId, positionId) ?? this.workspace()
    if (this.#revision === before || before === -1) return
    const plan = doc.plans.find((p) => p.id === planId)
    if (!plan) return
    let pending: Proposal[] | undefined
    for (const [key, old] of views) {
      // a view with pending proposals applied (its key ends in their stamp) is updated by
      // difference too while the same proposals wait and none of them is for this position;
      // otherwise it is rebuilt on demand
      if (!key.endsWith('|')) {
        pending ??= listProposals(this.db, { status: 'pending', planId })
        const patchable =
          old.plan.id === planId &&
          key.endsWith(`|${pendingStamp(pending)}`) &&
          !pending.some((p) => p.positionId === positionId)
        const scenario = old.scenario && doc.scenarios.find((s) => s.id === old.scenario!.id)
        if (!patchable || scenario === undefined) {
          this.#views.delete(key)
          continue
        }
        const proposed = { ...plan, positions: withPending(plan.positions, pending) }
        const { viewer } = old.scope
        const currency = old.input.reportingCurrency
        const input = this.#input(doc, proposed, scenario, old.fx, currency, viewer)
        const projection = old.projection.withPosition(input, positionId)
        this.#views.set(key, { ...old, doc, plan, scenario, input, projection })
        continue
      }
      if (old.plan.id !== planId) {
        this.#views.set(key, { ...old, doc, plan: doc.plans.find((p) => p.id === old.plan.id)! })
        continue
      }
      const scenario = old.scenario && doc.scenarios.find((s) => s.id === old.scenario!.id)
      if (scenario === undefined) continue
      const { viewer } = old.scope
      const input = this.#input(doc, plan, scenario, old.fx, old.input.reportingCurrency, viewer)
      const projection = old.projection.withPosition(input, positionId)
      this.#views.set(key, { ...old, doc, plan, scenario, input, projection })
    }
  }

  /**
   * The cached workspace with one position re-read, instead of decoding all of it again (about
   * 200 ms for 2,000 positions) - but only if that position's write is the sole change since the
   * last read: the triggers bump the revision once per row, so a create or update of the position
   * moves it by exactly 1 + its old and new raise and grant rows. Otherwise null (reload).
   */
  #patched(planId: string, positionId: string): WorkspaceDocument | null {
    const doc = this.#doc
    const plan = doc?.plans.find((p) => p.id === planId)
    const stored = plan && getPosition(this.db, planId, positionId)
    if (!doc || !plan || !stored) return null
    const old = plan.positions.find((p) => p.id === positionId)
    const rows = (p: Position | undefined) => (p ? p.raises.length + p.equityGrants.length : 0)
    const revision = currentRevision(this.db)
    if (revision !== this.#revision + 1 + rows(old) + rows(stored.position)) return null
    const positions = old
      ? plan.positions.map((p) => (p.id === positionId ? stored.position : p))
      : [...plan.positions, stored.position]
    const next = { ...doc, plans: doc.plans.map((p) => (p === plan ? { ...plan, positions } : p)) }
    // the fill times read no position: the lookup (and every cache keyed by it, such as the
    // positions table's rows) holds across the edit
    const fillTimes = this.#fillTimesByPlan.get(`${this.#revision}|${planId}`)
    if (fillTimes) this.#fillTimesByPlan = new Map([[`${revision}|${planId}`, fillTimes]])
    this.#doc = next
    this.#revision = revision
    return next
  }

  /**
   * A locked budget's projection, as `view` gives the plan's: computed from the budget's own copy
   * of the plan, rates and reference data, scoped to the viewer. Converted at `fxRateSetId` (the
   * budget's copy of that set, else the workspace's) to separate an FX effect.
   */
  budgetView(
    viewer: Viewer,
    budget: LockedBudget,
    q: Pick<ProjectionQuery, 'currency' | 'fxRateSetId'> = {},
  ): ProjectionView {
    const doc: WorkspaceDocument = { ...budget.snapshot, budgets: [] }
    const plan = doc.plans[0]!
    const fxId = q.fxRateSetId ?? plan.fxRateSetId
    const fx =
      doc.fxRateSets.find((f) => f.id === fxId) ??
      this.workspace().fxRateSets.find((f) => f.id === fxId)
    if (!fx) throw notFound(`There is no FX rate set "${fxId}".`)
    const currency = q.currency ?? plan.reportingCurrency
    const scope = scopeOf(viewer)
    // a locked budget never changes: its views outlive workspace writes (rates of the workspace's
    // own set, used to show an FX effect, are part of the key by their values)
    const rates = fx === doc.fxRateSets.find((f) => f.id === fxId) ? '' : JSON.stringify(fx)
    const key = [budget.id, budget.lockedAt, fx.id, rates, currency, scope.key].join('|')
    let view = this.#budgetViews.get(key)
    if (!view) {
      // the budget's copy holds no per-role sponsorship: its roles are costed with the defaults
      const input = projectionInput(doc, plan, this.rules, {
        positions: scopePositions(viewer, plan.positions),
        fxRateSet: fx,
        reportingCurrency: currency,
        fillTimes: planFillTimes(this.db, doc, plan.id),
      })
      const projection = this.#project(input, viewer)
      const named = { id: budget.id, name: budget.name }
      view = { doc, plan, scenario: null, fx, input, projection, scope, budget: named }
      this.#budgetViews.set(key, view)
      for (const [oldest] of this.#budgetViews) {
        if (this.#budgetViews.size <= MAX_BUDGET_VIEWS) break
        this.#budgetViews.delete(oldest)
      }
    }
    return view
  }

  #input(
    doc: WorkspaceDocument,
    plan: Plan,
    scenario: Scenario | null,
    fxRateSet: FxRateSet,
    currency: Currency,
    viewer: Viewer,
  ): ProjectionInput {
    const applied = scenario ? applyScenario(plan, scenario) : null
    return projectionInput(doc, plan, this.rules, {
      positions: scopePositions(viewer, applied?.positions ?? plan.positions),
      ...(applied ? { assumptions: applied.assumptions } : {}),
      fxRateSet,
      reportingCurrency: currency,
      sponsorship: sponsorshipByRole(this.db, plan.id),
      fillTimes: this.#fillTimes(doc, plan.id),
    })
  }

  /** One lookup per plan and workspace revision, so caches keyed by it hold across views. */
  #fillTimes(doc: WorkspaceDocument, planId: string): FillTimesLookup {
    const key = `${this.#revision}|${planId}`
    let lookup = this.#fillTimesByPlan.get(key)
    if (lookup === undefined) {
      lookup = planFillTimes(this.db, doc, planId)
      this.#fillTimesByPlan.clear()
      this.#fillTimesByPlan.set(key, lookup)
    }
    return lookup
  }

  #project(input: ProjectionInput, viewer: Viewer): FastProjection {
    return this.#scoped(projectFast(input), input, viewer)
  }

  /** A manager's projection holds no company lines. */
  #scoped(projection: FastProjection, input: ProjectionInput, viewer: Viewer): FastProjection {
    return viewer.teamScope === 'all' ? projection : withoutCompanyLines(projection, input)
  }
}

/** The sponsorship options the plan sets per role (stored with the hiring settings). */
function sponsorshipByRole(db: Database, planId: string): Map<string, HiringCostOptions> {
  const stored = readSponsorships(db, planId)
  return new Map([...stored].map(([roleId, s]) => [roleId, sponsorshipOptions(s.value)]))
}

function scopeOf(viewer: Viewer): Scope {
  const key = viewer.teamScope === 'all' ? 'all' : [...viewer.teamScope].sort().join(',')
  return { key, viewer }
}

/** What keys a view with pending proposals applied: the proposals and their versions. */
const pendingStamp = (pending: readonly Proposal[]) =>
  `all:${pending.map((p) => `${p.id}@${p.version}`).join(',')}`
