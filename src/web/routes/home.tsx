import { Hono } from 'hono'
import { EmptyWorkspace, Home } from '../../../views/pages/Home.tsx'
import { getOrgOverview } from '../../db/repos/org.ts'
import { isEmpty } from '../../db/repos/workspace.ts'
import { dateOfClock } from '../../domain/calendar.ts'
import type { AppDeps } from '../app.ts'

/** The organisation overview, as of today by the injected clock. */
export function homeRoutes({ db, clock }: Pick<AppDeps, 'db' | 'clock'>) {
  return new Hono().get('/', (c) => {
    if (isEmpty(db)) return c.render(<EmptyWorkspace />, { title: 'No organisation yet' })
    const today = dateOfClock(clock())
    return c.render(<Home overview={getOrgOverview(db, today)} asOf={today} />, {
      title: 'Organisation',
    })
  })
}
