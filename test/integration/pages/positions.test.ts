import { describe, expect, it } from 'vitest'
import { getPosition, listPositions } from '../../../src/db/repos/positions.ts'
import { LONDON_ROLE, postForm, testApp } from '../../helpers/web.ts'

/** The text of the element with `id` (the figures cells carry ids), tags stripped. */
function cell(html: string, id: string): string {
  const m = html.match(new RegExp(`id="${id}"[^>]*>([\\s\\S]*?)</td>`))
  if (!m) throw new Error(`no element #${id}`)
  return m[1]!.replace(/<[^>]+>/g, '').trim()
}
/** "£1,234.56" as pence. */
const pence = (money: string) => Math.round(Number(money.replace(/[£$,]/g, '')) * 100)

/** The row of the cost-by-component table for `label`, in pence. */
function component(html: string, label: string): number {
  const m = html.match(
    new RegExp(`<th scope="row">${label}</th><td class="num"><span[^>]*>([^<]+)<`),
  )
  return m ? pence(m[1]!) : 0
}

describe('positions pages', () => {
  it("gives a role added from the form the plan's hiring costs, as the demo's own roles", async () => {
    const t = testApp()
    // The demo plan's policy: Team Managers at M1 in London, all hired through an agency at 20%
    // (r-101, the demo's own such role, carries 20%); a Research Engineer has no rule: none.
    const manager = {
      ...LONDON_ROLE,
      title: 'Team Manager',
      familyId: 'team-manager',
      levelId: 'm1',
    }
    for (const form of [manager, LONDON_ROLE]) {
      const res = await postForm(t.app, '/positions', form, t.as('leadership'))
      expect(res.status).toBe(303)
    }
    const added = listPositions(t.db, 'fy2027')
      .map((s) => s.position)
      .filter((p) => p.id.startsWith('role-'))
    const fee = (title: string) =>
      added.find((p) => p.title === title)?.hiring.agencyFeeRate?.toFixed() ?? null
    expect(fee('Team Manager')).toBe(
      getPosition(t.db, 'fy2027', 'r-101')!.position.hiring.agencyFeeRate!.toFixed(),
    )
    expect(fee('Team Manager')).toBe('0.2')
    expect(fee(LONDON_ROLE.title)).toBeNull()
  })

  it('a new open role appears in the table and raises its team and plan figures', async () => {
    const t = testApp()
    // leadership's edits apply at once; a manager's are proposals (test/integration/security)
    const manager = t.as('leadership')
    const before = await (await t.get('/teams/interpretability', 'manager')).text()

    const res = await postForm(t.app, '/positions', LONDON_ROLE, manager)
    expect(res.status).toBe(303)
    const location = res.headers.get('location')!
    expect(location).toMatch(/^\/teams\/interpretability\?added=role-/)

    const after = await (await t.get(location, 'manager')).text()
    expect(after).toContain('Added the open role Research Engineer, Circuits.')
    // people today unchanged; one more head at the horizon's end and one more open role
    expect(cell(after, 'figures-interpretability-now')).toBe(
      cell(before, 'figures-interpretability-now'),
    )
    expect(Number(cell(after, 'figures-interpretability-end'))).toBe(
      Number(cell(before, 'figures-interpretability-end')) + 1,
    )
    expect(Number(cell(after, 'figures-interpretability-open'))).toBe(
      Number(cell(before, 'figures-interpretability-open')) + 1,
    )
    // Salary over the plan (Jan 2027 - Dec 2028, GBP): £60,000 / 12 = £5,000.00 a month for
    // Jul 2027 - Mar 2028 (9 months) = £45,000.00; the 3% merit in April 2028 makes it
    // £61,800 / 12 = £5,150.00 a month for Apr - Dec 2028 (9 months) = £46,350.00.
    // Total £91,350.00.
    expect(component(after, 'Salary') - component(before, 'Salary')).toBe(9_135_000)
    // the team's cost and the plan's cost rise by the same amount
    const teamRise =
      pence(cell(after, 'figures-interpretability-cost')) -
      pence(cell(before, 'figures-interpretability-cost'))
    const planRise =
      pence(cell(after, 'figures-plan-cost')) - pence(cell(before, 'figures-plan-cost'))
    expect(teamRise).toBeGreaterThan(9_135_000)
    expect(planRise).toBe(teamRise)

    const table = await (await t.get('/positions?office=london&status=open', 'manager')).text()
    expect(table).toContain('Research Engineer, Circuits')
    expect(table).toContain('£60,000.00')
  })

  it('a team page labels the team with its subteams and its own positions apart', async () => {
    const t = testApp()
    const html = await (await t.get('/teams/interpretability', 'finance')).text()
    expect(html).toMatch(/Interpretability<\/a><span class="figures-covers">with subteams</)
    expect(html).toMatch(/Interpretability<\/a><span class="figures-covers">own positions</)
    // with subteams: its own 2 + Circuits 6 + Dictionary Learning 6 + Model Biology 5 = 19
    expect(cell(html, 'figures-interpretability-now')).toBe('19')
    expect(cell(html, 'figures-interpretability-own-now')).toBe('2')
    const subteams = ['interpretability-own', 'circuits', 'dictionary-learning', 'model-biology']
    expect(pence(cell(html, 'figures-interpretability-cost'))).toBe(
      subteams.reduce((a, id) => a + pence(cell(html, `figures-${id}-cost`)), 0),
    )
    expect(html).toContain('Whole plan, every team')
  })

  it('invalid input is answered 422 with each message and the input kept; nothing stored', async () => {
    const t = testApp()
    const count = listPositions(t.db, 'fy2027').length
    const res = await postForm(
      t.app,
      '/positions',
      { ...LONDON_ROLE, title: ' ', baseSalary: '60k', startDate: '2027-02-30' },
      t.as('manager'),
    )
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(html).toContain('Enter a title')
    expect(html).toContain('Enter the salary as a number, such as 85000 or 85,000.50')
    expect(html).toContain('Enter a real date as YYYY-MM-DD')
    expect(html).toContain('value="60k"')
    expect(html).toContain('aria-invalid="true"')
    expect(listPositions(t.db, 'fy2027')).toHaveLength(count)
  })

  it('an edit saves with the current version and swaps the row and figures for htmx', async () => {
    const t = testApp()
    // leadership's edits apply at once; a manager's are proposals (test/integration/security)
    const manager = t.as('leadership')
    const { version } = getPosition(t.db, 'fy2027', 'r-101')!
    const res = await postForm(
      t.app,
      '/positions/r-101',
      {
        ...LONDON_ROLE,
        title: 'Team Manager, Interpretability',
        familyId: 'team-manager',
        levelId: 'm1',
        baseSalary: '317500.00',
        bonusPercent: '15',
        status: 'on_hold',
        startDate: '2027-09-01',
        version: String(version),
      },
      { ...manager, 'hx-request': 'true' },
    )
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toMatch(/^<tr id="position-r-101">/)
    expect(html).toContain('On hold')
    expect(html).toContain('<hx-partial hx-target="#team-figures" hx-swap="outerHTML">')
    const saved = getPosition(t.db, 'fy2027', 'r-101')!
    expect(saved.version).toBe(version + 1)
    expect(saved.position.kind === 'open' && saved.position.targetStartDate).toBe('2027-09-01')
  })

  it('a stale edit is refused 409, naming what changed, and overwrites nothing', async () => {
    const t = testApp()
    // leadership's edits apply at once; a manager's are proposals (test/integration/security)
    const manager = t.as('leadership')
    const { version } = getPosition(t.db, 'fy2027', 'p-002')!
    const fields = {
      title: 'Research Scientist',
      teamId: 'interpretability',
      officeId: 'london',
      familyId: 'research-scientist',
      levelId: 'l7',
      baseSalary: '350000',
      bonusPercent: '15',
      startDate: '',
      version: String(version),
    }
    const current = getPosition(t.db, 'fy2027', 'p-002')!.position
    fields.startDate = current.kind === 'filled' ? current.startDate : ''
    fields.bonusPercent = current.bonusTargetRate.times(100).toFixed()
    const first = await postForm(t.app, '/positions/p-002', fields, manager)
    expect(first.status).toBe(303)

    const stale = await postForm(
      t.app,
      '/positions/p-002',
      { ...fields, baseSalary: '340000' },
      manager,
    )
    expect(stale.status).toBe(409)
    const html = await stale.text()
    expect(html).toContain('Someone else saved this position while you were editing')
    expect(html).toMatch(
      /Base salary[^:]*: saved as <strong>350000.00<\/strong>, you entered <strong>340000<\/strong>/,
    )
    expect(html).toContain(`name="version" value="${version + 1}"`)
    expect(getPosition(t.db, 'fy2027', 'p-002')!.position.baseSalary.toFixed(2)).toBe('350000.00')
  })

  it('an edit whose version is empty, zero or one the position never had is a bad field (400), storing nothing', async () => {
    const t = testApp()
    const before = getPosition(t.db, 'fy2027', 'p-002')!
    // the form fuzz found an empty version read as 0 and refused as stale (409, no field named)
    for (const version of ['', '0', String(before.version + 1)]) {
      const res = await postForm(
        t.app,
        '/positions/p-002',
        { title: 'Renamed', version },
        t.as('leadership'),
      )
      expect(res.status, version).toBe(400)
      expect(await res.text()).toContain('data-field="version"')
    }
    expect(getPosition(t.db, 'fy2027', 'p-002')).toEqual(before)
  })

  it("a manager cannot see or edit another team's positions (404)", async () => {
    const t = testApp()
    const manager = t.as('manager')
    expect((await t.get('/positions/p-020/edit', 'manager')).status).toBe(404)
    expect((await t.get('/teams/pretraining', 'manager')).status).toBe(404)
    const post = await postForm(
      t.app,
      '/positions/p-020',
      { ...LONDON_ROLE, version: '1' },
      manager,
    )
    expect(post.status).toBe(404)
    const create = await postForm(
      t.app,
      '/positions',
      { ...LONDON_ROLE, teamId: 'pretraining' },
      manager,
    )
    expect(create.status).toBe(422)
    expect(await create.text()).toContain('Choose one of the teams listed')
    const table = await (await t.get('/positions', 'manager')).text()
    expect(table).not.toContain('p-020')
  })

  it('a viewer sees headcount but no salary, band or cost, and cannot edit', async () => {
    const t = testApp()
    const table = await (await t.get('/positions')).text()
    expect(table).toContain('Head of Interpretability')
    expect(table).not.toContain('Base salary')
    expect(table).not.toContain('Band position')
    expect(table).not.toMatch(/[£$]\d/)
    expect(table).not.toContain('/edit')
    const team = await (await t.get('/teams/interpretability')).text()
    expect(team).toContain('Headcount growth')
    expect(team).not.toMatch(/[£$]\d/)
    expect(team).not.toContain('Cost by component')
    const post = await postForm(t.app, '/positions', LONDON_ROLE, t.as('viewer'))
    expect(post.status).toBe(403)
  })

  it('filters and sorts from the query string; htmx gets the table alone', async () => {
    const t = testApp()
    const html = await (
      await t.get('/positions?team=interpretability&sort=salary&dir=desc', 'finance')
    ).text()
    const order = [...html.matchAll(/<tr id="position-([^"]+)"/g)].map((m) => m[1])
    expect(order).toEqual(['p-001', 'p-002', 'r-101', 'r-102'])
    expect(html).toContain('aria-sort="descending"')
    const fragment = await (
      await t.get('/positions?status=open', 'finance', { 'hx-request': 'true' })
    ).text()
    expect(fragment).toMatch(/^<div id="positions-table">/)
    expect(fragment).not.toContain('<html')
  })
})
