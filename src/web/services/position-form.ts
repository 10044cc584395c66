/**
 * The position form: what it shows (text values, as the user typed them), how a submission becomes
 * a Position (zod, field by field, then the model's own checks), and, for an edit refused as
 * stale, which fields someone else changed.
 */
import * as z from 'zod'
import {
  FIELD_LABEL,
  type FieldChange,
  type FieldErrors,
  FORM_FIELDS,
  type FormChoices,
  type FormField,
  type PositionFormValues,
} from '../../../views/models/position-form.ts'
import type { WorkspaceDocument } from '../../domain/document.ts'
import { hiringDefaults } from '../../domain/hiring/cost-policy.ts'
import { Lru } from '../../domain/lru.ts'
import {
  type HiringCostRule,
  hiringCosts,
  isoDate,
  type Position,
  position as positionSchema,
  REQUISITION_STATUSES,
  type RequisitionStatus,
} from '../../domain/model.ts'
import { dec, toFixed2 } from '../../domain/money.ts'

export function formChoices(doc: WorkspaceDocument, teamIds: readonly string[]): FormChoices {
  return {
    teams: doc.teams.filter((t) => teamIds.includes(t.id)).map(({ id, name }) => ({ id, name })),
    offices: doc.offices.map(({ id, name, currency }) => ({ id, name, currency })),
    families: doc.jobFamilies.map(({ id, name }) => ({ id, name })),
    levels: doc.levels.map(({ id, code, name }) => ({ id, name: `${code} ${name}` })),
  }
}

/** The form's starting values for a new open role. */
export function newRoleValues(choices: FormChoices, teamId?: string): PositionFormValues {
  return {
    title: '',
    teamId: teamId ?? choices.teams[0]?.id ?? '',
    officeId: choices.offices[0]?.id ?? '',
    familyId: choices.families[0]?.id ?? '',
    levelId: choices.levels[0]?.id ?? '',
    baseSalary: '',
    bonusPercent: '0',
    status: 'open',
    reason: 'net_new',
    startDate: '',
  }
}

/** A stored position as form text ("15" for a 0.15 bonus target). */
export function formValuesOf(p: Position): PositionFormValues {
  return {
    title: p.title,
    teamId: p.teamId,
    officeId: p.officeId,
    familyId: p.familyId,
    levelId: p.levelId,
    baseSalary: toFixed2(p.baseSalary),
    bonusPercent: p.bonusTargetRate.times(100).toFixed(),
    status: p.kind === 'open' ? p.status : 'filled',
    reason: p.kind === 'open' ? p.reason : '',
    startDate: (p.kind === 'open' ? p.targetStartDate : p.startDate) ?? '',
  }
}

/** Reads the form's fields from a parsed body; anything missing or not text is empty. */
export function readFormValues(body: Record<string, unknown>): PositionFormValues {
  const text = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : '')
  return Object.fromEntries(FORM_FIELDS.map((f) => [f, text(f)])) as PositionFormValues
}

// zod runs every check even after one fails, so the amount checks test the text first
const SALARY_TEXT = /^\d{1,11}(\.\d{1,2})?$/
const PERCENT_TEXT = /^\d{1,3}(\.\d{1,4})?$/

const oneOfIds = (ids: readonly string[], message: string) =>
  z.string().refine((v) => ids.includes(v), message)

/**
 * The schema for these choices, built once: building a zod object costs more than parsing one
 * form with it, and the choices (the workspace's ids) rarely change between edits. Bounded, since
 * a manager's team list is part of the key.
 */
const schemas = new Lru<string, ReturnType<typeof buildFormSchema>>(100)

function formSchema(choices: FormChoices, kind: Position['kind']) {
  const ids = (list: { id: string }[]) => list.map((c) => c.id)
  const key = JSON.stringify([
    kind,
    ids(choices.teams),
    ids(choices.offices),
    ids(choices.families),
    ids(choices.levels),
  ])
  return schemas.getOrSet(key, () => buildFormSchema(choices, kind))
}

function buildFormSchema(choices: FormChoices, kind: Position['kind']) {
  return z.object({
    title: z
      .string()
      .trim()
      .min(1, 'Enter a title')
      .max(200, 'Keep the title under 200 characters'),
    teamId: oneOfIds(
      choices.teams.map((t) => t.id),
      'Choose one of the teams listed',
    ),
    officeId: oneOfIds(
      choices.offices.map((o) => o.id),
      'Choose one of the offices listed',
    ),
    familyId: oneOfIds(
      choices.families.map((f) => f.id),
      'Choose one of the job families listed',
    ),
    levelId: oneOfIds(
      choices.levels.map((l) => l.id),
      'Choose one of the levels listed',
    ),
    // thousands separators are how people write salaries; they are dropped before checking
    baseSalary: z
      .string()
      .transform((s) => s.replace(/[,\s]/g, ''))
      .pipe(
        z
          .string()
          .min(1, 'Enter the annual base salary')
          .regex(
            /^\d{1,11}(\.\d{1,2})?$/,
            'Enter the salary as a number, such as 85000 or 85,000.50',
          )
          .refine((s) => !SALARY_TEXT.test(s) || dec(s).gt(0), 'Enter a salary above zero'),
      ),
    bonusPercent: z
      .string()
      .trim()
      .regex(PERCENT_TEXT, 'Enter the bonus target as a percentage, such as 15')
      .refine((s) => !PERCENT_TEXT.test(s) || dec(s).lte(100), 'Enter a percentage from 0 to 100'),
    status:
      kind === 'open'
        ? z.enum(REQUISITION_STATUSES, 'Choose one of the statuses listed')
        : z.string(),
    reason:
      kind === 'open' ? z.enum(['net_new', 'backfill'], 'Choose net-new or backfill') : z.string(),
    // the message depends on whether it was left empty; see dateMessage
    startDate: z.string().trim().pipe(isoDate),
  })
}

/** Model issues land on the form field that carries them. */
const FIELD_OF_MODEL_PATH: Record<string, FormField> = {
  title: 'title',
  baseSalary: 'baseSalary',
  bonusTargetRate: 'bonusPercent',
  targetStartDate: 'startDate',
  startDate: 'startDate',
  endDate: 'startDate',
  status: 'status',
  reason: 'reason',
}

export type FormResult = { ok: true; position: Position } | { ok: false; errors: FieldErrors }

/**
 * The position the form describes: a new open role (`base` null, with `newId`, its hiring costs
 * from the plan's hiring-cost `policy`) or `base` with the form's fields changed (its raises,
 * grants, hiring costs and person kept).
 */
export function positionFromForm(
  values: PositionFormValues,
  choices: FormChoices,
  base: Position | null,
  newId: string,
  policy: readonly HiringCostRule[] = [],
): FormResult {
  const kind = base?.kind ?? 'open'
  const parsed = formSchema(choices, kind).safeParse(values)
  if (!parsed.success) {
    const errors: FieldErrors = {}
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as FormField
      errors[field] ??= field === 'startDate' ? dateMessage(values.startDate, kind) : issue.message
    }
    return { ok: false, errors }
  }
  const f = parsed.data
  const common = {
    title: f.title,
    teamId: f.teamId,
    officeId: f.officeId,
    familyId: f.familyId,
    levelId: f.levelId,
    baseSalary: f.baseSalary,
    bonusTargetRate: dec(f.bonusPercent).dividedBy(100).toFixed(),
  }
  const input =
    base === null
      ? {
          ...common,
          id: newId,
          kind: 'open',
          status: f.status,
          reason: f.reason,
          targetStartDate: f.startDate,
          hiring: z.encode(hiringCosts, hiringDefaults(policy, f)),
        }
      : base.kind === 'open'
        ? {
            ...z.encode(positionSchema, base),
            ...common,
            status: f.status as RequisitionStatus,
            reason: f.reason,
            targetStartDate: f.startDate,
          }
        : { ...z.encode(positionSchema, base), ...common, startDate: f.startDate }
  const result = positionSchema.safeParse(input)
  if (result.success) return { ok: true, position: result.data }
  const errors: FieldErrors = {}
  for (const issue of result.error.issues) {
    const field = FIELD_OF_MODEL_PATH[String(issue.path[0])] ?? 'title'
    errors[field] ??= `${FIELD_LABEL[field]}: ${issue.message}`
  }
  return { ok: false, errors }
}

function dateMessage(text: string, kind: Position['kind']): string {
  if (text.trim() === '')
    return kind === 'open' ? 'Enter the target start date' : 'Enter the start date'
  return 'Enter a real date as YYYY-MM-DD, such as 2027-04-01'
}

/** Fields whose saved value differs from what the user submitted (names, not ids). */
export function changedFields(
  submitted: PositionFormValues,
  current: Position,
  choices: FormChoices,
): FieldChange[] {
  const saved = formValuesOf(current)
  const names = new Map(
    [...choices.teams, ...choices.offices, ...choices.families, ...choices.levels].map((c) => [
      c.id,
      c.name,
    ]),
  )
  const shown = (field: FormField, v: string) =>
    field.endsWith('Id') ? (names.get(v) ?? v) : v === '' ? '(empty)' : v
  const normal = (field: FormField, v: string) =>
    field === 'baseSalary' ? v.replace(/[,\s]/g, '').replace(/^(\d+)$/, '$1.00') : v.trim()
  return FORM_FIELDS.filter(
    (field) => current.kind === 'open' || !['status', 'reason'].includes(field),
  )
    .filter((field) => normal(field, saved[field]) !== normal(field, submitted[field]))
    .map((field) => ({
      field,
      label: FIELD_LABEL[field],
      saved: shown(field, saved[field]),
      yours: shown(field, submitted[field]),
    }))
}
