/** What the recruiting page renders: demand against capacity, and the what-if of capacity's starts. */
import type { CapacityLimitedStarts } from '../../src/domain/hiring/capacity.ts'
import type { RecruitingDemand } from '../../src/domain/hiring/demand.ts'

export interface WhatIf {
  limits: CapacityLimitedStarts
  /** Total cost over the plan's months, in reporting-currency minor units (as Series are). */
  planned: number
  capacityLimited: number
  /** capacityLimited - planned: negative when moving the starts later costs less this horizon. */
  difference: number
}

export interface RecruitingReport {
  demand: RecruitingDemand
  whatIf: WhatIf
}
