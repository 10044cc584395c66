/**
 * Recruiting capacity: the plan's demand (with pending proposals, since recruiting is what the plan
 * would ask once approved) against interviewer capacity, its warnings and the what-if.
 */
import { Hono } from 'hono'
import { Recruiting } from '../../../views/pages/Recruiting.tsx'
import { listProposals } from '../../db/repos/proposals.ts'
import { type HiringDeps, hiringPages, roleLabeller } from '../http/hiring-page.ts'
import { objectKey, perView } from '../services/per-view.ts'
import { withPending } from '../services/proposals.ts'
import { recruitingReport } from '../services/recruiting.ts'

export function recruitingRoutes(deps: HiringDeps) {
  const { db, rules } = deps
  const { page } = hiringPages(deps)
  /** Reports by day, hiring setup and pending proposals, a few per view. */
  const keep = perView(8)
  const app = new Hono()

  app.get('/recruiting', (c) => {
    const p = page(c, 'all')
    // pending proposals count: recruiting is what the hiring plan would ask once approved
    const pending = listProposals(db, { status: 'pending', planId: p.view.plan.id })
    // kept with its view (which holds the same pending proposals) while the hiring setup stands
    const key = [p.today, objectKey(p.hiring.ctx), ...pending.map((x) => `${x.id}@${x.version}`)]
    const report = keep(p.view, key.join('|'), () => {
      const positions = withPending(p.view.plan.positions, pending)
      return recruitingReport(p.view, p.viewer, p.hiring.ctx, rules, p.today, positions)
    })
    return c.render(
      <Recruiting
        planName={p.view.plan.name}
        report={report}
        pools={p.hiring.ctx.setup.pools}
        maxOpenRolesPerRecruiter={p.hiring.settings.recruiting.maxOpenRolesPerRecruiter}
        currency={p.view.input.reportingCurrency}
        roleLabel={roleLabeller(p)}
        scoped={p.viewer.teamScope !== 'all'}
      />,
      { title: 'Recruiting capacity' },
    )
  })

  return app
}
