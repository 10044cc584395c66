/**
 * Workspace documents over HTTP: export is the encoded document as a download; importing it back
 * gives the same projection; a malformed document is refused with every problem listed by path
 * and every table left as it was; only an admin may import.
 */
import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import type { Database } from '../../../src/db/open.ts'
import {
  readHiring,
  readHiringSettings,
  readSponsorships,
  saveHiringSettings,
  savePool,
  saveSponsorship,
  saveTimeToFill,
} from '../../../src/db/repos/hiring.ts'
import { MAX_BODY_BYTES } from '../../../src/web/app.ts'
import { MAX_DOCUMENT_BYTES } from '../../../src/web/http/document-body.ts'
import { hiringDefaults } from '../../../src/web/services/recruiting.ts'
import { withTurns } from '../../helpers/turns.ts'
import { ORIGIN, testApp } from '../../helpers/web.ts'

const PROJECTION = '/api/v1/plans/fy2027/projection?groupBy=team'

/**
 * Every row of every table, except the sign-in bookkeeping each request itself writes (a
 * session's last_seen_at, a token's last_used_at): the store revision and audit trail included.
 */
function dump(db: Database): string {
  const tables = db
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('sessions', 'api_tokens') ORDER BY name",
    )
    .all() as { name: string }[]
  return JSON.stringify(
    tables.map(({ name }) => [name, db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all()]),
  )
}

async function exported(t: ReturnType<typeof testApp>) {
  const res = await t.get('/api/v1/workspace', 'admin')
  expect(res.status).toBe(200)
  expect(res.headers.get('content-disposition')).toBe(
    'attachment; filename="planner-workspace.json"',
  )
  // biome-ignore lint/suspicious/noExplicitAny: the tests break the document by path, as JSON
  return (await res.json()) as Record<string, any>
}

const importJson = (t: ReturnType<typeof testApp>, body: string, role = 'admin' as const) =>
  t.app.request(`${ORIGIN}/api/v1/workspace`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...t.bearer(role) },
    body,
  })

describe('workspace export and import', () => {
  it('streams the export as the whole document would be written, and takes it back gzipped and over 4 MB', async () => {
    const t = testApp()
    const before = await (await t.get(PROJECTION, 'admin')).json()
    const text = await (await t.get('/api/v1/workspace', 'admin')).text()
    expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`)
    // the same document padded past the 4 MB limit other routes keep (spaces are still JSON)
    const padded = `${text}${' '.repeat(MAX_BODY_BYTES)}`
    const gzipped = gzipSync(padded)
    const res = await t.app.request(`${ORIGIN}/api/v1/workspace`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'content-encoding': 'gzip',
        ...t.bearer('admin'),
      },
      body: gzipped,
    })
    expect(res.status).toBe(200)
    expect((await importJson(t, padded)).status).toBe(200)
    expect(await (await t.get(PROJECTION, 'admin')).json()).toEqual(before)
  })

  it('refuses a gzipped body that inflates past the document limit, and one that is not gzip', async () => {
    const t = testApp()
    const post = (body: Uint8Array) =>
      t.app.request(`${ORIGIN}/api/v1/workspace`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-encoding': 'gzip',
          ...t.bearer('admin'),
        },
        body,
      })
    // 130 MB of spaces gzip to about 130 kB, under every limit until inflated
    expect((await post(gzipSync(Buffer.alloc(MAX_DOCUMENT_BYTES + 1, ' ')))).status).toBe(413)
    expect((await post(new TextEncoder().encode('{"not":"gzip"}'))).status).toBe(400)
  })

  it('import(export(workspace)) gives the same projection', async () => {
    const t = testApp()
    const before = await (await t.get(PROJECTION, 'admin')).json()
    const doc = await exported(t)
    // money, rates and dates travel as text
    expect(typeof doc.plans[0].positions[0].baseSalary).toBe('string')
    const res = await importJson(t, JSON.stringify(doc))
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ ok: true, plans: 1, droppedManagerTeams: [] })
    expect(await (await t.get(PROJECTION, 'admin')).json()).toEqual(before)
    expect(await exported(t)).toEqual(doc)
  })

  it("carries each role's sponsorship and the plan's hiring-cost policy into another workspace", async () => {
    const t = testApp()
    // r-102 is the demo's sponsored London role: a 5-year visa with the visa fee and the IHS
    const five = { visaMonths: 60, visaFee: true, healthSurcharge: true, premiumProcessing: false }
    expect(saveSponsorship(t.db, 'fy2027', 'r-102', five, 0).ok).toBe(true)
    const before = await (await t.get(PROJECTION, 'admin')).json()
    const doc = await exported(t)
    expect(doc.roleSponsorships).toEqual([{ planId: 'fy2027', roleId: 'r-102', ...five }])
    expect(doc.plans[0].hiringCostPolicy).toHaveLength(1)

    const other = testApp()
    expect(await (await other.get(PROJECTION, 'admin')).json()).not.toEqual(before)
    expect((await importJson(other, JSON.stringify(doc))).status).toBe(200)
    expect(readSponsorships(other.db, 'fy2027').get('r-102')?.value).toEqual(five)
    expect(await (await other.get(PROJECTION, 'admin')).json()).toEqual(before)
    expect(await exported(other)).toEqual(doc)
  })

  it('carries time to fill, loops, pools and recruiting settings: the same projection and recruiting figures', async () => {
    const t = testApp()
    // Changes a fresh workspace does not have: research engineers take 30 more days to fill, the
    // first pool has 2 more hours a week, roles open 10 days after approval, r-102 is sponsored.
    const stored = readHiring(t.db)
    const entries = stored.timeToFill.map((e) => ({ ...e, days: e.days + 30 }))
    expect(saveTimeToFill(t.db, entries, stored.timeToFillVersion).ok).toBe(true)
    const pool = stored.pools[0]!
    const hours = pool.value.weeklyHoursPerPerson.plus(2)
    expect(savePool(t.db, { ...pool.value, weeklyHoursPerPerson: hours }, pool.version).ok).toBe(
      true,
    )
    const shipped = hiringDefaults().setup.recruiting
    const settings = readHiringSettings(t.db, 'fy2027', shipped)
    const later = { ...settings, recruiting: { ...settings.recruiting, daysToOpen: 10 } }
    expect(saveHiringSettings(t.db, 'fy2027', later, settings.version, shipped).ok).toBe(true)
    const five = { visaMonths: 60, visaFee: true, healthSurcharge: true, premiumProcessing: false }
    expect(saveSponsorship(t.db, 'fy2027', 'r-102', five, 0).ok).toBe(true)
    const projection = await (await t.get(PROJECTION, 'admin')).json()
    const recruiting = await (await t.get('/recruiting?plan=fy2027', 'admin')).text()
    const doc = await exported(t)
    expect(doc.hiring.plans).toEqual([
      expect.objectContaining({ planId: 'fy2027', recruiting: later.recruiting }),
    ])

    const other = testApp()
    expect(await (await other.get(PROJECTION, 'admin')).json()).not.toEqual(projection)
    expect((await importJson(other, JSON.stringify(doc))).status).toBe(200)
    expect(await (await other.get(PROJECTION, 'admin')).json()).toEqual(projection)
    expect(await (await other.get('/recruiting?plan=fy2027', 'admin')).text()).toEqual(recruiting)
    expect(await exported(other)).toEqual(doc)
  })

  it('refuses a loop staffed from a pool the document does not have, naming the field', async () => {
    const t = testApp()
    const doc = await exported(t)
    const before = dump(t.db)
    doc.hiring.loops[0].stages[0].poolId = 'nobody'
    const res = await importJson(t, JSON.stringify(doc))
    expect(res.status).toBe(422)
    expect(JSON.stringify(await res.json())).toContain('hiring.loops.0.stages.0.poolId')
    expect(dump(t.db)).toBe(before)
  })

  it('refuses a sponsorship of a role the plan does not have, naming it', async () => {
    const t = testApp()
    const doc = await exported(t)
    doc.roleSponsorships = [
      {
        planId: 'fy2027',
        roleId: 'r-999',
        visaMonths: 36,
        visaFee: false,
        healthSurcharge: false,
        premiumProcessing: false,
      },
    ]
    const res = await importJson(t, JSON.stringify(doc))
    expect(res.status).toBe(422)
    expect(JSON.stringify(await res.json())).toContain('roleSponsorships.0.roleId')
  })

  it('lists every problem by path and changes nothing', async () => {
    const t = testApp()
    const doc = await exported(t)
    doc.plans[0].positions[0].baseSalary = '-1000.00'
    doc.plans[0].reportingCurrency = 'EUR'
    const filled = doc.plans[0].positions.findIndex((p: { kind: string }) => p.kind === 'filled')
    doc.plans[0].positions[filled].endDate = '2001-01-01'
    doc.salaryBands[0].min = '900000.00'
    doc.plans[0].assumptions.meritRate = '1.5'
    const before = dump(t.db)

    const res = await importJson(t, JSON.stringify(doc))
    expect(res.status).toBe(422)
    const body = (await res.json()) as { error: string; issues: { path: string }[] }
    expect(body.error).toBe('invalid_document')
    const paths = body.issues.map((i) => i.path)
    expect(paths).toEqual(
      expect.arrayContaining([
        'plans.0.positions.0.baseSalary',
        'plans.0.reportingCurrency',
        'plans.0.assumptions.meritRate',
      ]),
    )
    expect(
      paths.some(
        (p) =>
          p.startsWith(`plans.0.positions.${filled}`) && p !== 'plans.0.positions.0.baseSalary',
      ),
    ).toBe(true)
    expect(paths.some((p) => p.startsWith('salaryBands.0'))).toBe(true)
    expect(dump(t.db)).toBe(before)
  })

  it('refuses text that is not JSON with 422, changing nothing', async () => {
    const t = testApp()
    t.user('admin')
    const before = dump(t.db)
    const res = await importJson(t, '{"schemaVersion": 1,')
    expect(res.status).toBe(422)
    const body = (await res.json()) as { issues: { path: string; message: string }[] }
    expect(body.issues[0]!.path).toBe('(document)')
    expect(body.issues[0]!.message).toMatch(/^is not JSON/)
    expect(dump(t.db)).toBe(before)
  })

  it("drops and reports a manager's link to a team that no longer exists", async () => {
    const t = testApp()
    t.user('manager') // manages interpretability
    const doc = await exported(t)
    const gone = new Set(['interpretability', 'circuits', 'dictionary-learning', 'model-biology'])
    doc.teams = doc.teams.filter((x: { id: string }) => !gone.has(x.id))
    for (const plan of doc.plans) {
      plan.positions = plan.positions.filter((p: { teamId: string }) => !gone.has(p.teamId))
    }
    doc.scenarios = []
    doc.teamBudgets = doc.teamBudgets.filter((b: { ownerId: string }) => !gone.has(b.ownerId))
    const res = await importJson(t, JSON.stringify(doc))
    expect(res.status).toBe(200)
    expect(((await res.json()) as { droppedManagerTeams: unknown }).droppedManagerTeams).toEqual([
      { email: 'manager@test.example', teamId: 'interpretability' },
    ])
  })

  it('lets only an admin import, and admin or leadership export', async () => {
    const t = testApp()
    const doc = await exported(t)
    expect((await importJson(t, JSON.stringify(doc), 'leadership' as 'admin')).status).toBe(403)
    expect((await t.get('/api/v1/workspace', 'leadership')).status).toBe(200)
    expect((await t.get('/api/v1/workspace', 'finance')).status).toBe(403)
    expect((await t.get('/api/v1/workspace', 'manager')).status).toBe(403)
  })
})

describe('a large workspace import beside other users', () => {
  /** The demo's export with 2,000 more people, copies of its first under their own ids. */
  async function grown(t: ReturnType<typeof testApp>) {
    const doc = await exported(t)
    const [first] = doc.plans[0].positions
    for (let i = 0; i < 2000; i++) doc.plans[0].positions.push({ ...first, id: `copy-${i}` })
    return doc
  }

  it('is checked and written in steps, other requests answered between them', async () => {
    const t = testApp()
    const doc = await grown(t)
    const { value: res, turns } = await withTurns(
      Promise.resolve(importJson(t, JSON.stringify(doc))),
    )
    expect(res.status).toBe(200)
    // 2,000 positions checked a hundred a step, then staged a hundred a step
    expect(turns).toBeGreaterThanOrEqual(40)
    expect(await exported(t)).toEqual(doc)
  })

  it('stores nothing when a row near the end is wrong, or names a team that does not exist', async () => {
    const t = testApp()
    t.user('admin')
    const before = dump(t.db)
    const doc = await grown(t)
    const last = doc.plans[0].positions.length - 1
    doc.plans[0].positions[last].baseSalary = 'about 100k'
    const wrong = await importJson(t, JSON.stringify(doc))
    expect(wrong.status).toBe(422)
    expect(((await wrong.json()) as { issues: { path: string }[] }).issues).toEqual([
      expect.objectContaining({ path: `plans.0.positions.${last}.baseSalary` }),
    ])
    doc.plans[0].positions[last].baseSalary = '100000.00'
    doc.plans[0].positions[last].teamId = 'no-such-team'
    const unknown = await importJson(t, JSON.stringify(doc))
    expect(unknown.status).toBe(422)
    expect(((await unknown.json()) as { issues: { path: string }[] }).issues).toEqual([
      expect.objectContaining({ path: `plans.0.positions.${last}.teamId` }),
    ])
    expect(dump(t.db)).toBe(before)
  })
})

describe('/data page', () => {
  it('shows the export link and upload form, and on a bad file lists the problems (422)', async () => {
    const t = testApp()
    const page = await t.get('/data', 'admin')
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('href="/api/v1/workspace"')
    expect(html).toMatch(/<label for="workspace-file">/)
    expect(html).toContain('enctype="multipart/form-data"')

    const before = dump(t.db)
    const form = new FormData()
    form.set('file', new File(['{"schemaVersion": 1}'], 'bad.json', { type: 'application/json' }))
    const res = await t.app.request(`${ORIGIN}/data/import`, {
      method: 'POST',
      headers: { origin: ORIGIN, ...t.as('admin') },
      body: form,
    })
    expect(res.status).toBe(422)
    const text = await res.text()
    expect(text).toContain('<code>organisation</code>')
    expect(text).toContain('nothing changed')
    expect(dump(t.db)).toBe(before)
  })
})
