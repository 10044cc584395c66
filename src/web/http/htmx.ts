import type { Context } from 'hono'

/** True when htmx sent the request, so the answer should be a fragment rather than a page. */
export function isHtmxRequest(c: Context): boolean {
  return c.req.header('HX-Request') === 'true'
}
