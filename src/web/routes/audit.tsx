/**
 * The audit trail for admins and finance: newest first, filtered by team and by the person who
 * made the change, on screen and as CSV (the same filter, every column).
 */
import { stringify } from 'csv-stringify/sync'
import { type Context, Hono } from 'hono'
import * as z from 'zod'
import { Audit } from '../../../views/pages/Audit.tsx'
import { type AuditEvent, listAudit } from '../../db/repos/audit.ts'
import { listUsers } from '../../db/repos/users.ts'
import type { AppDeps } from '../app.ts'
import { readQuery } from '../http/query.ts'
import { SPREADSHEET_SAFE } from '../http/spreadsheet.ts'

const filterQuery = z.object({
  team: z.string().max(200).optional().catch(undefined),
  person: z.string().max(200).optional().catch(undefined),
})

/** How many events a page or download holds. */
const LIMIT = 2000

/** Each top-level field that differs, as "name: before → after" (whole values when not objects). */
export function auditChanges(before: unknown, after: unknown): string[] {
  const text = (v: unknown) => (v === undefined || v === null ? '—' : JSON.stringify(v))
  const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v)
  if (!isObject(before) || !isObject(after)) {
    return before === null && after === null ? [] : [`${text(before)} → ${text(after)}`]
  }
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])]
  return keys
    .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
    .map((k) => `${k}: ${text(before[k])} → ${text(after[k])}`)
}

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
    const people = listUsers(db).map((u) => ({ id: u.id, name: u.name }))
    const who = new Map(people.map((p) => [p.id, p.name]))
    const teams = projections.plans().length > 0 ? projections.workspace().teams : []
    const teamName = new Map(teams.map((t) => [t.id, t.name]))
    const rowOf = (e: AuditEvent) => ({
      id: e.id,
      at: e.at.replace('T', ' ').slice(0, 19),
      who: e.userId === null ? 'the system' : (who.get(e.userId) ?? e.userId),
      action: e.action,
      entity: `${e.entityType} ${e.entityId}`,
      team: e.teamId === null ? '' : (teamName.get(e.teamId) ?? e.teamId),
      changes: auditChanges(e.before, e.after),
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
        rows.map((r, i) => ({
          at: events[i]!.at,
          who: r.who,
          user_id: events[i]!.userId ?? '',
          action: r.action,
          entity_type: events[i]!.entityType,
          entity_id: events[i]!.entityId,
          team_id: events[i]!.teamId ?? '',
          before: events[i]!.before === null ? '' : JSON.stringify(events[i]!.before),
          after: events[i]!.after === null ? '' : JSON.stringify(events[i]!.after),
        })),
        {
          ...SPREADSHEET_SAFE,
          header: true,
          columns: [
            'at',
            'who',
            'user_id',
            'action',
            'entity_type',
            'entity_id',
            'team_id',
            'before',
            'after',
          ],
        },
      )
      return c.body(csv, 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': 'attachment; filename="audit.csv"',
      })
    })
}
