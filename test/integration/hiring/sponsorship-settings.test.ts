import { describe, expect, it } from 'vitest'
import { listAudit } from '../../../src/db/repos/audit.ts'
import { viewerOf } from '../../../src/web/auth/viewer.ts'
import { postForm, type TestApp, testApp } from '../../helpers/web.ts'

// r-102: open London role on a Skilled Worker visa in the demo, starting June 2027 (month 5).
const JUNE = 5
const PATH = '/recruiting/roles/r-102/sponsorship'

/** r-102's hiring cost in June 2027 in pence, as the app's projection service projects it. */
function juneHiring(t: TestApp): number {
  const view = t.projections.view(viewerOf(t.db, t.user('admin'), 'session'), {})
  const i = view.projection.positions.findIndex((p) => p.id === 'r-102')
  expect(view.projection.positions.at(i)!.currency).toBe('GBP')
  return view.projection.cell(i, JUNE, 'hiring')
}

describe('sponsorship of a role on its job-ad page', () => {
  it('shows the form with the default 36-month visa and no optional fees', async () => {
    const html = await (await testApp().get('/recruiting/roles/r-102', 'admin')).text()
    expect(html).toContain('Visa length (months)')
    expect(html).toMatch(/name="visaMonths"[^>]*value="36"/)
    expect(html).toContain('Employer pays the Immigration Health Surcharge')
  })

  it('keeps the plan it was opened for: the form posts to it and comes back to it', async () => {
    const t = testApp()
    const html = await (await t.get('/recruiting/roles/r-102?plan=fy2027', 'admin')).text()
    expect(html).toContain('action="/recruiting/roles/r-102/sponsorship?plan=fy2027"')
    const fields = { version: '0', visaMonths: '48' }
    const res = await postForm(t.app, `${PATH}?plan=fy2027`, fields, t.as('admin'))
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe(
      '/recruiting/roles/r-102?plan=fy2027&sponsorship=saved#sponsorship-r-102',
    )
  })

  it('costs a 5-year visa with visa fee and IHS once saved, and audits the change', async () => {
    const t = testApp()
    // CoS £525 + ISC for 36 months (£1,320 + 4 x £660 = £3,960) = £4,485.00
    expect(juneHiring(t)).toBe(448_500)
    const fields = { version: '0', visaMonths: '60', visaFee: 'on', healthSurcharge: 'on' }
    const res = await postForm(t.app, PATH, fields, t.as('admin'))
    expect(res.status).toBe(303)
    // CoS £525 + ISC £1,320 + ceil((60 - 12) / 6) = 8 x £660 (£6,600) + visa fee over 36
    // months £1,519 + IHS 10 half-years x £517.50 (£5,175) = £13,819.00
    expect(juneHiring(t)).toBe(1_381_900)
    const event = listAudit(t.db).find((e) => e.action === 'hiring.sponsorship.update')!
    expect(event.entityId).toBe('r-102')
    expect(event.after).toEqual({
      visaMonths: 60,
      visaFee: true,
      healthSurcharge: true,
      premiumProcessing: false,
    })
    // saved at version 1: a second save based on version 0 is stale and stores nothing
    const stale = await postForm(t.app, PATH, { ...fields, visaMonths: '24' }, t.as('admin'))
    expect(stale.status).toBe(409)
    expect(juneHiring(t)).toBe(1_381_900)
  })

  it('refuses a visa over 60 months with 422, the error by the field, and stores nothing', async () => {
    const t = testApp()
    const res = await postForm(t.app, PATH, { version: '0', visaMonths: '61' }, t.as('admin'))
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(html).toContain('must be at most 60 months')
    expect(html).toMatch(/name="visaMonths"[^>]*value="61"/)
    expect(juneHiring(t)).toBe(448_500)
  })

  it('hides the role from a viewer without edit rights', async () => {
    const t = testApp()
    const res = await postForm(t.app, PATH, { version: '0', visaMonths: '24' }, t.as('finance'))
    expect(res.status).toBe(403)
    expect(juneHiring(t)).toBe(448_500)
  })
})
