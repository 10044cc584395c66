/**
 * Budgets: the list, locking the plan as a named budget, and unlocking (discarding) one. Locking
 * is for leadership, finance and admins; unlocking for leadership and admins (auth/policy.ts).
 */
import { type Context, Hono } from 'hono'
import * as z from 'zod'
import { type BudgetItem, Budgets, type LockForm } from '../../../views/pages/Budgets.tsx'
import { fiscalYearMonths } from '../../domain/actuals/report.ts'
import type { AppDeps } from '../app.ts'
import { fieldErrors, formBody } from '../auth/forms.ts'
import { can } from '../auth/policy.ts'
import type { Viewer } from '../auth/viewer.ts'
import { type ActualsService, planFiscalYears } from '../services/actuals.ts'

type Deps = Pick<AppDeps, 'clock' | 'projections'> & { actuals: ActualsService }

const lockRequest = z.object({
  name: z
    .string('Give the budget a name')
    .trim()
    .min(1, 'Give the budget a name')
    .max(100, 'At most 100 characters'),
  plan: z.string('Choose a plan').min(1, 'Choose a plan'),
  fiscalYear: z.coerce
    .number('Choose a fiscal year')
    .int('Choose a fiscal year')
    .min(2000, 'Choose a fiscal year')
    .max(2200, 'Choose a fiscal year'),
})

export function budgetRoutes({ clock, projections, actuals }: Deps) {
  function page(
    c: Context,
    viewer: Viewer,
    form?: { values: LockForm['values']; errors: Record<string, string> },
    flash?: string,
  ) {
    const doc = projections.workspace()
    const fyStart = doc.organisation.fiscalYearStartMonth
    const plans = new Map(doc.plans.map((p) => [p.id, p]))
    const budgets: BudgetItem[] = actuals.budgets().map((b) => {
      const months = fiscalYearMonths(b.fiscalYear, fyStart)
      return {
        ...b,
        planName: plans.get(b.planId)?.name ?? b.planId,
        months: [months[0]!, months[11]!],
      }
    })
    const first = doc.plans[0]
    const years = first
      ? planFiscalYears(projections.view(viewer, { planId: first.id }).projection.months, fyStart)
      : []
    const lock: LockForm | null = can(viewer, 'lock_budget')
      ? {
          plans: doc.plans.map(({ id, name }) => ({ id, name })),
          fiscalYears: years,
          fyStart,
          values: form?.values ?? {
            name: years[0] ? `FY${years[0]} budget` : '',
            planId: first?.id ?? '',
            fiscalYear: String(years[0] ?? ''),
          },
          errors: form?.errors ?? {},
        }
      : null
    return c.render(
      <Budgets
        budgets={budgets}
        lock={lock}
        mayUnlock={can(viewer, 'unlock_budget')}
        flash={flash}
      />,
      { title: 'Budgets' },
    )
  }

  return new Hono()
    .get('/budgets', (c) => page(c, c.get('viewer')))
    .post('/budgets', async (c) => {
      const viewer = c.get('viewer')
      const body = await formBody(c)
      const values = {
        name: typeof body.name === 'string' ? body.name : '',
        planId: typeof body.plan === 'string' ? body.plan : '',
        fiscalYear: typeof body.fiscalYear === 'string' ? body.fiscalYear : '',
      }
      const parsed = lockRequest.safeParse(body)
      if (!parsed.success) {
        c.status(422)
        return page(c, viewer, { values, errors: fieldErrors(parsed.error) })
      }
      const { name, plan, fiscalYear } = parsed.data
      const locked = actuals.lock({ name, planId: plan, fiscalYear }, viewer, clock())
      if (!locked.ok) {
        c.status(422)
        return page(c, viewer, { values, errors: locked.errors })
      }
      c.status(201)
      return page(c, viewer, undefined, `${locked.budget.name} is locked.`)
    })
    .post('/budgets/:id/unlock', (c) => {
      const viewer = c.get('viewer')
      // a second click (or a stale page) finds it gone: the outcome the user asked for holds
      const unlocked = actuals.unlock(c.req.param('id'), viewer, clock())
      return page(
        c,
        viewer,
        undefined,
        unlocked ? 'The budget is unlocked.' : 'That budget was already unlocked.',
      )
    })
}
