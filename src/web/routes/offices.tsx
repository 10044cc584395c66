/**
 * Offices: attendance policy and desks needed against capacity over the plan's months. Desks are
 * counted over the whole plan, not the viewer's teams: people per office is headcount, which every
 * role may see, and a desk count for part of an office would mislead.
 */
import { Hono } from 'hono'
import { type OfficeDesks, Offices } from '../../../views/pages/Offices.tsx'
import { firstDay, lastDay } from '../../domain/calendar.ts'
import type { WorkspaceDocument } from '../../domain/document.ts'
import type { FillTimesLookup } from '../../domain/hiring/time-to-fill.ts'
import type { Plan } from '../../domain/model.ts'
import { dec } from '../../domain/money.ts'
import { deskCheck } from '../../domain/office.ts'
import { projectionMonths } from '../../domain/projection/input.ts'
import { expectedStart, isProjected } from '../../domain/projection/terms.ts'
import type { AppDeps } from '../app.ts'
import { planContext } from '../services/plan-context.ts'
import { planFillTimes } from '../services/recruiting.ts'

/** People on the books on any day of each month (as the engine counts them for desks). */
export function officeDesks(
  doc: WorkspaceDocument,
  plan: Plan,
  fillTimes: FillTimesLookup,
): OfficeDesks[] {
  const months = projectionMonths(plan.startMonth, plan.horizonMonths)
  const spans = plan.positions.filter(isProjected).map((p) => ({
    officeId: p.officeId,
    start: expectedStart(p, fillTimes),
    end: p.kind === 'filled' ? p.endDate : null,
  }))
  return doc.offices.map((office) => ({
    office,
    months: months.map((month) => {
      const people = spans.filter(
        (s) =>
          s.officeId === office.id &&
          s.start <= lastDay(month) &&
          (s.end === null || s.end >= firstDay(month)),
      ).length
      return {
        month,
        people,
        desks: deskCheck(dec(people), office.attendance, office.deskCapacity),
      }
    }),
  }))
}

export function officeRoutes({ db, clock }: Pick<AppDeps, 'db' | 'clock'>) {
  return new Hono().get('/offices', (c) => {
    const ctx = planContext(db, clock(), c.req.query('plan'))
    if (!ctx) return c.notFound()
    const fillTimes = planFillTimes(db, ctx.doc, ctx.plan.id)
    const offices = officeDesks(ctx.doc, ctx.plan, fillTimes)
    return c.render(<Offices offices={offices} planName={ctx.plan.name} />, { title: 'Offices' })
  })
}
