import type { Child } from 'hono/jsx'

/**
 * A table in its own scrolling container, so a wide table scrolls sideways inside the page
 * rather than the page itself; the container is focusable so keyboard users can scroll it.
 */
export function Table({
  id,
  caption,
  dense = false,
  cards = false,
  children,
}: {
  id?: string
  caption: string
  /** Smaller text and padding, for a table of many columns that must fit a desktop width. */
  dense?: boolean
  /**
   * On a phone, each row as a card of stacked cells, each cell headed by its `data-label`, so a
   * row's forms and buttons stay on screen instead of past the table's right edge.
   */
  cards?: boolean
  children?: Child
}) {
  const classes = ['data-table', dense && 'data-table-dense', cards && 'data-table-cards']
  return (
    <section class="table-scroll" tabindex={0} aria-label={caption}>
      <table id={id} class={classes.filter(Boolean).join(' ')}>
        <caption>{caption}</caption>
        {children}
      </table>
    </section>
  )
}

/**
 * Attributes that make a plain link, with htmx, fetch its URL and swap only `target` (outerHTML),
 * pushing the URL so it stays shareable; without JavaScript it loads the whole page as before.
 */
export const swapLink = (href: string, target: string) => ({
  'hx-get': href,
  'hx-target': target,
  'hx-swap': 'outerHTML',
  'hx-push-url': 'true',
})

/**
 * A column heading that sorts by its key: a plain link to the same page with `sort` and `dir`
 * set (the current sort flips direction), marked with aria-sort for screen readers; with
 * `hxTarget`, htmx swaps only that element.
 */
export function SortHeader({
  label,
  sortKey,
  current,
  dir,
  href,
  class: className,
  hxTarget,
}: {
  label: string
  sortKey: string
  current: string
  dir: 'asc' | 'desc'
  /** Builds the link for a sort key and direction, keeping the other query parameters. */
  href: (sortKey: string, dir: 'asc' | 'desc') => string
  class?: string
  /** With htmx, the link swaps only the element this selector names (see swapLink). */
  hxTarget?: string
}) {
  const active = sortKey === current
  const next = active && dir === 'asc' ? 'desc' : 'asc'
  const link = href(sortKey, next)
  return (
    <th
      scope="col"
      class={className}
      aria-sort={active ? (dir === 'asc' ? 'ascending' : 'descending') : undefined}
    >
      <a href={link} {...(hxTarget ? swapLink(link, hxTarget) : {})}>
        {label}
        {active && <span aria-hidden="true">{dir === 'asc' ? ' ▲' : ' ▼'}</span>}
      </a>
    </th>
  )
}

/**
 * A table of plain rows under their column headings, each row's first cell its row header; it
 * shows nothing when there are no rows.
 */
export function RowsTable({
  caption,
  columns,
  rows,
}: {
  caption: string
  columns: readonly string[]
  rows: readonly (readonly [Child, ...Child[]])[]
}) {
  if (rows.length === 0) return null
  return (
    <Table caption={caption}>
      <thead>
        <tr>
          {columns.map((c) => (
            <th scope="col">{c}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map(([head, ...cells]) => (
          <tr>
            <th scope="row">{head}</th>
            {cells.map((cell) => (
              <td>{cell}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </Table>
  )
}
