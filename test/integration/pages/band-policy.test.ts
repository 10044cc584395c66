/**
 * The pay policy set on the bands page: each US office's geo differential against London (checked
 * at the plan's rate) and each level's bonus and new-hire equity defaults. Saves are all or none,
 * audited; bad input and stale forms store nothing.
 */
import { describe, expect, it } from 'vitest'
import { loadWorkspace } from '../../../src/db/repos/workspace.ts'
import { section } from '../../helpers/html.ts'
import { postForm, type TestApp, testApp } from '../../helpers/web.ts'

const US = ['san-francisco', 'new-york', 'seattle'] as const

/** The demo's geo form as stored: London at 94% of SF and NY, 101% of Seattle, +/- 1 point. */
const GEO: Record<string, string> = {
  'against-san-francisco': 'london',
  'share-san-francisco': '94',
  'tolerance-san-francisco': '1',
  'against-new-york': 'london',
  'share-new-york': '94',
  'tolerance-new-york': '1',
  'against-seattle': 'london',
  'share-seattle': '101',
  'tolerance-seattle': '1',
  ...Object.fromEntries(US.map((o) => [`version-${o}`, '1'])),
}

const geoOf = (t: TestApp, officeId: string) =>
  loadWorkspace(t.db).offices.find((o) => o.id === officeId)!.geoDifferential
/** An element's text with the apostrophes the page escapes read back. */
const text = (html: string, id: string) => section(html, id).replaceAll('&#39;', "'")
const auditCount = (t: TestApp) =>
  (t.db.prepare('SELECT COUNT(*) AS n FROM audit_events').get() as { n: number }).n

describe('geo differentials per US office', () => {
  it('checks London against every US office: the demo bands are all within their differential', async () => {
    const html = await (await testApp().get('/bands', 'finance')).text()
    expect(html).not.toContain('data-code="geo_differential"')
    const form = section(html, 'geo-differentials')
    for (const office of ['San Francisco', 'New York', 'Seattle']) expect(form).toContain(office)
    expect(html).toContain('name="share-seattle" type="text" inputmode="decimal" value="101"')
  })

  it('flags a US office off its differential, naming both bands and what to change either side', async () => {
    const t = testApp()
    // Seattle at 94%: the plan's January 2027 rate is 1.36 USD per GBP. Team Manager M1:
    // London 317,500 x 1.36 = 431,800; / Seattle 429,000 = 100.65% -> 100.7%, 6.7 points above 94%.
    // London would need 429,000 x 0.94 / 1.36 = 296,514.71 -> £296,515;
    // Seattle would need 431,800 / 0.94 = 459,361.70 -> $459,362.
    const res = await postForm(
      t.app,
      '/bands/geo-differentials',
      { ...GEO, 'share-seattle': '94' },
      t.as('finance'),
    )
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/bands?policy=geo#geo-differentials')
    expect(geoOf(t, 'seattle')!.share.toFixed()).toBe('0.94')

    const html = await (await t.get('/bands?policy=geo', 'finance')).text()
    expect(html).toContain('Saved the geo differentials.')
    const findings = text(html, 'structure-findings')
    expect(findings).toContain(
      "Band Team Manager M1, London: midpoint £317,500 ($431,800 at 1.36 USD/GBP) is 100.7% of Team Manager M1, Seattle's $429,000, above the policy differential of 94.0% by more than 1.0 points.",
    )
    expect(findings).toContain(
      'Set the Team Manager M1, London midpoint to £296,515, or the Team Manager M1, Seattle midpoint to $459,362.',
    )
    // San Francisco and New York stay within theirs
    expect(findings).not.toContain("San Francisco's")
    expect(findings).not.toContain("New York's")

    const audit = t.db
      .prepare(
        "SELECT entity_id, before_json, after_json FROM audit_events WHERE action = 'office.pay_policy'",
      )
      .all()
    expect(audit).toEqual([
      {
        entity_id: 'seattle',
        before_json: JSON.stringify({ policy: 'London at 101% ± 1 points' }),
        after_json: JSON.stringify({ policy: 'London at 94% ± 1 points' }),
      },
    ])
  })

  it('says when a US office has no differential, so its bands go unchecked', async () => {
    const t = testApp()
    const res = await postForm(
      t.app,
      '/bands/geo-differentials',
      { ...GEO, 'share-new-york': '', 'tolerance-new-york': '' },
      t.as('finance'),
    )
    expect(res.status).toBe(303)
    expect(geoOf(t, 'new-york')).toBeNull()
    const html = await (await t.get('/bands', 'finance')).text()
    expect(text(html, 'structure-findings')).toContain(
      "No geo differential is set for New York: its bands are not compared with London's.",
    )
  })

  it('refuses bad input naming each field (422), storing nothing', async () => {
    const t = testApp()
    const before = auditCount(t)
    const res = await postForm(
      t.app,
      '/bands/geo-differentials',
      {
        ...GEO,
        'share-seattle': '9x',
        'tolerance-san-francisco': '',
        'against-new-york': 'seattle',
      },
      t.as('finance'),
    )
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(section(html, 'geo-differentials-share-seattle-error')).toContain(
      'Enter the share as a percentage from 0 to 300',
    )
    expect(section(html, 'geo-differentials-tolerance-san-francisco-error')).toContain(
      'Enter the tolerance in percentage points',
    )
    expect(section(html, 'geo-differentials-against-new-york-error')).toContain(
      'Choose one of the GBP offices listed',
    )
    expect(html).toContain('value="9x"')
    expect(geoOf(t, 'seattle')!.share.toFixed()).toBe('1.01')
    expect(geoOf(t, 'san-francisco')!.tolerance.toFixed()).toBe('0.01')
    expect(auditCount(t)).toBe(before)
  })

  it('refuses a form opened before someone else saved (409), showing the policy as it stands', async () => {
    const t = testApp()
    const first = await postForm(
      t.app,
      '/bands/geo-differentials',
      { ...GEO, 'share-seattle': '100' },
      t.as('finance'),
    )
    expect(first.status).toBe(303)
    const stale = await postForm(
      t.app,
      '/bands/geo-differentials',
      { ...GEO, 'share-seattle': '102' },
      t.as('admin'),
    )
    expect(stale.status).toBe(409)
    const html = await stale.text()
    expect(html).toContain('name="share-seattle" type="text" inputmode="decimal" value="100"')
    expect(geoOf(t, 'seattle')!.share.toFixed()).toBe('1')
  })

  it('answers 400 naming the version field when a row comes without its version', async () => {
    const t = testApp()
    const { 'version-seattle': _, ...withoutVersion } = GEO
    const res = await postForm(t.app, '/bands/geo-differentials', withoutVersion, t.as('finance'))
    expect(res.status).toBe(400)
    expect(await res.text()).toContain('version-seattle')
  })

  it('lets finance and admins set it; a manager reads it without a way to save', async () => {
    const t = testApp()
    const manager = await postForm(t.app, '/bands/geo-differentials', GEO, t.as('manager'))
    expect(manager.status).toBe(403)
    const html = await (await t.get('/bands', 'manager')).text()
    expect(section(html, 'geo-differentials')).not.toContain('Save geo differentials')
    expect(html).toMatch(/<fieldset class="plain" disabled/)
  })
})

describe('pay defaults by level', () => {
  const LEVELS = ['l3', 'l4', 'l5', 'l6', 'l7', 'm1', 'm2'] as const
  const form = (t: TestApp) => {
    const levels = loadWorkspace(t.db).levels
    return Object.fromEntries(
      levels.flatMap((l) => [
        [`bonus-${l.id}`, l.bonusTargetRate?.times(100).toFixed() ?? ''],
        [`equity-${l.id}`, l.newHireEquityUsd?.toFixed(2) ?? ''],
        [`version-${l.id}`, '1'],
      ]),
    )
  }
  const levelOf = (t: TestApp, id: string) => loadWorkspace(t.db).levels.find((l) => l.id === id)!

  it("saves a level's bonus target and new-hire grant, audited by the level's name", async () => {
    const t = testApp()
    expect(LEVELS.map((l) => `bonus-${l}` in form(t))).toEqual(LEVELS.map(() => true))
    const res = await postForm(
      t.app,
      '/bands/level-defaults',
      { ...form(t), 'bonus-l4': '12.5', 'equity-l4': '$175,000' },
      t.as('finance'),
    )
    expect(res.status).toBe(303)
    const l4 = levelOf(t, 'l4')
    expect(l4.bonusTargetRate!.toFixed()).toBe('0.125')
    expect(l4.newHireEquityUsd!.toFixed(2)).toBe('175000.00')
    const audit = await (await t.get('/audit', 'finance')).text()
    expect(audit).toContain('Changed a level&#39;s pay defaults')
    expect(audit).toContain('L4 Senior')
    expect(audit).toContain('Policy: 10% bonus, $150,000 equity -&gt; 12.5% bonus, $175,000 equity')
  })

  it('refuses a bonus over 100% and an equity grant that is not an amount (422), storing nothing', async () => {
    const t = testApp()
    const res = await postForm(
      t.app,
      '/bands/level-defaults',
      { ...form(t), 'bonus-l5': '120', 'equity-l6': 'lots' },
      t.as('admin'),
    )
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(section(html, 'level-defaults-bonus-l5-error')).toContain(
      'Enter the bonus target as a percentage from 0 to 100',
    )
    expect(section(html, 'level-defaults-equity-l6-error')).toContain(
      'Enter the grant in US dollars',
    )
    expect(levelOf(t, 'l5').bonusTargetRate!.toFixed()).toBe('0.1')
    expect(levelOf(t, 'l6').newHireEquityUsd!.toFixed(2)).toBe('400000.00')
  })
})
