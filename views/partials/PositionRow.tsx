import { raw } from 'hono/html'
import type { Child } from 'hono/jsx'
import { formatDate } from '../../src/domain/calendar.ts'
import { formatPercent } from '../../src/domain/money.ts'
import { BandPosition } from '../components/BandPosition.tsx'
import { htmlNow } from '../components/fragments.ts'
import { Money } from '../components/Money.tsx'
import type { PositionRowModel } from '../models/position-table.ts'

export const STATUS_LABEL: Record<string, string> = {
  draft: 'Draft',
  approved: 'Approved',
  open: 'Open',
  offer: 'Offer out',
  filled: 'Filled',
  on_hold: 'On hold',
  cancelled: 'Cancelled',
}
export const REASON_LABEL: Record<string, string> = { net_new: 'Net-new', backfill: 'Backfill' }

/** How the table is shown to this viewer: salary columns only for those who may see pay. */
export interface RowOptions {
  showPay: boolean
  /** Whether the viewer may edit this row's team. */
  editable: (teamId: string) => boolean
  /** Whether the viewer may add open roles at all. */
  canCreate: boolean
  /** The team page's team, so an edit there refreshes that team's figures; else none. */
  focus?: string | undefined
}

/** Columns in the table, so an edit row can span them all. */
export const columnCount = (showPay: boolean) => (showPay ? 11 : 9)

export const rowId = (positionId: string) => `position-${positionId}`

const editHref = (positionId: string, focus: string | undefined) =>
  `/positions/${positionId}/edit${focus ? `?focus=${encodeURIComponent(focus)}` : ''}`

/**
 * One position as a table row; its Edit link swaps the row for the edit form. Swapped back in
 * after a save or cancel, `autofocus` puts focus back on that Edit link, where the keyboard was.
 */
export function PositionRow({
  row,
  opts,
  autofocus,
}: {
  row: PositionRowModel
  opts: RowOptions
  autofocus?: boolean
}) {
  const id = rowId(row.id)
  return (
    <tr id={id}>
      <th scope="row">
        {row.title}
        {row.personName !== null && <div class="muted">{row.personName}</div>}
      </th>
      <td>
        <a href={`/teams/${row.teamId}`}>{row.teamName}</a>
      </td>
      <td>{row.officeName}</td>
      <td>{row.familyName}</td>
      <td>{row.levelCode}</td>
      <td>{STATUS_LABEL[row.status]}</td>
      <td>{row.reason === null ? <span class="muted">Person</span> : REASON_LABEL[row.reason]}</td>
      <td class="nowrap">{formatDate(row.start)}</td>
      {opts.showPay && (
        <td class="num">
          <Money amount={row.baseSalary} currency={row.currency} />
          {!row.bonusTargetRate.isZero() && (
            <div class="muted">+{formatPercent(row.bonusTargetRate)} bonus</div>
          )}
        </td>
      )}
      {opts.showPay && (
        <td>
          <BandPosition fit={row.band} currency={row.currency} />
        </td>
      )}
      <td>
        {opts.editable(row.teamId) && (
          <a
            href={editHref(row.id, opts.focus)}
            hx-get={editHref(row.id, opts.focus)}
            hx-target={`#${id}`}
            hx-swap="outerHTML"
            autofocus={autofocus}
          >
            Edit<span class="visually-hidden"> {row.title}</span>
          </a>
        )}
      </td>
    </tr>
  )
}

/**
 * Rows' HTML by row model and how it is shown. Row models are reused until their position or the
 * reference data changes (services/position-table.ts), so a table page after an edit re-renders
 * only the edited row instead of formatting a hundred dates and salaries again.
 */
const rendered = new WeakMap<PositionRowModel, Map<string, string>>()

/** PositionRow, rendered once per row model and viewer's options. */
export function CachedPositionRow({ row, opts }: { row: PositionRowModel; opts: RowOptions }) {
  const key = `${opts.showPay}|${opts.editable(row.teamId)}|${opts.focus ?? ''}`
  const byOptions = rendered.get(row) ?? new Map<string, string>()
  rendered.set(row, byOptions)
  let html = byOptions.get(key)
  if (html === undefined) {
    html = htmlNow(<PositionRow row={row} opts={opts} />)
    byOptions.set(key, html)
  }
  return raw(html)
}

/** The row swapped for its edit form (the form spans every column). */
export function PositionEditRow({
  positionId,
  showPay,
  children,
}: {
  positionId: string
  showPay: boolean
  children?: Child
}) {
  return (
    <tr id={rowId(positionId)} class="edit-row">
      <td colspan={columnCount(showPay)}>{children}</td>
    </tr>
  )
}
