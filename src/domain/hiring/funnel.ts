/**
 * Funnel maths for one loop (domain Part A "Headcount, hiring and attrition"): offers needed =
 * hires / offer acceptance; candidates entering a stage = offers / the product of the pass-through
 * rates from that stage to the last; interviewer hours = candidates x interviewers x hours.
 * Timing runs backwards from the offer: the offer is accepted `offer.days` after the last stage
 * ends, and each stage ends where the next begins. A stage's load lands in the month it ends, when
 * its interviews have been held. Candidates and hours stay exact Decimals; round them only to show.
 */
import { addDays, type ISODate } from '../calendar.ts'
import type { Decimal } from '../money.ts'
import type { InterviewLoop, InterviewStage } from './schema.ts'

export interface StageLoad {
  stage: InterviewStage
  /** Candidates entering the stage. */
  candidates: Decimal
  /** Candidates x interviewers per candidate x hours per interviewer. */
  interviewerHours: Decimal
}

export interface FunnelLoad {
  offers: Decimal
  stages: StageLoad[]
}

export function funnel(loop: InterviewLoop, hires: Decimal): FunnelLoad {
  const offers = hires.dividedBy(loop.offer.acceptance)
  const stages: StageLoad[] = []
  let entering = offers
  for (const stage of [...loop.stages].reverse()) {
    entering = entering.dividedBy(stage.passThrough)
    const interviewerHours = entering
      .times(stage.interviewersPerCandidate)
      .times(stage.hoursPerInterviewer)
    stages.unshift({ stage, candidates: entering, interviewerHours })
  }
  return { offers, stages }
}

export interface StageDates {
  stage: InterviewStage
  start: ISODate
  end: ISODate
}

export interface LoopTimeline {
  /** The day the offer is made: the last stage's end. */
  offerMade: ISODate
  offerAccepted: ISODate
  stages: StageDates[]
}

/** Stage dates for a loop whose offer must be accepted on `offerAccepted`. */
export function loopTimeline(loop: InterviewLoop, offerAccepted: ISODate): LoopTimeline {
  const offerMade = addDays(offerAccepted, -loop.offer.days)
  const stages: StageDates[] = []
  let end = offerMade
  for (const stage of [...loop.stages].reverse()) {
    const start = addDays(end, -stage.days)
    stages.unshift({ stage, start, end })
    end = start
  }
  return { offerMade, offerAccepted, stages }
}
