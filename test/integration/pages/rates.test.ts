import { describe, expect, it } from 'vitest'
import { listAudit } from '../../../src/db/repos/audit.ts'
import { getRateSet } from '../../../src/db/repos/rates.ts'
import type { GroupedReport } from '../../../src/web/services/projection-report.ts'
import { section } from '../../helpers/html.ts'
import { postForm, type TestApp, testApp } from '../../helpers/web.ts'

const SET = 'budget-2026'

/** The demo set's form as the page fills it, with `changes` typed over it. */
function fields(t: TestApp, changes: Record<string, string> = {}): Record<string, string> {
  const stored = getRateSet(t.db, SET)!
  const values: Record<string, string> = { version: String(stored.version) }
  for (const r of stored.set.budgetRates) values[`budget-${r.fiscalYear}`] = r.usdPerGbp.toFixed()
  for (const r of stored.set.monthlyRates) values[`monthly-${r.month}`] = r.usdPerGbp.toFixed()
  values.source = stored.set.source ?? ''
  return { ...values, ...changes }
}

const save = (t: TestApp, changes: Record<string, string>, role: 'finance' | 'admin' = 'finance') =>
  postForm(t.app, `/rates/${SET}`, fields(t, changes), t.as(role))

/** FY2027 cost of London, by the projection API, in `currency`. */
async function londonFy2027(t: TestApp, currency: 'GBP' | 'USD'): Promise<string> {
  const res = await t.get(
    `/api/v1/plans/fy2027/projection?groupBy=office&period=fiscal_year&currency=${currency}`,
    'finance',
  )
  const report = (await res.json()) as GroupedReport
  const london = report.groups.find((g) => g.key === 'london')!
  return london.values[report.periods.indexOf('FY2027')]!
}

describe('GET /rates', () => {
  it('shows the budget rates by fiscal year, the source and who uses the set', async () => {
    const t = testApp()
    const res = await t.get('/rates', 'finance')
    expect(res.status).toBe(200)
    const html = await res.text()
    const budget = section(html, `rate-set-${SET}-budget`)
    expect(budget).toContain('FY2024 Jan 2024 to Dec 2024 1.2782')
    expect(budget).toContain('FY2027 Jan 2027 to Dec 2027 1.36')
    expect(section(html, `rate-set-${SET}-monthly`)).toContain('No monthly overrides')
    expect(html).toContain('Source:')
    expect(html).toContain('2024 average 1.2782')
    const usedBy = section(html, `rate-set-${SET}-used-by`)
    expect(usedBy).toContain('plan FY2027')
    expect(usedBy).toContain('scenario Accelerated hiring (of FY2027 hiring plan, through the plan')
    // finance edits: the form is there, one field per fiscal year
    expect(html).toContain(`action="/rates/${SET}"`)
    expect(html).toContain('name="budget-2027"')
  })

  it('shows leadership and managers the rates without a form', async () => {
    const t = testApp()
    for (const role of ['leadership', 'manager'] as const) {
      const html = await (await t.get('/rates', role)).text()
      expect(section(html, `rate-set-${SET}-budget`)).toContain('FY2027 Jan 2027 to Dec 2027 1.36')
      expect(html).not.toContain(`action="/rates/${SET}"`)
      expect(html).toContain('finance and admins edit them')
    }
  })

  it('refuses a viewer, who never sees pay or rates', async () => {
    const t = testApp()
    expect((await t.get('/rates', 'viewer')).status).toBe(403)
  })
})

describe('POST /rates/:setId', () => {
  it('refuses leadership and managers, who do not edit rates, and stores nothing', async () => {
    const t = testApp()
    for (const role of ['leadership', 'manager', 'viewer'] as const) {
      const res = await postForm(
        t.app,
        `/rates/${SET}`,
        fields(t, { 'budget-2027': '2' }),
        t.as(role),
      )
      expect(res.status).toBe(403)
    }
    expect(
      getRateSet(t.db, SET)!
        .set.budgetRates.find((r) => r.fiscalYear === 2027)!
        .usdPerGbp.toFixed(),
    ).toBe('1.36')
  })

  it('changes the FY2027 budget rate, audits it, and the USD projection follows', async () => {
    const t = testApp()
    const before = getRateSet(t.db, SET)!
    const londonUsdBefore = await londonFy2027(t, 'USD')
    const res = await save(t, { 'budget-2027': '2' })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe(`/rates?saved=${SET}#rate-set-${SET}`)

    const after = getRateSet(t.db, SET)!
    expect(after.version).toBe(before.version + 1)
    expect(after.set.budgetRates.find((r) => r.fiscalYear === 2027)!.usdPerGbp.toFixed()).toBe('2')
    expect(after.set.budgetRates.find((r) => r.fiscalYear === 2028)!.usdPerGbp.toFixed()).toBe(
      '1.36',
    )

    // London's lines are whole pennies in GBP; at exactly 2 USD per GBP each converts to twice
    // its amount with nothing to round, so FY2027 in USD is exactly twice FY2027 in GBP.
    const gbp = await londonFy2027(t, 'GBP')
    const usd = await londonFy2027(t, 'USD')
    expect(usd).not.toBe(londonUsdBefore)
    expect(Number.parseFloat(usd)).toBeGreaterThan(Number.parseFloat(londonUsdBefore))
    expect(usd).toBe((BigInt(gbp.replace('.', '')) * 2n).toString().replace(/(\d{2})$/, '.$1'))

    const [event] = listAudit(t.db, { entityType: 'fx_rate_set' })
    expect(event!.action).toBe('fx_rate_set.update')
    expect(event!.userId).toBe(t.user('finance').id)
    expect(event!.entityId).toBe(SET)
    expect(
      (event!.before as { budgetRates: { usdPerGbp: string }[] }).budgetRates[3]!.usdPerGbp,
    ).toBe('1.36')
    expect(
      (event!.after as { budgetRates: { usdPerGbp: string }[] }).budgetRates[3]!.usdPerGbp,
    ).toBe('2')

    const page = await (await t.get(`/rates?saved=${SET}`, 'finance')).text()
    expect(page).toContain('Saved Budget 2026.')
    expect(section(page, `rate-set-${SET}-budget`)).toContain('FY2027 Jan 2027 to Dec 2027 2')
  })

  it('adds a monthly override that then replaces the budget rate for that month, and removes it', async () => {
    const t = testApp()
    const added = await save(t, { newMonth: '2027-03', newMonthRate: '1.25125' }, 'admin')
    expect(added.status).toBe(303)
    expect(
      getRateSet(t.db, SET)!.set.monthlyRates.map((r) => [r.month, r.usdPerGbp.toFixed()]),
    ).toEqual([['2027-03', '1.25125']])
    const html = await (await t.get('/rates', 'finance')).text()
    expect(section(html, `rate-set-${SET}-monthly`)).toContain('March 2027 1.25125')

    const removed = await save(t, { remove: '2027-03' })
    expect(removed.status).toBe(303)
    expect(getRateSet(t.db, SET)!.set.monthlyRates).toEqual([])
  })

  it('adds a fiscal year', async () => {
    const t = testApp()
    expect((await save(t, { newYear: '2031', newYearRate: '1.4' })).status).toBe(303)
    const last = getRateSet(t.db, SET)!.set.budgetRates.at(-1)!
    expect([last.fiscalYear, last.usdPerGbp.toFixed()]).toEqual([2031, '1.4'])
  })

  it.each([
    ['budget-2027', '1e3', 'budget-2027', 'Enter a plain decimal in USD per GBP'],
    ['budget-2027', '0', 'budget-2027', 'greater than 0'],
    ['budget-2027', '-1.2', 'budget-2027', 'Enter a plain decimal'],
    ['budget-2027', '1.123456789', 'budget-2027', 'at most 8 decimal places'],
    ['newMonth', '2027-13', 'newMonth', 'not a real month'],
    ['newYear', '20x1', 'newYear', 'Enter a fiscal year as a whole number'],
    ['newYear', '2027', 'newYear', 'FY2027 already has a budget rate'],
  ])(
    'refuses %s "%s" with 422, the message by the field and the input kept',
    async (field, value, errorField, message) => {
      const t = testApp()
      const before = getRateSet(t.db, SET)!
      // a month or year needs its rate beside it; give a valid one so only `field` is wrong
      const pair: Record<string, string> =
        field === 'newMonth'
          ? { newMonthRate: '1.3' }
          : field === 'newYear'
            ? { newYearRate: '1.3' }
            : {}
      const res = await save(t, { [field]: value, ...pair })
      expect(res.status).toBe(422)
      const html = await res.text()
      expect(section(html, `rates-${SET}-${errorField}-error`)).toContain(message)
      expect(html).toContain(`name="${field}" type="text"`)
      expect(html).toContain(`value="${value}"`)
      expect(getRateSet(t.db, SET)).toEqual(before)
    },
  )

  it('answers htmx with the form alone on 422', async () => {
    const t = testApp()
    const res = await postForm(t.app, `/rates/${SET}`, fields(t, { 'budget-2027': 'abc' }), {
      ...t.as('finance'),
      'hx-request': 'true',
    })
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(html.startsWith(`<form id="rate-set-form-${SET}"`)).toBe(true)
    expect(html).toContain('value="abc"')
  })

  it('refuses a stale edit with 409, what the other save changed, and stores nothing', async () => {
    const t = testApp()
    const stale = fields(t, { 'budget-2028': '1.5' })
    expect((await save(t, { 'budget-2027': '1.4' }, 'admin')).status).toBe(303)
    const afterFirst = getRateSet(t.db, SET)!
    const res = await postForm(t.app, `/rates/${SET}`, stale, t.as('finance'))
    expect(res.status).toBe(409)
    const html = await res.text()
    expect(html).toContain('Someone else saved this rate set')
    // the admin's 1.4 against this user's 1.36 for FY2027; this user's own 1.5 for FY2028
    expect(html).toContain(
      'FY2027 budget rate: saved as <strong>1.4</strong>, you entered <strong>1.36</strong>',
    )
    expect(html).toContain(
      'FY2028 budget rate: saved as <strong>1.36</strong>, you entered <strong>1.5</strong>',
    )
    // the form keeps this user's entries and carries the new version, so saving again replaces
    expect(html).toContain('name="budget-2028" type="text" inputmode="decimal" value="1.5"')
    expect(html).toContain(`name="version" value="${afterFirst.version}"`)
    expect(getRateSet(t.db, SET)).toEqual(afterFirst)
  })

  it('refuses a version the set never had as a bad field (400), not as stale, storing nothing', async () => {
    const t = testApp()
    const before = getRateSet(t.db, SET)!
    const res = await save(t, { version: String(before.version + 100_000), 'budget-2027': '1.4' })
    expect(res.status).toBe(400)
    expect(await res.text()).toContain('data-field="version"')
    expect(getRateSet(t.db, SET)).toEqual(before)
  })
})
