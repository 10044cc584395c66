/**
 * The band the forms show beside a salary field: the band in force for a family, level and office
 * on a date, and the typed salary against it (compa-ratio and bucket).
 */
import type { WorkspaceDocument } from '../../domain/document.ts'
import { dec } from '../../domain/money.ts'
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
