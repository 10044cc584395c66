import { describe, expect, it } from 'vitest'
import { insertFxRateSet, readFxRateSets } from '../../../src/db/repos/reference.ts'
import { getScenario } from '../../../src/db/repos/scenarios.ts'
import { postForm, type TestApp, testApp } from '../../helpers/web.ts'

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')

const scenarioCount = (t: TestApp) =>
  (t.db.prepare('SELECT COUNT(*) AS n FROM scenarios').get() as { n: number }).n

/** "+£1,234.56" / "-£1,234.56" / "£0.00" as minor units. */
function minorOf(s: string): number {
  const m = /^([+-]?)[£$]([\d,]+)\.(\d\d)$/.exec(s.trim())
  expect(m, `not money: ${s}`).not.toBeNull()
  return (m![1] === '-' ? -1 : 1) * Number(`${m![2]!.replaceAll(',', '')}${m![3]}`)
}

/** Row totals (last cell) of a table by data-row key. */
function rowTotals(html: string, tableId: string): Map<string, number> {
  const table = html.slice(html.indexOf(`id="${tableId}"`))
  const body = table.slice(0, table.indexOf('</table>'))
  const out = new Map<string, number>()
  for (const m of body.matchAll(/data-row="([^"]+)"(.*?)<\/tr>/gs)) {
    const cells = [...m[2]!.matchAll(/<td class="num[^"]*">([^<]+)</g)].map((c) => c[1]!)
    out.set(m[1]!, minorOf(cells.at(-1)!))
  }
  return out
}

async function create(t: TestApp, name: string) {
  const res = await postForm(t.app, '/scenarios', { name, fxRateSetId: '' }, t.as('leadership'))
  expect(res.status).toBe(303)
  return res.headers.get('location')!
}

/** As a reader who chose pennies in tables: figures to the penny, so they add up exactly. */
const pennies = (t: TestApp) => ({ cookie: `${t.as('leadership').cookie}; pennies=on` })

const version = (t: TestApp, id: string) => String(getScenario(t.db, id)!.version)

describe('scenarios', () => {
  it('lists the demo scenario and creates one from the baseline', async () => {
    const t = testApp()
    expect(text(await (await t.get('/scenarios', 'leadership')).text())).toContain(
      'Accelerated hiring',
    )
    expect(await create(t, 'Slower hiring')).toBe('/scenarios/slower-hiring')
    const stored = getScenario(t.db, 'slower-hiring')!
    expect(stored.scenario).toMatchObject({ name: 'Slower hiring', changes: [], planId: 'fy2027' })
    const page = text(await (await t.get('/scenarios/slower-hiring', 'leadership')).text())
    expect(page).toContain('No changes yet')
  })

  it("lands on the new scenario's own URL when created from the page (htmx)", async () => {
    const t = testApp()
    const res = await postForm(
      t.app,
      '/scenarios',
      { name: 'Slower hiring', fxRateSetId: '' },
      { ...t.as('leadership'), 'HX-Request': 'true' },
    )
    // a 303 would be followed inside the swap and leave the address bar on /scenarios
    expect(res.status).toBe(204)
    expect(res.headers.get('HX-Redirect')).toBe('/scenarios/slower-hiring')
  })

  it('re-renders the create form 422 with the message and input, storing nothing', async () => {
    const t = testApp()
    const before = scenarioCount(t)
    for (const fields of [
      { name: '   ', fxRateSetId: '' },
      { name: 'Accelerated hiring', fxRateSetId: '' },
      { name: 'Odd rates', fxRateSetId: 'no-such-set' },
    ]) {
      const res = await postForm(t.app, '/scenarios', fields, t.as('leadership'))
      expect(res.status).toBe(422)
      const html = await res.text()
      expect(html).toContain('class="field-error"')
      expect(html).toContain('aria-invalid="true"')
      if (fields.name.trim()) expect(html).toContain(`value="${fields.name}"`)
    }
    expect(
      text(
        await (
          await postForm(t.app, '/scenarios', { name: 'Accelerated hiring' }, t.as('leadership'))
        ).text(),
      ),
    ).toContain('A scenario already has this name')
    expect(scenarioCount(t)).toBe(before)
  })

  it('moves a start date and changes a salary, versioned', async () => {
    const t = testApp()
    await create(t, 'Later start')
    const res = await postForm(
      t.app,
      '/scenarios/later-start/roles',
      {
        version: version(t, 'later-start'),
        positionId: 'p-002',
        startDate: '',
        baseSalary: '360000',
      },
      t.as('leadership'),
    )
    expect(res.status).toBe(303)
    const page = text(await (await t.get('/scenarios/later-start', 'leadership')).text())
    expect(page).toContain(
      'Changed Ingrid Solberg (Research Scientist): salary £345,000.00 → £360,000.00',
    )
    // the same form again, at the old version: refused, nothing changed
    const stale = await postForm(
      t.app,
      '/scenarios/later-start/roles',
      { version: '1', positionId: 'p-002', startDate: '', baseSalary: '1' },
      t.as('leadership'),
    )
    expect(stale.status).toBe(409)
    const change = getScenario(t.db, 'later-start')!.scenario.changes[0]!
    expect(change.op === 'upsert' && change.position.baseSalary.toFixed(2)).toBe('360000.00')
  })

  it('refuses a bad date or salary with 422 beside the field, storing nothing', async () => {
    const t = testApp()
    await create(t, 'Bad input')
    const res = await postForm(
      t.app,
      '/scenarios/bad-input/roles',
      {
        version: version(t, 'bad-input'),
        positionId: 'p-002',
        startDate: '2027-02-30',
        baseSalary: '1,000',
      },
      t.as('leadership'),
    )
    expect(res.status).toBe(422)
    const html = text(await res.text())
    expect(html).toContain('Enter a date as YYYY-MM-DD')
    expect(html).toContain('Enter an amount such as 95000 (no commas)')
    expect(getScenario(t.db, 'bad-input')!).toMatchObject({ version: 1, scenario: { changes: [] } })
  })

  it('adds and removes roles and overrides assumptions', async () => {
    const t = testApp()
    await create(t, 'Reshape')
    const post = (edit: string, fields: Record<string, string>) =>
      postForm(
        t.app,
        `/scenarios/reshape/${edit}`,
        { version: version(t, 'reshape'), ...fields },
        t.as('leadership'),
      )
    expect(
      (
        await post('add', {
          likeId: 'p-002',
          title: 'Research Scientist',
          startDate: '2027-06-01',
          baseSalary: '300000',
        })
      ).status,
    ).toBe(303)
    expect((await post('remove', { positionId: 'p-001' })).status).toBe(303)
    expect((await post('assumptions', { meritRate: '5', annualAttritionRate: '' })).status).toBe(
      303,
    )
    const s = getScenario(t.db, 'reshape')!.scenario
    expect(s.changes.map((c) => c.op)).toEqual(['upsert', 'remove'])
    expect(s.assumptions.meritRate?.toFixed()).toBe('0.05')
    expect(s.assumptions.annualAttritionRate).toBeUndefined()
    const page = text(await (await t.get('/scenarios/reshape', 'leadership')).text())
    expect(page).toContain(
      'Added Research Scientist (open role, Interpretability, London, from June 2027) at ' +
        '£300,000.00, starting 1 June 2027',
    )
    expect(page).toContain('Removed Helen Okafor (Head of Interpretability)')
    expect(page).not.toContain('reshape-new-1')
  })

  it('compares baseline and a scenario: team deltas add up, FX effect apart', async () => {
    const t = testApp()
    const res = await t.get(
      '/scenarios/compare?a=&b=accelerated-hiring&period=fiscal_year',
      'leadership',
      pennies(t),
    )
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(text(html)).toContain('Baseline compared with Accelerated hiring')
    const split = rowTotals(html, 'cost-split')
    // the same rate set on both sides: no FX effect, so the whole difference is spend
    expect(split.get('fx')).toBe(0)
    expect(split.get('spend')! + split.get('fx')!).toBe(split.get('total'))
    expect(split.get('total')!).toBeGreaterThan(0)
    const teams = rowTotals(html, 'team-delta')
    expect([...teams.keys()]).toContain('interpretability')
    expect([...teams.values()].reduce((a, v) => a + v, 0)).toBe(split.get('total'))
    // headcount: the scenario hires more in Interpretability
    expect(text(html)).toMatch(/Difference \+\d/)
  })

  it('shows the FX effect apart when the scenario has its own rates', async () => {
    const t = testApp()
    // the plan's rate set with every budget rate 0.10 higher (the pound stronger), no role changes
    const [planRates] = readFxRateSets(t.db)
    insertFxRateSet(
      t.db,
      {
        ...planRates!,
        id: 'strong-pound',
        name: 'Strong pound',
        budgetRates: planRates!.budgetRates.map((r) => ({
          ...r,
          usdPerGbp: r.usdPerGbp.plus('0.1'),
        })),
        monthlyRates: [],
      },
      9,
    )
    const res = await postForm(
      t.app,
      '/scenarios',
      { name: 'Strong pound', fxRateSetId: 'strong-pound' },
      t.as('leadership'),
    )
    expect(res.status).toBe(303)
    const html = await (
      await t.get('/scenarios/compare?a=&b=strong-pound&currency=USD', 'leadership', pennies(t))
    ).text()
    const split = rowTotals(html, 'cost-split')
    // same roles, so no change in spend; UK costs are worth more dollars, so the FX effect is up
    expect(split.get('spend')).toBe(0)
    expect(split.get('fx')!).toBeGreaterThan(0)
    expect(split.get('total')).toBe(split.get('fx'))
  })

  it('lets managers read but only edit roles in their teams, and refuses viewers', async () => {
    const t = testApp()
    expect((await t.get('/scenarios', 'viewer')).status).toBe(403)
    expect((await t.get('/scenarios/compare', 'viewer')).status).toBe(403)
    await create(t, 'Manager edits')
    const post = (positionId: string) =>
      postForm(
        t.app,
        '/scenarios/manager-edits/roles',
        {
          version: version(t, 'manager-edits'),
          positionId,
          startDate: '2027-09-01',
          baseSalary: '',
        },
        t.as('manager'),
      )
    const pretraining = t.db
      .prepare("SELECT id FROM positions WHERE team_id = 'pretraining' LIMIT 1")
      .get() as { id: string }
    expect((await post(pretraining.id)).status).toBe(422)
    expect((await post('p-002')).status).toBe(303)
  })
})
