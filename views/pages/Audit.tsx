import { Table } from '../components/Table.tsx'

/** One audit event, formatted. */
export interface AuditRow {
  id: number
  at: string
  who: string
  action: string
  entity: string
  team: string
  /** Each changed field as "Label: before -> after", references by name. */
  changes: string[]
}

export interface AuditProps {
  rows: AuditRow[]
  teams: { id: string; name: string }[]
  people: { id: string; name: string }[]
  filter: { team: string; person: string }
  /** The CSV link for the same filter. */
  csvHref: string
}

export function Audit({ rows, teams, people, filter, csvHref }: AuditProps) {
  return (
    <section aria-labelledby="audit-heading">
      <h1 id="audit-heading">Audit trail</h1>
      <p>
        Every change to the plan, bands, rates, users and proposals: who, when, before and after.
      </p>
      <form method="get" action="/audit" class="form audit-filter">
        <div class="field">
          <label for="audit-team">Team</label>
          <select id="audit-team" name="team">
            <option value="">All teams</option>
            {teams.map((t) => (
              <option value={t.id} selected={t.id === filter.team}>
                {t.name}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="audit-person">Person</label>
          <select id="audit-person" name="person">
            <option value="">Everyone</option>
            {people.map((p) => (
              <option value={p.id} selected={p.id === filter.person}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">Filter</button>
        <a href={csvHref} download>
          Download as CSV
        </a>
        <a href={csvHref.replace('/audit.csv', '/audit.xlsx')} download>
          Download as Excel
        </a>
      </form>
      {rows.length === 0 ? (
        <p class="muted">No changes match. Choose another team or person, or all of them.</p>
      ) : (
        <Table caption="Changes, newest first">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">Record</th>
              <th scope="col">Team</th>
              <th scope="col">Before → after</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <td>{r.at}</td>
                <td>{r.who}</td>
                <td>{r.action}</td>
                <td>{r.entity}</td>
                <td>{r.team}</td>
                <td>
                  <ul class="audit-changes">
                    {r.changes.map((ch) => (
                      <li>{ch}</li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </section>
  )
}
