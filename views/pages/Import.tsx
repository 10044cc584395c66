import { IMPORT_KIND_LABEL, type ImportKind, type RowProblem } from '../../src/domain/csv-import.ts'
import { Flash } from '../components/Flash.tsx'
import { Table } from '../components/Table.tsx'

/** Where a preview or an import answer is swapped in by htmx. */
export const IMPORT_RESULT_ID = 'import-result'

/** One record of a clean file, as the preview lists it (already formatted by the route). */
export interface PreviewRow {
  row: number
  id: string
  label: string
  detail: string
  action: string
  /** The row becomes a proposal for approval, as the form it mirrors would make it. */
  proposal: boolean
}

export type ImportOutcome =
  | { state: 'problems'; kind: ImportKind; rowCount: number; problems: RowProblem[] }
  | {
      state: 'preview'
      kind: ImportKind
      /** The checked file's stash key: the server keeps the file, the confirmation names it. */
      upload: string
      /** The file's first rows, as many as the page shows (PREVIEW_ROWS). */
      rows: PreviewRow[]
      /** Every row of the file: how many, how many add a record, how many become proposals. */
      counts: { rows: number; adds: number; proposals: number }
      ignoredColumns: string[]
    }
  | {
      state: 'imported'
      kind: ImportKind
      added: number
      updated: number
      /** Rows stored as proposals for approval instead. */
      proposed: number
      next: string
    }

export interface ImportProps {
  kinds: readonly ImportKind[]
  plans: { id: string; name: string }[]
  /** What the form was last sent with, so it is shown again. */
  chosen: { kind: ImportKind; planId: string }
  outcome?: ImportOutcome | undefined
}

export function Import({ kinds, plans, chosen, outcome }: ImportProps) {
  return (
    <section aria-labelledby="import-heading">
      <h1 id="import-heading">Import from CSV</h1>
      <p>
        Bring in people, open roles or salary bands from your HR system or a spreadsheet. Start from
        a template, or export with the same column names; other columns are ignored. The file is
        checked first and every problem listed; nothing is written until you import a file without
        problems, and then all of it is written or none.
      </p>
      <ul class="import-templates">
        {kinds.map((k) => (
          <li>
            <a href={`/import/${k}/template.csv`} download={`${k}-template.csv`}>
              Download the {IMPORT_KIND_LABEL[k].toLowerCase()} template
            </a>
          </li>
        ))}
      </ul>
      <form
        method="post"
        action="/import/preview"
        enctype="multipart/form-data"
        class="form import-form"
        hx-post="/import/preview"
        hx-target={`#${IMPORT_RESULT_ID}`}
        hx-swap="outerHTML"
      >
        <div class="field">
          <label for="import-kind">What the file holds</label>
          <select id="import-kind" name="kind">
            {kinds.map((k) => (
              <option value={k} selected={k === chosen.kind}>
                {IMPORT_KIND_LABEL[k]}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="import-plan">Plan (for people and open roles)</label>
          <select id="import-plan" name="plan">
            {plans.map((p) => (
              <option value={p.id} selected={p.id === chosen.planId}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="import-file">CSV file</label>
          <input id="import-file" name="file" type="file" accept=".csv,text/csv" required />
        </div>
        <button type="submit">Check the file</button>
      </form>
      <ImportResult outcome={outcome} />
    </section>
  )
}

/** The preview (problems, or what will change with the button to import it) or the result. */
export function ImportResult({ outcome }: { outcome?: ImportOutcome | undefined }) {
  return (
    <div id={IMPORT_RESULT_ID} class="import-result">
      {outcome?.state === 'problems' && <Problems {...outcome} />}
      {outcome?.state === 'preview' && <Preview {...outcome} />}
      {outcome?.state === 'imported' && (
        <Flash kind="success">
          Imported {outcome.added} new and {outcome.updated} updated{' '}
          {outcome.kind === 'bands' ? 'band(s)' : 'position(s)'}
          {outcome.proposed > 0 && `; ${outcome.proposed} sent for approval as proposals`}.{' '}
          <a href={outcome.next}>See them</a>
        </Flash>
      )}
    </div>
  )
}

function Problems({ rowCount, problems }: { rowCount: number; problems: RowProblem[] }) {
  return (
    <div role="alert">
      <h2>
        {problems.length} problem{problems.length === 1 ? '' : 's'} in {rowCount} row
        {rowCount === 1 ? '' : 's'}: nothing was imported
      </h2>
      <p>Fix these in the file and check it again. Row 1 is the header row.</p>
      <Table id="import-problems" caption="Problems found in the file">
        <thead>
          <tr>
            <th scope="col" class="num">
              Row
            </th>
            <th scope="col">Column</th>
            <th scope="col">Problem</th>
          </tr>
        </thead>
        <tbody>
          {problems.map((p) => (
            <tr>
              <td class="num">{p.row}</td>
              <td>{p.column || '(whole row)'}</td>
              <td>{p.message}</td>
            </tr>
          ))}
        </tbody>
      </Table>
    </div>
  )
}

/**
 * Rows the preview lists: a 30,000-row file is checked whole, but a page of every row would be
 * megabytes nobody reads; the counts above the list cover them all.
 */
export const PREVIEW_ROWS = 500

function Preview({
  kind,
  upload,
  rows,
  counts,
  ignoredColumns,
}: Extract<ImportOutcome, { state: 'preview' }>) {
  const { adds, proposals } = counts
  const all = counts.rows
  return (
    <div>
      <h2>
        No problems in {all} row{all === 1 ? '' : 's'}: {adds} to add, {all - adds} to change
      </h2>
      {proposals > 0 && (
        <p id="import-proposals">
          {proposals} of these row{proposals === 1 ? '' : 's'} will be proposals, not changes to the
          plan: like the same change made in the edit or pay form, each waits on Approvals for a
          decision.
        </p>
      )}
      {ignoredColumns.length > 0 && (
        <p class="muted">Columns not imported: {ignoredColumns.join(', ')}.</p>
      )}
      {rows.length < all && (
        <p id="import-preview-shown">
          The first {rows.length} of {all} rows are listed; the import writes all of them.
        </p>
      )}
      <Table id="import-preview" caption="What the import will write">
        <thead>
          <tr>
            <th scope="col" class="num">
              Row
            </th>
            <th scope="col">ID</th>
            <th scope="col">{kind === 'bands' ? 'Band' : 'Name or title'}</th>
            <th scope="col">Details</th>
            <th scope="col">Change</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr>
              <td class="num">{r.row}</td>
              <td>
                <code>{r.id}</code>
              </td>
              <td>{r.label}</td>
              <td>{r.detail}</td>
              <td>{r.proposal ? `${r.action}: proposal for approval` : r.action}</td>
            </tr>
          ))}
        </tbody>
      </Table>
      <form
        method="post"
        action="/import"
        class="form"
        hx-post="/import"
        hx-target={`#${IMPORT_RESULT_ID}`}
        hx-swap="outerHTML"
      >
        {/* the server kept the checked file; it is checked again before anything is written */}
        <input type="hidden" name="upload" value={upload} />
        <button type="submit">
          Import {all} row{all === 1 ? '' : 's'}
        </button>
      </form>
    </div>
  )
}
