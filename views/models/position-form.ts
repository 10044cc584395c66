/**
 * What the position form renders: every field as text (as shown or typed), its label, the choices
 * it offers, the reasons a submission was refused and, for a stale edit, what someone else changed.
 */

export const FORM_FIELDS = [
  'title',
  'teamId',
  'officeId',
  'familyId',
  'levelId',
  'baseSalary',
  'bonusPercent',
  'status',
  'reason',
  'startDate',
  'equityUsd',
  'agencyFeePercent',
  'relocation',
  'visa',
] as const
/** An open role's own hiring costs (a person's are long spent, so their form leaves them out). */
export const HIRING_FIELDS = ['agencyFeePercent', 'relocation', 'visa'] as const
export type FormField = (typeof FORM_FIELDS)[number]
/** Every field as text, exactly as shown in (or typed into) the form. */
export type PositionFormValues = Record<FormField, string>
export type FieldErrors = Partial<Record<FormField, string>>

export const FIELD_LABEL: Record<FormField, string> = {
  title: 'Title',
  teamId: 'Team',
  officeId: 'Office',
  familyId: 'Job family',
  levelId: 'Level',
  baseSalary: 'Base salary (annual, office currency)',
  bonusPercent: 'Bonus target (% of base)',
  status: 'Status',
  reason: 'Net-new or backfill',
  startDate: 'Target start date',
  equityUsd: 'New-hire equity grant (USD)',
  agencyFeePercent: 'Expected agency fee (% of first-year base)',
  relocation: 'Relocation (office currency)',
  visa: 'Visa sponsorship',
}

export const VISA_LABEL: Record<string, string> = {
  none: 'None',
  uk_skilled_worker: 'UK Skilled Worker',
  us_h1b: 'US H-1B',
}

/** The choices the form offers; a manager's teams are only their own. */
export interface FormChoices {
  teams: { id: string; name: string }[]
  offices: { id: string; name: string; currency: string }[]
  families: { id: string; name: string }[]
  levels: { id: string; name: string }[]
}

export interface FieldChange {
  field: FormField
  label: string
  /** The value saved by someone else, as the form shows it. */
  saved: string
  /** What this user submitted. */
  yours: string
}
