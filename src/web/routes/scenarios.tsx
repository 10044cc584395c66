/**
 * Scenarios: list and create from the baseline; change roles (start date, salary, add, remove)
 * and assumptions, each save checked against the version the form was read at; compare two side
 * by side with the FX effect apart from the change in spend. Bad input re-renders the page 422
 * with the field's message and the input, storing nothing; a stale form gets 409.
 */

import { type Context, Hono } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import * as z from 'zod'
import { ScenarioCompare } from '../../../views/pages/ScenarioCompare.tsx'
import {
  ScenarioDetail,
  type ScenarioDetailProps,
  Scenarios,
  type ScenariosProps,
} from '../../../views/pages/Scenarios.tsx'
import { getBudget, listBudgets } from '../../db/repos/actuals.ts'
import { recordAudit } from '../../db/repos/audit.ts'
import {
  createScenario,
  getScenario,
  listScenarios,
  type StoredScenario,
  saveScenario,
  scenarioIdTaken,
} from '../../db/repos/scenarios.ts'
import { formatDate } from '../../domain/calendar.ts'
import type { Plan, Position, Scenario, ScenarioChange } from '../../domain/model.ts'
import { CURRENCIES, formatMoney, formatPercent } from '../../domain/money.ts'
import { namesOf, positionName } from '../../domain/names.ts'
import type { AppDeps } from '../app.ts'
import { formBody } from '../auth/forms.ts'
import { can } from '../auth/policy.ts'
import { canSeeTeam, inScope, type Viewer } from '../auth/viewer.ts'
import { BadForm, NO_VERSION } from '../http/bad-form.ts'
import { redirectAfterSave } from '../http/htmx.ts'
import { showsPennies } from '../http/preferences.ts'
import { readQuery } from '../http/query.ts'
import { PERIODS } from '../services/projection-table.ts'
import { compareFigures, sideName } from '../services/scenario-compare.ts'
import {
  addRole,
  changeAssumptions,
  changeRole,
  type EditResult,
  removeRole,
  scenarioPositions,
} from './scenario-edits.ts'

const createForm = z.object({
  name: z.string().trim().min(1, 'Enter a name').max(200, 'Use at most 200 characters'),
  fxRateSetId: z.string().max(64).default(''),
})

/** A compare side naming a locked budget: "budget:<id>". */
const BUDGET_CHOICE = 'budget:'

const compareQuery = z.object({
  a: z.string().max(100).default(''),
  b: z.string().max(100).default(''),
  currency: z.enum(CURRENCIES).optional().catch(undefined),
  period: z.enum(PERIODS).catch('quarter'),
})

const changeCount = (n: number) => `${n} role change${n === 1 ? '' : 's'}`

/**
 * The scenario's changes the viewer may see: each belongs to the team of the role it changes, so
 * a manager sees only their teams' (another team's salary change is never shown to them).
 */
function changesFor(viewer: Viewer, plan: Plan, s: Scenario): ScenarioChange[] {
  const teamOf = new Map(plan.positions.map((p) => [p.id, p.teamId]))
  return inScope(viewer, s.changes, (change) =>
    change.op === 'upsert' ? change.position.teamId : teamOf.get(change.positionId),
  )
}

/** A lowercase id from a name ("Accelerated hiring 2" -> "accelerated-hiring-2"). */
function slug(name: string): string {
  const base = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 56)
  return base === '' ? 'scenario' : base
}

const text = (v: unknown) => (typeof v === 'string' ? v : '')

const EDITS = {
  roles: { form: 'change', edit: changeRole, action: 'scenario.role' },
  add: { form: 'add', edit: addRole, action: 'scenario.add_role' },
  remove: { form: 'remove', edit: removeRole, action: 'scenario.remove_role' },
  assumptions: {
    form: 'assumptions',
    edit: (_p: Plan, s: Scenario, f: Record<string, unknown>) => changeAssumptions(s, f),
    action: 'scenario.assumptions',
  },
} as const

export function scenarioRoutes({ db, clock, projections }: AppDeps) {
  const planOf = (id: string) => projections.workspace().plans.find((p) => p.id === id)

  function listPage(c: Context, props: Partial<ScenariosProps> = {}, status = 200) {
    const doc = projections.workspace()
    const plan = doc.plans[0]
    if (!plan) return c.notFound()
    const sets = new Map(doc.fxRateSets.map((f) => [f.id, f.name]))
    c.status(status as ContentfulStatusCode)
    return c.render(
      <Scenarios
        planName={plan.name}
        scenarios={listScenarios(db, plan.id).map(({ scenario: s }) => ({
          id: s.id,
          name: s.name,
          changes: changeCount(changesFor(c.get('viewer'), plan, s).length),
          fxRateSet: s.fxRateSetId ? `rates: ${sets.get(s.fxRateSetId)}` : "the plan's rates",
        }))}
        fxChoices={doc.fxRateSets.map((f) => ({ value: f.id, label: f.name }))}
        canEdit={can(c.get('viewer'), 'edit_plan')}
        canChooseRates={can(c.get('viewer'), 'edit_org_settings')}
        {...props}
      />,
      { title: 'Scenarios' },
    )
  }

  /** A manager edits only roles in their teams; everyone else with edit_plan, any role. */
  const mayEdit = (c: Context) => (p: Position) => canSeeTeam(c.get('viewer'), p.teamId)

  /** The scenario's changes in words, those the viewer may see. */
  function describe(viewer: Viewer, plan: Plan, s: Scenario): string[] {
    const baseline = new Map(plan.positions.map((p) => [p.id, p]))
    const names = namesOf(projections.workspace())
    return changesFor(viewer, plan, s).map((change) => {
      if (change.op === 'remove') {
        const removed = baseline.get(change.positionId)
        return `Removed ${removed ? positionName(removed, names) : 'a role no longer in the plan'}`
      }
      const p = change.position
      const before = baseline.get(p.id)
      const cur = (amount: typeof p.baseSalary) =>
        formatMoney(
          amount,
          projections.workspace().offices.find((o) => o.id === p.officeId)!.currency,
        )
      const start = p.kind === 'filled' ? p.startDate : p.targetStartDate
      if (!before) {
        return `Added ${positionName(p, names)} at ${cur(p.baseSalary)}${start ? `, starting ${formatDate(start)}` : ''}`
      }
      const parts: string[] = []
      if (!before.baseSalary.eq(p.baseSalary)) {
        parts.push(`salary ${cur(before.baseSalary)} → ${cur(p.baseSalary)}`)
      }
      const was = before.kind === 'filled' ? before.startDate : before.targetStartDate
      if (was !== start && start) {
        parts.push(`start ${was ? formatDate(was) : 'unset'} → ${formatDate(start)}`)
      }
      return `Changed ${positionName(p, names)}: ${parts.join(', ') || 'details'}`
    })
  }

  function detailPage(
    c: Context,
    stored: StoredScenario,
    extra: Pick<ScenarioDetailProps, 'failed' | 'message'> = {},
    status = 200,
  ) {
    const s = stored.scenario
    const plan = planOf(s.planId)
    if (!plan) return c.notFound()
    const pct = (r: typeof plan.assumptions.meritRate) => formatPercent(r)
    const names = namesOf(projections.workspace())
    const roles = scenarioPositions(plan, s)
      .filter(mayEdit(c))
      .map((p) => ({ value: p.id, label: positionName(p, names) }))
    c.status(status as ContentfulStatusCode)
    return c.render(
      <ScenarioDetail
        id={s.id}
        name={s.name}
        version={stored.version}
        changes={describe(c.get('viewer'), plan, s)}
        assumptions={{
          meritRate: pct(s.assumptions.meritRate ?? plan.assumptions.meritRate),
          annualAttritionRate: pct(
            s.assumptions.annualAttritionRate ?? plan.assumptions.annualAttritionRate,
          ),
          planMerit: pct(plan.assumptions.meritRate),
          planAttrition: pct(plan.assumptions.annualAttritionRate),
        }}
        roles={roles}
        canEdit={can(c.get('viewer'), 'edit_plan')}
        canEditAssumptions={can(c.get('viewer'), 'edit_org_settings')}
        {...extra}
      />,
      { title: s.name },
    )
  }

  const app = new Hono()
    .get('/scenarios', (c) => listPage(c))
    .post('/scenarios', async (c) => {
      const body = await formBody(c)
      const values = { name: text(body.name), fxRateSetId: text(body.fxRateSetId) }
      const doc = projections.workspace()
      const plan = doc.plans[0]
      if (!plan) return c.notFound()
      const parsed = createForm.safeParse(values)
      const errors: Record<string, string> = {}
      if (!parsed.success) errors.name = parsed.error.issues[0]!.message
      const fx = values.fxRateSetId
      if (fx && !doc.fxRateSets.some((f) => f.id === fx)) errors.fxRateSetId = 'Choose a rate set'
      else if (fx && !can(c.get('viewer'), 'edit_org_settings')) {
        errors.fxRateSetId = 'Leadership and admins choose the rates of a scenario'
      }
      if (parsed.success && doc.scenarios.some((s) => s.name === parsed.data.name)) {
        errors.name = 'A scenario already has this name'
      }
      if (!parsed.success || Object.keys(errors).length > 0) {
        return listPage(c, { values, errors }, 422)
      }
      let id = slug(parsed.data.name)
      for (let n = 2; scenarioIdTaken(db, id); n++) id = `${slug(parsed.data.name)}-${n}`
      const scenario: Scenario = {
        id,
        planId: plan.id,
        name: parsed.data.name,
        fxRateSetId: fx || null,
        assumptions: {},
        changes: [],
      }
      db.transaction(() => {
        createScenario(db, scenario)
        recordAudit(
          db,
          {
            userId: c.get('viewer').userId,
            action: 'scenario.create',
            entityType: 'scenario',
            entityId: id,
            before: null,
            after: { name: scenario.name, fxRateSetId: scenario.fxRateSetId },
          },
          clock(),
        )
      })()
      return redirectAfterSave(c, `/scenarios/${id}`)
    })
    .get('/scenarios/compare', (c) => {
      const q = readQuery(c, compareQuery)
      const viewer = c.get('viewer')
      const base = { currency: q.currency }
      // a side is the plan (''), one of its scenarios, or a locked budget ("budget:<id>")
      const side = (choice: string, at: { planId?: string; fxRateSetId?: string } = {}) => {
        if (!choice.startsWith(BUDGET_CHOICE)) {
          return projections.view(viewer, { ...base, ...at, scenarioId: choice || null })
        }
        const budget = getBudget(db, choice.slice(BUDGET_CHOICE.length))
        if (!budget) throw new HTTPException(404, { message: 'There is no such budget.' })
        return projections.budgetView(viewer, budget, { ...base, fxRateSetId: at.fxRateSetId })
      }
      const a = side(q.a)
      const b = side(q.b, { planId: a.plan.id })
      // b converted at a's rates separates the spend change from the FX effect
      const bAtA = side(q.b, { planId: a.plan.id, fxRateSetId: a.fx.id })
      const scenarioChoices = [
        { value: '', label: 'Baseline' },
        ...projections
          .workspace()
          .scenarios.filter((s) => s.planId === a.plan.id)
          .map((s) => ({ value: s.id, label: s.name })),
        ...listBudgets(db)
          .filter((budget) => budget.planId === a.plan.id)
          .map((budget) => ({ value: `${BUDGET_CHOICE}${budget.id}`, label: budget.name })),
      ]
      return c.render(
        <ScenarioCompare
          a={q.a}
          b={q.b}
          aName={sideName(a)}
          bName={sideName(b)}
          period={q.period}
          currency={a.input.reportingCurrency}
          choices={{
            scenario: scenarioChoices,
            period: [
              { value: 'month', label: 'Month' },
              { value: 'quarter', label: 'Fiscal quarter' },
              { value: 'fiscal_year', label: 'Fiscal year' },
            ],
            currency: CURRENCIES.map((v) => ({ value: v, label: v })),
          }}
          {...compareFigures(a, b, bAtA, q.period)}
          pennies={showsPennies(c)}
          pageHref={`${c.req.path}?${new URL(c.req.url).searchParams}`}
        />,
        { title: 'Compare scenarios' },
      )
    })
    .get('/scenarios/:id', (c) => {
      const stored = getScenario(db, c.req.param('id'))
      return stored ? detailPage(c, stored) : c.notFound()
    })
    // one handler, two rules: a scenario's assumptions reach every team (edit_org_settings)
    .post('/scenarios/:id/:edit{roles|add|remove}', (c) =>
      saveEdit(c, c.req.param('edit') as keyof typeof EDITS),
    )
    .post('/scenarios/:id/assumptions', (c) => saveEdit(c, 'assumptions'))

  async function saveEdit(c: Context, which: keyof typeof EDITS) {
    const stored = getScenario(db, c.req.param('id') ?? '')
    const plan = stored && planOf(stored.scenario.planId)
    if (!stored || !plan) return c.notFound()
    const { form, edit, action } = EDITS[which]
    const body = await formBody(c)
    const values = Object.fromEntries(Object.entries(body).map(([k, v]) => [k, text(v)]))
    // a version the store never had is a form not sent as made; a past one, someone else's save
    const version = /^[1-9]\d{0,15}$/.test(values.version ?? '') ? Number(values.version) : 0
    if (version < 1 || version > stored.version) throw new BadForm('version', NO_VERSION)
    if (version !== stored.version) {
      return detailPage(
        c,
        stored,
        {
          failed: { form, values, errors: {} },
          message:
            'Someone saved this scenario after you opened it. Its changes are shown below; ' +
            'make your change again.',
        },
        409,
      )
    }
    const result: EditResult = edit(plan, stored.scenario, body, mayEdit(c))
    if (!result.ok)
      return detailPage(c, stored, { failed: { form, values, errors: result.errors } }, 422)
    const saved = db.transaction(() => {
      const r = saveScenario(db, result.scenario, stored.version)
      if (r.ok) {
        recordAudit(
          db,
          {
            userId: c.get('viewer').userId,
            action,
            entityType: 'scenario',
            entityId: stored.scenario.id,
            before: { version: stored.version },
            after: { version: r.stored.version, changes: r.stored.scenario.changes.length },
          },
          clock(),
        )
      }
      return r
    })()
    if (!saved.ok) {
      if (saved.reason === 'not_found') return c.notFound()
      return detailPage(c, saved.current, { message: 'Someone saved this scenario first.' }, 409)
    }
    return c.redirect(`/scenarios/${stored.scenario.id}`, 303)
  }

  return app
}
