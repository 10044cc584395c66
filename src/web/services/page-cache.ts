/**
 * Whole HTML responses, encoded once, kept per owner object (a projection view or a positions
 * list): both are replaced whenever the store changes, so an entry can never outlive the data it
 * shows, and it is dropped with its owner. The key names everything else the page depends on (the
 * query, the account in the header, the path, htmx or not). Serving the kept bytes skips rendering
 * the page and measuring and encoding a 100 kB string on every request.
 */
import type { Context } from 'hono'
import { Lru } from '../../domain/lru.ts'

/**
 * Pages kept per owner. The key holds query values a user typed, so it is bounded: a flood of
 * distinct filters keeps the most recent pages and lets the rest go.
 */
const PAGES_PER_OWNER = 64

export type PageCache = (
  c: Context,
  owner: object,
  key: string,
  render: () => Response | Promise<Response>,
) => Promise<Response>

export function pageCache(): PageCache {
  const pages = new WeakMap<object, Lru<string, Uint8Array<ArrayBuffer>>>()
  return async (c, owner, key, render) => {
    const byKey = pages.get(owner) ?? new Lru<string, Uint8Array<ArrayBuffer>>(PAGES_PER_OWNER)
    pages.set(owner, byKey)
    let body = byKey.get(key)
    if (body === undefined) {
      const res = await render()
      // only a plain page is kept: errors, redirects and anything with its own headers are not
      if (res.status !== 200 || !res.headers.get('content-type')?.startsWith('text/html')) {
        return res
      }
      body = new Uint8Array(await res.arrayBuffer())
      byKey.set(key, body)
    }
    return c.body(body, 200, { 'Content-Type': 'text/html; charset=UTF-8' })
  }
}
