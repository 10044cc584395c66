import { describe, expect, it } from 'vitest'
import { listAudit } from '../../../src/db/repos/audit.ts'
import { getPosition, listPositions } from '../../../src/db/repos/positions.ts'
import { listProposals } from '../../../src/db/repos/proposals.ts'
import { postForm, type TestApp, testApp } from '../../helpers/web.ts'

/** The demo's below-band person: Ethan Park, Research Engineer L3 in San Francisco, $140,000. */
function ethan(t: TestApp) {
  const plan = t.projections.plans()[0]!.plan.id
  const stored = listPositions(t.db, plan).find(
    (s) => s.position.kind === 'filled' && s.position.personName === 'Ethan Park',
  )!
  return { plan, stored, id: stored.position.id }
}

const payForm = (version: number, salary: string, extra: Record<string, string> = {}) => ({
  baseSalary: salary,
  effectiveDate: '2027-01-15',
  bonusPercent: '10',
  reason: 'Raise to the band minimum',
  version: String(version),
  back: '/bands#band-checks',
  ...extra,
})

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')

describe('finance fixes pay from the band check', () => {
  it('follows the below-band check to Ethan Park, raises him into the band, and the check is gone', async () => {
    const t = testApp()
    const { plan, stored, id } = ethan(t)
    const bands = await (await t.get('/bands', 'finance')).text()
    expect(text(bands)).toContain(
      'Ethan Park (Research Engineer L3, San Francisco) is paid $140,000',
    )
    expect(bands).toContain(`href="/positions/${id}/pay?back=%2Fbands%23band-checks"`)
    expect(bands).toContain('href="/positions?band=below_min&amp;sort=compa"')

    const form = await t.get(`/positions/${id}/pay`, 'finance')
    expect(form.status).toBe(200)
    const page = text(await form.text())
    expect(page).toContain('minimum $145,000')
    expect(page).toContain('Pay up to the band maximum')

    const res = await postForm(
      t.app,
      `/positions/${id}/pay`,
      payForm(stored.version, '150,000'),
      t.as('finance'),
    )
    expect(res.status).toBe(303)
    const location = res.headers.get('location')!
    expect(location).toBe(`/bands?paid=${id}#band-checks`)

    const after = getPosition(t.db, plan, id)!
    expect(after.version).toBe(stored.version + 1)
    // the pay before the effective date is kept; from 2027-01-15 it is $150,000
    expect(after.position.raises.at(-1)).toMatchObject({ effectiveDate: '2027-01-15' })
    expect(after.position.raises.at(-1)!.annualBase.toFixed(2)).toBe('150000.00')
    expect(after.position.bonusTargetRate.toFixed(2)).toBe('0.10')
    const audit = listAudit(t.db, { entityId: id })[0]!
    expect(audit.action).toBe('position.pay')
    expect(audit.after).toMatchObject({ reason: 'Raise to the band minimum' })

    const review = text(await (await t.get(location, 'finance')).text())
    expect(review).toContain("Saved Ethan Park's pay: $150,000 from 15 January 2027.")
    expect(review).not.toContain('Ethan Park (Research Engineer L3, San Francisco) is paid')

    // the positions table agrees: nobody left below the minimum in his band, and his row in Q1
    const table = await (await t.get('/positions?band=below_min', 'finance')).text()
    expect(table).not.toContain('Ethan Park')
  })

  it('pay above the band maximum from finance becomes a proposal for leadership', async () => {
    const t = testApp()
    const { plan, stored, id } = ethan(t)
    const res = await postForm(
      t.app,
      `/positions/${id}/pay`,
      payForm(stored.version, '250000'),
      t.as('finance'),
    )
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toMatch(/^\/approvals\?proposed=/)
    expect(getPosition(t.db, plan, id)!.version).toBe(stored.version)
    const [proposal] = listProposals(t.db, { status: 'pending' })
    expect(proposal).toMatchObject({ positionId: id, payAboveBand: true, changed: ['payChange'] })
    // finance cannot approve its own kind of proposal; leadership can
    const decide = { decision: 'approved', version: String(proposal!.version) }
    const byFinance = await postForm(
      t.app,
      `/approvals/${proposal!.id}/decide`,
      decide,
      t.as('finance'),
    )
    expect(byFinance.status).toBe(403)
    const byLeadership = await postForm(
      t.app,
      `/approvals/${proposal!.id}/decide`,
      decide,
      t.as('leadership'),
    )
    expect(byLeadership.status).toBe(303)
    expect(getPosition(t.db, plan, id)!.position.raises.at(-1)!.annualBase.toFixed(0)).toBe(
      '250000',
    )
  })

  it('a manager still proposes: their pay change waits for approval', async () => {
    const t = testApp()
    const plan = t.projections.plans()[0]!.plan.id
    const own = listPositions(t.db, plan).find(
      (s) => s.position.kind === 'filled' && s.position.teamId === 'interpretability',
    )!
    const res = await postForm(
      t.app,
      `/positions/${own.position.id}/pay`,
      payForm(own.version, own.position.baseSalary.toFixed(2)),
      t.as('manager'),
    )
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toMatch(/^\/approvals\?proposed=/)
    expect(getPosition(t.db, plan, own.position.id)!.version).toBe(own.version)
    // another team's person does not exist for this manager
    const other = listPositions(t.db, plan).find((s) => s.position.teamId === 'pretraining')!
    expect((await t.get(`/positions/${other.position.id}/pay`, 'manager')).status).toBe(404)
  })

  it('refuses bad input naming each field, and stores nothing', async () => {
    const t = testApp()
    const { plan, stored, id } = ethan(t)
    const res = await postForm(
      t.app,
      `/positions/${id}/pay`,
      payForm(stored.version, 'lots', {
        effectiveDate: '2027-02-30',
        bonusPercent: '150',
        reason: '',
      }),
      t.as('finance'),
    )
    expect(res.status).toBe(422)
    const page = text(await res.text())
    expect(page).toContain('Enter the salary as a number')
    expect(page).toContain('That is not a real calendar date')
    expect(page).toContain('Enter a percentage from 0 to 100')
    expect(page).toContain('Say why the pay changes')
    expect(getPosition(t.db, plan, id)!.version).toBe(stored.version)
    expect(listAudit(t.db, { entityId: id })).toHaveLength(0)
  })

  it('refuses a stale version (409), a version never shown (400), and an effective date before the start', async () => {
    const t = testApp()
    const { stored, id } = ethan(t)
    const pay = (version: number) =>
      postForm(t.app, `/positions/${id}/pay`, payForm(version, '150000'), t.as('finance'))
    // 0 was never a version (records start at 1), nor is one after the record's own
    expect((await pay(0)).status).toBe(400)
    expect((await pay(stored.version + 1)).status).toBe(400)
    expect((await pay(stored.version)).status).toBe(303)
    // the first save moved the version on: the form it was made from is now stale
    const stale = await pay(stored.version)
    expect(stale.status).toBe(409)
    const early = await postForm(
      t.app,
      `/positions/${id}/pay`,
      payForm(stored.version, '150000', { effectiveDate: '2001-01-01' }),
      t.as('finance'),
    )
    expect(early.status).toBe(422)
    expect(text(await early.text())).toContain('(the start date) or later')
  })

  it('previews the band and the compa-ratio of a typed salary', async () => {
    const t = testApp()
    const q = 'familyId=research-engineer&levelId=l3&officeId=san-francisco&baseSalary=174000'
    const res = await t.get(`/band-preview?${q}`, 'finance', { 'HX-Request': 'true' })
    const html = text(await res.text())
    expect(html).toContain('Research Engineer L3, San Francisco')
    expect(html).toContain('minimum $145,000')
    expect(html).toMatch(/compa-ratio \d\.\d\d/)
    expect((await t.get(`/band-preview?${q}`, 'viewer')).status).toBe(403)
  })
})
