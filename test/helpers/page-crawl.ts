/**
 * A breadth-first crawl of the pages a signed-in user can reach by following links, through
 * `app.request()` (no port, no browser), and the text those pages show a reader. Generic: the
 * caller says who is asking (`get`) and where to start; the tests decide what to look for.
 */

export interface CrawledPage {
  /** Path and query, as linked. */
  url: string
  status: number
  html: string
}

export interface CrawlOptions {
  /** At most this many pages (a guard against a link that generates links). */
  limit?: number
  /**
   * Pages that differ only in their query values (sort orders, explanation cells) are crawled at
   * most this many times each.
   */
  perShape?: number
  /** Links not to follow (sign-out, downloads are skipped already). */
  skip?: (url: URL) => boolean
}

const ORIGIN = 'http://localhost'

/** Every same-origin link of `html` to a page (not a download), resolved against `from`. */
export function pageLinks(html: string, from: string): string[] {
  const links: string[] = []
  for (const [tag, href] of html.matchAll(/<a\b[^>]*?\bhref="([^"]*)"[^>]*>/g)) {
    if (/\sdownload\b/.test(tag)) continue
    const url = new URL(decodeEntities(href!), `${ORIGIN}${from}`)
    if (url.origin !== ORIGIN || /\.(csv|json|xlsx)$/.test(url.pathname)) continue
    links.push(`${url.pathname}${url.search}`)
  }
  return links
}

const shapeOf = (url: URL) => `${url.pathname}?${[...url.searchParams.keys()].sort().join('&')}`

export async function crawl(
  get: (url: string) => Promise<Response>,
  start: readonly string[],
  { limit = 400, perShape = 3, skip = () => false }: CrawlOptions = {},
): Promise<CrawledPage[]> {
  const seen = new Set<string>()
  const shapes = new Map<string, number>()
  const queue = [...start]
  const pages: CrawledPage[] = []
  while (queue.length > 0 && pages.length < limit) {
    const url = queue.shift()!
    const parsed = new URL(url, ORIGIN)
    const shape = shapeOf(parsed)
    if (seen.has(url) || skip(parsed) || (shapes.get(shape) ?? 0) >= perShape) continue
    seen.add(url)
    shapes.set(shape, (shapes.get(shape) ?? 0) + 1)
    const res = await get(url)
    const type = res.headers.get('content-type') ?? ''
    if (!type.startsWith('text/html')) continue
    const html = await res.text()
    pages.push({ url, status: res.status, html })
    queue.push(...pageLinks(html, url))
  }
  return pages
}

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  '#39': "'",
  '#x27': "'",
  nbsp: ' ',
}

export function decodeEntities(text: string): string {
  return text.replace(/&(#?\w+);/g, (m, name: string) => ENTITIES[name] ?? m)
}

/** Attributes whose words a reader sees or hears (tooltips, accessible names, hints). */
const READ_ATTRIBUTES = /\s(?:title|aria-label|placeholder|alt)="([^"]*)"/g

/**
 * What a reader of `html` sees: the body's text, SVG titles (hover values) included, with
 * scripts, styles and form values left out, plus the attributes a reader sees or hears. Ids in URLs, form
 * values and element ids are markup, not text, and are left out.
 */
export function visibleText(html: string): string {
  const body = html.slice(Math.max(0, html.indexOf('<body')))
  // a textarea's text is a form value (what is stored, for editing), like an input's value
  const withoutCode = body.replace(/<(script|style|textarea)\b[\s\S]*?<\/\1>/g, ' ')
  const attributes = [...withoutCode.matchAll(READ_ATTRIBUTES)].map((m) => m[1])
  const text = withoutCode.replace(/<[^>]+>/g, ' ')
  return decodeEntities([text, ...attributes].join(' '))
    .replace(/\s+/g, ' ')
    .trim()
}

/** The words around `index` in `text`, to say where a finding is. */
export function around(text: string, index: number, width = 60): string {
  return text.slice(Math.max(0, index - width), index + width)
}
