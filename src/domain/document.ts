/**
 * The workspace document: an organisation, its reference data, plans and scenarios in one JSON
 * document. The demo data in `data/demo-org.json`, plan export and plan import all use it, so a
 * plan can be kept in version control or moved between installations.
 */
import * as z from 'zod'
import { fiscalYearOf, monthRange } from './calendar.ts'
import { groupMapping, mappingProblems } from './group-mapping.ts'
import { policyRuleKey } from './hiring/cost-policy.ts'
import {
  interviewerPool,
  interviewLoop,
  jobAdPolicy,
  noticePeriod,
  recruiting,
  roleSponsorship,
  timeToFillEntry,
} from './hiring/schema.ts'
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
  type Position,
  plan,
  position,
  salaryBand,
  scenario,
  team,
} from './model.ts'
import type { Steps } from './steps.ts'
import { teamBudget, teamBudgetKey } from './team-budgets.ts'

export const DOCUMENT_SCHEMA_VERSION = 1

export const sponsorshipOfRole = z.object({
  planId: id,
  roleId: id,
  ...roleSponsorship.shape,
})
export type SponsorshipOfRole = z.output<typeof sponsorshipOfRole>

/**
 * Recruiting capacity and time to fill as the loops, pools and assumptions pages keep them: they
 * move open roles' starts and backfills in the projection, and the recruiting figures.
 */
export const workspaceHiring = z.object({
  pools: z.array(interviewerPool),
  loops: z.array(interviewLoop),
  timeToFill: z.array(timeToFillEntry),
  noticePeriods: z.array(noticePeriod),
  /** Each plan's recruiting settings (days to open, the recruiter limit, the job-ad policy). */
  plans: z.array(z.object({ planId: id, recruiting, jobAdPolicy })),
})
export type WorkspaceHiring = z.output<typeof workspaceHiring>

/** The content's fields, each checked on its own (the references between them are not). */
const contentFields = z.object({
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
  /** Loops, pools, time to fill and recruiting settings. Left out, an import keeps those stored. */
  hiring: workspaceHiring.optional(),
})

type Path = (string | number)[]
type Issue = { message: string; path: Path }
type AddIssue = (issue: Issue) => void
/** A check of a whole parsed value as zod runs it: each problem added as a custom issue. */
const refinement =
  <T>(check: (value: T, add: AddIssue) => void) =>
  (value: T, ctx: z.RefinementCtx) =>
    check(value, (issue) => ctx.addIssue({ code: 'custom', ...issue }))

/** Everything a projection reads. A locked budget keeps a copy of it, holding only its plan. */
export const workspaceContent = contentFields.superRefine(refinement(contentReferences))

/** What each position names, and the field naming it. */
const POSITION_REFERENCES = [
  ['team', 'teamId'],
  ['office', 'officeId'],
  ['family', 'familyId'],
  ['level', 'levelId'],
] as const

/** The references between the content's records, unique ids and the rules across records. */
function contentReferences(doc: z.output<typeof contentFields>, add: AddIssue): void {
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
      add({ message: `unknown ${kind} "${value}"`, path })
    }
  }
  const unique = (key: string, items: { id: string }[]) => {
    const seen = new Set<string>()
    items.forEach((item, i) => {
      if (seen.has(item.id)) {
        add({ message: `duplicate id "${item.id}"`, path: [key, i, 'id'] })
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
      add({ message: 'a team cannot be its own parent', path: ['teams', i] })
    }
  })
  const officeById = new Map(doc.offices.map((o) => [o.id, o]))
  const packageById = new Map(doc.benefitPackages.map((p) => [p.id, p]))
  doc.offices.forEach((o, i) => {
    refs('package', o.benefitPackageId, ['offices', i, 'benefitPackageId'])
    const pkg = packageById.get(o.benefitPackageId)
    if (pkg && pkg.region !== o.region) {
      add({
        message: `package "${pkg.id}" is for ${pkg.region}, office is in ${o.region}`,
        path: ['offices', i, 'benefitPackageId'],
      })
    }
    const geo = o.geoDifferential
    if (geo === null) return
    refs('office', geo.againstOfficeId, ['offices', i, 'geoDifferential', 'againstOfficeId'])
    const against = officeById.get(geo.againstOfficeId)
    if (o.currency !== 'USD' || (against && against.currency !== 'GBP')) {
      add({
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
      add({
        message: `band currency ${b.currency} differs from office currency ${o.currency}`,
        path: ['salaryBands', i, 'currency'],
      })
    }
  })
  doc.plans.forEach((p, i) => {
    refs('fx', p.fxRateSetId, ['plans', i, 'fxRateSetId'])
    unique(`plans.${i}.positions`, p.positions)
    // a path is built only for a problem: at 50,000 positions, four arrays each cost 40 ms
    p.positions.forEach((pos, j) => {
      for (const [kind, field] of POSITION_REFERENCES) {
        if (!ids[kind].has(pos[field])) refs(kind, pos[field], ['plans', i, 'positions', j, field])
      }
    })
    const ruleKeys = new Set<string>()
    p.hiringCostPolicy.forEach((rule, j) => {
      const path = ['plans', i, 'hiringCostPolicy', j]
      if (rule.familyId !== null) refs('family', rule.familyId, [...path, 'familyId'])
      if (rule.levelId !== null) refs('level', rule.levelId, [...path, 'levelId'])
      if (rule.officeId !== null) refs('office', rule.officeId, [...path, 'officeId'])
      const key = policyRuleKey(rule)
      if (ruleKeys.has(key)) {
        add({ message: 'another rule already covers this family, level and office', path })
      }
      ruleKeys.add(key)
    })
  })
  const sponsored = new Set<string>()
  doc.roleSponsorships.forEach((s, i) => {
    const path = ['roleSponsorships', i]
    const plan = doc.plans.find((p) => p.id === s.planId)
    if (!plan) {
      add({ message: `no plan "${s.planId}"`, path: [...path, 'planId'] })
    } else if (!plan.positions.some((p) => p.id === s.roleId)) {
      add({ message: `no role "${s.roleId}" in plan "${s.planId}"`, path: [...path, 'roleId'] })
    }
    const key = `${s.planId}|${s.roleId}`
    if (sponsored.has(key)) {
      add({ message: 'the role already has a sponsorship', path })
    }
    sponsored.add(key)
  })
  if (doc.hiring) hiringReferences(doc.hiring, refs, add)
  doc.scenarios.forEach((s, i) => {
    refs('plan', s.planId, ['scenarios', i, 'planId'])
    refs('fx', s.fxRateSetId, ['scenarios', i, 'fxRateSetId'])
  })
  const groups = new Set<string>()
  doc.signInGroups?.forEach((m, i) => {
    if (groups.has(m.group)) {
      add({ message: `duplicate group "${m.group}"`, path: ['signInGroups', i, 'group'] })
    }
    groups.add(m.group)
    const problem = mappingProblems(m, ids.team)
    if (problem) add({ message: problem.message, path: ['signInGroups', i, problem.field] })
  })
  const budgetKeys = new Set<string>()
  doc.teamBudgets.forEach((b, i) => {
    const path = ['teamBudgets', i]
    refs('plan', b.planId, [...path, 'planId'])
    refs(b.kind, b.ownerId, [...path, 'ownerId'])
    const plan = doc.plans.find((p) => p.id === b.planId)
    const years = plan && planFiscalYears(plan, doc.organisation.fiscalYearStartMonth)
    if (years && !years.includes(b.fiscalYear)) {
      add({
        message: `FY${b.fiscalYear} is outside the plan (it covers ${years.map((y) => `FY${y}`).join(', ')})`,
        path: [...path, 'fiscalYear'],
      })
    }
    const key = teamBudgetKey(b)
    if (budgetKeys.has(key)) {
      add({ message: 'duplicate budget', path })
    }
    budgetKeys.add(key)
  })
}

/** The hiring section's references: the same checks as the loops, pools and assumptions pages. */
function hiringReferences(
  hiring: WorkspaceHiring,
  refs: (kind: 'team' | 'family' | 'level' | 'plan', value: string | null, path: Path) => void,
  add: AddIssue,
): void {
  const pools = new Set(hiring.pools.map((p) => p.id))
  const pool = (id: string, path: Path) => {
    if (!pools.has(id)) add({ message: `unknown interviewer pool "${id}"`, path })
  }
  const once = (seen: Set<string>, key: string, message: string, path: Path) => {
    if (seen.has(key)) add({ message, path })
    seen.add(key)
  }
  const poolIds = new Set<string>()
  hiring.pools.forEach((p, i) => {
    once(poolIds, p.id, `duplicate id "${p.id}"`, ['hiring', 'pools', i, 'id'])
    refs('team', p.teamId, ['hiring', 'pools', i, 'teamId'])
  })
  const loopIds = new Set<string>()
  hiring.loops.forEach((l, i) => {
    const path = ['hiring', 'loops', i]
    once(loopIds, l.id, `duplicate id "${l.id}"`, [...path, 'id'])
    for (const [j, f] of l.familyIds.entries()) refs('family', f, [...path, 'familyIds', j])
    for (const [j, stage] of l.stages.entries()) {
      pool(stage.poolId, [...path, 'stages', j, 'poolId'])
    }
  })
  const entries = new Set<string>()
  hiring.timeToFill.forEach((t, i) => {
    const path = ['hiring', 'timeToFill', i]
    refs('family', t.familyId, [...path, 'familyId'])
    refs('level', t.levelId, [...path, 'levelId'])
    once(entries, `${t.familyId}|${t.levelId}`, 'the family and level appear twice', path)
  })
  const countries = new Set<string>()
  hiring.noticePeriods.forEach((n, i) => {
    const path = ['hiring', 'noticePeriods', i, 'country']
    once(countries, n.country, `${n.country} appears twice`, path)
  })
  const planIds = new Set<string>()
  hiring.plans.forEach((p, i) => {
    const path = ['hiring', 'plans', i]
    refs('plan', p.planId, [...path, 'planId'])
    once(planIds, p.planId, 'the plan has settings already', [...path, 'planId'])
    pool(p.recruiting.recruiterPoolId, [...path, 'recruiting', 'recruiterPoolId'])
  })
}

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

const documentFields = contentFields.safeExtend({ budgets: z.array(lockedBudget).default([]) })

export const workspaceDocument = documentFields.superRefine(refinement(documentReferences))

function documentReferences(doc: z.output<typeof documentFields>, add: AddIssue): void {
  contentReferences(doc, add)
  const seen = new Set<string>()
  doc.budgets.forEach((b, i) => {
    if (seen.has(b.id)) add({ message: `duplicate id "${b.id}"`, path: ['budgets', i, 'id'] })
    seen.add(b.id)
    if (b.snapshot.plans.length !== 1 || b.snapshot.plans[0]!.id !== b.planId) {
      add({
        message: `a budget's copy must hold exactly its own plan "${b.planId}"`,
        path: ['budgets', i, 'snapshot', 'plans'],
      })
    }
  })
}

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
export type Problem = { path: string; message: string }
export type DocumentCheck =
  | { ok: true; doc: WorkspaceDocument }
  | { ok: false; problems: Problem[] }

/** Positions checked between two pauses of `checkDocumentSteps` (a few milliseconds). */
const POSITIONS_PER_STEP = 100

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * `workspaceDocument.safeParse` in steps, so a 50,000-position document never holds the event
 * loop: the plans' positions (nearly all of a large document) are checked a hundred at a time,
 * the rest of the document at once, then the references between records. The same problems at
 * the same paths, listed in the document's order; the references are checked only once every
 * record is valid, as the schema does.
 */
export function* checkDocumentSteps(json: unknown): Steps<DocumentCheck> {
  const plans = isRecord(json) && Array.isArray(json.plans) ? json.plans : null
  if (!plans?.every((p) => isRecord(p) && Array.isArray(p.positions))) {
    const parsed = workspaceDocument.safeParse(json)
    return parsed.success
      ? { ok: true, doc: parsed.data }
      : { ok: false, problems: listProblems(parsed.error) }
  }
  const listed = plans as { positions: unknown[] }[]
  const shell = documentFields.safeParse({
    ...(json as Record<string, unknown>),
    plans: listed.map((p) => ({ ...p, positions: [] })),
  })
  yield
  const issues: Issue[] = shell.success ? [] : shell.error.issues.map(issueOf)
  const positions: Position[][] = []
  for (const [i, p] of listed.entries()) {
    const parsed: Position[] = []
    for (const [j, raw] of p.positions.entries()) {
      const result = position.safeParse(raw)
      if (result.success) parsed.push(result.data)
      for (const issue of result.error?.issues ?? []) {
        issues.push({
          message: issue.message,
          path: ['plans', i, 'positions', j, ...issue.path.map(pathKey)],
        })
      }
      if ((j + 1) % POSITIONS_PER_STEP === 0) yield
    }
    positions.push(parsed)
  }
  if (shell.success && issues.length === 0) {
    const doc = {
      ...shell.data,
      plans: shell.data.plans.map((p, i) => ({ ...p, positions: positions[i]! })),
    }
    documentReferences(doc, (issue) => issues.push(issue))
    if (issues.length === 0) return { ok: true, doc }
  }
  return { ok: false, problems: inDocumentOrder(issues).map(problemOf) }
}

const issueOf = (i: z.core.$ZodIssue): Issue => ({ message: i.message, path: i.path.map(pathKey) })
const pathKey = (key: PropertyKey) => (typeof key === 'number' ? key : String(key))
const problemOf = (issue: Issue): Problem => ({
  path: issue.path.map(String).join('.') || '(document)',
  message: issue.message,
})

/** Issues sorted by the document's fields in schema order, then by plan (stable otherwise). */
function inDocumentOrder(issues: Issue[]): Issue[] {
  const fields = Object.keys(documentFields.shape)
  const rank = (issue: Issue) => {
    const [field, index] = issue.path
    const plan = field === 'plans' && typeof index === 'number' ? index : 0
    return fields.indexOf(String(field)) * 1e9 + plan
  }
  return issues
    .map((issue, k) => ({ issue, k, r: rank(issue) }))
    .sort((a, b) => a.r - b.r || a.k - b.k)
    .map((x) => x.issue)
}
export type WorkspaceDocument = z.output<typeof workspaceDocument>

/** Each problem as "path: message", for error lists shown to people and returned by the API. */
export function listProblems(error: z.ZodError): Problem[] {
  return error.issues.map((issue) => problemOf(issueOf(issue)))
}
