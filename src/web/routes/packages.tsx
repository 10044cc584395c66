/** The regional benefit packages, item by item (view_pay: they are employer costs). */
import { Hono } from 'hono'
import { Packages } from '../../../views/pages/Packages.tsx'
import type { AppDeps } from '../app.ts'
import { planContext } from '../services/plan-context.ts'

export function packageRoutes({ db, clock }: Pick<AppDeps, 'db' | 'clock'>) {
  return new Hono().get('/packages', (c) => {
    const ctx = planContext(db, clock())
    if (!ctx) return c.notFound()
    return c.render(<Packages packages={ctx.doc.benefitPackages} offices={ctx.doc.offices} />, {
      title: 'Benefit packages',
    })
  })
}
