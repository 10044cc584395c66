/**
 * The workspace document: an organisation, its reference data, plans and scenarios in one JSON
 * document. The demo data in `data/demo-org.json`, plan export and plan import all use it, so a
 * plan can be kept in version control or moved between installations.
 */
import * as z from 'zod'
import { fiscalYearOf, monthRange } from './calendar.ts'
import { groupMapping, mappingProblems } from './group-mapping.ts'
import { policyRuleKey } from './hiring/cost-policy.ts'
import { roleSponsorship } from './hiring/schema.ts'
import {
  benefitPackage,
  department,
  fxRateSet,
  id,
  jobFamily,
  level,
  name,
  office,
  organisation,
  plan,
  salaryBand,
  scenario,
  team,
} from './model.ts'
import { teamBudget, teamBudgetKey } from './team-budgets.ts'

export const DOCUMENT_SCHEMA_VERSION = 1

export const sponsorshipOfRole = z.object({
  planId: id,
  roleId: id,
  ...roleSponsorship.shape,
})
export type SponsorshipOfRole = z.output<typeof sponsorshipOfRole>

/** Everything a projection reads. A locked budget keeps a copy of it, holding only its plan. */
export const workspaceContent = z
  .object({
    schemaVersion: z.literal(DOCUMENT_SCHEMA_VERSION),
    organisation,
    departments: z.array(department).min(1),
    teams: z.array(team),
    benefitPackages: z.array(benefitPackage),
    offices: z.array(office),
    jobFamilies: z.array(jobFamily),
    levels: z.array(level),
    salaryBands: z.array(salaryBand),
    fxRateSets: z.array(fxRateSet).min(1),
    plans: z.array(plan),
    scenarios: z.array(scenario).default([]),
    /**
     * Single sign-on's group mapping (settings). Left out, an import keeps the mapping it finds;
     * an export leaves it out when there is none.
     */
    signInGroups: z.array(groupMapping).optional(),
    /** Team and department budgets per plan and fiscal year. */
    teamBudgets: z.array(teamBudget).default([]),
    /** Each plan's sponsorship of a role (visa length and the optional fees it pays). */
    roleSponsorships: z.array(sponsorshipOfRole).default([]),
  })
  .superRefine((doc, ctx) => {
    const ids = {
      department: new Set(doc.departments.map((d) => d.id)),
      team: new Set(doc.teams.map((t) => t.id)),
      package: new Set(doc.benefitPackages.map((p) => p.id)),
      office: new Set(doc.offices.map((o) => o.id)),
      family: new Set(doc.jobFamilies.map((f) => f.id)),
      level: new Set(doc.levels.map((l) => l.id)),
      fx: new Set(doc.fxRateSets.map((f) => f.id)),
      plan: new Set(doc.plans.map((p) => p.id)),
    }
    const refs = (kind: keyof typeof ids, value: string | null, path: (string | number)[]) => {
      if (value !== null && !ids[kind].has(value)) {
        ctx.addIssue({ code: 'custom', message: `unknown ${kind} "${value}"`, path })
      }
    }
    const unique = (key: string, items: { id: string }[]) => {
      const seen = new Set<string>()
      items.forEach((item, i) => {
        if (seen.has(item.id)) {
          ctx.addIssue({
            code: 'custom',
            message: `duplicate id "${item.id}"`,
            path: [key, i, 'id'],
          })
        }
        seen.add(item.id)
      })
    }
    unique('departments', doc.departments)
    unique('teams', doc.teams)
    unique('benefitPackages', doc.benefitPackages)
    unique('offices', doc.offices)
    unique('jobFamilies', doc.jobFamilies)
    unique('levels', doc.levels)
    unique('salaryBands', doc.salaryBands)
    unique('fxRateSets', doc.fxRateSets)
    unique('plans', doc.plans)
    unique('scenarios', doc.scenarios)

    doc.teams.forEach((t, i) => {
      refs('department', t.departmentId, ['teams', i, 'departmentId'])
      refs('team', t.parentTeamId, ['teams', i, 'parentTeamId'])
      if (t.parentTeamId === t.id) {
        ctx.addIssue({
          code: 'custom',
          message: 'a team cannot be its own parent',
          path: ['teams', i],
        })
      }
    })
    const officeById = new Map(doc.offices.map((o) => [o.id, o]))
    const packageById = new Map(doc.benefitPackages.map((p) => [p.id, p]))
    doc.offices.forEach((o, i) => {
      refs('package', o.benefitPackageId, ['offices', i, 'benefitPackageId'])
      const pkg = packageById.get(o.benefitPackageId)
      if (pkg && pkg.region !== o.region) {
        ctx.addIssue({
          code: 'custom',
          message: `package "${pkg.id}" is for ${pkg.region}, office is in ${o.region}`,
          path: ['offices', i, 'benefitPackageId'],
        })
      }
      const geo = o.geoDifferential
      if (geo === null) return
      refs('office', geo.againstOfficeId, ['offices', i, 'geoDifferential', 'againstOfficeId'])
      const against = officeById.get(geo.againstOfficeId)
      if (o.currency !== 'USD' || (against && against.currency !== 'GBP')) {
        ctx.addIssue({
          code: 'custom',
          message: 'a geo differential compares a GBP office against a USD office',
          path: ['offices', i, 'geoDifferential'],
        })
      }
    })
    doc.salaryBands.forEach((b, i) => {
      refs('family', b.familyId, ['salaryBands', i, 'familyId'])
      refs('level', b.levelId, ['salaryBands', i, 'levelId'])
      refs('office', b.officeId, ['salaryBands', i, 'officeId'])
      const o = officeById.get(b.officeId)
      if (o && o.currency !== b.currency) {
        ctx.addIssue({
          code: 'custom',
          message: `band currency ${b.currency} differs from office currency ${o.currency}`,
          path: ['salaryBands', i, 'currency'],
        })
      }
    })
    doc.plans.forEach((p, i) => {
      refs('fx', p.fxRateSetId, ['plans', i, 'fxRateSetId'])
      unique(`plans.${i}.positions`, p.positions)
      p.positions.forEach((pos, j) => {
        const path = ['plans', i, 'positions', j]
        refs('team', pos.teamId, [...path, 'teamId'])
        refs('office', pos.officeId, [...path, 'officeId'])
        refs('family', pos.familyId, [...path, 'familyId'])
        refs('level', pos.levelId, [...path, 'levelId'])
      })
      const ruleKeys = new Set<string>()
      p.hiringCostPolicy.forEach((rule, j) => {
        const path = ['plans', i, 'hiringCostPolicy', j]
        if (rule.familyId !== null) refs('family', rule.familyId, [...path, 'familyId'])
        if (rule.levelId !== null) refs('level', rule.levelId, [...path, 'levelId'])
        if (rule.officeId !== null) refs('office', rule.officeId, [...path, 'officeId'])
        const key = policyRuleKey(rule)
        if (ruleKeys.has(key)) {
          ctx.addIssue({
            code: 'custom',
            message: 'another rule already covers this family, level and office',
            path,
          })
        }
        ruleKeys.add(key)
      })
    })
    const sponsored = new Set<string>()
    doc.roleSponsorships.forEach((s, i) => {
      const path = ['roleSponsorships', i]
      const plan = doc.plans.find((p) => p.id === s.planId)
      if (!plan) {
        ctx.addIssue({
          code: 'custom',
          message: `no plan "${s.planId}"`,
          path: [...path, 'planId'],
        })
      } else if (!plan.positions.some((p) => p.id === s.roleId)) {
        ctx.addIssue({
          code: 'custom',
          message: `no role "${s.roleId}" in plan "${s.planId}"`,
          path: [...path, 'roleId'],
        })
      }
      const key = `${s.planId}|${s.roleId}`
      if (sponsored.has(key)) {
        ctx.addIssue({ code: 'custom', message: 'the role already has a sponsorship', path })
      }
      sponsored.add(key)
    })
    doc.scenarios.forEach((s, i) => {
      refs('plan', s.planId, ['scenarios', i, 'planId'])
      refs('fx', s.fxRateSetId, ['scenarios', i, 'fxRateSetId'])
    })
    const groups = new Set<string>()
    doc.signInGroups?.forEach((m, i) => {
      if (groups.has(m.group)) {
        ctx.addIssue({
          code: 'custom',
          message: `duplicate group "${m.group}"`,
          path: ['signInGroups', i, 'group'],
        })
      }
      groups.add(m.group)
      const problem = mappingProblems(m, ids.team)
      if (problem)
        ctx.addIssue({
          code: 'custom',
          message: problem.message,
          path: ['signInGroups', i, problem.field],
        })
    })
    const budgetKeys = new Set<string>()
    doc.teamBudgets.forEach((b, i) => {
      const path = ['teamBudgets', i]
      refs('plan', b.planId, [...path, 'planId'])
      refs(b.kind, b.ownerId, [...path, 'ownerId'])
      const plan = doc.plans.find((p) => p.id === b.planId)
      const years = plan && planFiscalYears(plan, doc.organisation.fiscalYearStartMonth)
      if (years && !years.includes(b.fiscalYear)) {
        ctx.addIssue({
          code: 'custom',
          message: `FY${b.fiscalYear} is outside the plan (it covers ${years.map((y) => `FY${y}`).join(', ')})`,
          path: [...path, 'fiscalYear'],
        })
      }
      const key = teamBudgetKey(b)
      if (budgetKeys.has(key)) {
        ctx.addIssue({ code: 'custom', message: 'duplicate budget', path })
      }
      budgetKeys.add(key)
    })
  })

/**
 * A budget: the plan as approved, locked under a name ("FY2027 budget") with everything its
 * projection reads, so later edits to the plan, rates or reference data do not move it.
 */
export const lockedBudget = z.object({
  id,
  name,
  planId: id,
  fiscalYear: z.number().int().min(2000).max(2200),
  lockedAt: z.iso.datetime(),
  /** The name of who locked it. */
  lockedBy: name,
  snapshot: workspaceContent,
})

export const workspaceDocument = workspaceContent
  .safeExtend({ budgets: z.array(lockedBudget).default([]) })
  .superRefine((doc, ctx) => {
    const seen = new Set<string>()
    doc.budgets.forEach((b, i) => {
      if (seen.has(b.id)) {
        ctx.addIssue({
          code: 'custom',
          message: `duplicate id "${b.id}"`,
          path: ['budgets', i, 'id'],
        })
      }
      seen.add(b.id)
      if (b.snapshot.plans.length !== 1 || b.snapshot.plans[0]!.id !== b.planId) {
        ctx.addIssue({
          code: 'custom',
          message: `a budget's copy must hold exactly its own plan "${b.planId}"`,
          path: ['budgets', i, 'snapshot', 'plans'],
        })
      }
    })
  })

export type LockedBudget = z.output<typeof lockedBudget>
export type WorkspaceContent = z.output<typeof workspaceContent>
/** The fiscal years a plan's months fall in. */
export function planFiscalYears(
  plan: { startMonth: string; horizonMonths: number },
  fiscalStartMonth: number,
): number[] {
  const months = monthRange(plan.startMonth, plan.horizonMonths)
  return [...new Set(months.map((m) => fiscalYearOf(m, fiscalStartMonth)))]
}

export type WorkspaceDocumentInput = z.input<typeof workspaceDocument>
export type WorkspaceDocument = z.output<typeof workspaceDocument>

/** Each problem as "path: message", for error lists shown to people and returned by the API. */
export function listProblems(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(document)',
    message: issue.message,
  }))
}
