/**
 * Budgets: leadership and admins set a team's or department's headcount cap and cost budget per
 * fiscal year; finance and leadership read them all, a manager their own teams'. The page and the
 * JSON API share one check (checkTeamBudgetInput) and one write (setTeamBudget, against the version read),
 * so bad input is refused naming its field (422) and a stale edit answers 409, nothing stored.
 */
import { type Context, Hono } from 'hono'
import {
  type BudgetFormValues,
  type BudgetLine,
  TeamBudgets,
} from '../../../views/pages/TeamBudgets.tsx'
import { recordAudit } from '../../db/repos/audit.ts'
import {
  readTeamBudgets,
  setTeamBudget,
  type TeamBudgetKey,
  type TeamStoredBudget,
} from '../../db/repos/team-budgets.ts'
import { monthOfClock } from '../../domain/calendar.ts'
import { formatMinor, toMinor } from '../../domain/money.ts'
import {
  type BudgetCheck,
  type BudgetKind,
  teamBudgetKey,
  topTeamsOf,
} from '../../domain/team-budgets.ts'
import type { AppDeps } from '../app.ts'
import { can } from '../auth/policy.ts'
import { canSeeTeam, type Viewer } from '../auth/viewer.ts'
import {
  checkTeamBudgetInput,
  type TeamCheckedBudget,
  teamBudgetJson,
  teamBudgetReport,
} from '../services/team-budgets.ts'

type Deps = Pick<AppDeps, 'db' | 'clock' | 'projections'>

/** Writes a checked budget with its audit entry; the caller answers from the result. */
function save(deps: Deps, viewer: Viewer, checked: Extract<TeamCheckedBudget, { ok: true }>) {
  const now = deps.clock()
  return deps.db.transaction(() => {
    const r = setTeamBudget(deps.db, checked.key, checked.value, checked.version, now)
    if (r.ok) {
      recordAudit(
        deps.db,
        {
          userId: viewer.userId,
          action:
            r.after === null
              ? 'team_budget.remove'
              : r.before === null
                ? 'team_budget.create'
                : 'team_budget.update',
          entityType: 'team_budget',
          entityId: teamBudgetKey(checked.key),
          teamId: checked.key.kind === 'team' ? checked.key.ownerId : null,
          before: r.before && teamBudgetJson(r.before),
          after: r.after && teamBudgetJson(r.after),
        },
        now,
      )
    }
    return r
  })()
}

/** "team:circuits" from the form's one owner choice, split for the check. */
function splitOwner(owner: unknown): { kind?: string; ownerId?: string } {
  if (typeof owner !== 'string' || !owner.includes(':')) return {}
  const [kind, ownerId] = owner.split(':', 2)
  return { kind, ownerId }
}

export function teamBudgetRoutes(deps: Deps) {
  const { db, clock, projections } = deps

  function render(
    c: Context,
    status: 200 | 409 | 422,
    q: { planId?: string | undefined; fiscalYear?: number | undefined; owner?: string | undefined },
    form?: { values: BudgetFormValues; errors: Record<string, string>; conflict?: string },
    notice?: string,
  ) {
    const viewer = c.get('viewer') as Viewer
    const view = projections.view(viewer, { planId: q.planId })
    const { doc, plan } = view
    const stored = readTeamBudgets(db, plan.id)
    const report = teamBudgetReport(
      view,
      stored.map((s) => s.budget),
    )
    const years = report.figures.years
    const thisYear = Number(monthOfClock(clock()).slice(0, 4))
    const year =
      years.find((y) => y.year === q.fiscalYear) ??
      years.find((y) => y.year >= thisYear) ??
      years[0]!
    const yi = years.indexOf(year)
    const checks = new Map<string, BudgetCheck>(
      report.checks
        .filter((k) => k.budget.fiscalYear === year.year)
        .map((k) => [`${k.budget.kind}:${k.budget.ownerId}`, k]),
    )
    const mayEdit = can(viewer, 'set_team_budgets')
    const currency = plan.reportingCurrency
    const link = (extra: string) =>
      `/team-budgets?plan=${encodeURIComponent(plan.id)}&fy=${year.year}${extra}`
    const lines: BudgetLine[] = []
    const line = (
      kind: BudgetKind,
      id: string,
      name: string,
      what: string,
      depth: 0 | 1 | 2,
    ): BudgetLine => {
      const check = checks.get(`${kind}:${id}`)
      const owners = kind === 'team' ? [id] : topTeamsOf(doc.teams, id)
      const sum = (m: Map<string, number[]>) =>
        owners.reduce((n, t) => n + (m.get(t)?.[yi] ?? 0), 0)
      const heads = sum(report.figures.headsWithSubteams)
      const cost = sum(report.figures.costWithSubteams)
      return {
        owner: `${kind}:${id}`,
        name,
        what,
        depth,
        plannedCost: cost,
        plannedHeads: heads,
        cost: check?.budget.cost ? toMinor(check.budget.cost) : null,
        costHeadroom: check?.costHeadroom ?? null,
        headcountCap: check?.budget.headcountCap ?? null,
        headsHeadroom: check?.headsHeadroom ?? null,
        over: check?.over ?? false,
        href: kind === 'team' ? `/teams/${encodeURIComponent(id)}` : null,
        editHref: mayEdit
          ? `${link(`&owner=${encodeURIComponent(`${kind}:${id}`)}`)}#budget-form`
          : null,
      }
    }
    const teamName = new Map(doc.teams.map((t) => [t.id, t.name]))
    for (const d of doc.departments) {
      const teams = doc.teams.filter((t) => t.departmentId === d.id && canSeeTeam(viewer, t.id))
      if (viewer.teamScope === 'all')
        lines.push(line('department', d.id, d.name, 'Department: its teams together', 0))
      for (const t of teams) {
        const hasSubteams = doc.teams.some((s) => s.parentTeamId === t.id)
        const what = t.parentTeamId
          ? `Subteam of ${teamName.get(t.parentTeamId) ?? 'another team'}`
          : hasSubteams
            ? 'Team with its subteams'
            : 'Team'
        lines.push(line('team', t.id, t.name, what, t.parentTeamId ? 2 : 1))
      }
    }
    const deptName = new Map(doc.departments.map((d) => [d.id, d.name]))
    const shortfalls = report.shortfalls
      .filter((s) => s.fiscalYear === year.year && viewer.teamScope === 'all')
      .map((s) =>
        s.field === 'cost'
          ? `${deptName.get(s.departmentId)}'s FY${s.fiscalYear} cost budget (${formatMinor(s.department, currency)}) is below the sum of its teams' budgets (${formatMinor(s.teams, currency)}).`
          : `${deptName.get(s.departmentId)}'s FY${s.fiscalYear} headcount cap (${s.department}) is below the sum of its teams' caps (${s.teams}).`,
      )
    const owner = q.owner ?? form?.values.owner ?? `team:${doc.teams[0]?.id ?? ''}`
    const current = lookup(stored, plan.id, owner, year.year)
    c.status(status)
    return c.render(
      <TeamBudgets
        planId={plan.id}
        planName={plan.name}
        currency={currency}
        years={years.map((y) => ({
          year: y.year,
          label: y.label,
          covers: y.covers,
          href: `/team-budgets?plan=${encodeURIComponent(plan.id)}&fy=${y.year}`,
          current: y === year,
        }))}
        year={year}
        lines={lines}
        shortfalls={shortfalls}
        notice={notice}
        form={
          mayEdit
            ? {
                values: form?.values ?? {
                  owner,
                  fiscalYear: String(year.year),
                  headcountCap: current?.budget.headcountCap?.toString() ?? '',
                  cost: current?.budget.cost?.toFixed(2) ?? '',
                  version: current?.version ?? 0,
                },
                errors: form?.errors ?? {},
                conflict: form?.conflict,
                owners: [
                  ...doc.departments.map((d) => ({
                    value: `department:${d.id}`,
                    label: `${d.name} (department)`,
                  })),
                  ...doc.teams.map((t) => ({ value: `team:${t.id}`, label: t.name })),
                ],
                years: years.map((y) => ({
                  value: String(y.year),
                  label: `${y.label} (${y.covers})`,
                })),
              }
            : null
        }
      />,
      { title: 'Team budgets' },
    )
  }

  return new Hono()
    .get('/team-budgets', (c) => {
      const fy = Number(c.req.query('fy'))
      return render(
        c,
        200,
        {
          planId: c.req.query('plan') || undefined,
          fiscalYear: Number.isInteger(fy) ? fy : undefined,
          owner: c.req.query('owner') || undefined,
        },
        undefined,
        c.req.query('saved') ? 'TeamBudget saved.' : undefined,
      )
    })
    .post('/team-budgets', async (c) => {
      const body = await c.req.parseBody()
      const raw = { ...body, ...splitOwner(body.owner) }
      const checked = checkTeamBudgetInput(projections.workspace(), raw)
      const values: BudgetFormValues = {
        owner: String(body.owner ?? ''),
        fiscalYear: String(body.fiscalYear ?? ''),
        headcountCap: String(body.headcountCap ?? ''),
        cost: String(body.cost ?? ''),
        version: Number(body.version) || 0,
      }
      const q = {
        planId: String(body.planId ?? '') || undefined,
        fiscalYear: Number(body.fiscalYear) || undefined,
      }
      if (!checked.ok) return render(c, 422, q, { values, errors: checked.errors })
      const r = save(deps, c.get('viewer'), checked)
      if (!r.ok) {
        const now = r.current
        const conflict = `Someone changed this budget since you opened it: it is now ${describe(now, projections.workspace().plans.find((p) => p.id === checked.key.planId)?.reportingCurrency ?? 'GBP')}. Nothing was saved; check the figures and save again.`
        return render(c, 409, q, {
          values: { ...values, version: now?.version ?? 0 },
          errors: { version: 'is out of date' },
          conflict,
        })
      }
      const k = checked.key
      return c.redirect(
        `/team-budgets?plan=${encodeURIComponent(k.planId)}&fy=${k.fiscalYear}&owner=${encodeURIComponent(`${k.kind}:${k.ownerId}`)}&saved=1#budget-${k.kind}-${k.ownerId}`,
        303,
      )
    })
    .get('/api/v1/plans/:planId/team-budgets', (c) => {
      const viewer = c.get('viewer')
      const planId = c.req.param('planId')
      if (!projections.workspace().plans.some((p) => p.id === planId)) {
        return c.json({ error: 'not_found', message: `There is no plan "${planId}".` }, 404)
      }
      const visible = readTeamBudgets(db, planId).filter((s) =>
        s.budget.kind === 'team'
          ? canSeeTeam(viewer, s.budget.ownerId)
          : viewer.teamScope === 'all',
      )
      return c.json({ teamBudgets: visible.map(teamBudgetJson) })
    })
    .post('/api/v1/plans/:planId/team-budgets', async (c) => {
      const body = await c.req.json().catch(() => null)
      if (body === null || typeof body !== 'object') {
        return c.json(
          { error: 'invalid', problems: [{ path: '(body)', message: 'must be a JSON object' }] },
          422,
        )
      }
      const checked = checkTeamBudgetInput(projections.workspace(), {
        ...body,
        planId: c.req.param('planId'),
      })
      if (!checked.ok) {
        const problems = Object.entries(checked.errors).map(([path, message]) => ({
          path,
          message,
        }))
        return c.json({ error: 'invalid', problems }, 422)
      }
      const r = save(deps, c.get('viewer'), checked)
      if (!r.ok) {
        return c.json(
          {
            error: 'stale',
            message: 'The budget changed since that version.',
            current: r.current && teamBudgetJson(r.current),
          },
          409,
        )
      }
      return c.json({ teamBudget: r.after && teamBudgetJson(r.after) })
    })
}

function lookup(
  stored: readonly TeamStoredBudget[],
  planId: string,
  owner: string,
  fiscalYear: number,
) {
  const { kind, ownerId } = splitOwner(owner)
  const key = { planId, kind, ownerId, fiscalYear } as TeamBudgetKey
  return stored.find((s) => teamBudgetKey(s.budget) === teamBudgetKey(key)) ?? null
}

function describe(s: TeamStoredBudget | null, currency: 'GBP' | 'USD'): string {
  if (s === null) return 'not set'
  const cap =
    s.budget.headcountCap === null ? 'no headcount cap' : `a cap of ${s.budget.headcountCap}`
  const cost =
    s.budget.cost === null ? 'no cost budget' : formatMinor(toMinor(s.budget.cost), currency)
  return `${cost} and ${cap}`
}
