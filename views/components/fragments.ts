/**
 * Rendered fragments kept for reuse. Serialising JSX is most of a large page's cost, and after an
 * edit most of a page shows exactly what it showed before: the headcount chart after a salary
 * change, every team's row but the edited one's.
 */
import { raw } from 'hono/html'
import type { JSX } from 'hono/jsx/jsx-runtime'
import type { HtmlEscapedString } from 'hono/utils/html'
import { Lru } from '../../src/domain/lru.ts'

/** A fragment's HTML now: every component in a kept fragment must render synchronously. */
export function htmlNow(node: JSX.Element): string {
  // a promise would mean a component in the fragment no longer renders synchronously
  const out: unknown = node instanceof Promise ? node : node.toString()
  if (typeof out !== 'string') throw new Error('a kept fragment rendered asynchronously')
  return flattened(out)
}

/**
 * `html` with its characters in one piece. JSX builds a string by concatenation, which V8 keeps
 * as a tree of the pieces until something reads it whole, and a kept fragment is read whole
 * again each time a page that holds it is sent. Converting it to a number (discarded) is what
 * makes V8 flatten it in place, once: a positions page is then encoded in half the time.
 */
function flattened(html: string): string {
  Number(html)
  return html
}

/**
 * `render` as a component whose HTML is kept by `keyOf(props)`, a key that names everything the
 * fragment shows (so equal keys render equal HTML). Keeps the `limit` most recently used.
 */
export function keptByContent<P>(
  render: (props: P) => JSX.Element,
  keyOf: (props: P) => string,
  limit: number,
): (props: P) => HtmlEscapedString {
  const kept = new Lru<string, HtmlEscapedString>(limit)
  return (props) => kept.getOrSet(keyOf(props), () => raw(htmlNow(render(props))))
}
