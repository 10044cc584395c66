import { expect } from 'vitest'

/** The text of the element with `id` (tags stripped), for asserting on what a section says. */
export function section(html: string, id: string): string {
  const start = html.indexOf(`id="${id}"`)
  expect(start, `no element with id ${id}`).toBeGreaterThan(-1)
  const tag = html.lastIndexOf('<', start)
  const name = /^<(\w+)/.exec(html.slice(tag))![1]
  const end = html.indexOf(`</${name}>`, start)
  return html
    .slice(start, end)
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
}

/** A page's text as a reader sees it: tags dropped, entities decoded, white space folded. */
export function textOf(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
}
