/**
 * What a proposal changes, as "before → after" lines for people: the reviewed fields of an edit
 * (level, salary, start), every one of them for a new role, and for a pay change the salary from
 * the date it takes effect and the bonus target.
 */
import type { Proposal } from '../../db/repos/proposals.ts'
import { formatDate } from '../../domain/calendar.ts'
import type { WorkspaceDocument } from '../../domain/document.ts'
import type { Position } from '../../domain/model.ts'
import { type Currency, formatMoney, formatPercent } from '../../domain/money.ts'
import { payDifferences } from '../../domain/pay-change.ts'
import { PAY_CHANGE } from './proposals.ts'

export interface ChangeLine {
  label: string
  /** Empty for a new role: it had nothing before. */
  before: string
  after: string
}

/**
 * The role a proposal changed as it was: the copy kept with the proposal, else (proposals made
 * before migration 15) the plan as it holds it now; null for a new role or one removed since.
 */
export function proposalBefore(doc: WorkspaceDocument, p: Proposal): Position | null {
  if (p.before) return p.before
  const plan = doc.plans.find((x) => x.id === p.planId)
  return plan?.positions.find((x) => x.id === p.positionId) ?? null
}

/** Each change the proposal makes as "before → after", formatted for people. */
export function describeChanges(doc: WorkspaceDocument, p: Proposal): ChangeLine[] {
  const before = p.kind === 'change' ? proposalBefore(doc, p) : null
  const currency = doc.offices.find((o) => o.id === p.position.officeId)?.currency ?? 'GBP'
  const money = (x: Position) => formatMoney(x.baseSalary, currency)
  if (before && p.changed.includes(PAY_CHANGE)) return payLines(before, p.position, currency)
  const level = (x: Position) => doc.levels.find((l) => l.id === x.levelId)?.code ?? x.levelId
  const start = (x: Position) => {
    const d = x.kind === 'filled' ? x.startDate : x.targetStartDate
    return d ? formatDate(d) : 'not set'
  }
  const fields = [
    { key: 'levelId', label: 'Level', show: level },
    { key: 'baseSalary', label: 'Salary', show: money },
    { key: 'startDate', label: 'Start', show: start },
    { key: 'targetStartDate', label: 'Target start', show: start },
  ]
  // a new role shows its level, salary and the start its kind has
  const noStart = p.position.kind === 'filled' ? 'targetStartDate' : 'startDate'
  const shown =
    p.kind === 'new_role'
      ? fields.filter((f) => f.key !== noStart)
      : fields.filter((f) => p.changed.includes(f.key))
  return shown.map((f) => ({
    label: f.label,
    before: before ? f.show(before) : '',
    after: f.show(p.position),
  }))
}

/** A pay change: the salary at each date it differs, and the bonus target if it moved. */
function payLines(before: Position, after: Position, currency: Currency): ChangeLine[] {
  const lines: ChangeLine[] = payDifferences(before, after).map((d) => ({
    label: d.from ? `Salary from ${formatDate(d.from)}` : 'Salary',
    before: formatMoney(d.before, currency),
    after: formatMoney(d.after, currency),
  }))
  if (!before.bonusTargetRate.eq(after.bonusTargetRate)) {
    lines.push({
      label: 'Bonus target',
      before: formatPercent(before.bonusTargetRate),
      after: formatPercent(after.bonusTargetRate),
    })
  }
  return lines
}
