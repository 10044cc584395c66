/**
 * The one place requests are authenticated and authorised. Registered once in createApp, it finds
 * the route Hono matched, looks its rule up in the policy table, identifies the caller (API token
 * or session cookie), and lets the request through, redirects to sign-in, or refuses it. Handlers
 * behind it read the caller from `c.get('viewer')`.
 */
import type { Context, MiddlewareHandler } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { RequestIdVariables } from 'hono/request-id'
import { matchedRoutes } from 'hono/route'
import type { AppDeps } from '../app.ts'
import { respond } from '../http/render.tsx'
import { silentLogger } from '../log.ts'
import { ASSETS } from '../routes/static.ts'
import { logAuthEvent } from './events.ts'
import { can, type Rule, ruleFor, UNROUTED } from './policy.ts'
import { sessionUser } from './session.ts'
import { tokenUser } from './tokens.ts'
import { canSeeTeam, type Viewer, viewerOf } from './viewer.ts'

declare module 'hono' {
  interface ContextVariableMap {
    /** The caller; set on every route whose rule is not 'public' (undefined on public ones). */
    viewer: Viewer
  }
}

/**
 * The route whose handler will answer: the first matched one registered for a method (Hono runs
 * handlers in registration order and the first to respond wins, so "GET /positions/new" answers
 * before "GET /positions/:id" and must be judged by its own rule).
 */
function handlerRoute(c: Context): { method: string; path: string } | undefined {
  return matchedRoutes(c).find((r) => r.method !== 'ALL')
}

/** A named parameter's value, by lining the registered path up against the request path. */
export function pathParam(pattern: string, path: string, name: string): string | undefined {
  const at = pattern.split('/').findIndex((s) => s.replace(/\{.*\}$/, '') === `:${name}`)
  const segment = at < 0 ? undefined : path.split('/')[at]
  return segment === undefined ? undefined : decodeURIComponent(segment)
}

const BEARER = /^Bearer\s+(\S+)$/i

/** Scripts and API clients get JSON statuses; browsers get pages and redirects. */
function wantsJson(c: Context): boolean {
  if (c.req.header('Authorization') !== undefined || c.req.path.startsWith('/api/')) return true
  const accept = c.req.header('Accept') ?? ''
  return accept.includes('application/json') && !accept.includes('text/html')
}

const FORBIDDEN = {
  heading: 'Not allowed',
  message: 'Your account does not have access to this page. Ask an administrator if it should.',
}
const SIGNED_OUT = {
  heading: 'Signed out',
  message: 'Your session has ended. Sign in again to continue.',
}

/** A stand-in origin to resolve `next` against: what it resolves to must stay on it. */
const HERE = 'http://planner.invalid'

/**
 * Where the sign-in page sends the user back to: only a path on this site, as the browser will
 * read it. Browsers drop tabs and newlines from a URL and read "\\" as "/", so "/\t/evil.example"
 * is "//evil.example", another site: the path is resolved as a browser would and kept only if it
 * stays on this origin, and is answered in its encoded form (no raw control character can reach
 * the Location header).
 */
export function safeNext(next: string | undefined): string {
  if (!next?.startsWith('/')) return '/'
  let url: URL
  try {
    url = new URL(next, HERE)
  } catch {
    return '/'
  }
  return url.origin === HERE ? `${url.pathname}${url.search}${url.hash}` : '/'
}

export function authorize(deps: AppDeps): MiddlewareHandler<{ Variables: RequestIdVariables }> {
  const { db, config, clock } = deps
  const logger = deps.logger ?? silentLogger

  function refuse(
    c: Context<{ Variables: RequestIdVariables }>,
    status: 401 | 403 | 404,
    reason: string,
    viewer?: Viewer,
  ) {
    logAuthEvent(logger, 'refused', {
      ...(viewer && { userId: viewer.userId }),
      method: c.req.method,
      path: c.req.path,
      status,
      reason,
      requestId: c.get('requestId'),
    })
    if (wantsJson(c)) {
      if (status === 401) c.header('WWW-Authenticate', 'Bearer')
      const error = { 401: 'unauthenticated', 403: 'forbidden', 404: 'not_found' }[status]
      return c.json({ error }, status)
    }
    if (status === 401) {
      if (c.req.header('HX-Request') === 'true') {
        c.header('HX-Redirect', '/login')
        return respond(c, ASSETS, 401, undefined, SIGNED_OUT)
      }
      const next = c.req.method === 'GET' ? c.req.path : '/'
      return c.redirect(`/login${next === '/' ? '' : `?next=${encodeURIComponent(next)}`}`, 303)
    }
    return respond(c, ASSETS, status, undefined, status === 403 ? FORBIDDEN : undefined)
  }

  return async function authorize(c, next) {
    const route = handlerRoute(c)
    const rule: Rule | undefined = route ? ruleFor(route.method, route.path) : UNROUTED
    if (!rule) {
      // fail closed: a route nobody decided about is refused (and the policy test fails)
      logger.error('route has no policy entry', { method: route!.method, path: route!.path })
      return refuse(c, 403, 'no policy')
    }
    if (rule.permission === 'public') return next()

    const now = clock()
    const authorization = c.req.header('Authorization')
    let viewer: Viewer | undefined
    if (authorization !== undefined) {
      // a request naming a token is judged by the token alone, never by a cookie beside it
      const token = BEARER.exec(authorization)?.[1]
      const user = token === undefined ? null : tokenUser(db, token, now)
      if (user) viewer = viewerOf(db, user, 'token')
    } else {
      const user = sessionUser(c, db, config.auth, now)
      if (user) viewer = viewerOf(db, user, 'session')
    }
    if (!viewer) return refuse(c, 401, authorization ? 'bad token' : 'not signed in')
    if (!can(viewer, rule.permission)) return refuse(c, 403, rule.permission, viewer)
    const teamId = rule.teamParam && route && pathParam(route.path, c.req.path, rule.teamParam)
    if (teamId && !canSeeTeam(viewer, teamId)) return refuse(c, 404, 'team scope', viewer)

    c.set('viewer', viewer)
    await next()
    // pages and data behind sign-in may show pay: never keep them in any cache. Set on the
    // response's own headers: c.header() after the handler copies the response, turning a body
    // @hono/node-server would write as it is into a stream it must read back (2 ms a page).
    c.res.headers.set('Cache-Control', 'no-store')
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * Every request that can change something must come from our own pages, whatever its content
 * type: its Origin is ours, or the browser says `Sec-Fetch-Site: same-origin`. (hono's csrf()
 * checks only form content types, leaving a JSON or XML POST unchecked.) Requests carrying an
 * Authorization header are the exception: browsers never add one to a cross-site request, and
 * authorize() then judges such a request by its token alone, ignoring any cookie.
 */
export function sameOriginWrites(): MiddlewareHandler {
  return async function sameOriginWrites(c, next) {
    if (SAFE_METHODS.has(c.req.method) || c.req.header('Authorization') !== undefined) {
      return next()
    }
    const sameSite = c.req.header('Sec-Fetch-Site') === 'same-origin'
    const origin = c.req.header('Origin')
    if (!sameSite && (origin === undefined || origin !== new URL(c.req.url).origin)) {
      throw new HTTPException(403)
    }
    return next()
  }
}
