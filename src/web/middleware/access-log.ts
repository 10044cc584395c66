import type { MiddlewareHandler } from 'hono'
import type { RequestIdVariables } from 'hono/request-id'
import type { Logger } from '../log.ts'

/**
 * One JSON line per request: id, method, path, status and duration. The path is logged without its
 * query string and nothing of the body is read, because both can carry names and salaries.
 *
 * @example app.use(requestId(), accessLog(logger))
 */
export function accessLog(logger: Logger): MiddlewareHandler<{ Variables: RequestIdVariables }> {
  return async function accessLog(c, next) {
    const started = performance.now()
    await next()
    logger.info('request', {
      requestId: c.get('requestId'),
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      durationMs: Math.round(performance.now() - started),
    })
  }
}
