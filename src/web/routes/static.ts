import { readFile } from 'node:fs/promises'
import { Hono } from 'hono'
import { etag } from 'hono/etag'
import { APP_CSS_FILE, HTMX_FILE, HTMX_VERSION } from '../paths.ts'

/** Where pages load their assets from; the htmx URL carries its version, so it caches for a year. */
export const ASSETS = {
  htmx: `/static/htmx-${HTMX_VERSION}.min.js`,
  css: '/static/app.css',
} as const

/** htmx from node_modules and our stylesheet, both from our own origin as the CSP requires. */
export function staticRoutes() {
  return new Hono()
    .get(ASSETS.htmx, async (c) => {
      c.header('Content-Type', 'text/javascript; charset=utf-8')
      c.header('Cache-Control', 'public, max-age=31536000, immutable')
      return c.body(await readFile(HTMX_FILE))
    })
    .get(ASSETS.css, etag(), async (c) => {
      // Revalidated on every load (cheap with the ETag) so a stylesheet change shows at once.
      c.header('Content-Type', 'text/css; charset=utf-8')
      c.header('Cache-Control', 'no-cache')
      return c.body(await readFile(APP_CSS_FILE))
    })
}
