import type { MiddlewareHandler } from 'hono'

/**
 * Adds `Vary: HX-Request` to every response: one URL answers a full page to a browser and a
 * fragment to htmx, so caches and the back button must keep the two apart.
 */
export function varyOnHtmx(): MiddlewareHandler {
  return async function varyOnHtmx(c, next) {
    await next()
    c.res.headers.append('Vary', 'HX-Request')
  }
}
