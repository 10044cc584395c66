/**
 * Query strings: read through a zod schema, and refused with 400 naming the field when they do not
 * fit, never 500. Every value is also held to a length, for every route at once, so free text in
 * an address (a filter, a focus, a saved-message) cannot be as long as an attacker likes: each
 * distinct value may key a cached table or page.
 */
import type { Context, MiddlewareHandler } from 'hono'
import type * as z from 'zod'
import { listProblems } from '../../domain/document.ts'
import { Lru } from '../../domain/lru.ts'

/** The longest value (or name) a query parameter may have: ids and filter text are far shorter. */
export const MAX_QUERY_VALUE = 200
/** The most parameters one address may carry. */
export const MAX_QUERY_PARAMS = 50

/** A query that does not fit its route: answered 400 with each field and its problem. */
export class BadQuery extends Error {
  constructor(readonly issues: { path: string; message: string }[]) {
    super('invalid query')
    this.name = 'BadQuery'
  }
}

/**
 * Queries read, by schema and address: a page read again at the same address parses it once
 * (parsing was a tenth of a kept page's time). Bounded, as addresses come from requests; frozen,
 * as a result is shared by every request at its address.
 */
const readQueries = new WeakMap<z.ZodType, Lru<string, unknown>>()

/** The request's query read through `schema`, or a BadQuery naming each field that does not fit. */
export function readQuery<S extends z.ZodType>(c: Context, schema: S): z.output<S> {
  let read = readQueries.get(schema)
  if (read === undefined) {
    read = new Lru<string, unknown>(64)
    readQueries.set(schema, read)
  }
  const at = c.req.url.indexOf('?')
  return read.getOrSet(at < 0 ? '' : c.req.url.slice(at + 1), () => {
    const result = schema.safeParse(c.req.query())
    if (!result.success) throw new BadQuery(listProblems(result.error))
    return Object.freeze(result.data)
  }) as z.output<S>
}

/** Refuses an address with too many parameters or a value (or name) over MAX_QUERY_VALUE. */
export function queryLimits(): MiddlewareHandler {
  return async function queryLimits(c, next) {
    const at = c.req.url.indexOf('?')
    if (at < 0) return next()
    const params = [...new URLSearchParams(c.req.url.slice(at + 1))]
    if (params.length > MAX_QUERY_PARAMS) {
      throw new BadQuery([
        { path: 'query', message: `has more than ${MAX_QUERY_PARAMS} parameters` },
      ])
    }
    for (const [name, value] of params) {
      if (name.length > MAX_QUERY_VALUE) {
        throw new BadQuery([
          { path: `${name.slice(0, 40)}…`, message: 'is not a parameter this planner uses' },
        ])
      }
      if (value.length > MAX_QUERY_VALUE) {
        throw new BadQuery([
          { path: name, message: `is too long: use at most ${MAX_QUERY_VALUE} characters` },
        ])
      }
    }
    return next()
  }
}
