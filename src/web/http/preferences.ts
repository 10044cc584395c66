/**
 * A reader's display preferences, kept in this browser by a cookie: they change how figures are
 * shown, never what the reader may see.
 */
import type { Context } from 'hono'
import { getCookie } from 'hono/cookie'

/** Set when the reader asked to see pennies (and cents) in tables. */
export const PENNIES_COOKIE = 'pennies'

/** Whether tables show amounts to the penny; by default they show whole units. */
export function showsPennies(c: Context): boolean {
  return getCookie(c, PENNIES_COOKIE) === 'on'
}
