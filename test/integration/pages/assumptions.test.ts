import { describe, expect, it } from 'vitest'
import { getAssumptions } from '../../../src/db/repos/assumptions.ts'
import { listAudit } from '../../../src/db/repos/audit.ts'
import { section } from '../../helpers/html.ts'
import { postForm, type TestApp, testApp } from '../../helpers/web.ts'

const PLAN = 'fy2027'

/** The form as the page fills it for the demo plan, with `changes` typed over it. */
function fields(t: TestApp, changes: Record<string, string> = {}): Record<string, string> {
  const stored = getAssumptions(t.db, PLAN)!
  const a = stored.assumptions
  const values: Record<string, string> = {
    version: String(stored.version),
    meritRate: a.meritRate.times(100).toFixed(),
    meritMonth: String(a.meritMonth),
    meritEligibilityMonths: String(a.meritEligibilityMonths),
    annualAttritionRate: a.annualAttritionRate.times(100).toFixed(),
    bonusAccrual: a.bonusAccrual,
    equityExpenseMethod: a.equityExpenseMethod,
    sharePriceUsd: a.sharePriceUsd?.toFixed(2) ?? '',
  }
  if (a.backfillLeavers) values.backfillLeavers = 'on'
  return { ...values, ...changes }
}

const save = (
  t: TestApp,
  changes: Record<string, string>,
  role: 'leadership' | 'admin' = 'leadership',
) => postForm(t.app, `/assumptions/${PLAN}`, fields(t, changes), t.as(role))

/** p-001's salary line in a month, by the projection API (GBP, London). */
async function salaryOfP001(t: TestApp, month: string): Promise<string> {
  const res = await t.get(`/api/v1/plans/${PLAN}/projection.json`, 'finance')
  const { rows } = (await res.json()) as {
    rows: { positionId: string; month: string; component: string; localAmount: string }[]
  }
  return rows.find(
    (r) => r.positionId === 'p-001' && r.month === month && r.component === 'salary',
  )!.localAmount
}

describe('GET /assumptions', () => {
  it('shows the plan assumptions as percentages and each family’s time to fill', async () => {
    const t = testApp()
    const res = await t.get(`/assumptions?plan=${PLAN}`, 'leadership')
    expect(res.status).toBe(200)
    const html = await res.text()
    // stored as fractions 0.03 and 0.1
    const list = section(html, 'plan-assumptions')
    expect(list).toContain('Merit increase 3% each April')
    expect(list).toContain('Annual attrition 10% a year')
    expect(list).toContain('Backfill leavers Yes')
    expect(list).toContain('Share price Each grant’s own grant price')
    // the loops page's table, the one definition: Software Engineer 58 days (L4 and L5 their
    // own), the recruiter 44; time to open and the notice periods named beside it
    const ttf = section(html, 'time-to-fill')
    expect(ttf).toContain('Research Scientist 90 None')
    expect(ttf).toContain('Software Engineer 58 L4: 94 days, L5: 150 days')
    expect(ttf).toContain('Recruiter 44')
    expect(section(html, 'time-to-fill-heading').length).toBeGreaterThan(0)
    expect(html).toContain('time to open (0 days)')
    expect(html).toContain('UK: 2 months; US: 14 days')
    expect(html).not.toContain('name="ttf-')
    // leadership edits: the form, with the unit in the label
    expect(html).toContain(`action="/assumptions/${PLAN}"`)
    expect(html).toContain('Merit increase (% of base salary, e.g. 3 or 3.5)')
    expect(html).toContain('name="meritRate" type="text" inputmode="decimal" value="3"')
  })

  it('shows finance and managers the assumptions without a form', async () => {
    const t = testApp()
    for (const role of ['finance', 'manager'] as const) {
      const html = await (await t.get('/assumptions', role)).text()
      expect(section(html, 'plan-assumptions')).toContain('Annual attrition 10% a year')
      expect(html).not.toContain('id="assumptions-form"')
      expect(html).toContain('leadership and admins change them')
    }
  })

  it('refuses a viewer, and answers 404 for an unknown plan', async () => {
    const t = testApp()
    expect((await t.get('/assumptions', 'viewer')).status).toBe(403)
    expect((await t.get('/assumptions?plan=nope', 'admin')).status).toBe(404)
  })
})

describe('POST /assumptions/:planId', () => {
  it('refuses managers (their edit_plan is only within their teams), finance and viewers', async () => {
    const t = testApp()
    const before = getAssumptions(t.db, PLAN)
    for (const role of ['manager', 'finance', 'viewer'] as const) {
      const res = await postForm(
        t.app,
        `/assumptions/${PLAN}`,
        fields(t, { meritRate: '5' }),
        t.as(role),
      )
      expect(res.status).toBe(403)
    }
    expect(getAssumptions(t.db, PLAN)).toEqual(before)
  })

  it('stores percentages as fractions, audits, and the projection follows', async () => {
    const t = testApp()
    // p-001: London, £393,000, employed since 2022, no raises. Merit in April at 3%:
    // 393,000 x 1.03 = 404,790 a year; / 12 = 33,732.50 a month
    expect(await salaryOfP001(t, '2027-04')).toBe('33732.50')
    const res = await save(t, {
      meritRate: '5.5',
      annualAttritionRate: '12.5',
    })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe(`/assumptions?plan=${PLAN}&saved=1`)

    const stored = getAssumptions(t.db, PLAN)!
    expect(stored.assumptions.meritRate.toFixed()).toBe('0.055')
    expect(stored.assumptions.annualAttritionRate.toFixed()).toBe('0.125')
    // 393,000 x 1.055 = 414,615 a year; / 12 = 34,551.25 a month; March is still before merit
    expect(await salaryOfP001(t, '2027-04')).toBe('34551.25')
    expect(await salaryOfP001(t, '2027-03')).toBe('32750.00') // 393,000 / 12

    const [plan] = listAudit(t.db, {})
    expect(plan!.action).toBe('plan.assumptions')
    expect(plan!.userId).toBe(t.user('leadership').id)
    expect((plan!.before as { meritRate: string }).meritRate).toBe('0.03')
    expect((plan!.after as { meritRate: string }).meritRate).toBe('0.055')

    const page = await (await t.get(`/assumptions?plan=${PLAN}&saved=1`, 'admin')).text()
    expect(page).toContain('Saved the assumptions')
    expect(section(page, 'plan-assumptions')).toContain('Merit increase 5.5% each April')
  })

  it('turns backfill off when the box is unticked and takes a share price', async () => {
    const t = testApp()
    const body = fields(t, { sharePriceUsd: '$1,042.50', bonusAccrual: 'monthly' })
    delete body.backfillLeavers
    expect((await postForm(t.app, `/assumptions/${PLAN}`, body, t.as('admin'))).status).toBe(303)
    const a = getAssumptions(t.db, PLAN)!.assumptions
    expect(a.backfillLeavers).toBe(false)
    expect(a.sharePriceUsd!.toFixed(2)).toBe('1042.50')
    expect(a.bonusAccrual).toBe('monthly')
  })

  it.each([
    ['annualAttritionRate', '120', 'cannot be more than 100%'],
    ['meritRate', '-1', 'as a percentage from 0 to 100'],
    ['meritRate', '3%', 'no % sign needed'],
    ['meritRate', '', 'Enter the merit increase'],
    ['meritMonth', '13', 'Choose a month from January to December'],
    ['meritEligibilityMonths', '25', 'At most 24 months'],
    ['meritEligibilityMonths', 'six', 'Enter whole months'],
    ['sharePriceUsd', '1e3', 'Enter a price in USD'],
    ['bonusAccrual', 'weekly', 'Choose when bonus cost is counted'],
  ])(
    'refuses %s "%s" with 422, the message by the field and the input kept',
    async (field, value, message) => {
      const t = testApp()
      const before = getAssumptions(t.db, PLAN)
      const res = await save(t, { [field]: value }, 'admin')
      expect(res.status).toBe(422)
      const html = await res.text()
      expect(section(html, `assumption-${field}-error`)).toContain(message)
      if (!['meritMonth', 'bonusAccrual'].includes(field)) {
        expect(html).toContain(`name="${field}" type="text"`)
        expect(html).toContain(`value="${value}"`)
      }
      expect(getAssumptions(t.db, PLAN)).toEqual(before)
      expect(listAudit(t.db, { entityType: 'plan' })).toEqual([])
    },
  )

  it('answers htmx with the form alone on 422', async () => {
    const t = testApp()
    const res = await postForm(
      t.app,
      `/assumptions/${PLAN}`,
      fields(t, { annualAttritionRate: '120' }),
      {
        ...t.as('leadership'),
        'hx-request': 'true',
      },
    )
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(html.startsWith('<form id="assumptions-form"')).toBe(true)
    expect(html).toContain('value="120"')
  })

  it('refuses a stale edit with 409, what the other save changed, and stores nothing', async () => {
    const t = testApp()
    const stale = fields(t, { annualAttritionRate: '8' })
    expect((await save(t, { meritRate: '4' }, 'admin')).status).toBe(303)
    const afterFirst = getAssumptions(t.db, PLAN)!
    const res = await postForm(t.app, `/assumptions/${PLAN}`, stale, t.as('leadership'))
    expect(res.status).toBe(409)
    const html = await res.text()
    expect(html).toContain('Someone else saved these assumptions')
    expect(html).toContain(
      'Merit increase (%): saved as <strong>4</strong>, you entered <strong>3</strong>',
    )
    expect(html).toContain(
      'Annual attrition (%): saved as <strong>10</strong>, you entered <strong>8</strong>',
    )
    // entries kept with the versions now stored, so saving again replaces theirs
    expect(html).toContain('name="annualAttritionRate" type="text" inputmode="decimal" value="8"')
    expect(html).toContain(`name="version" value="${afterFirst.version}"`)
    expect(getAssumptions(t.db, PLAN)).toEqual(afterFirst)

    const resubmitted = await postForm(
      t.app,
      `/assumptions/${PLAN}`,
      { ...stale, version: String(afterFirst.version) },
      t.as('leadership'),
    )
    expect(resubmitted.status).toBe(303)
  })
})
