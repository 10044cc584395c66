/**
 * A new role starts from its level's bonus and equity defaults and the plan's hiring-cost policy
 * where its fields are left empty; the forms show those defaults, and an open role's edit form
 * shows and saves the role's own hiring costs, refusing bad input by field with nothing stored.
 */
import { describe, expect, it } from 'vitest'
import { getPosition, listPositions } from '../../../src/db/repos/positions.ts'
import { formValuesOf } from '../../../src/web/services/position-form.ts'
import { section } from '../../helpers/html.ts'
import { LONDON_ROLE, postForm, type TestApp, testApp } from '../../helpers/web.ts'

const EMPTY_DEFAULTS = {
  bonusPercent: '',
  equityUsd: '',
  agencyFeePercent: '',
  relocation: '',
  visa: '',
}
const added = (t: TestApp, title: string) =>
  listPositions(t.db, 'fy2027')
    .map((s) => s.position)
    .find((p) => p.title === title)!

describe('a new role from its defaults', () => {
  it('takes its level bonus and new-hire grant and the plan policy when the fields are empty', async () => {
    const t = testApp()
    // Team Manager M1, London: the level's 15% bonus and $300,000 grant (demo levels); the plan's
    // policy: all hired through an agency at 20% -> 1 x 0.20 = 20%, no relocation, no visa
    const form = {
      ...LONDON_ROLE,
      ...EMPTY_DEFAULTS,
      title: 'Team Manager, Probing',
      familyId: 'team-manager',
      levelId: 'm1',
      baseSalary: '317,500',
    }
    const res = await postForm(t.app, '/positions', form, t.as('leadership'))
    expect(res.status).toBe(303)
    const role = added(t, 'Team Manager, Probing')
    expect(role.bonusTargetRate.toFixed()).toBe('0.15')
    expect(role.equityGrants.map((g) => [g.grantDate, g.valueUsd.toFixed(2)])).toEqual([
      ['2027-07-01', '300000.00'],
    ])
    expect(role.hiring.agencyFeeRate!.toFixed()).toBe('0.2')
    expect(role.hiring.relocation.toFixed(2)).toBe('0.00')
    expect(role.hiring.visa).toBe('none')
  })

  it('keeps what is typed over the defaults: 12% bonus, no grant, a 25% fee, £8,000 and a visa', async () => {
    const t = testApp()
    const form = {
      ...LONDON_ROLE,
      title: 'Team Manager, Typed',
      familyId: 'team-manager',
      levelId: 'm1',
      bonusPercent: '12',
      equityUsd: '0',
      agencyFeePercent: '25',
      relocation: '8,000',
      visa: 'uk_skilled_worker',
    }
    expect((await postForm(t.app, '/positions', form, t.as('leadership'))).status).toBe(303)
    const role = added(t, 'Team Manager, Typed')
    expect(role.bonusTargetRate.toFixed()).toBe('0.12')
    expect(role.equityGrants).toEqual([])
    expect(role.hiring.agencyFeeRate!.toFixed()).toBe('0.25')
    expect(role.hiring.relocation.toFixed(2)).toBe('8000.00')
    expect(role.hiring.visa).toBe('uk_skilled_worker')
  })

  it('shows the defaults the empty fields take, for the role chosen', async () => {
    const t = testApp()
    const html = await (await t.get('/positions/new', 'manager')).text()
    expect(html).toContain('name="equityUsd"')
    expect(html).toContain('Empty: the default shown below.')
    const preview = await (
      await t.get(
        '/band-preview?previewId=x&defaults=1&familyId=team-manager&levelId=m1&officeId=london&baseSalary=',
        'manager',
      )
    ).text()
    expect(section(preview, 'x-defaults').replaceAll('&#39;', "'")).toContain(
      "M1 Manager defaults: bonus target 15%, new-hire equity grant $300,000. The plan's hiring-cost policy for this role: expected agency fee 20% of first-year base, relocation none, visa None.",
    )
  })

  it('refuses bad defaults fields by name, storing nothing', async () => {
    const t = testApp()
    const before = listPositions(t.db, 'fy2027').length
    const res = await postForm(
      t.app,
      '/positions',
      {
        ...LONDON_ROLE,
        equityUsd: 'lots',
        agencyFeePercent: '120',
        relocation: '-5',
        visa: 'tier2',
      },
      t.as('leadership'),
    )
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(section(html, 'new-role-equityUsd-error')).toContain('Enter the grant in US dollars')
    expect(section(html, 'new-role-agencyFeePercent-error')).toContain('from 0 to 100')
    expect(section(html, 'new-role-relocation-error')).toContain('Enter relocation as an amount')
    expect(section(html, 'new-role-visa-error')).toContain('Choose one of the visa routes')
    expect(listPositions(t.db, 'fy2027').length).toBe(before)
  })
})

describe("an open role's own hiring costs on its edit form", () => {
  it('shows them and saves a change, audited', async () => {
    const t = testApp()
    const html = await (await t.get('/positions/r-102/edit', 'leadership')).text()
    expect(html).toContain('name="agencyFeePercent"')
    expect(html).toMatch(/<option value="uk_skilled_worker" selected/)
    expect(html).not.toContain('name="equityUsd"')

    const stored = getPosition(t.db, 'fy2027', 'r-102')!
    const res = await postForm(
      t.app,
      '/positions/r-102',
      {
        ...formValuesOf(stored.position),
        agencyFeePercent: '15',
        relocation: '6,500',
        visa: 'none',
        version: String(stored.version),
      },
      t.as('leadership'),
    )
    expect(res.status).toBe(303)
    const after = getPosition(t.db, 'fy2027', 'r-102')!
    expect(after.position.hiring.agencyFeeRate!.toFixed()).toBe('0.15')
    expect(after.position.hiring.relocation.toFixed(2)).toBe('6500.00')
    expect(after.position.hiring.visa).toBe('none')
    expect(after.version).toBe(stored.version + 1)
    const audit = await (await t.get('/audit', 'finance')).text()
    expect(audit).toContain('Changed a role')
  })

  it('refuses a bad relocation naming the field, storing nothing; a form without the fields keeps them', async () => {
    const t = testApp()
    const stored = getPosition(t.db, 'fy2027', 'r-102')!
    const values = { ...formValuesOf(stored.position), version: String(stored.version) }
    const bad = await postForm(
      t.app,
      '/positions/r-102',
      { ...values, relocation: '6.5k' },
      t.as('leadership'),
    )
    expect(bad.status).toBe(422)
    expect(section(await bad.text(), 'edit-r-102-relocation-error')).toContain(
      'Enter relocation as an amount',
    )
    expect(getPosition(t.db, 'fy2027', 'r-102')!.version).toBe(stored.version)

    const { agencyFeePercent: _a, relocation: _r, visa: _v, ...withoutHiring } = values
    const ok = await postForm(
      t.app,
      '/positions/r-102',
      { ...withoutHiring, title: 'Team Manager, Interpretability (2)' },
      t.as('leadership'),
    )
    expect(ok.status).toBe(303)
    const after = getPosition(t.db, 'fy2027', 'r-102')!.position
    expect(after.title).toBe('Team Manager, Interpretability (2)')
    expect(after.hiring).toEqual(stored.position.hiring)
  })
})
