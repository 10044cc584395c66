import type { Context } from 'hono'

/**
 * True when htmx sent the request, so the answer should be a fragment rather than a page. Not for
 * a history restore (Back to a URL htmx pushed): htmx 4 swaps that answer for the whole body.
 */
export function isHtmxRequest(c: Context): boolean {
  return (
    c.req.header('HX-Request') === 'true' && c.req.header('HX-History-Restore-Request') !== 'true'
  )
}

/**
 * After a save, go to `to`: htmx follows HX-Redirect (a 303 would be followed inside the swap),
 * a plain form post follows the 303.
 */
export function redirectAfterSave(c: Context, to: string): Response {
  if (isHtmxRequest(c)) {
    c.header('HX-Redirect', to)
    return c.body(null, 204)
  }
  return c.redirect(to, 303)
}
