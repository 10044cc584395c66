/**
 * The audit trail for admins and finance: newest first, filtered by team and by the person who
 * made the change, on screen and as CSV or Excel (the same filter and the same words).
 */
import { stringify } from 'csv-stringify/sync'
import { type Context, Hono } from 'hono'
import * as z from 'zod'
import { Audit } from '../../../views/pages/Audit.tsx'
import { type AuditEvent, listAudit } from '../../db/repos/audit.ts'
import { userNames } from '../../db/repos/users.ts'
import { namesOf } from '../../domain/names.ts'
import type { AppDeps } from '../app.ts'
import { readQuery } from '../http/query.ts'
import { SPREADSHEET_SAFE } from '../http/spreadsheet.ts'
import { type XlsxColumn, xlsxResponse } from '../http/xlsx.ts'
import { actionWords, fieldChanges, recordName } from '../services/audit-entries.ts'

const filterQuery = z.object({
  team: z.string().max(200).optional().catch(undefined),
  person: z.string().max(200).optional().catch(undefined),
})

/** How many events a page or download holds. */
const LIMIT = 2000

export function auditRoutes({ db, projections }: Pick<AppDeps, 'db' | 'projections'>) {
  function load(c: Context) {
    const q = readQuery(c, filterQuery)
    const filter = { team: q.team || '', person: q.person || '' }
    const events = listAudit(
      db,
      {
        ...(filter.team && { teamId: filter.team }),
        ...(filter.person && { userId: filter.person }),
      },
      LIMIT,
    )
    const who = userNames(db)
    const people = [...who].map(([id, name]) => ({ id, name }))
    const doc = projections.plans().length > 0 ? projections.workspace() : null
    const teams = doc?.teams ?? []
    const names = doc && namesOf(doc)
    const rowOf = (e: AuditEvent) => ({
      id: e.id,
      at: e.at.replace('T', ' ').slice(0, 16),
      who: e.userId === null ? 'the system' : (who.get(e.userId) ?? 'a user since removed'),
      action: actionWords(e.action),
      entity: recordName(e, doc, who),
      team: e.teamId === null || !names ? '' : names.team(e.teamId),
      changes: names ? fieldChanges(e.before, e.after, names) : [],
    })
    return { filter, events, people, teams, rows: events.map(rowOf) }
  }

  return new Hono()
    .get('/audit', (c) => {
      const { filter, people, teams, rows } = load(c)
      const csvHref = `/audit.csv?${new URLSearchParams(filter).toString()}`
      return c.render(
        <Audit rows={rows} teams={teams} people={people} filter={filter} csvHref={csvHref} />,
        { title: 'Audit trail' },
      )
    })
    .get('/audit.csv', (c) => {
      const { events, rows } = load(c)
      // every cell may hold text someone typed (a name, a title): none may run as a formula
      const csv = stringify(
        [AUDIT_COLUMNS.map((col) => col.header), ...auditRows(events, rows)],
        SPREADSHEET_SAFE,
      )
      return c.body(csv, 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': 'attachment; filename="audit.csv"',
      })
    })
    .get('/audit.xlsx', (c) => {
      const { events, rows } = load(c)
      const sheet = { name: 'Audit trail', columns: AUDIT_COLUMNS, rows: auditRows(events, rows) }
      return xlsxResponse(c, [sheet], 'audit.xlsx')
    })
}

/**
 * The download's columns, the same in the CSV and the workbook: what the page shows, in words
 * (people, records and teams by name, each change as "field: before -> after"), never ids.
 */
const AUDIT_COLUMNS: XlsxColumn[] = [
  { header: 'When', kind: 'timestamp' },
  { header: 'Who', kind: 'text' },
  { header: 'Action', kind: 'text' },
  { header: 'Record', kind: 'text', width: 40 },
  { header: 'Team', kind: 'text' },
  { header: 'Changes', kind: 'text', width: 80 },
]

function auditRows(
  events: readonly AuditEvent[],
  rows: readonly { who: string; action: string; entity: string; team: string; changes: string[] }[],
) {
  return rows.map((r, i): string[] => [
    events[i]!.at,
    r.who,
    r.action,
    r.entity,
    r.team,
    r.changes.join('; '),
  ])
}
