/**
 * Edits to a scenario as pure functions of the scenario and the form: move a role's start date,
 * change its salary, remove it, add a role like an existing one, override assumptions. Each returns
 * the new scenario or the field errors (by field name), never a half-made change.
 */
import * as z from 'zod'
import { isRealDate } from '../../domain/calendar.ts'
import {
  type Assumptions,
  type Plan,
  type Position,
  position as positionSchema,
  type Scenario,
  type ScenarioChange,
} from '../../domain/model.ts'
import { dec } from '../../domain/money.ts'
import { applyScenario } from '../../domain/scenario.ts'

export type Errors = Record<string, string>
export type EditResult = { ok: true; scenario: Scenario } | { ok: false; errors: Errors }

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '')
const MONEY = /^\d{1,13}(\.\d{1,2})?$/
const PERCENT = /^\d{1,3}(\.\d{1,4})?$/

function dateError(value: string): string | null {
  return isRealDate(value) ? null : 'Enter a date as YYYY-MM-DD, such as 2027-03-01'
}

/** The scenario's positions (baseline with its changes applied). */
export function scenarioPositions(plan: Plan, scenario: Scenario): Position[] {
  return applyScenario(plan, scenario).positions
}

/** Checks a built position against the model (start before end, open role dates). */
function checked(p: Position): { ok: true; position: Position } | { ok: false; errors: Errors } {
  const parsed = positionSchema.safeParse(z.encode(positionSchema, p))
  if (parsed.success) return { ok: true, position: parsed.data }
  return { ok: false, errors: { startDate: parsed.error.issues[0]?.message ?? 'is not valid' } }
}

const withUpsert = (s: Scenario, p: Position): Scenario => ({
  ...s,
  changes: [
    ...s.changes.filter((c) => (c.op === 'upsert' ? c.position.id : c.positionId) !== p.id),
    { op: 'upsert', position: p },
  ],
})

/** Moves a role's start date and/or changes its salary. */
export function changeRole(
  plan: Plan,
  s: Scenario,
  form: Record<string, unknown>,
  mayEdit: (p: Position) => boolean,
): EditResult {
  const errors: Errors = {}
  const id = text(form.positionId)
  const current = scenarioPositions(plan, s).find((p) => p.id === id && mayEdit(p))
  if (!current) errors.positionId = 'Choose a role in this scenario'
  const startDate = text(form.startDate)
  const salary = text(form.baseSalary)
  if (startDate) errors.startDate = dateError(startDate) ?? ''
  if (salary && !MONEY.test(salary)) errors.baseSalary = 'Enter an amount such as 95000 (no commas)'
  if (!startDate && !salary) errors.startDate = 'Enter a new start date, a new salary, or both'
  for (const k of Object.keys(errors)) if (errors[k] === '') delete errors[k]
  if (!current || Object.keys(errors).length > 0) return { ok: false, errors }
  let next: Position = salary ? { ...current, baseSalary: dec(salary) } : current
  if (startDate) {
    next = next.kind === 'filled' ? { ...next, startDate } : { ...next, targetStartDate: startDate }
  }
  const result = checked(next)
  return result.ok ? { ok: true, scenario: withUpsert(s, result.position) } : result
}

/** Removes a role: a baseline role is removed by a change; an added one is simply dropped. */
export function removeRole(
  plan: Plan,
  s: Scenario,
  form: Record<string, unknown>,
  mayEdit: (p: Position) => boolean,
): EditResult {
  const id = text(form.positionId)
  const current = scenarioPositions(plan, s).find((p) => p.id === id && mayEdit(p))
  if (!current) return { ok: false, errors: { positionId: 'Choose a role in this scenario' } }
  const changes: ScenarioChange[] = s.changes.filter(
    (c) => (c.op === 'upsert' ? c.position.id : c.positionId) !== id,
  )
  if (plan.positions.some((p) => p.id === id)) changes.push({ op: 'remove', positionId: id })
  return { ok: true, scenario: { ...s, changes } }
}

/** Adds an open net-new role like an existing one (team, office, family, level), with its own
 * title, start date and salary. */
export function addRole(
  plan: Plan,
  s: Scenario,
  form: Record<string, unknown>,
  mayEdit: (p: Position) => boolean,
): EditResult {
  const errors: Errors = {}
  const positions = scenarioPositions(plan, s)
  const like = positions.find((p) => p.id === text(form.likeId) && mayEdit(p))
  if (!like) errors.likeId = 'Choose the role the new one is like'
  const title = text(form.title)
  if (!title) errors.title = 'Enter a title'
  else if (title.length > 200) errors.title = 'Use at most 200 characters'
  const startDate = text(form.startDate)
  const dateProblem = dateError(startDate)
  if (dateProblem) errors.startDate = dateProblem
  const salary = text(form.baseSalary)
  if (!MONEY.test(salary)) errors.baseSalary = 'Enter an amount such as 95000 (no commas)'
  if (!like || Object.keys(errors).length > 0) return { ok: false, errors }
  const taken = new Set([...plan.positions, ...positions].map((p) => p.id))
  let n = 1
  while (taken.has(`${s.id}-new-${n}`.slice(0, 64))) n++
  const added: Position = {
    id: `${s.id}-new-${n}`.slice(0, 64),
    kind: 'open',
    status: 'approved',
    reason: 'net_new',
    backfillOfPositionId: null,
    approvalDate: null,
    targetStartDate: startDate,
    teamId: like.teamId,
    officeId: like.officeId,
    familyId: like.familyId,
    levelId: like.levelId,
    title,
    baseSalary: dec(salary),
    bonusTargetRate: like.bonusTargetRate,
    raises: [],
    equityGrants: [],
    dependants: 0,
    hiring: { agencyFeeRate: null, relocation: dec('0'), visa: 'none' },
  }
  const result = checked(added)
  return result.ok ? { ok: true, scenario: withUpsert(s, result.position) } : result
}

/** Overrides merit and attrition (entered as percentages); a blank field keeps the plan's. */
export function changeAssumptions(s: Scenario, form: Record<string, unknown>): EditResult {
  const errors: Errors = {}
  const overrides: Partial<Assumptions> = {}
  const fields = [
    ['meritRate', 'meritRate'],
    ['annualAttritionRate', 'annualAttritionRate'],
  ] as const
  for (const [field, key] of fields) {
    const value = text(form[field])
    if (value === '') continue
    if (!PERCENT.test(value) || dec(value).gt(100)) {
      errors[field] = 'Enter a percentage between 0 and 100, such as 3.5'
    } else overrides[key] = dec(value).dividedBy(100)
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors }
  const { meritRate: _m, annualAttritionRate: _a, ...rest } = s.assumptions
  return { ok: true, scenario: { ...s, assumptions: { ...rest, ...overrides } } }
}
