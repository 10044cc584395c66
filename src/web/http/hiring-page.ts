/**
 * What every recruiting route starts from: the viewer, the plan projected for them with its stored
 * hiring setup, and today; how a role is named; and how a versioned hiring form arrives.
 */

import type { Context } from 'hono'
import * as z from 'zod'
import { dateOfClock } from '../../domain/calendar.ts'
import { namesOf, positionName } from '../../domain/names.ts'
import type { AppDeps } from '../app.ts'
import { formBody } from '../auth/forms.ts'
import type { Viewer } from '../auth/viewer.ts'
import { type FormValues, readValues } from '../services/hiring-forms.ts'
import { hiringDefaults, hiringSetupFor } from '../services/recruiting.ts'

export type HiringDeps = Pick<AppDeps, 'db' | 'clock' | 'projections' | 'rules'>

/** Shown with the record as it now stands when a save was based on an older version (409). */
export const STALE =
  'Someone saved this while you were editing. It now stands as below; make your change again.'

/** The hiring defaults, and the page context of a request for a plan's recruiting pages. */
export function hiringPages({ db, clock, projections }: HiringDeps) {
  const defaults = hiringDefaults()

  /** The viewer, the plan projected for them, its hiring setup and today. */
  function page(c: Context, include: 'approved' | 'all' = 'approved') {
    const viewer = c.get('viewer') as Viewer
    const view = projections.view(viewer, { planId: c.req.query('plan') || undefined, include })
    const hiring = hiringSetupFor(db, defaults, view.doc, view.plan.id)
    return { viewer, view, hiring, today: dateOfClock(clock()) }
  }
  return { defaults, page }
}

export type HiringPage = ReturnType<ReturnType<typeof hiringPages>['page']>

/** Names a role of the plan as every page does (positionName), whichever plan view holds it. */
export function roleLabeller(p: HiringPage) {
  const names = namesOf(p.view.doc)
  const positions = new Map(
    [...p.view.plan.positions, ...p.view.input.positions].map((x) => [x.id, x]),
  )
  return (id: string) => {
    const x = positions.get(id)
    return x ? positionName(x, names) : 'a role no longer in the plan'
  }
}

/** The form's values and version, or null if the version is missing (answered 400). */
export async function submittedForm(
  c: Context,
): Promise<{ values: FormValues; version: number } | null> {
  const values = readValues(await formBody(c))
  const version = z.coerce.number().int().min(0).safeParse(values.version)
  return version.success ? { values, version: version.data } : null
}
