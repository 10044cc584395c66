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
