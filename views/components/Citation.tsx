/**
 * A source as a reader wants it: a short citation with links ("GOV.UK", "equipsme.com") and, for
 * a figure that is an estimate rather than a published number, a badge saying so. The stored
 * source keeps the team's working notes (section references, review markers); none of those are
 * shown.
 */

/** Publishers worth naming by their own name rather than their web address. */
const PUBLISHERS: Record<string, string> = {
  'gov.uk': 'GOV.UK',
  'irs.gov': 'IRS',
  'ssa.gov': 'Social Security Administration',
  'dol.gov': 'US Department of Labor',
  'bankofengland.co.uk': 'Bank of England',
  'federalreserve.gov': 'Federal Reserve',
  'ons.gov.uk': 'ONS',
  'hmrc.gov.uk': 'HMRC',
  'kff.org': 'KFF',
}

export function publisherOf(url: string): string {
  let host: string
  try {
    host = new URL(url).hostname.replace(/^www\./, '')
  } catch {
    return 'link'
  }
  const known = Object.keys(PUBLISHERS).find((d) => host === d || host.endsWith(`.${d}`))
  return known ? PUBLISHERS[known]! : host
}

/** Markers the team writes beside figures that are judgements, not published numbers. */
const ESTIMATE = /\[(?:assumption|heuristic|estimate)\]/gi
const REVIEW = /\[(?:verify|todo|tbd)\]/gi
/** Either marker: the figure is not (yet) a checked, published number. */
const MARKED = /\[(?:assumption|heuristic|estimate|verify|todo|tbd)\]/i
const URL_PATTERN = /https?:\/\/[^\s;,)]+[^\s;,).]/g
/** Notes that point into the project's own documents: "docs/conventions.md §1.6", "(….md#x)". */
const INTERNAL = /\(?\s*(?:see\s+)?(?:[\w-]+\/)*[\w-]+\.md(?:#[\w-]+)?(?:\s*§\s*[\d.]+)?\s*\)?:?/gi

export interface ParsedSource {
  text: string
  links: { href: string; label: string }[]
  estimate: boolean
}

export function parseSource(raw: string): ParsedSource {
  const links = [...raw.matchAll(URL_PATTERN)].map((m) => ({
    href: m[0],
    label: publisherOf(m[0]),
  }))
  const text = raw
    .replace(URL_PATTERN, '')
    .replace(INTERNAL, '')
    .replace(ESTIMATE, '')
    .replace(REVIEW, '')
    .replace(/\(\s*[,;]?\s*\)/g, '')
    .replace(/\s+([,;.:)])/g, '$1')
    .replace(/([;,])\s*(?=[;,.]|$)/g, '')
    .replace(/^[\s;,:.]+|[\s;,:]+$/g, '')
    .replace(/\s{2,}/g, ' ')
  const unique = links.filter((l, i) => links.findIndex((x) => x.href === l.href) === i)
  return { text, links: unique, estimate: MARKED.test(raw) }
}

const ESTIMATE_NOTE =
  'Estimate: a judgement by whoever set up the plan, not a published figure. Check it against your own contracts.'

export function EstimateBadge() {
  return (
    <span class="badge badge-estimate" title={ESTIMATE_NOTE}>
      Estimate
      <span class="visually-hidden">
        {' '}
        (a judgement by whoever set up the plan, not a published figure)
      </span>
    </span>
  )
}

export function Citation({ source }: { source: string }) {
  const { text, links, estimate } = parseSource(source)
  return (
    <span class="citation">
      {text}
      {links.map((l, i) => (
        <>
          {i === 0 ? (text ? ' (' : '') : ', '}
          <a href={l.href} rel="noopener noreferrer">
            {l.label}
          </a>
          {i === links.length - 1 && text ? ')' : ''}
        </>
      ))}
      {estimate && (
        <>
          {' '}
          <EstimateBadge />
        </>
      )}
    </span>
  )
}
