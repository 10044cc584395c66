import type { Context, ErrorHandler, MiddlewareHandler, NotFoundHandler } from 'hono'
import { html } from 'hono/html'
import { HTTPException } from 'hono/http-exception'
import type { Child } from 'hono/jsx'
import type { RequestIdVariables } from 'hono/request-id'
import { HtmlEscapedCallbackPhase, type HtmlEscapedString, resolveCallback } from 'hono/utils/html'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { Flash } from '../../../views/components/Flash.tsx'
import { KeptPage, type PageAssets } from '../../../views/layouts/Page.tsx'
import { ErrorPage } from '../../../views/pages/ErrorPage.tsx'
import type { Viewer } from '../auth/viewer.ts'
import type { Logger } from '../log.ts'
import { BadForm } from './bad-form.ts'
import { isHtmxRequest } from './htmx.ts'
import { navigationFor } from './navigation.ts'
import { BadQuery } from './query.ts'

/** Counts shown beside navigation links, by href (how many wait for the viewer). */
export type NavCounts = (viewer: Viewer) => Readonly<Record<string, number>>

/** The signed-in account and its navigation for the page header; unset on public pages. */
function header(c: Context, counts: NavCounts) {
  const viewer = c.get('viewer') as Viewer | undefined
  return viewer
    ? {
        account: { name: viewer.name, role: viewer.role },
        nav: navigationFor(viewer, counts(viewer)),
      }
    : {}
}

/** What JSX renders to, or a string of HTML. */
export type HtmlContent = string | HtmlEscapedString | Promise<string>

/**
 * Answers with `content` rendered and encoded once, as bytes. JSX renders to a String object,
 * which @hono/node-server sends only by way of a full web Response, and that checks every
 * character of a string body (undici's USVString conversion) before encoding it: together about
 * 2 ms for a 100 kB page. Bytes are written to the socket as they are.
 */
export async function htmlResponse(
  c: Context,
  content: HtmlContent,
  status?: ContentfulStatusCode,
): Promise<Response> {
  const rendered = await resolveCallback(content, HtmlEscapedCallbackPhase.Stringify, false, {})
  return c.body(Buffer.from(`${rendered}`, 'utf8'), status, {
    'Content-Type': 'text/html; charset=UTF-8',
  })
}

/** A whole page: the doctype and the layout around `body`. */
const page = (
  c: Context,
  assets: PageAssets,
  title: string,
  body: Child,
  counts: NavCounts = () => ({}),
) =>
  html`<!DOCTYPE html>${(
    <KeptPage title={title} assets={assets} currentPath={c.req.path} {...header(c, counts)}>
      {body}
    </KeptPage>
  )}`

/** Registers the page layout so handlers call `c.render(<Body/>, { title })`. */
export function pageRenderer(assets: PageAssets, counts?: NavCounts): MiddlewareHandler {
  return async function pageRenderer(c, next) {
    c.setRenderer((body, { title }) => htmlResponse(c, page(c, assets, title, body, counts)))
    await next()
  }
}

const WORDS: Record<number, { heading: string; message: string }> = {
  400: { heading: 'Bad request', message: 'The planner could not understand that request.' },
  403: {
    heading: 'Request refused',
    message: "The request was refused because it did not come from the planner's own pages.",
  },
  404: {
    heading: 'Page not found',
    message: 'There is no page at this address. It may have moved, or the link may be mistyped.',
  },
  409: {
    heading: 'Not saved',
    message: 'Something changed meanwhile. Reload the page and try again.',
  },
  413: {
    heading: 'Request too large',
    message: 'The request was larger than the planner accepts.',
  },
  500: {
    heading: 'Something went wrong',
    message:
      'The planner could not complete this request. The problem has been logged; try again, and ' +
      'if it keeps happening, quote the reference to whoever runs the planner.',
  },
}

function wordsFor(status: number) {
  return WORDS[status] ?? (status < 500 ? WORDS[400]! : WORDS[500]!)
}

/**
 * Answers with the error page, or for htmx a message swapped into the page's #flash region
 * (HX-Retarget) so a failed fragment request cannot replace part of the page with a whole page.
 * `words` replaces the status's usual heading and message.
 */
export function respond(
  c: Context,
  assets: PageAssets,
  status: ContentfulStatusCode,
  requestId?: string,
  words: { heading: string; message: string; field?: string } = wordsFor(status),
) {
  const { heading, message, field } = words
  c.status(status)
  if (isHtmxRequest(c)) {
    c.header('HX-Retarget', '#flash')
    c.header('HX-Reswap', 'innerHTML')
    return htmlResponse(
      c,
      <Flash kind="error">
        {heading}. {message}
        {requestId && ` Reference: ${requestId}.`}
      </Flash>,
    )
  }
  // the page renderer may not have been registered when an error happens, so not c.render
  return htmlResponse(
    c,
    page(
      c,
      assets,
      heading,
      <ErrorPage heading={heading} message={message} requestId={requestId} field={field} />,
    ),
  )
}

/**
 * Unexpected errors are logged with the request id and stack, and answered with a generic page:
 * the user never sees the error's message or stack. Refusals raised by middleware (csrf's 403,
 * bodyLimit's 413) keep their status.
 */
export function errorHandler(
  logger: Logger,
  assets: PageAssets,
): ErrorHandler<{ Variables: RequestIdVariables }> {
  return function errorHandler(err, c) {
    const requestId = c.get('requestId')
    if (err instanceof BadQuery) {
      if (c.req.path.startsWith('/api/')) {
        return c.json({ error: 'invalid_query', issues: err.issues }, 400)
      }
      const said = err.issues.map((i) => `“${i.path}” ${i.message}`).join('; ')
      return respond(c, assets, 400, undefined, {
        heading: 'Bad request',
        message: `The address does not fit this page: ${said}.`,
      })
    }
    if (err instanceof BadForm) {
      return respond(c, assets, 400, undefined, {
        heading: 'Not saved',
        message: `${err.problem} Reload the page and make your change again.`,
        field: err.field,
      })
    }
    if (err instanceof HTTPException && err.status < 500) {
      logger.warn('request refused', { requestId, status: err.status, path: c.req.path })
      // a conflict's message says what changed and what to do; other refusals keep their words
      const words =
        err.status === 409 && err.message !== ''
          ? { heading: WORDS[409]!.heading, message: err.message }
          : undefined
      return respond(c, assets, err.status, undefined, words)
    }
    logger.error('unhandled error', {
      requestId,
      method: c.req.method,
      path: c.req.path,
      error: err.name,
      stack: err.stack ?? err.message,
    })
    return respond(c, assets, 500, requestId)
  }
}

export function notFoundHandler(assets: PageAssets): NotFoundHandler {
  return function notFound(c) {
    return respond(c, assets, 404)
  }
}
