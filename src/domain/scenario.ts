/**
 * A scenario is a plan with changes: positions added, replaced or removed, assumptions overridden,
 * and optionally its own FX rate set (so the FX effect can be shown apart from the spend change).
 */
import type { Assumptions, Plan, Position, Scenario } from './model.ts'

export interface AppliedScenario {
  positions: Position[]
  assumptions: Assumptions
  fxRateSetId: string
}

export function applyScenario(plan: Plan, scenario: Scenario): AppliedScenario {
  if (scenario.planId !== plan.id) {
    throw new RangeError(`scenario ${scenario.id} is for plan ${scenario.planId}, not ${plan.id}`)
  }
  const positions = new Map(plan.positions.map((p) => [p.id, p]))
  for (const change of scenario.changes) {
    if (change.op === 'upsert') positions.set(change.position.id, change.position)
    else positions.delete(change.positionId)
  }
  const overrides = Object.fromEntries(
    Object.entries(scenario.assumptions).filter(([, v]) => v !== undefined),
  ) as Partial<Assumptions>
  return {
    positions: [...positions.values()],
    assumptions: { ...plan.assumptions, ...overrides },
    fxRateSetId: scenario.fxRateSetId ?? plan.fxRateSetId,
  }
}
