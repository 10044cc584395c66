/**
 * What the positions pages start from: the viewer, the plan (by ?plan=, else the first)
 * projected for them (in turns with other requests when it is not kept), and today.
 */
import type { Context } from 'hono'
import { dateOfClock } from '../../domain/calendar.ts'
import type { AppDeps } from '../app.ts'
import type { Viewer } from '../auth/viewer.ts'

export function planView({ projections, clock }: Pick<AppDeps, 'projections' | 'clock'>) {
  return async (c: Context) => {
    const viewer = c.get('viewer') as Viewer
    const view = await projections.viewInTurns(viewer, {
      planId: c.req.query('plan') || undefined,
    })
    return { viewer, view, today: dateOfClock(clock()) }
  }
}

export type PlanView = Awaited<ReturnType<ReturnType<typeof planView>>>
