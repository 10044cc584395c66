/**
 * The findings of the adversarial review in issue 18, each by its reproduction: what was found is
 * sent again, and the answer is now the one the product promises.
 */
import { describe, expect, it } from 'vitest'
import { getScenario } from '../../../src/db/repos/scenarios.ts'
import { MAX_QUERY_VALUE } from '../../../src/web/http/query.ts'
import { postForm, testApp } from '../../helpers/web.ts'

/** The position ids of a positions table, in the order shown. */
const rowOrder = (html: string) => [...html.matchAll(/<tr id="position-([^"]+)"/g)].map((m) => m[1])

describe('a viewer ordering by pay', () => {
  it('/positions?sort=salary&dir=desc shows the default order, not a ranking by salary', async () => {
    const t = testApp()
    const ranked = await (await t.get('/positions?sort=salary&dir=desc', 'viewer')).text()
    const plain = await (await t.get('/positions', 'viewer')).text()
    expect(rowOrder(ranked).length).toBeGreaterThan(10)
    expect(rowOrder(ranked)).toEqual(rowOrder(plain))
    // finance, who may see pay, does get the ranking (so the sort itself is what was refused)
    const byPay = await (await t.get('/positions?sort=salary&dir=desc', 'finance')).text()
    expect(rowOrder(byPay)).not.toEqual(rowOrder(plain))
  })
})

describe('long query values', () => {
  it.each([
    ['/projection', 'plan'],
    ['/projection', 'scenario'],
    ['/projection/explain', 'row'],
    ['/projection/explain', 'position'],
    ['/scenarios/compare', 'a'],
    ['/scenarios/compare', 'b'],
    ['/positions', 'team'],
    ['/audit', 'person'],
  ])('%s?%s= past its limit answers 400 naming the field, never 500', async (path, field) => {
    const t = testApp()
    // 101 characters passed the routes' own limit of 100 and answered 500; now 400 or, for a
    // value that is merely unknown, what an unknown value gets
    const long = await t.get(`${path}?${field}=${'x'.repeat(101)}`, 'admin')
    expect(long.status).toBeLessThan(500)
    if (long.status === 400) expect(await long.text()).toContain(`“${field}”`)
    // past MAX_QUERY_VALUE: 400 on every route, naming the field, not echoing the value
    const tooLong = await t.get(`${path}?${field}=${'y'.repeat(MAX_QUERY_VALUE + 1)}`, 'admin')
    expect(tooLong.status).toBe(400)
    const html = await tooLong.text()
    expect(html).toContain(`“${field}” is too long`)
    expect(html).not.toContain('y'.repeat(MAX_QUERY_VALUE))
  })

  it('answers the API with the field as a JSON issue', async () => {
    const t = testApp()
    const res = await t.app.request(
      `/api/v1/plans/fy2027/projection?scenario=${'z'.repeat(MAX_QUERY_VALUE + 1)}`,
      {
        headers: t.bearer('admin'),
      },
    )
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({
      error: 'invalid_query',
      issues: [{ path: 'scenario' }],
    })
  })
})

describe("a scenario's changes", () => {
  it("are shown to a manager only for their own teams: another team's salary change is not", async () => {
    const t = testApp()
    const version = () => String(getScenario(t.db, 'accelerated-hiring')!.version)
    // leadership gives p-021 (Research Scientist, pretraining, $407,000) $500,000 in the scenario
    const saved = await postForm(
      t.app,
      '/scenarios/accelerated-hiring/roles',
      { version: version(), positionId: 'p-021', startDate: '', baseSalary: '500000' },
      t.as('leadership'),
    )
    expect(saved.status).toBe(303)
    const leadership = await (await t.get('/scenarios/accelerated-hiring', 'leadership')).text()
    expect(leadership).toContain('$500,000.00')
    const manager = await (await t.get('/scenarios/accelerated-hiring', 'manager')).text()
    expect(manager).not.toContain('$500,000')
    expect(manager).not.toContain('$407,000')
    expect(manager).not.toContain('p-021')
    // the manager's own team's changes are still listed (the Team Manager roles of the demo)
    expect(manager).toContain('Team Manager, Interpretability')
    // and the list counts only what the manager may see
    const list = await (await t.get('/scenarios', 'manager')).text()
    const all = await (await t.get('/scenarios', 'leadership')).text()
    const count = (html: string) => /(\d+) role changes?/.exec(html)?.[1]
    expect(Number(count(list))).toBeLessThan(Number(count(all)))
  })
})

describe('organisation-wide settings', () => {
  it("are refused to a manager (403) and left as they were: a scenario's assumptions, recruiting settings, pools, loops, time to fill, plan assumptions", async () => {
    const t = testApp()
    await t.get('/recruiting', 'admin') // seeds the pools and loops
    const pool = t.db.prepare('SELECT id FROM interviewer_pools LIMIT 1').pluck().get()
    const loop = t.db.prepare('SELECT id FROM interview_loops LIMIT 1').pluck().get()
    const version = String(getScenario(t.db, 'accelerated-hiring')!.version)
    const writes: [string, Record<string, string>][] = [
      [
        '/scenarios/accelerated-hiring/assumptions',
        { version, meritRate: '50', annualAttritionRate: '90' },
      ],
      ['/recruiting/settings', { version: '1', maxOpenRolesPerRecruiter: '1' }],
      [`/recruiting/pools/${pool}`, { version: '1', name: 'Taken over' }],
      [`/recruiting/loops/${loop}`, { version: '1', name: 'Taken over' }],
      ['/recruiting/time-to-fill', { version: '0' }],
      ['/assumptions/fy2027', { version: '1', meritRate: '50' }],
    ]
    const manager = t.as('manager')
    const before = t.db.serialize()
    for (const [path, body] of writes) {
      const res = await postForm(t.app, path, body, manager)
      expect(res.status, path).toBe(403)
    }
    expect(Buffer.compare(t.db.serialize(), before)).toBe(0)
    // leadership may: the same scenario assumptions are saved
    const res = await postForm(t.app, writes[0]![0], writes[0]![1], t.as('leadership'))
    expect(res.status).toBe(303)
  })

  it("show a manager no form for them, and let a manager's new scenario use only the plan's rates", async () => {
    const t = testApp()
    const loops = await (await t.get('/recruiting/loops', 'manager')).text()
    expect(loops).toMatch(/<fieldset class="plain" disabled/)
    expect(loops).toContain('leadership and admins change them')
    const scenario = await (await t.get('/scenarios/accelerated-hiring', 'manager')).text()
    expect(scenario).toContain('/scenarios/accelerated-hiring/roles')
    expect(scenario).not.toContain('/scenarios/accelerated-hiring/assumptions')
    expect(await (await t.get('/scenarios', 'manager')).text()).not.toContain('fxRateSetId')
    const res = await postForm(
      t.app,
      '/scenarios',
      { name: 'My rates', fxRateSetId: 'budget-2026' },
      t.as('manager'),
    )
    expect(res.status).toBe(422)
    expect(await res.text()).toContain('Leadership and admins choose the rates of a scenario')
  })
})

describe('import templates', () => {
  it('write office and team names formula-safe, like every other CSV', async () => {
    const t = testApp()
    t.db.prepare('UPDATE offices SET name = \'=HYPERLINK("http://evil.example")\'').run()
    t.db.prepare("UPDATE teams SET name = '+cmd|calc'").run()
    t.projections.workspace() // the store changed under the cache: re-read
    for (const kind of ['people', 'positions']) {
      const csv = await (await t.get(`/import/${kind}/template.csv`, 'admin')).text()
      expect(csv, kind).toContain(`'=HYPERLINK`)
      expect(csv, kind).toContain(`'+cmd|calc`)
      expect(csv, kind).not.toMatch(/(^|,)"?[=+]/m)
    }
  })
})
