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
  HIRING_FIELDS,
  type PositionFormValues,
} from '../../../views/models/position-form.ts'
import type { WorkspaceDocument } from '../../domain/document.ts'
import { newHireGrant } from '../../domain/equity.ts'
import { hiringDefaults } from '../../domain/hiring/cost-policy.ts'
import { Lru } from '../../domain/lru.ts'
import {
  equityGrant,
  type HiringCostRule,
  hiringCosts,
  isoDate,
  type Level,
  type Position,
  position as positionSchema,
  REQUISITION_STATUSES,
  type RequisitionStatus,
} from '../../domain/model.ts'
import { type Decimal, dec, toFixed2 } from '../../domain/money.ts'

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
    // empty: the level's bonus and equity defaults and the plan's hiring-cost policy
    bonusPercent: '',
    status: 'open',
    reason: 'net_new',
    startDate: '',
    equityUsd: '',
    agencyFeePercent: '',
    relocation: '',
    visa: '',
  }
}

const percentOf = (rate: Decimal | null) => (rate === null ? '' : rate.times(100).toFixed())

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
    // grants are kept as they are on an edit: the new-hire grant is set when a role is added
    equityUsd: '',
    agencyFeePercent: percentOf(p.hiring.agencyFeeRate),
    relocation: toFixed2(p.hiring.relocation),
    visa: p.hiring.visa,
  }
}

/**
 * Reads the form's fields from a parsed body; anything not text is empty. A field the body does
 * not carry at all takes its value from `kept` (an edit's stored values), so a form without the
 * hiring-cost fields leaves them as they were.
 */
export function readFormValues(
  body: Record<string, unknown>,
  kept?: PositionFormValues,
): PositionFormValues {
  const text = (k: FormField) =>
    typeof body[k] === 'string' ? (body[k] as string) : k in body ? '' : (kept?.[k] ?? '')
  return Object.fromEntries(FORM_FIELDS.map((f) => [f, text(f)])) as PositionFormValues
}

// zod runs every check even after one fails, so the amount checks test the text first
const SALARY_TEXT = /^\d{1,11}(\.\d{1,2})?$/
const PERCENT_TEXT = /^\d{1,3}(\.\d{1,4})?$/

const oneOfIds = (ids: readonly string[], message: string) =>
  z.string().refine((v) => ids.includes(v), message)

/** An optional amount ("8,000", "8000.50"); empty is allowed (a default or none). */
const optionalAmount = (message: string) =>
  z
    .string()
    .transform((s) => s.replace(/[,\s£$]/g, ''))
    .pipe(z.string().regex(/^(\d{1,11}(\.\d{1,2})?)?$/, message))

/** An optional percentage from 0 to 100; empty is allowed (a default or none). */
const optionalPercent = (message: string) =>
  z
    .string()
    .trim()
    .regex(/^(\d{1,3}(\.\d{1,4})?)?$/, message)
    .refine(
      (s) => s === '' || !PERCENT_TEXT.test(s) || dec(s).lte(100),
      'Enter a percentage from 0 to 100',
    )

const VISAS = hiringCosts.shape.visa.unwrap().options

/**
 * The schema for these choices, built once: building a zod object costs more than parsing one
 * form with it, and the choices (the workspace's ids) rarely change between edits. Bounded, since
 * a manager's team list is part of the key.
 */
const schemas = new Lru<string, ReturnType<typeof buildFormSchema>>(100)

function formSchema(choices: FormChoices, kind: Position['kind'], isNew: boolean) {
  const ids = (list: { id: string }[]) => list.map((c) => c.id)
  const key = JSON.stringify([
    kind,
    isNew,
    ids(choices.teams),
    ids(choices.offices),
    ids(choices.families),
    ids(choices.levels),
  ])
  return schemas.getOrSet(key, () => buildFormSchema(choices, kind, isNew))
}

function buildFormSchema(choices: FormChoices, kind: Position['kind'], isNew: boolean) {
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
    // empty: the level's default
    bonusPercent: optionalPercent('Enter the bonus target as a percentage, such as 15'),
    equityUsd: optionalAmount('Enter the grant in US dollars, such as 150,000, or leave it empty'),
    agencyFeePercent: optionalPercent('Enter the agency fee as a percentage, such as 20'),
    relocation: optionalAmount('Enter relocation as an amount, such as 8,000, or leave it empty'),
    // a new role may leave it to the plan's policy
    visa: z.enum(isNew ? ['', ...VISAS] : VISAS, 'Choose one of the visa routes listed'),
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

/** Where a role's empty fields take their values from: the levels and the plan's policy. */
export interface RoleDefaults {
  levels: readonly Level[]
  policy: readonly HiringCostRule[]
}

const NO_DEFAULTS: RoleDefaults = { levels: [], policy: [] }
const fraction = (percent: string) => dec(percent).dividedBy(100)

/**
 * The position the form describes: a new open role (`base` null, with `newId`; an empty bonus,
 * equity grant or hiring cost from its level's defaults and the plan's hiring-cost policy) or
 * `base` with the form's fields changed (its raises, grants and person kept; an empty bonus is
 * its level's default, an empty agency fee or relocation none).
 */
export function positionFromForm(
  values: PositionFormValues,
  choices: FormChoices,
  base: Position | null,
  newId: string,
  defaults: RoleDefaults = NO_DEFAULTS,
): FormResult {
  const kind = base?.kind ?? 'open'
  const parsed = formSchema(choices, kind, base === null).safeParse(values)
  if (!parsed.success) {
    const errors: FieldErrors = {}
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as FormField
      errors[field] ??= field === 'startDate' ? dateMessage(values.startDate, kind) : issue.message
    }
    return { ok: false, errors }
  }
  const f = parsed.data
  const level = defaults.levels.find((l) => l.id === f.levelId)
  const common = {
    title: f.title,
    teamId: f.teamId,
    officeId: f.officeId,
    familyId: f.familyId,
    levelId: f.levelId,
    baseSalary: f.baseSalary,
    bonusTargetRate: (f.bonusPercent === ''
      ? (level?.bonusTargetRate ?? dec('0'))
      : fraction(f.bonusPercent)
    ).toFixed(),
  }
  // a new role's empty hiring costs are the plan's policy's; an edit's empty ones are none
  const fallback = base === null ? hiringDefaults(defaults.policy, f) : null
  const agencyFee = f.agencyFeePercent === '' ? null : fraction(f.agencyFeePercent)
  const hiring = z.encode(hiringCosts, {
    agencyFeeRate:
      f.agencyFeePercent === ''
        ? (fallback?.agencyFeeRate ?? null)
        : agencyFee?.isZero()
          ? null
          : agencyFee,
    relocation: f.relocation === '' ? (fallback?.relocation ?? dec('0')) : dec(f.relocation),
    visa: f.visa === '' ? (fallback?.visa ?? 'none') : f.visa,
  })
  const equity = f.equityUsd === '' ? (level?.newHireEquityUsd ?? null) : dec(f.equityUsd)
  const input =
    base === null
      ? {
          ...common,
          id: newId,
          kind: 'open',
          status: f.status,
          reason: f.reason,
          targetStartDate: f.startDate,
          hiring,
          // the new-hire grant, granted on the day the role starts
          equityGrants:
            equity === null || equity.isZero()
              ? []
              : [z.encode(equityGrant, newHireGrant(newId, f.startDate, equity))],
        }
      : base.kind === 'open'
        ? {
            ...z.encode(positionSchema, base),
            ...common,
            status: f.status as RequisitionStatus,
            reason: f.reason,
            targetStartDate: f.startDate,
            hiring,
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
    field === 'baseSalary' || field === 'relocation'
      ? v.replace(/[,\s]/g, '').replace(/^(\d+)$/, '$1.00')
      : v.trim()
  const openOnly: readonly FormField[] = ['status', 'reason', ...HIRING_FIELDS]
  return FORM_FIELDS.filter(
    (field) => field !== 'equityUsd' && (current.kind === 'open' || !openOnly.includes(field)),
  )
    .filter((field) => normal(field, saved[field]) !== normal(field, submitted[field]))
    .map((field) => ({
      field,
      label: FIELD_LABEL[field],
      saved: shown(field, saved[field]),
      yours: shown(field, submitted[field]),
    }))
}
