/**
 * Building a projection's input from a workspace document: the plan's context (rules, rates,
 * reference data, months) and its positions. Scenarios go through `applyScenario` first.
 */
import { actualYtdByPosition } from '../actual-ytd.ts'
import { type Month, monthRange } from '../calendar.ts'
import type { WorkspaceDocument } from '../document.ts'
import { documentFillTimes, type FillTimesLookup } from '../hiring/time-to-fill.ts'
import type { Assumptions, FxRateSet, Plan, Position, Team } from '../model.ts'
import type { Currency } from '../money.ts'
import type { RuleBook } from '../rules/index.ts'
import type { PlanContext } from './terms.ts'

export interface ProjectionInput {
  ctx: PlanContext
  positions: readonly Position[]
  teams: readonly Team[]
  reportingCurrency: Currency
}

export function projectionMonths(startMonth: Month, horizonMonths: number): Month[] {
  return monthRange(startMonth, horizonMonths)
}

/** The input for one plan (or a scenario's positions, assumptions and rate set). */
export function projectionInput(
  doc: WorkspaceDocument,
  plan: Plan,
  rules: RuleBook,
  overrides: {
    positions?: readonly Position[]
    assumptions?: Assumptions
    fxRateSet?: FxRateSet
    reportingCurrency?: Currency
    sponsorship?: PlanContext['sponsorship']
    /** The workspace's stored fill times; the document's own families' figures otherwise. */
    fillTimes?: FillTimesLookup
  } = {},
): ProjectionInput {
  const fx = overrides.fxRateSet ?? doc.fxRateSets.find((f) => f.id === plan.fxRateSetId)
  if (!fx) throw new RangeError(`plan ${plan.id}: unknown FX rate set ${plan.fxRateSetId}`)
  return {
    ctx: {
      rules,
      assumptions: overrides.assumptions ?? plan.assumptions,
      fx,
      fiscalYearStartMonth: doc.organisation.fiscalYearStartMonth,
      months: projectionMonths(plan.startMonth, plan.horizonMonths),
      offices: new Map(doc.offices.map((o) => [o.id, o])),
      packages: new Map(doc.benefitPackages.map((p) => [p.id, p])),
      families: new Map(doc.jobFamilies.map((f) => [f.id, f])),
      actualYtd: actualYtdByPosition(plan.actualYtd),
      fillTimes:
        overrides.fillTimes ??
        documentFillTimes({ families: doc.jobFamilies, offices: doc.offices }),
      ...(overrides.sponsorship ? { sponsorship: overrides.sponsorship } : {}),
    },
    positions: overrides.positions ?? plan.positions,
    teams: doc.teams,
    reportingCurrency: overrides.reportingCurrency ?? plan.reportingCurrency,
  }
}
