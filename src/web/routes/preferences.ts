/** Display preferences: pennies in tables on or off, remembered in this browser for a year. */
import { Hono } from 'hono'
import { deleteCookie, setCookie } from 'hono/cookie'
import type { AppDeps } from '../app.ts'
import { safeNext } from '../auth/authorize.ts'
import { formBody } from '../auth/forms.ts'
import { cookieOptions } from '../auth/session.ts'
import { PENNIES_COOKIE } from '../http/preferences.ts'

const YEAR_SECONDS = 365 * 24 * 60 * 60

export function preferenceRoutes({ config }: Pick<AppDeps, 'config'>) {
  return new Hono().post('/preferences/pennies', async (c) => {
    const body = await formBody(c)
    const options = cookieOptions(c, config.auth)
    if (body.pennies === 'on') {
      setCookie(c, PENNIES_COOKIE, 'on', { ...options, maxAge: YEAR_SECONDS })
    } else {
      deleteCookie(c, PENNIES_COOKIE, options)
    }
    // back to the page the toggle was on
    return c.redirect(safeNext(typeof body.next === 'string' ? body.next : undefined), 303)
  })
}
