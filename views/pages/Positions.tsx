import type { Child } from 'hono/jsx'
import { REQUISITION_STATUSES } from '../../src/domain/model.ts'
import { SortHeader, swapLink, Table } from '../components/Table.tsx'
import type { FieldErrors, FormChoices, PositionFormValues } from '../models/position-form.ts'
import {
  type BucketCounts,
  PAGE_SIZE,
  type PositionRowModel,
  type TableQuery,
} from '../models/position-table.ts'
import type { FiguresTable } from '../models/team-figures.ts'
import { PositionForm, type PositionFormProps } from '../partials/PositionForm.tsx'
import {
  CachedPositionRow,
  REASON_LABEL,
  type RowOptions,
  STATUS_LABEL,
} from '../partials/PositionRow.tsx'
import { TeamFigures } from '../partials/TeamFigures.tsx'

export const TABLE_ID = 'positions-table'

/** Band buckets as the filter and the counts name them. */
export const BUCKET_LABEL: Record<keyof BucketCounts, string> = {
  below_min: 'Below minimum',
  q1: 'First quartile',
  q2: 'Second quartile',
  q3: 'Third quartile',
  q4: 'Fourth quartile',
  above_max: 'Above maximum',
  none: 'No band',
}
const BUCKET_OPTIONS = Object.entries(BUCKET_LABEL).map(([id, name]) => ({ id, name }))
const FILTERS_ID = 'positions-filters'

/** Filter options: a manager's teams only; everything else from the workspace. */
export interface FilterChoices {
  teams: { id: string; name: string }[]
  offices: { id: string; name: string }[]
  families: { id: string; name: string }[]
  levels: { id: string; name: string }[]
}

/** The query string for these filters with `changes` applied (empty values left out). */
export function queryHref(q: TableQuery, changes: Partial<Record<keyof TableQuery, string>>) {
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries({ ...q, ...changes })) if (v) params.set(k, String(v))
  return `/positions?${params}`
}

function FilterSelect({
  name,
  label,
  value,
  options,
}: {
  name: keyof TableQuery
  label: string
  value: string | undefined
  options: readonly { id: string; name: string }[]
}) {
  return (
    <div class="field">
      <label for={`filter-${name}`}>{label}</label>
      <select id={`filter-${name}`} name={name}>
        <option value="">Any</option>
        {options.map((o) => (
          <option value={o.id} selected={o.id === value}>
            {o.name}
          </option>
        ))}
      </select>
    </div>
  )
}

/**
 * Filters as a GET form: without JavaScript "Apply" reloads; with htmx a change swaps the table.
 * The sort it keeps is in the table (see PositionsTable), so a sort swapped in is kept too.
 */
function Filters({
  q,
  choices,
  showPay,
}: {
  q: TableQuery
  choices: FilterChoices
  showPay: boolean
}) {
  return (
    <form
      id={FILTERS_ID}
      class="filters"
      method="get"
      action="/positions"
      hx-get="/positions"
      hx-trigger="change"
      hx-target={`#${TABLE_ID}`}
      hx-swap="outerHTML"
      hx-push-url="true"
    >
      <FilterSelect name="team" label="Team" value={q.team} options={choices.teams} />
      <FilterSelect name="office" label="Office" value={q.office} options={choices.offices} />
      <FilterSelect name="family" label="Job family" value={q.family} options={choices.families} />
      <FilterSelect name="level" label="Level" value={q.level} options={choices.levels} />
      <FilterSelect
        name="status"
        label="Status"
        value={q.status}
        options={REQUISITION_STATUSES.map((s) => ({ id: s, name: STATUS_LABEL[s]! }))}
      />
      <FilterSelect
        name="reason"
        label="Net-new or backfill"
        value={q.reason}
        options={Object.entries(REASON_LABEL).map(([id, name]) => ({ id, name }))}
      />
      {showPay && (
        <FilterSelect name="band" label="Band position" value={q.band} options={BUCKET_OPTIONS} />
      )}
      <div class="filter-actions">
        <button type="submit">Apply filters</button>
        <a href="/positions">Clear filters</a>
      </div>
    </form>
  )
}

/** How many positions sit in each band bucket (all filters but the band's), each a filter link. */
function BucketCountLinks({ q, counts }: { q: TableQuery; counts: BucketCounts }) {
  return (
    <nav aria-label="Positions by band position" class="bucket-counts" id="bucket-counts">
      {(Object.keys(BUCKET_LABEL) as (keyof BucketCounts)[]).map((bucket) => {
        const href = queryHref(q, { band: bucket, page: '1' })
        return (
          <a
            href={href}
            {...swapLink(href, `#${TABLE_ID}`)}
            aria-current={q.band === bucket ? 'true' : undefined}
            data-bucket={bucket}
          >
            {BUCKET_LABEL[bucket]} <span class="num">{counts[bucket]}</span>
          </a>
        )
      })}
    </nav>
  )
}

/** The table alone: what a filter change or sort swaps in. */
export function PositionsTable({
  rows,
  q,
  opts,
  counts,
}: {
  rows: PositionRowModel[]
  q: TableQuery
  opts: RowOptions
  /** Per band bucket, for viewers who see pay. */
  counts?: BucketCounts
}) {
  const sortHref = (sort: string, dir: string) => queryHref(q, { sort, dir, page: '1' })
  const pages = Math.ceil(rows.length / PAGE_SIZE)
  const first = (Math.min(q.page, Math.max(pages, 1)) - 1) * PAGE_SIZE
  const shown = rows.slice(first, first + PAGE_SIZE)
  const header = (label: string, key: TableQuery['sort'], cls?: string) => (
    <SortHeader
      label={label}
      sortKey={key}
      current={q.sort}
      dir={q.dir}
      href={sortHref}
      class={cls}
      hxTarget={`#${TABLE_ID}`}
    />
  )
  return (
    <div id={TABLE_ID}>
      {/* the filter form's sort, kept here so that each table swapped in brings its own */}
      <input type="hidden" form={FILTERS_ID} name="sort" value={q.sort} />
      <input type="hidden" form={FILTERS_ID} name="dir" value={q.dir} />
      {counts && <BucketCountLinks q={q} counts={counts} />}
      <p class="muted" id="positions-count">
        {rows.length === 1 ? '1 position' : `${rows.length} positions`}
        {pages > 1 && `, showing ${first + 1} to ${first + shown.length}`}
      </p>
      {rows.length === 0 ? (
        <p class="empty-state">
          No positions match these filters. <a href="/positions">Clear the filters</a>
          {opts.canCreate && (
            <>
              {' '}
              or <a href="/positions/new">add an open role</a>
            </>
          )}
          .
        </p>
      ) : (
        <Table caption="Positions" dense>
          <thead>
            <tr>
              {header('Title', 'title')}
              {header('Team', 'team')}
              {header('Office', 'office')}
              {header('Job family', 'family')}
              {header('Level', 'level')}
              {header('Status', 'status')}
              <th scope="col">Net-new or backfill</th>
              {header('Start', 'start')}
              {opts.showPay && header('Base salary', 'salary', 'num')}
              {opts.showPay && header('Band position', 'compa')}
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody id="positions-body">
            {shown.map((row) => (
              <CachedPositionRow row={row} opts={opts} />
            ))}
          </tbody>
        </Table>
      )}
      {pages > 1 && <Pager q={q} pages={pages} current={first / PAGE_SIZE + 1} />}
    </div>
  )
}

/** Previous and next page links (plain links, so paging works without JavaScript). */
function Pager({ q, pages, current }: { q: TableQuery; pages: number; current: number }) {
  const pageLink = (page: number, label: string) => {
    const href = queryHref(q, { page: String(page) })
    return (
      <a href={href} {...swapLink(href, `#${TABLE_ID}`)}>
        {label}
      </a>
    )
  }
  return (
    <nav aria-label="Pages of positions" class="pager">
      {current > 1 && pageLink(current - 1, 'Previous page')}{' '}
      <span>
        Page {current} of {pages}
      </span>{' '}
      {current < pages && pageLink(current + 1, 'Next page')}
    </nav>
  )
}

export function Positions({
  rows,
  q,
  opts,
  counts,
  filters,
  figures,
  proposed,
}: {
  rows: PositionRowModel[]
  q: TableQuery
  opts: RowOptions
  counts?: BucketCounts
  filters: FilterChoices
  figures: FiguresTable
  /** Pending proposals, apart from the approved figures. */
  proposed?: Child
}) {
  return (
    <>
      <header class="page-header">
        <h1>Positions</h1>
        {opts.canCreate && (
          <p>
            <a class="button" href="/positions/new">
              Add an open role
            </a>
          </p>
        )}
      </header>
      <TeamFigures {...figures} />
      {proposed}
      <section aria-labelledby="positions-heading">
        <h2 id="positions-heading">All positions</h2>
        <Filters q={q} choices={filters} showPay={opts.showPay} />
        <PositionsTable rows={rows} q={q} opts={opts} counts={counts} />
      </section>
    </>
  )
}

/** The page for a new open role (the form posts to /positions). */
export function NewPosition({
  values,
  errors,
  choices,
  band,
  onSave,
  proposal,
}: {
  values: PositionFormValues
  errors: FieldErrors
  choices: FormChoices
  band?: PositionFormProps['band']
  onSave?: string
  proposal?: PositionFormProps['proposal']
}) {
  return (
    <>
      <header class="page-header">
        <h1>Add an open role</h1>
        <p class="muted">The role joins the plan from its target start date.</p>
      </header>
      <PositionForm
        id="new-role"
        heading="Role details"
        action="/positions"
        values={values}
        errors={errors}
        choices={choices}
        kind="open"
        cancel={{ href: '/positions' }}
        submitLabel="Add role"
        band={band}
        onSave={onSave}
        proposal={proposal}
      />
    </>
  )
}

/** An edit form on its own page (without JavaScript the Edit link leads here). */
export function EditPosition({ children }: { children?: Child }) {
  return (
    <>
      <header class="page-header">
        <h1>Edit position</h1>
      </header>
      {children}
    </>
  )
}
