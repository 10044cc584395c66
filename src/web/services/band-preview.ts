/**
 * The band the forms show beside a salary field: the band in force for a family, level and office
 * on a date, and the typed salary against it (compa-ratio and bucket).
 */

import { VISA_LABEL } from '../../../views/models/position-form.ts'
import type { WorkspaceDocument } from '../../domain/document.ts'
import { hiringDefaults } from '../../domain/hiring/cost-policy.ts'
import type { HiringCostRule } from '../../domain/model.ts'
import { type Decimal, dec, formatMoney } from '../../domain/money.ts'
import { type BandKey, judgePay } from '../../domain/pay-change.ts'

/** An annual salary as people type it ("150,000", "£150000.50"), thousands separators dropped. */
export const SALARY_TEXT = /^\d{1,11}(\.\d{1,2})?$/
export const cleanSalary = (text: string) => text.replace(/[,\s£$]/g, '')

/** "Research Scientist L5, London" */
export function roleLabel(
  doc: WorkspaceDocument,
  familyId: string,
  levelId: string,
  officeId: string,
) {
  const family = doc.jobFamilies.find((f) => f.id === familyId)?.name ?? 'Unknown family'
  const level = doc.levels.find((l) => l.id === levelId)?.code ?? 'unknown level'
  const office = doc.offices.find((o) => o.id === officeId)?.name ?? 'unknown office'
  return `${family} ${level}, ${office}`
}

/** The typed salary (if it is a valid amount) against the band in force for `role` on `date`. */
export function previewOf(doc: WorkspaceDocument, role: BandKey, salaryText: string, date: string) {
  const cleaned = cleanSalary(salaryText)
  const hasPay = SALARY_TEXT.test(cleaned)
  return { judged: judgePay(doc.salaryBands, role, dec(hasPay ? cleaned : '0'), date), hasPay }
}

/**
 * What a new role's empty fields become, in words: its level's bonus target and new-hire grant,
 * and the plan's hiring-cost policy for its family, level and office.
 */
export function roleDefaults(
  doc: WorkspaceDocument,
  policy: readonly HiringCostRule[],
  role: BandKey,
): string[] {
  const level = doc.levels.find((l) => l.id === role.levelId)
  const office = doc.offices.find((o) => o.id === role.officeId)
  if (!level || !office) return []
  const pct = (d: Decimal) => `${d.times(100).toFixed()}%`
  const bonus = level.bonusTargetRate ? pct(level.bonusTargetRate) : 'none set'
  const equity = level.newHireEquityUsd
    ? formatMoney(level.newHireEquityUsd, 'USD', { wholeUnits: true })
    : 'none set'
  const hiring = hiringDefaults(policy, role)
  const fee = hiring.agencyFeeRate ? `${pct(hiring.agencyFeeRate)} of first-year base` : 'none'
  const relocation = hiring.relocation.isZero()
    ? 'none'
    : formatMoney(hiring.relocation, office.currency, { wholeUnits: true })
  return [
    `${level.code} ${level.name} defaults: bonus target ${bonus}, new-hire equity grant ${equity}.`,
    `The plan's hiring-cost policy for this role: expected agency fee ${fee}, relocation ${relocation}, visa ${VISA_LABEL[hiring.visa]}.`,
  ]
}
