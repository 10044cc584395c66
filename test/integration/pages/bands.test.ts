import { describe, expect, it } from 'vitest'
import { getBand } from '../../../src/db/repos/bands.ts'
import { section } from '../../helpers/html.ts'
import { postForm, type TestApp, testApp } from '../../helpers/web.ts'

const L7_SF = 'research-scientist-l7-san-francisco'

const bandCount = (t: TestApp) =>
  (t.db.prepare('SELECT COUNT(*) AS n FROM salary_bands').get() as { n: number }).n

async function editBand(
  t: TestApp,
  bandId: string,
  fields: Record<string, string>,
  role = 'finance' as const,
) {
  return postForm(t.app, `/bands/${bandId}`, fields, t.as(role))
}

describe('GET /bands', () => {
  it('shows each band in its own currency and the other at the plan rate for this month', async () => {
    const t = testApp()
    const html = await (await t.get('/bands', 'finance')).text()
    // FY2027 budget rate 1.36 USD per GBP (January 2027 has no monthly override):
    // 150,000 x 1.36 = 204,000; 180,000 x 1.36 = 244,800; 210,000 x 1.36 = 285,600
    const london = section(html, 'band-research-scientist-l4-london')
    expect(london).toContain('£150,000 – £180,000 – £210,000')
    expect(london).toContain('≈ $204,000 – $244,800 – $285,600')
    // 218,000 / 1.36 = 160,294.1 -> £160,294; 261,000 / 1.36 = 191,911.8 -> £191,912
    expect(section(html, 'band-research-scientist-l4-san-francisco')).toContain(
      '≈ £160,294 – £191,912',
    )
    expect(section(html, 'fx-rate')).toContain('1.36')
  })

  it('lists the red and the green circle with compa-ratio, range penetration and what to do', async () => {
    const html = await (await testApp().get('/bands', 'finance')).text()
    // p-004 $600,000 in 420,000-500,000-580,000: compa 600/500 = 1.20;
    // penetration (600,000 - 420,000) / (580,000 - 420,000) = 112.5% -> 113%
    const red = section(html, 'finding-p-004')
    expect(red).toContain('Red circle (above maximum): Rafael Montoya')
    expect(red).toContain('$600,000 , above the band maximum $580,000')
    expect(red).toContain('Compa-ratio 1.20')
    expect(red).toContain('range penetration 113%')
    expect(red).toContain('Edit the Research Scientist L7, San Francisco band')
    // p-019 $140,000 in 145,000-174,000-203,000: compa 140/174 = 0.8046 -> 0.80;
    // penetration -5,000 / 58,000 = -8.6% -> -9%
    const green = section(html, 'finding-p-019')
    expect(green).toContain('Green circle (below minimum): Ethan Park')
    expect(green).toContain('Compa-ratio 0.80')
    expect(green).toContain('range penetration -9%')
    // finance edits bands, not positions
    expect(html).not.toContain('href="/positions/p-019/edit"')
  })

  it('draws people and offers as dots with counts below, in and above the band', async () => {
    const html = await (await testApp().get('/bands', 'finance')).text()
    const cell = section(html, `band-${L7_SF}`)
    expect(cell).toContain('0 below · 0 in · 1 above')
    expect(html).toContain('<title>Rafael Montoya: $600,000</title>')
    // r-106 is an open role at offer: a square dot marked as an offer
    expect(html).toContain(
      '<title>Research Engineer, Dictionary Learning (offer): £202,500</title>',
    )
  })

  it('lists band-structure findings against the band policy', async () => {
    const html = await (await testApp().get('/bands', 'finance')).text()
    // Seattle recruiter L4 mid 111,000 -> L5 mid 145,500: 34,500 / 111,000 = 31.1% > 30% + 1%
    expect(section(html, 'structure-findings')).toContain(
      'midpoint progression 31.1% is outside the policy range 10.0%-30.0%',
    )
  })

  it('refuses a viewer, who never sees pay', async () => {
    const res = await testApp().get('/bands', 'viewer')
    expect(res.status).toBe(403)
    expect(await res.text()).not.toContain('£150,000')
  })

  it("shows a manager the bands read-only, with only their teams' people", async () => {
    const html = await (await testApp().get('/bands', 'manager')).text()
    expect(html).toContain('£150,000 – £180,000 – £210,000')
    expect(html).toContain('You can read the bands')
    expect(html).not.toMatch(/href="\/bands\/[^"]*\/edit"/)
    // a manager may change their own people's salaries
    // a manager's pay change for their own team's person (a proposal when saved)
    expect(html).toContain('href="/positions/p-004/pay?back=%2Fbands%23band-checks"')
    expect(html).toContain('Rafael Montoya') // circuits: a subteam of Interpretability
    expect(html).not.toContain('Grace Whitfield') // pretraining
  })

  it('shows finance every team', async () => {
    const html = await (await testApp().get('/bands', 'finance')).text()
    expect(html).toContain('<title>Grace Whitfield: $460,000</title>')
  })
})

describe('editing a band', () => {
  it('re-renders the form 422 with each field named and the input kept, storing nothing', async () => {
    const t = testApp()
    const before = bandCount(t)
    const res = await editBand(t, L7_SF, {
      min: '420,000',
      mid: '12abc',
      max: '580000',
      effectiveFrom: '2027-02-30',
      version: '1',
    })
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(section(html, 'band-mid-error')).toContain('Enter the midpoint as an amount')
    expect(section(html, 'band-effectiveFrom-error')).toContain('not a real calendar date')
    expect(html).toContain('value="12abc"')
    expect(html).toContain('value="420,000"')
    expect(bandCount(t)).toBe(before)
    expect(getBand(t.db, L7_SF)!.version).toBe(1)
  })

  it('refuses min above mid and mid above max (422), storing nothing', async () => {
    const t = testApp()
    const res = await editBand(t, L7_SF, {
      min: '520000',
      mid: '500000',
      max: '490000',
      effectiveFrom: '2027-01-15',
      version: '1',
    })
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(section(html, 'band-mid-error')).toContain('must not be below the minimum')
    expect(section(html, 'band-max-error')).toContain('must not be below the midpoint')
    expect(getBand(t.db, L7_SF)!.band.max.toFixed(2)).toBe('580000.00')
  })

  it('refuses a date before the band in force (422)', async () => {
    const t = testApp()
    const res = await editBand(t, L7_SF, {
      min: '420000',
      mid: '500000',
      max: '620000',
      effectiveFrom: '2025-06-01',
      version: '1',
    })
    expect(res.status).toBe(422)
    expect(section(await res.text(), 'band-effectiveFrom-error')).toContain('2026-01-01')
  })

  it('adds a version from a later date, and the red circle is gone from the checks', async () => {
    const t = testApp()
    const res = await editBand(t, L7_SF, {
      min: '440000',
      mid: '530000',
      max: '620000',
      effectiveFrom: '2027-01-15',
      version: '1',
    })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toContain('/bands?saved=')
    // the old version stays as history, unchanged
    expect(getBand(t.db, L7_SF)!.band.max.toFixed(2)).toBe('580000.00')
    const added = getBand(t.db, `${L7_SF}-2027-01-15`)!
    expect(added.band.effectiveFrom).toBe('2027-01-15')
    expect(added.band.max.toFixed(2)).toBe('620000.00')

    const html = await (await t.get('/bands', 'finance')).text()
    expect(html).not.toContain('id="finding-p-004"')
    expect(html).toContain('id="finding-p-019"')
    // 600,000 in 440,000-620,000 now sits in the band
    expect(section(html, `band-${L7_SF}-2027-01-15`)).toContain('0 below · 1 in · 0 above')
    const audit = t.db
      .prepare("SELECT action FROM audit_events WHERE entity_type = 'salary_band'")
      .all()
    expect(audit).toEqual([{ action: 'band.version' }])
  })

  it('corrects the band in force in place on its own date, bumping its version', async () => {
    const t = testApp()
    const res = await editBand(t, L7_SF, {
      min: '420000',
      mid: '500000',
      max: '600000',
      effectiveFrom: '2026-01-01',
      version: '1',
    })
    expect(res.status).toBe(303)
    const stored = getBand(t.db, L7_SF)!
    expect(stored.version).toBe(2)
    expect(stored.band.max.toFixed(2)).toBe('600000.00')
  })

  it('answers 409 with the band as it now stands when the form was stale, storing nothing', async () => {
    const t = testApp()
    const fields = { min: '420000', mid: '500000', max: '600000', effectiveFrom: '2026-01-01' }
    expect((await editBand(t, L7_SF, { ...fields, version: '1' })).status).toBe(303)
    const res = await editBand(t, L7_SF, { ...fields, max: '650000', version: '1' })
    expect(res.status).toBe(409)
    const html = await res.text()
    expect(html).toContain('Someone changed this band')
    expect(html).toContain('value="600000.00"')
    expect(html).toContain('name="version" value="2"')
    expect(getBand(t.db, L7_SF)!.band.max.toFixed(2)).toBe('600000.00')
  })

  it('answers an htmx 422 with the form alone, and an htmx success with HX-Redirect', async () => {
    const t = testApp()
    const htmx = { ...t.as('finance'), 'hx-request': 'true' }
    const bad = await postForm(t.app, `/bands/${L7_SF}`, { min: '', version: '1' }, htmx)
    expect(bad.status).toBe(422)
    const fragment = await bad.text()
    expect(fragment.startsWith('<form')).toBe(true)
    expect(fragment).toContain('Enter the minimum')
    const ok = await postForm(
      t.app,
      `/bands/${L7_SF}`,
      { min: '420000', mid: '500000', max: '600000', effectiveFrom: '2026-01-01', version: '1' },
      htmx,
    )
    expect(ok.headers.get('hx-redirect')).toContain('/bands?saved=')
  })

  it('refuses a manager (edit_bands is finance and admin)', async () => {
    const t = testApp()
    expect((await t.get(`/bands/${L7_SF}/edit`, 'manager')).status).toBe(403)
    const res = await editBand(
      t,
      L7_SF,
      { min: '1', mid: '2', max: '3', effectiveFrom: '2027-01-15', version: '1' },
      'manager' as 'finance',
    )
    expect(res.status).toBe(403)
  })

  it('shows the edit form with the band filled in and today as the date', async () => {
    const html = await (await testApp().get(`/bands/${L7_SF}/edit`, 'finance')).text()
    expect(html).toContain('Edit the Research Scientist L7, San Francisco band')
    expect(html).toContain('value="580000.00"')
    expect(html).toContain('value="2027-01-15"')
  })
})
