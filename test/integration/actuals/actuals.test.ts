/**
 * Plan against actuals through the pages and the push endpoint: locking a budget, a roster sync
 * from a Workday export, a quarter of payroll and its rates, and the variance each role may see.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'
import readXlsxFile from 'read-excel-file/node'
import { describe, expect, it } from 'vitest'
import { getBudget, listBudgets, readPayrollLines } from '../../../src/db/repos/actuals.ts'
import { listAudit } from '../../../src/db/repos/audit.ts'
import { readActualYtd } from '../../../src/db/repos/plans.ts'
import { getPosition, updatePosition } from '../../../src/db/repos/positions.ts'
import type { Role } from '../../../src/db/repos/users.ts'
import { formatMinor } from '../../../src/domain/money.ts'
import { tempDir } from '../../helpers/db.ts'
import { section, textOf } from '../../helpers/html.ts'
import { ORIGIN, postForm, type TestApp, testApp } from '../../helpers/web.ts'

const WORKDAY = readFileSync('test/fixtures/hr/workday.csv', 'utf8')

function upload(t: TestApp, role: Role, path: string, fields: Record<string, string>, csv: string) {
  const form = new FormData()
  for (const [k, v] of Object.entries(fields)) form.set(k, v)
  form.set('file', new File([csv], 'file.csv', { type: 'text/csv' }))
  return t.app.request(`${ORIGIN}${path}`, {
    method: 'POST',
    headers: { ...t.as(role), origin: ORIGIN },
    body: form,
  })
}

const lock = (t: TestApp, role: Role, fields: Record<string, string>) =>
  postForm(t.app, '/budgets', fields, t.as(role))

const hidden = (html: string, name: string) =>
  new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? ''

/** Locks the FY2027 budget, syncs the Workday roster as of 15 March 2027 (Ingrid backfilled). */
async function synced(app: { path?: string } = {}) {
  const t = testApp(app)
  expect(
    (await lock(t, 'finance', { name: 'FY2027 budget', plan: 'fy2027', fiscalYear: '2027' }))
      .status,
  ).toBe(201)
  t.setNow(new Date('2027-04-10T09:00:00Z'))
  const preview = await upload(
    t,
    'finance',
    '/actuals/roster/preview',
    { preset: 'workday', plan: 'fy2027', asOf: '2027-03-15' },
    WORKDAY,
  )
  const html = await preview.text()
  expect(preview.status).toBe(200)
  const applied = await postForm(
    t.app,
    '/actuals/roster',
    new URLSearchParams([
      ['key', hidden(html, 'key')],
      ['plan', 'fy2027'],
      ['preset', 'workday'],
      ['asOf', '2027-03-15'],
      ['backfill', '21002'],
    ]),
    t.as('finance'),
  )
  expect(applied.status).toBe(200)
  return t
}

describe('locking a budget', () => {
  it('keeps a copy of the plan under its name, audited; later plan edits do not move it', async () => {
    const t = await synced()
    const [summary] = listBudgets(t.db)
    expect(summary).toMatchObject({ name: 'FY2027 budget', planId: 'fy2027', fiscalYear: 2027 })
    const budget = getBudget(t.db, summary!.id)!
    // locked before the roster sync raised Helen Okafor to £400,000
    const helen = budget.snapshot.plans[0]!.positions.find((p) => p.id === 'p-001')!
    expect(helen.baseSalary.toFixed(2)).toBe('393000.00')
    expect(helen.raises).toEqual([])
    expect(listAudit(t.db, {}).some((e) => e.action === 'budget.lock')).toBe(true)
  })

  it('refuses a missing name, a fiscal year outside the plan and a taken name, storing nothing', async () => {
    const t = testApp()
    const noName = await lock(t, 'leadership', { name: ' ', plan: 'fy2027', fiscalYear: '2027' })
    expect(noName.status).toBe(422)
    expect(await noName.text()).toContain('Give the budget a name')
    const outside = await lock(t, 'leadership', { name: 'Far', plan: 'fy2027', fiscalYear: '2040' })
    expect(outside.status).toBe(422)
    expect(textOf(await outside.text())).toContain(
      'covers FY2027 (Jan 2027 to Dec 2027) to FY2028 (Jan 2028 to Dec 2028)',
    )
    expect(listBudgets(t.db)).toEqual([])
    await lock(t, 'leadership', { name: 'FY2027 budget', plan: 'fy2027', fiscalYear: '2027' })
    const twice = await lock(t, 'leadership', {
      name: 'FY2027 budget',
      plan: 'fy2027',
      fiscalYear: '2027',
    })
    expect(twice.status).toBe(422)
    expect(listBudgets(t.db)).toHaveLength(1)
  })

  it("is not a manager's to lock, nor finance's to unlock; leadership unlocks", async () => {
    const t = testApp()
    expect(
      (await lock(t, 'manager', { name: 'Mine', plan: 'fy2027', fiscalYear: '2027' })).status,
    ).toBe(403)
    await lock(t, 'finance', { name: 'FY2027 budget', plan: 'fy2027', fiscalYear: '2027' })
    const id = listBudgets(t.db)[0]!.id
    expect((await postForm(t.app, `/budgets/${id}/unlock`, {}, t.as('finance'))).status).toBe(403)
    expect((await postForm(t.app, `/budgets/${id}/unlock`, {}, t.as('leadership'))).status).toBe(
      200,
    )
    expect(listBudgets(t.db)).toEqual([])
    expect(listAudit(t.db, {}).some((e) => e.action === 'budget.unlock')).toBe(true)
  })

  it('travels with the workspace document: export then import keeps it', async () => {
    const t = await synced()
    const exported = await t.get('/api/v1/workspace', 'admin')
    const text = await exported.text()
    expect(JSON.parse(text).budgets).toHaveLength(1)
    const back = await t.app.request(`${ORIGIN}/api/v1/workspace`, {
      method: 'POST',
      headers: { ...t.bearer('admin'), 'content-type': 'application/json' },
      body: text,
    })
    expect(back.status).toBe(200)
    expect(listBudgets(t.db).map((b) => b.name)).toEqual(['FY2027 budget'])
  })
})

describe('comparing a budget with the forecast', () => {
  it('offers the budget beside the scenarios; the forecast after the sync differs from it', async () => {
    const t = await synced()
    const id = listBudgets(t.db)[0]!.id
    const res = await t.get(`/scenarios/compare?a=budget:${id}&b=&period=fiscal_year`, 'leadership')
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain(`<option value="budget:${id}" selected="">FY2027 budget</option>`)
    const summary = section(html, 'compare-summary')
    expect(summary).toContain('FY2027 budget')
    const total = section(html, 'summary-total')
    // the sync added Sam Lowe and raised Helen Okafor, and Ingrid Solberg leaves in April
    expect(total).not.toMatch(/^\s*[£$]0\.00\s*$/)
  })

  it('scopes the budget to a manager: no other team appears', async () => {
    const t = await synced()
    const id = listBudgets(t.db)[0]!.id
    const html = await (await t.get(`/scenarios/compare?a=budget:${id}&b=`, 'manager')).text()
    expect(section(html, 'team-delta')).not.toContain('Platform')
  })

  it('answers 404 for a budget that does not exist', async () => {
    const t = testApp()
    expect((await t.get('/scenarios/compare?a=budget:nope', 'leadership')).status).toBe(404)
  })
})

describe('roster sync through the pages', () => {
  it('applies the hire, the raise, the leaver and her backfill; the same file again has nothing to apply', async () => {
    const t = await synced()
    expect(getPosition(t.db, 'fy2027', 'r-101')!.position).toMatchObject({
      kind: 'filled',
      personName: 'Maya Hart',
    })
    expect(getPosition(t.db, 'fy2027', 'p-002')!.position).toMatchObject({ endDate: '2027-04-30' })
    expect(getPosition(t.db, 'fy2027', 'p-002-backfill')!.position).toMatchObject({
      kind: 'open',
      reason: 'backfill',
    })
    expect(listAudit(t.db, {}).filter((e) => e.action === 'roster.sync')).toHaveLength(1)
    const again = await upload(
      t,
      'finance',
      '/actuals/roster/preview',
      { preset: 'workday', plan: 'fy2027', asOf: '2027-03-15' },
      WORKDAY,
    )
    expect(textOf(await again.text())).toContain('The plan already matches this roster')
  })

  it('refuses a file with a bad row, naming row and column, and writes nothing', async () => {
    const t = testApp()
    const bad = WORKDAY.replace('04/30/2027', '31/04/2027')
    const res = await upload(
      t,
      'finance',
      '/actuals/roster/preview',
      { preset: 'workday', plan: 'fy2027', asOf: '2027-03-15' },
      bad,
    )
    expect(res.status).toBe(422)
    const text = textOf(await res.text())
    expect(text).toContain('3 Termination Date must be a date such as 03/31/2027 or 2027-03-31')
    expect(getPosition(t.db, 'fy2027', 'p-002')!.position).toMatchObject({ endDate: null })
  })

  it('answers a confirmation of an expired or foreign upload with 409', async () => {
    const t = testApp()
    const res = await postForm(
      t.app,
      '/actuals/roster',
      { key: 'nope', plan: 'fy2027', preset: 'workday', asOf: '2027-03-15' },
      t.as('finance'),
    )
    expect(res.status).toBe(409)
  })

  it('takes the same file from a script with a token: a dry run, then applied', async () => {
    const t = testApp()
    const push = (query: string, role: Role = 'finance') =>
      t.app.request(`${ORIGIN}/api/v1/roster?preset=workday&asOf=2027-03-15${query}`, {
        method: 'POST',
        headers: { ...t.bearer(role), 'content-type': 'text/csv' },
        body: WORKDAY,
      })
    const dry = await push('')
    expect(dry.status).toBe(200)
    expect(await dry.json()).toMatchObject({
      applied: false,
      hires: [{ name: 'Maya Hart', openRoleId: 'r-101' }],
    })
    expect(getPosition(t.db, 'fy2027', 'r-101')!.position.kind).toBe('open')
    const applied = await push('&apply=1')
    expect(await applied.json()).toMatchObject({ applied: true })
    expect(getPosition(t.db, 'fy2027', 'r-101')!.position.kind).toBe('filled')
    expect((await push('', 'manager')).status).toBe(403)
  })
})

/**
 * A quarter of payroll for the Workday people (employee ids 21001..21051), GBP salaries and the
 * San Francisco hire in USD, with January to March actual rates.
 */
const PAYROLL = [
  'Employee ID,Pay Period,Currency,Salary,Bonus,Employer NIC,Employer Pension,Benefits,Other',
  ...['2027-01', '2027-02', '2027-03'].flatMap((m) => [
    `21001,${m},GBP,"32,750.00",0,4466.25,1310.00,250.00,0`,
    `21002,${m},GBP,"28,750.00",0,3911.25,1150.00,250.00,0`,
    ...(m === '2027-01' ? [] : [`21051,${m},USD,"17,500.00",0,1338.75,700.00,1200.00,0`]),
  ]),
].join('\n')

/** `synced`, then the quarter's payroll imported and its actual rates. */
async function closedQuarter(app: { path?: string } = {}) {
  const t = await synced(app)
  const preview = await upload(
    t,
    'finance',
    '/actuals/payroll/preview',
    { plan: 'fy2027' },
    PAYROLL,
  )
  const html = await preview.text()
  expect(preview.status).toBe(200)
  expect(textOf(html)).toContain('closing 2027-01, 2027-02, 2027-03')
  const done = await postForm(
    t.app,
    '/actuals/payroll',
    { key: hidden(html, 'key'), plan: 'fy2027' },
    t.as('finance'),
  )
  expect(done.status).toBe(200)
  await upload(
    t,
    'finance',
    '/actuals/rates',
    {},
    'Month,USD per GBP\n2027-01,1.25\n2027-02,1.30\n2027-03,1.20',
  )
  return t
}

describe('payroll and variance', () => {
  it('stores the quarter: the closed months, each person and month once', async () => {
    const t = await closedQuarter()
    expect(readPayrollLines(t.db, '2027-01', '2027-12')).toHaveLength(8)
  })

  it('gives the engine year to date where payroll is unbroken from the year start', async () => {
    const t = await closedQuarter()
    // Sam Lowe joined on 1 February 2027: February and March at $17,500.00 = $35,000.00 wages.
    // The London people's tax year began in April 2026, before any payroll here: not taken.
    expect(
      readActualYtd(t.db, 'fy2027').map((a) => [a.positionId, a.year, a.wages.toFixed(2), a.asAt]),
    ).toEqual([['21051', 2027, '35000.00', '2027-03-31']])
  })

  it('refuses a payroll row naming someone the plan does not know, a month not yet paid, or negative pay', async () => {
    const t = await synced()
    const res = await upload(
      t,
      'finance',
      '/actuals/payroll/preview',
      { plan: 'fy2027' },
      'Employee ID,Pay Period,Currency,Salary\n99999,2027-01,GBP,100\n21001,2027-09,GBP,100\n21001,2027-01,GBP,-100',
    )
    expect(res.status).toBe(422)
    const text = textOf(await res.text())
    expect(text).toContain('2 Employee ID is nobody in the plan: sync the roster first')
    expect(text).toContain('3 Pay Period is after this month')
    expect(text).toContain('4 Salary must not be negative')
    expect(readPayrollLines(t.db, '2027-01', '2027-12')).toEqual([])
  })

  it('lists the first 200 problems of a file wrong on every row, and counts the rest', async () => {
    const t = await synced()
    const rows = Array.from({ length: 250 }, (_, i) => `${90000 + i},2027-01,GBP,100`)
    const res = await upload(
      t,
      'finance',
      '/actuals/payroll/preview',
      { plan: 'fy2027' },
      ['Employee ID,Pay Period,Currency,Salary', ...rows].join('\n'),
    )
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(html.match(/is nobody in the plan/g)).toHaveLength(200)
    expect(textOf(html)).toContain('…and 50 more problems')
  })

  it('takes an HR file larger than a form may be (5 MB of roster)', async () => {
    const t = await synced()
    const [header, ...people] = WORKDAY.trim().split('\n')
    const padding = Array.from({ length: 40_000 }, () => people[0]!).join('\n')
    const res = await upload(
      t,
      'finance',
      '/actuals/roster/preview',
      { preset: 'workday', plan: 'fy2027', asOf: '2027-03-15' },
      `${header}\n${padding}`,
    )
    expect(new TextEncoder().encode(padding).length).toBeGreaterThan(4 * 1024 * 1024)
    expect(res.status).not.toBe(413)
  })

  it('shows finance the variance by team with its volume, rate and FX split, which add up', async () => {
    const t = await closedQuarter()
    const id = listBudgets(t.db)[0]!.id
    const res = await t.get(`/variance?budget=${id}&basis=actual&currency=GBP`, 'finance')
    expect(res.status).toBe(200)
    const text = textOf(await res.text())
    expect(text).toContain(
      'Closed months (payroll imported): January 2027, February 2027, March 2027',
    )
    for (const heading of ['Volume', 'Rate', 'FX effect']) expect(text).toContain(heading)
    const csv = await (
      await t.get(`/variance.csv?budget=${id}&basis=actual&currency=GBP`, 'finance')
    ).text()
    const rows = csv
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(','))
    for (const r of rows) {
      const [budget, actual, variance, volume, rate, fx] = r
        .slice(4, 10)
        .map((x) => Math.round(Number(x) * 100))
      expect(actual! - budget!).toBe(variance)
      expect(volume! + rate! + fx!).toBe(variance)
    }
  })

  it('gives the same cells as an Excel workbook, with a sheet per view', async () => {
    const t = await closedQuarter()
    const id = listBudgets(t.db)[0]!.id
    const query = `budget=${id}&basis=actual&currency=GBP`
    const res = await t.get(`/variance.xlsx?${query}`, 'finance')
    expect(res.headers.get('content-type')).toContain('spreadsheetml')
    const sheets = await readXlsxFile(Buffer.from(await res.arrayBuffer()))
    expect(sheets.map((s) => s.sheet)).toEqual([
      'By team',
      'By component',
      'By month',
      'Every cell',
    ])
    const csv = parse(await (await t.get(`/variance.csv?${query}`, 'finance')).text()) as string[][]
    const cells = sheets[3]!.data
    expect(cells[0]).toEqual(csv[0])
    expect(cells.length).toBe(csv.length)
    cells.slice(1).forEach((row, i) => {
      const want = csv[i + 1]!
      expect(row[0]).toBe(want[0])
      expect((row[2] as unknown as Date).toISOString().slice(0, 7)).toBe(want[2])
      // amounts as numbers, to the penny
      expect(row.slice(4, 10).map((v) => (v as number).toFixed(2))).toEqual(want.slice(4, 10))
    })
    expect((await t.get(`/variance.xlsx?${query}`, 'viewer')).status).toBe(403)
  })

  it('shows the plan with payroll in its closed months: the latest estimate under the total', async () => {
    const t = await closedQuarter()
    const finance = t.as('finance')
    const res = await t.get('/projection?plan=fy2027&currency=GBP&period=month', 'finance', {
      cookie: `${finance.cookie}; pennies=on`,
    })
    const html = await res.text()
    const row = /<tr class="estimate-row">([\s\S]*?)<\/tr>/.exec(html)?.[1] ?? ''
    const cells = [...row.matchAll(/<td class="num">([^<]*)<\/td>/g)].map((m) => m[1])
    expect(textOf(row)).toContain('payroll paid in January–March 2027, forecast after')
    // January 2027, both Londoners in GBP (salary + NIC + pension + benefits):
    //   21001: 32,750.00 + 4,466.25 + 1,310.00 + 250.00 = 38,776.25
    //   21002: 28,750.00 + 3,911.25 + 1,150.00 + 250.00 = 34,061.25
    //   paid = 72,837.50
    expect(cells[0]).toBe('£72,837.50')
    // February adds Sam Lowe's USD payroll at February's actual 1.30 USD per GBP, each component
    // converted once: 17,500.00 / 1.30 = 13,461.54; 1,338.75 / 1.30 = 1,029.81;
    // 700.00 / 1.30 = 538.46; 1,200.00 / 1.30 = 923.08; together 15,952.89
    //   72,837.50 + 15,952.89 = 88,790.39
    expect(cells[1]).toBe('£88,790.39')
    // April is open: the forecast, as the total row above it has it
    const total = /<tr class="total-row">([\s\S]*?)<\/tr>/.exec(html)?.[1] ?? ''
    const forecast = [...total.matchAll(/class="figure">([^<]*)<\/a>/g)].map((m) => m[1])
    expect(cells[3]).toBe(forecast[3])
    expect(cells[0]).not.toBe(forecast[0])
    // a scenario is a what-if: no payroll in it
    const scenario = await t.get('/projection?plan=fy2027&scenario=accelerated-hiring', 'finance')
    expect(await scenario.text()).not.toContain('estimate-row')
  })

  it("gives the overview this fiscal year's latest estimate: the quarter's payroll, then the plan", async () => {
    const t = await closedQuarter()
    const finance = t.as('finance')
    const monthly = await t.get('/projection?plan=fy2027&currency=GBP&period=month', 'finance', {
      cookie: `${finance.cookie}; pennies=on`,
    })
    const total = /<tr class="total-row">([\s\S]*?)<\/tr>/.exec(await monthly.text())?.[1] ?? ''
    const forecast = [...total.matchAll(/class="figure">([^<]*)<\/a>/g)].map((m) =>
      Math.round(Number(m[1]!.replace(/[£,]/g, '')) * 100),
    )
    // paid in the closed quarter, in GBP at each month's actual rate (see the test above):
    //   January 72,837.50; February 88,790.39;
    //   March 72,837.50 + Sam Lowe at 1.20: 14,583.33 + 1,115.63 + 583.33 + 1,000.00 = 17,282.29,
    //   so 90,119.79; the quarter 251,747.68
    // then the approved plan's forecast for April to December
    const aprilToDecember = forecast.slice(3, 12).reduce((s, v) => s + v, 0)
    const expected = 25_174_768 + aprilToDecember
    const html = await (await t.get('/overview?plan=fy2027&currency=GBP', 'finance')).text()
    const estimate = /id="fy-2027-estimate"[^>]*>([^<]*)</.exec(html)?.[1]
    expect(estimate).toBe(formatMinor(expected, 'GBP'))
    expect(textOf(html)).toContain('payroll for January–March 2027, the approved plan after')
    // next fiscal year has no closed month: no estimate
    expect(html).not.toContain('id="fy-2028-estimate"')
  })

  it('explains a figure with the people behind it', async () => {
    const t = await closedQuarter()
    const id = listBudgets(t.db)[0]!.id
    const res = await t.get(
      `/variance/explain?budget=${id}&basis=actual&currency=GBP&team=interpretability`,
      'leadership',
    )
    const text = textOf(await res.text())
    expect(text).toContain('Variance: Interpretability, all components, FY2027')
    expect(text).toContain('Helen Okafor')
    expect(text).toMatch(/Check: .* = .* - /)
  })

  it("names a month's people on the side that covers it: payroll for a closed month, the forecast for an open one", async () => {
    const t = await closedQuarter()
    const id = listBudgets(t.db)[0]!.id
    const people = async (month: number) => {
      const html = await (
        await t.get(
          `/variance/explain?budget=${id}&basis=estimate&currency=GBP&team=interpretability&month=${month}`,
          'leadership',
        )
      ).text()
      const table = (caption: string) =>
        textOf(
          new RegExp(`<caption>${caption}[^<]*</caption>([\\s\\S]*?)</table>`).exec(html)?.[1] ??
            '',
        )
      return {
        budget: table('In the budget'),
        paid: table('Paid by payroll'),
        forecast: table('Forecast'),
      }
    }
    const january = await people(0)
    expect(january.budget).toContain('Helen Okafor')
    expect(january.paid).toContain('Helen Okafor')
    expect(january.forecast).not.toContain('Helen Okafor')
    const april = await people(3)
    expect(april.budget).toContain('Helen Okafor')
    expect(april.paid).not.toContain('Helen Okafor')
    expect(april.forecast).toContain('Helen Okafor')
  })

  it('shows a manager only their teams, and a viewer head-months without pay', async () => {
    const t = await closedQuarter()
    const id = listBudgets(t.db)[0]!.id
    const manager = textOf(await (await t.get(`/variance?budget=${id}`, 'manager')).text())
    expect(manager).toContain('Interpretability')
    expect(manager).not.toContain('Platform')
    const viewer = await (await t.get(`/variance?budget=${id}`, 'viewer')).text()
    expect(viewer).not.toMatch(/[£$]\d/)
    expect(textOf(viewer)).toContain('head-months')
    expect((await t.get(`/variance.csv?budget=${id}`, 'viewer')).status).toBe(403)
  })
})

describe('on a database file, as the server has: roster and payroll written in steps', () => {
  it('writes the same roster, payroll and year to date as in one go', async () => {
    const t = await closedQuarter({ path: join(tempDir(), 'planner.sqlite') })
    expect(getPosition(t.db, 'fy2027', 'r-101')!.position).toMatchObject({
      personName: 'Maya Hart',
    })
    expect(getPosition(t.db, 'fy2027', 'p-002-backfill')!.position).toMatchObject({
      reason: 'backfill',
    })
    expect(readPayrollLines(t.db, '2027-01', '2027-12')).toHaveLength(8)
    // as above: Sam Lowe's February and March at $17,500.00 = $35,000.00
    expect(readActualYtd(t.db, 'fy2027').map((a) => [a.positionId, a.wages.toFixed(2)])).toEqual([
      ['21051', '35000.00'],
    ])
  })

  it('refuses a roster checked before the plan changed, writing nothing (409)', async () => {
    const t = testApp({ path: join(tempDir(), 'planner.sqlite') })
    const fields = { preset: 'workday', plan: 'fy2027', asOf: '2027-03-15' }
    const preview = await upload(t, 'finance', '/actuals/roster/preview', fields, WORKDAY)
    const key = hidden(await preview.text(), 'key')
    // the confirmation checks the file again, in turns; another user's edit lands at its first pause
    const stored = getPosition(t.db, 'fy2027', 'p-001')!
    const read = t.projections.workspaceInTurns.bind(t.projections)
    t.projections.workspaceInTurns = () => {
      setImmediate(() =>
        updatePosition(t.db, 'fy2027', { ...stored.position, title: 'Renamed' }, stored.version),
      )
      return read()
    }
    const res = await postForm(t.app, '/actuals/roster', { ...fields, key }, t.as('finance'))
    expect(res.status).toBe(409)
    expect(textOf(await res.text())).toContain(
      'The plan changed while the file was checked, so nothing was written: check it again.',
    )
    expect(getPosition(t.db, 'fy2027', 'r-101')!.position.kind).toBe('open')
    expect(listAudit(t.db, {}).filter((e) => e.action === 'roster.sync')).toHaveLength(0)
  })
})
