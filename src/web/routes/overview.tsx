/**
 * The overview, the landing page for everyone who may see cost. `?currency=` switches the
 * amounts between GBP and USD and is remembered in a cookie, so the next visit opens in the
 * currency last chosen; without either, the plan's reporting currency.
 */
import { Hono } from 'hono'
import { getCookie, setCookie } from 'hono/cookie'
import { Overview } from '../../../views/pages/Overview.tsx'
import { listProposals } from '../../db/repos/proposals.ts'
import { dateOfClock } from '../../domain/calendar.ts'
import { CURRENCIES, type Currency } from '../../domain/money.ts'
import type { AppDeps } from '../app.ts'
import { cookieOptions } from '../auth/session.ts'
import type { Viewer } from '../auth/viewer.ts'
import { hiringPages } from '../http/hiring-page.ts'
import type { ActualsService } from '../services/actuals.ts'
import { overviewModel } from '../services/overview.ts'
import { hiringSetupFor } from '../services/recruiting.ts'

/** Remembers the overview's currency between visits. */
export const CURRENCY_COOKIE = 'hp_currency'

const asCurrency = (v: string | undefined): Currency | undefined =>
  (CURRENCIES as readonly string[]).includes(v ?? '') ? (v as Currency) : undefined

export function overviewRoutes(
  deps: Pick<AppDeps, 'db' | 'clock' | 'projections' | 'rules' | 'config'> & {
    actuals: ActualsService
  },
) {
  const { db, clock, projections, config, actuals } = deps
  const { defaults } = hiringPages(deps)
  return new Hono().get('/overview', (c) => {
    const viewer = c.get('viewer') as Viewer
    const chosen = asCurrency(c.req.query('currency'))
    if (chosen) {
      setCookie(c, CURRENCY_COOKIE, chosen, {
        ...cookieOptions(c, config.auth),
        maxAge: 400 * 24 * 3600,
      })
    }
    const currency = chosen ?? asCurrency(getCookie(c, CURRENCY_COOKIE))
    const planId = c.req.query('plan') || undefined
    const approved = projections.view(viewer, { planId, currency })
    // with nothing pending, the plan with proposals is the approved plan
    const pending = listProposals(db, { status: 'pending', planId: approved.plan.id }).length
    const proposed = pending
      ? projections.view(viewer, { planId, currency, include: 'all' })
      : approved
    const model = overviewModel({
      db,
      viewer,
      approved,
      proposed,
      today: dateOfClock(clock()),
      paid: actuals.paidInClosedMonths(viewer, approved),
      hiring: hiringSetupFor(db, defaults, approved.doc, approved.plan.id).ctx,
      currencyHref: (to) =>
        `/overview?${new URLSearchParams({ ...(planId ? { plan: planId } : {}), currency: to })}`,
    })
    return c.render(<Overview {...model} />, { title: 'Overview' })
  })
}
