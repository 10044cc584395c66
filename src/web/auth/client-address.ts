import type { Context } from 'hono'

/**
 * The client's network address, for throttling sign-in attempts. From the socket (the node
 * server's `incoming` binding); behind a proxy that sets it, with TRUST_PROXY, the first
 * X-Forwarded-For entry instead. Requests without either (tests, other runtimes) share 'unknown'.
 */
export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('X-Forwarded-For')?.split(',')[0]?.trim()
    if (forwarded) return forwarded
  }
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined
  return env?.incoming?.socket?.remoteAddress ?? 'unknown'
}

/** True when the request reached us over TLS (directly, or via a trusted proxy that says so). */
export function isHttps(c: Context, trustProxy: boolean): boolean {
  if (trustProxy && c.req.header('X-Forwarded-Proto') === 'https') return true
  return new URL(c.req.url).protocol === 'https:'
}
