/**
 * The positions table: every position the viewer may see, filtered and sorted by the query, with
 * the teams' figures and the pending proposals; an htmx request gets the table alone.
 */
import { type Context, Hono } from 'hono'
import type { TableQuery } from '../../../views/models/position-table.ts'
import { Positions, PositionsTable } from '../../../views/pages/Positions.tsx'
import type { RowOptions } from '../../../views/partials/PositionRow.tsx'
import { ProposedRoles } from '../../../views/partials/ProposedRoles.tsx'
import { listProposals } from '../../db/repos/proposals.ts'
import type { AppDeps } from '../app.ts'
import { can } from '../auth/policy.ts'
import { canSeeTeam, type Viewer } from '../auth/viewer.ts'
import { isHtmxRequest } from '../http/htmx.ts'
import { type PlanView, planView } from '../http/plan-view.ts'
import { readQuery } from '../http/query.ts'
import { htmlResponse } from '../http/render.tsx'
import { inTurns } from '../http/turns.ts'
import { pageCache } from '../services/page-cache.ts'
import {
  bucketCounts,
  positionTable,
  rowsWarmedSteps,
  tableQuery,
  withoutPayOrder,
} from '../services/position-table.ts'
import { proposedRoles } from '../services/proposed-roles.ts'
import { figuresTable } from '../services/team-figures.ts'

export const rowOptions = (viewer: Viewer, focus?: string): RowOptions => ({
  showPay: can(viewer, 'view_pay'),
  editable: (teamId) => can(viewer, 'edit_plan', teamId),
  canCreate: can(viewer, 'edit_plan'),
  focus,
})

export function positionTableRoutes({
  db,
  clock,
  projections,
}: Pick<AppDeps, 'db' | 'clock' | 'projections'>) {
  const app = new Hono()
  const page = planView({ projections, clock })

  /** Whole table pages per view (replaced on every write), query, account and day. */
  const pages = pageCache()

  app.get('/positions', async (c) => {
    const p = await page(c)
    const read = readQuery(c, tableQuery)
    // where pay sits in its band is pay: without view_pay the table neither filters nor sorts by it
    const q = can(p.viewer, 'view_pay') ? read : withoutPayOrder(read)
    const { name, role } = p.viewer
    // the page lists pending proposals too: a new or decided one makes it a new page
    const pending = listProposals(db, { status: 'pending' }).map((x) => `${x.id}@${x.version}`)
    const proposed = c.req.query('proposed')
    const key = JSON.stringify([
      isHtmxRequest(c),
      q,
      c.req.path,
      name,
      role,
      p.today,
      pending,
      proposed,
    ])
    return pages(c, p.view, key, async () => {
      const { doc, input } = p.view
      await inTurns(rowsWarmedSteps(doc, input.ctx.fillTimes, input.positions, p.today))
      return tablePage(c, p, q, proposed)
    })
  })

  function tablePage(c: Context, p: PlanView, q: TableQuery, highlight?: string) {
    const rows = positionTable(
      p.view.doc,
      p.view.input.ctx.fillTimes,
      p.view.input.positions,
      q,
      p.today,
    )
    const opts = rowOptions(p.viewer)
    const counts = opts.showPay
      ? bucketCounts(
          positionTable(
            p.view.doc,
            p.view.input.ctx.fillTimes,
            p.view.input.positions,
            { ...q, band: undefined },
            p.today,
          ),
        )
      : undefined
    if (isHtmxRequest(c)) {
      return htmlResponse(c, <PositionsTable rows={rows} q={q} opts={opts} counts={counts} />)
    }
    const { doc } = p.view
    const filters = {
      teams: doc.teams.filter((t) => canSeeTeam(p.viewer, t.id)),
      offices: doc.offices,
      families: doc.jobFamilies,
      levels: doc.levels.map((l) => ({ id: l.id, name: l.code })),
    }
    const figures = figuresTable(p.view, p.viewer, p.today)
    return c.render(
      <Positions
        rows={rows}
        q={q}
        opts={opts}
        counts={counts}
        filters={filters}
        figures={figures}
        proposed={
          <ProposedRoles
            roles={
              opts.showPay
                ? proposedRoles(db, projections, p.viewer, { planId: p.view.plan.id })
                : []
            }
            highlight={highlight}
          />
        }
      />,
      { title: 'Positions' },
    )
  }

  return app
}
