import { type Currency, formatMinor } from '../../src/domain/money.ts'

/** One line of an explanation: words, an optional amount, and a link to the next level down. */
export interface ExplainItem {
  label: string
  amount?: number
  href?: string
}

export interface ExplainSection {
  heading: string
  items: ExplainItem[]
  /** The section's sum, shown last. */
  total?: number
}

export interface ExplainPanelProps {
  heading: string
  currency: Currency
  sections: ExplainSection[]
  /** The figure explained, matching the sum of the sections. */
  total?: number
  /** Back to the dashboard (for the page shown without JavaScript). */
  backHref?: string
}

function Item({ item, currency }: { item: ExplainItem; currency: Currency }) {
  const label = item.href ? (
    <a href={item.href} hx-get={item.href} hx-target="#explain-panel" hx-swap="innerHTML">
      {item.label}
    </a>
  ) : (
    item.label
  )
  return (
    <li>
      <span>{label}</span>
      {item.amount !== undefined && (
        <span class="num explain-amount">{formatMinor(item.amount, currency)}</span>
      )}
    </li>
  )
}

/** The lines a figure sums, or the engine's working for one position-month-component. */
export function ExplainPanel({ heading, currency, sections, total, backHref }: ExplainPanelProps) {
  return (
    <article class="explain" aria-labelledby="explain-heading">
      {/* shown as its own page (without JavaScript), the heading is the page's one h1 */}
      {backHref ? <h1 id="explain-heading">{heading}</h1> : <h2 id="explain-heading">{heading}</h2>}
      {sections.map((s) => (
        <section class="explain-section">
          <h3>{s.heading}</h3>
          <ul class="explain-lines">
            {s.items.map((item) => (
              <Item item={item} currency={currency} />
            ))}
            {s.total !== undefined && (
              <li class="explain-subtotal">
                <span>Subtotal</span>
                <span class="num explain-amount">{formatMinor(s.total, currency)}</span>
              </li>
            )}
          </ul>
        </section>
      ))}
      {total !== undefined && (
        <p class="explain-total">
          Total <span class="num">{formatMinor(total, currency)}</span>
        </p>
      )}
      {backHref && (
        <p>
          <a href={backHref}>Back to the projection</a>
        </p>
      )}
    </article>
  )
}
