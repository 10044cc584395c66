/**
 * The loops page's forms as text and back. Stored records are shown as text (rates as percentages,
 * as people think of pass-through rates); a submitted form is turned into the codec's text form
 * and validated by the codecs in src/domain/hiring/schema.ts, so the page refuses exactly what the
 * store would. Errors come back by form field name ("stages.1.passThrough").
 */
import * as z from 'zod'
import type { HiringSettings } from '../../db/repos/hiring.ts'
import {
  type HiringSetup,
  hiringSetup,
  type InterviewerPool,
  type InterviewLoop,
  interviewerPool,
  interviewLoop,
  jobAdPolicy,
  type RoleSponsorship,
  recruiting,
  roleSponsorship,
  type TimeToFillEntry,
  timeToFillEntry,
} from '../../domain/hiring/schema.ts'
import { type Decimal, dec } from '../../domain/money.ts'

export type FormValues = Record<string, string>
export type FormErrors = Record<string, string>
export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FormErrors }

const PERCENT = /^\d{1,3}(\.\d{1,6})?$/
const WHOLE = /^-?\d{1,6}$/

const percentText = (rate: Decimal) => rate.times(100).toFixed()

const text = (body: Record<string, unknown>, key: string) => {
  const v = body[key]
  return typeof v === 'string' ? v.trim() : ''
}

/** Every field the form posted, as text. */
export function readValues(body: Record<string, unknown>): FormValues {
  return Object.fromEntries(Object.keys(body).map((k) => [k, text(body, k)]))
}

/** Errors keyed by the dotted path of each issue, first problem per field. */
function errorsOf(error: z.ZodError, prefix: (string | number)[] = []): FormErrors {
  const errors: FormErrors = {}
  for (const issue of error.issues) {
    const key = [...prefix, ...issue.path].join('.') || 'form'
    errors[key] ??= issue.message
  }
  return errors
}

/**
 * A percentage field as a rate's text ("30" -> "0.3"). Text that is not a percentage up to 100 is
 * an error here; anything else the codec judges.
 */
function rateOf(values: FormValues, key: string, errors: FormErrors): string {
  const raw = (values[key] ?? '').replace(/%$/, '').trim()
  if (!PERCENT.test(raw)) {
    errors[key] = 'Enter a percentage such as 30'
    return raw
  }
  if (dec(raw).gt(100)) errors[key] = 'must be at most 100%'
  return dec(raw).dividedBy(100).toFixed()
}

/** A whole-number field as a number, so the codec checks its range; other text stays text. */
const wholeOf = (values: FormValues, key: string): number | string =>
  WHOLE.test(values[key] ?? '') ? Number(values[key]) : (values[key] ?? '')

function decode<S extends z.ZodType>(
  schema: S,
  input: unknown,
  formErrors: FormErrors,
): Parsed<z.output<S>> {
  const result = schema.safeParse(input)
  const errors = result.success ? {} : errorsOf(result.error)
  const all = { ...errors, ...formErrors }
  if (Object.keys(all).length > 0 || !result.success) return { ok: false, errors: all }
  return { ok: true, value: result.data }
}

// ---------------------------------------------------------------------------------------------
// Pools

export const poolValues = (pool: InterviewerPool): FormValues => ({
  name: pool.name,
  people: pool.people.join('\n'),
  weeklyHoursPerPerson: pool.weeklyHoursPerPerson.toFixed(),
})

export function poolFromForm(
  current: InterviewerPool,
  values: FormValues,
): Parsed<InterviewerPool> {
  const people = (values.people ?? '')
    .split(/\r?\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '')
  return decode(
    interviewerPool,
    {
      id: current.id,
      teamId: current.teamId,
      name: values.name ?? '',
      people,
      weeklyHoursPerPerson: values.weeklyHoursPerPerson ?? '',
    },
    {},
  )
}

// ---------------------------------------------------------------------------------------------
// Loops

export function loopValues(loop: InterviewLoop): FormValues {
  const values: FormValues = {
    name: loop.name,
    'offer.acceptance': percentText(loop.offer.acceptance),
    'offer.days': String(loop.offer.days),
  }
  loop.stages.forEach((s, i) => {
    values[`stages.${i}.name`] = s.name
    values[`stages.${i}.passThrough`] = percentText(s.passThrough)
    values[`stages.${i}.interviewersPerCandidate`] = String(s.interviewersPerCandidate)
    values[`stages.${i}.hoursPerInterviewer`] = s.hoursPerInterviewer.toFixed()
    values[`stages.${i}.poolId`] = s.poolId
    values[`stages.${i}.days`] = String(s.days)
  })
  return values
}

/** The fields of one stage of the loop form, by their name prefix ("stages.0." or "new."). */
function stageInput(values: FormValues, at: string, formErrors: FormErrors) {
  return {
    name: values[`${at}name`] ?? '',
    passThrough: rateOf(values, `${at}passThrough`, formErrors),
    interviewersPerCandidate: wholeOf(values, `${at}interviewersPerCandidate`),
    hoursPerInterviewer: values[`${at}hoursPerInterviewer`] ?? '',
    poolId: values[`${at}poolId`] ?? '',
    days: wholeOf(values, `${at}days`),
  }
}

/** The first free "stage-N" id of a loop, for a stage added on the page. */
function newStageId(loop: InterviewLoop): string {
  const taken = new Set(loop.stages.map((s) => s.id))
  let n = loop.stages.length + 1
  while (taken.has(`stage-${n}`)) n++
  return `stage-${n}`
}

/**
 * The loop as edited (same families), checked against the setup's pools: stages ticked "remove"
 * are left out, and the "new." stage is added at the end if it was given a name. Errors keep the
 * field names of the form (a kept stage's index is the one shown).
 */
export function loopFromForm(
  current: InterviewLoop,
  values: FormValues,
  setup: HiringSetup,
): Parsed<InterviewLoop> {
  const formErrors: FormErrors = {}
  // positions in `stages` after removals, mapped back to the form's indices for errors
  const shown: string[] = []
  const stages = current.stages.flatMap((s, i) => {
    if (values[`stages.${i}.remove`] === 'on') return []
    shown.push(`stages.${i}`)
    const source = s.source === undefined ? {} : { source: s.source }
    return [{ id: s.id, ...stageInput(values, `stages.${i}.`, formErrors), ...source }]
  })
  if ((values['new.name'] ?? '') !== '') {
    shown.push('new')
    stages.push({ id: newStageId(current), ...stageInput(values, 'new.', formErrors) })
  }
  if (stages.length === 0) {
    formErrors[`stages.${current.stages.length - 1}.remove`] = 'A loop needs at least one stage'
  }
  const input = {
    id: current.id,
    name: values.name ?? '',
    familyIds: current.familyIds,
    positionIds: current.positionIds,
    stages,
    offer: {
      acceptance: rateOf(values, 'offer.acceptance', formErrors),
      days: wholeOf(values, 'offer.days'),
    },
  }
  // the codec names stages by position after removals; the checks above by the form's fields
  const parsed = decode(interviewLoop, input, {})
  if (!parsed.ok || Object.keys(formErrors).length > 0) {
    const errors = parsed.ok ? {} : formIndexed(parsed.errors, shown)
    return { ok: false, errors: { ...errors, ...formErrors } }
  }
  // the whole setup with this loop in it, so a stage naming an unknown pool is refused
  const others = setup.loops.filter((l) => l.id !== current.id)
  const whole = hiringSetup.safeParse(
    z.encode(hiringSetup, { ...setup, loops: [...others, parsed.value] }),
  )
  if (!whole.success) {
    const errors: FormErrors = {}
    for (const issue of whole.error.issues) {
      const [, , ...rest] = issue.path
      errors[rest.join('.') || 'form'] ??= issue.message
    }
    return { ok: false, errors: formIndexed(errors, shown) }
  }
  return parsed
}

/** Errors on "stages.K.x" (K: position after removals) renamed to the form's own field. */
function formIndexed(errors: FormErrors, shown: string[]): FormErrors {
  return Object.fromEntries(
    Object.entries(errors).map(([key, message]) => {
      const m = /^stages\.(\d+)\.(.*)$/.exec(key)
      const field = m && shown[Number(m[1])]
      return [field ? `${field}.${m[2]}` : key, message]
    }),
  )
}

// ---------------------------------------------------------------------------------------------
// Plan settings

export const settingsValues = (s: HiringSettings): FormValues => ({
  recruiterPoolId: s.recruiting.recruiterPoolId,
  maxOpenRolesPerRecruiter: String(s.recruiting.maxOpenRolesPerRecruiter),
  daysToOpen: String(s.recruiting.daysToOpen),
  minShareOfMinToMid: percentText(s.jobAdPolicy.minShareOfMinToMid),
  maxShareOfMidToMax: percentText(s.jobAdPolicy.maxShareOfMidToMax),
  roundTo: s.jobAdPolicy.roundTo.toFixed(),
})

export function settingsFromForm(
  values: FormValues,
  poolIds: readonly string[],
): Parsed<HiringSettings> {
  const formErrors: FormErrors = {}
  const recruiterPoolId = values.recruiterPoolId ?? ''
  if (!poolIds.includes(recruiterPoolId)) formErrors.recruiterPoolId = 'Choose one of the pools'
  const rec = decode(
    recruiting,
    {
      recruiterPoolId,
      maxOpenRolesPerRecruiter: wholeOf(values, 'maxOpenRolesPerRecruiter'),
      daysToOpen: wholeOf(values, 'daysToOpen'),
    },
    {},
  )
  const policy = decode(
    jobAdPolicy,
    {
      minShareOfMinToMid: rateOf(values, 'minShareOfMinToMid', formErrors),
      maxShareOfMidToMax: rateOf(values, 'maxShareOfMidToMax', formErrors),
      roundTo: values.roundTo ?? '',
    },
    {},
  )
  const errors = {
    ...(rec.ok ? {} : rec.errors),
    ...(policy.ok ? {} : policy.errors),
    ...formErrors,
  }
  if (!rec.ok || !policy.ok || Object.keys(errors).length > 0) return { ok: false, errors }
  return { ok: true, value: { recruiting: rec.value, jobAdPolicy: policy.value } }
}

// ---------------------------------------------------------------------------------------------
// A role's sponsorship (the job-ad page)

const SPONSORSHIP_FEES = ['visaFee', 'healthSurcharge', 'premiumProcessing'] as const

export const sponsorshipValues = (s: RoleSponsorship): FormValues => ({
  visaMonths: String(s.visaMonths),
  ...Object.fromEntries(SPONSORSHIP_FEES.filter((k) => s[k]).map((k) => [k, 'on'])),
})

/** A ticked box posts "on"; an unticked one posts nothing. */
export function sponsorshipFromForm(values: FormValues): Parsed<RoleSponsorship> {
  const fees = Object.fromEntries(SPONSORSHIP_FEES.map((k) => [k, values[k] === 'on']))
  const formErrors: FormErrors = WHOLE.test(values.visaMonths ?? '')
    ? {}
    : { visaMonths: 'Enter a whole number of months such as 36' }
  return decode(roleSponsorship, { visaMonths: wholeOf(values, 'visaMonths'), ...fees }, formErrors)
}

// ---------------------------------------------------------------------------------------------
// Time to fill (one field per family and level)

/** The field of an entry: "days.software-engineer.l5", or "days.software-engineer." for any level. */
export const timeToFillField = (e: TimeToFillEntry) => `days.${e.familyId}.${e.levelId ?? ''}`

export const timeToFillValues = (entries: TimeToFillEntry[]): FormValues =>
  Object.fromEntries(entries.map((e) => [timeToFillField(e), String(e.days)]))

/** The same entries with the days as edited: whole days from 0 to 730. */
export function timeToFillFromForm(
  current: TimeToFillEntry[],
  values: FormValues,
): Parsed<TimeToFillEntry[]> {
  const errors: FormErrors = {}
  const entries = current.flatMap((e) => {
    const field = timeToFillField(e)
    const days = values[field] ?? ''
    const parsed = WHOLE.test(days)
      ? timeToFillEntry.safeParse({ ...z.encode(timeToFillEntry, e), days: Number(days) })
      : null
    if (parsed?.success) return [parsed.data]
    errors[field] = parsed ? 'must be whole days from 0 to 730' : 'Enter a whole number of days'
    return []
  })
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, value: entries }
}
