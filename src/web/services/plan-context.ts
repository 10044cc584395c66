/**
 * The workspace as the finance pages read it: the chosen plan (by `?plan=`, else the first), today
 * by the injected clock, and the plan's USD/GBP rate for this month, used to show bands in the
 * other currency and to compare London and US bands.
 */
import type { Database } from '../../db/open.ts'
import { isEmpty, loadWorkspace } from '../../db/repos/workspace.ts'
import { dateOfClock, type ISODate, monthOfClock } from '../../domain/calendar.ts'
import type { WorkspaceDocument } from '../../domain/document.ts'
import { usdPerGbp } from '../../domain/fx.ts'
import type { FxRateSet, Plan } from '../../domain/model.ts'
import type { Decimal } from '../../domain/money.ts'

export interface PlanContext {
  doc: WorkspaceDocument
  plan: Plan
  fxRateSet: FxRateSet
  today: ISODate
  usdPerGbp: Decimal
}

/** Null when there is no workspace or no such plan. */
export function planContext(db: Database, now: Date, planId?: string): PlanContext | null {
  if (isEmpty(db)) return null
  const doc = loadWorkspace(db)
  const plan = planId ? doc.plans.find((p) => p.id === planId) : doc.plans[0]
  const fxRateSet = plan && doc.fxRateSets.find((s) => s.id === plan.fxRateSetId)
  if (!plan || !fxRateSet) return null
  const month = monthOfClock(now)
  // Before the plan's rates begin (or after they end), its first month's rate stands in.
  let rate: Decimal
  try {
    rate = usdPerGbp(fxRateSet, month, doc.organisation.fiscalYearStartMonth)
  } catch {
    rate = usdPerGbp(fxRateSet, plan.startMonth, doc.organisation.fiscalYearStartMonth)
  }
  return { doc, plan, fxRateSet, today: dateOfClock(now), usdPerGbp: rate }
}
