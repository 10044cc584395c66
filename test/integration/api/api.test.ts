/**
 * The JSON API: totals equal the sum of the groups (to the penny, as decimal strings), explain
 * returns the engine's own lines, a bearer token works, a manager sees only their teams, a viewer
 * is refused anything with cost, and a bad query names each field.
 */
import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import { Decimal, dec } from '../../../src/domain/money.ts'
import { explain } from '../../../src/domain/projection/explain.ts'
import { viewerOf } from '../../../src/web/auth/viewer.ts'
import {
  positionExplanationShape,
  totalExplanationShape,
} from '../../../src/web/routes/api-shapes.ts'
import type { GroupedReport } from '../../../src/web/services/projection-report.ts'
import { ORIGIN, testApp } from '../../helpers/web.ts'
import { reconciledResult } from '../../helpers/worked.ts'

const PLAN = '/api/v1/plans/fy2027'
const INTERPRETABILITY = ['interpretability', 'circuits', 'dictionary-learning', 'model-biology']

const add = (xs: readonly string[]) => xs.reduce((a, x) => a.plus(dec(x)), new Decimal(0))

async function json<T>(res: Response, status = 200): Promise<T> {
  expect(res.status).toBe(status)
  return (await res.json()) as T
}

describe('GET /api/v1/plans/:planId/projection', () => {
  it('gives totals equal to the sum of the groups for every grouping and period', async () => {
    const t = testApp()
    for (const groupBy of ['team', 'office', 'family', 'level', 'component', 'currency']) {
      for (const period of ['month', 'quarter', 'fiscal_year']) {
        const r = await json<GroupedReport>(
          await t.get(`${PLAN}/projection?groupBy=${groupBy}&period=${period}`, 'finance'),
        )
        expect(r.currency).toBe('GBP')
        expect(r.groups.length).toBeGreaterThan(0)
        r.total.forEach((total, i) => {
          expect(total).toMatch(/^-?\d+\.\d{2}$/)
          expect(add(r.groups.map((g) => g.values[i]!)).toFixed(2)).toBe(total)
        })
      }
    }
  })

  it('sums months into quarters and fiscal years, and reads headcount at period end', async () => {
    const t = testApp()
    const months = await json<GroupedReport>(await t.get(`${PLAN}/projection`, 'admin'))
    const years = await json<GroupedReport>(
      await t.get(`${PLAN}/projection?period=fiscal_year`, 'admin'),
    )
    // the plan runs 2027-01 to 2028-12 with the fiscal year starting in January
    expect(years.periods).toEqual(['FY2027', 'FY2028'])
    expect(years.total[0]).toBe(add(months.total.slice(0, 12)).toFixed(2))
    expect(years.total[1]).toBe(add(months.total.slice(12)).toFixed(2))
    expect(years.headcount.filled).toEqual([
      months.headcount.filled[11],
      months.headcount.filled[23],
    ])
  })

  it('converts to the asked currency', async () => {
    const t = testApp()
    const r = await json<GroupedReport>(await t.get(`${PLAN}/projection?currency=USD`, 'admin'))
    expect(r.currency).toBe('USD')
  })

  it('works with a bearer token and no cookie', async () => {
    const t = testApp()
    const res = await t.app.request(`${ORIGIN}${PLAN}/projection`, {
      headers: t.bearer('leadership'),
    })
    expect((await json<GroupedReport>(res)).plan).toBe('fy2027')
  })

  it("gives a manager only their teams' groups, and no company lines", async () => {
    const t = testApp()
    const r = await json<GroupedReport>(await t.get(`${PLAN}/projection?groupBy=team`, 'manager'))
    expect(r.groups.map((g) => g.key).sort()).toEqual(
      INTERPRETABILITY.filter((id) => r.groups.some((g) => g.key === id)).sort(),
    )
    expect(r.groups.length).toBeGreaterThan(0)
    const byComponent = await json<GroupedReport>(
      await t.get(`${PLAN}/projection?groupBy=component`, 'manager'),
    )
    expect(byComponent.groups.map((g) => g.key)).not.toContain('apprenticeship_levy')
  })

  it('refuses a viewer anything with cost, but lists the plans', async () => {
    const t = testApp()
    for (const path of [
      `${PLAN}/projection`,
      `${PLAN}/projection.csv`,
      `${PLAN}/compare?b=accelerated-hiring`,
      `${PLAN}/explain-total?month=2027-04&component=salary`,
    ]) {
      expect(await json(await t.get(path, 'viewer'), 403)).toEqual({ error: 'forbidden' })
    }
    const plans = await json<{ plans: { id: string; scenarios: { id: string }[] }[] }>(
      await t.get('/api/v1/plans', 'viewer'),
    )
    expect(plans.plans.map((p) => p.id)).toEqual(['fy2027'])
    expect(plans.plans[0]!.scenarios.map((s) => s.id)).toEqual(['accelerated-hiring'])
    expect(JSON.stringify(plans)).not.toContain('baseSalary')
  })

  it('answers 400 naming each bad field, and 404 for an unknown plan or scenario', async () => {
    const t = testApp()
    const bad = await json<{ error: string; issues: { path: string }[] }>(
      await t.get(`${PLAN}/projection?groupBy=colour&currency=EUR&period=week`, 'admin'),
      400,
    )
    expect(bad.error).toBe('invalid_query')
    expect(bad.issues.map((i) => i.path).sort()).toEqual(['currency', 'groupBy', 'period'])
    const month = await json<{ issues: { path: string; message: string }[] }>(
      await t.get(`${PLAN}/explain-total?month=2031-01&component=salary`, 'admin'),
      400,
    )
    expect(month.issues).toEqual([
      { path: 'month', message: 'is not in the plan (2027-01 to 2028-12)' },
    ])
    expect((await t.get('/api/v1/plans/nope/projection', 'admin')).status).toBe(404)
    expect((await t.get(`${PLAN}/projection?scenario=nope`, 'admin')).status).toBe(404)
  })
})

describe('explain', () => {
  it("returns the engine's lines for a position, month and component", async () => {
    const t = testApp()
    const q = 'month=2027-04&component=employer_nic'
    const r = await json<{ lines: string[] }>(
      await t.get(`${PLAN}/positions/p-001/explain?${q}`, 'finance'),
    )
    const view = t.projections.view(viewerOf(t.db, t.user('finance'), 'session'), {})
    expect(r.lines).toEqual(explain(view.input, 'p-001', '2027-04', 'employer_nic'))
    expect(r.lines.join('\n')).toMatch(/Employer NIC/)
  })

  it('gives the same working as structured lines that reconcile, a London line in USD converted', async () => {
    const t = testApp()
    const view = t.projections.view(viewerOf(t.db, t.user('finance'), 'session'), {})
    const london = view.input.positions.find((p) => p.officeId === 'london' && p.kind === 'filled')!
    const q = 'month=2027-04&component=employer_nic&currency=USD'
    const r = positionExplanationShape.parse(
      await json(await t.get(`${PLAN}/positions/${london.id}/explain?${q}`, 'finance')),
    )
    expect(r.lines.at(-1)).toMatch(/^In USD: £[\d,]+\.\d{2} x 1\.36 USD per GBP = \$[\d,]+\.\d{2}$/)
    for (const line of r.structured) expect(reconciledResult(line)).toBe(line.result.amount)
    // the conversion is its own line: the GBP line's result times the plan's 1.36 USD per GBP
    const [gbp, usd] = r.structured.slice(-2)
    expect(gbp!.result.currency).toBe('GBP')
    expect(usd!.terms).toEqual([
      {
        label: 'Employer NIC in GBP',
        amount: gbp!.result.amount,
        currency: 'GBP',
        factors: [{ label: 'USD per GBP', numerator: '1.36', denominator: '1' }],
      },
    ])
    expect(usd!.result.currency).toBe('USD')
    // and its result is the USD figure the sentence ends in
    expect(r.lines.at(-1)!.replaceAll(',', '')).toContain(`$${usd!.result.amount}`)
  })

  it("answers 404 for another team's position to a manager", async () => {
    const t = testApp()
    const view = t.projections.view(viewerOf(t.db, t.user('admin'), 'session'), {})
    const outside = view.input.positions.find((p) => !INTERPRETABILITY.includes(p.teamId))!
    const q = 'month=2027-04&component=salary'
    const res = await t.get(`${PLAN}/positions/${outside.id}/explain?${q}`, 'manager')
    expect(res.status).toBe(404)
    expect(JSON.stringify(await res.json())).not.toContain(outside.title)
  })

  it('explains a total as its lines, ending with the total', async () => {
    const t = testApp()
    const r = await json<{ lines: string[] }>(
      await t.get(`${PLAN}/explain-total?month=2027-04&component=salary`, 'admin'),
    )
    const total = await json<GroupedReport>(
      await t.get(`${PLAN}/projection?groupBy=component`, 'admin'),
    )
    const salary = total.groups.find((g) => g.key === 'salary')!.values[3]!
    const pounds = (line: string) => dec(/£([\d,]+\.\d{2})/.exec(line)![1]!.replaceAll(',', ''))
    // one line per position or open role (r-) with salary that month, then the total in the reporting currency
    const parts = r.lines.slice(0, -1)
    expect(parts.length).toBeGreaterThan(0)
    for (const line of parts) expect(line).toMatch(/^[pr]-\d+: [£$][\d,]+\.\d{2}$/)
    expect(pounds(r.lines.at(-1)!).toFixed(2)).toBe(salary)
  })

  it('gives a total as structured lines: conversions, then the sum of the converted lines', async () => {
    const t = testApp()
    const r = totalExplanationShape.parse(
      await json(await t.get(`${PLAN}/explain-total?month=2027-04&component=salary`, 'admin')),
    )
    const total = await json<GroupedReport>(
      await t.get(`${PLAN}/projection?groupBy=component`, 'admin'),
    )
    for (const line of r.structured) expect(reconciledResult(line)).toBe(line.result.amount)
    const sum = r.structured.at(-1)!
    expect(sum.result).toEqual({
      amount: total.groups.find((g) => g.key === 'salary')!.values[3]!,
      currency: 'GBP',
    })
    // every US line is converted before it is added, at the plan's rate, and named, not by id
    const conversions = r.structured.slice(0, -1)
    expect(conversions.length).toBeGreaterThan(0)
    for (const c of conversions) {
      expect(c.terms[0]!.factors).toEqual([
        { label: '1 / USD per GBP', numerator: '1', denominator: '1.36' },
      ])
      expect(sum.terms.map((x) => x.amount)).toContain(c.result.amount)
    }
    expect(sum.terms.every((x) => x.currency === 'GBP' && !/^[pr]-\d+/.test(x.label))).toBe(true)
  })
})

describe('compare', () => {
  it('splits the difference into spend change and FX effect that add up to it', async () => {
    const t = testApp()
    const r = await json<{
      difference: string[]
      fxEffect: string[]
      spendChange: { total: string[]; byTeam: { values: string[] }[] }
      headcount: { open: number[] }
    }>(await t.get(`${PLAN}/compare?a=baseline&b=accelerated-hiring`, 'leadership'))
    r.difference.forEach((d, i) => {
      expect(dec(r.spendChange.total[i]!).plus(dec(r.fxEffect[i]!)).toFixed(2)).toBe(d)
      expect(add(r.spendChange.byTeam.map((g) => g.values[i]!)).toFixed(2)).toBe(
        r.spendChange.total[i],
      )
    })
    // the scenario hires earlier: more open roles on the books in some month
    expect(Math.max(...r.headcount.open)).toBeGreaterThan(0)
  })
})

describe('downloads', () => {
  it('CSV lines add up to the totals in every month', async () => {
    const t = testApp()
    const res = await t.get(`${PLAN}/projection.csv`, 'finance')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/)
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="fy2027.csv"')
    const rows = parse(await res.text(), { columns: true }) as Record<string, string>[]
    expect(Object.keys(rows[0]!)).toEqual([
      'plan',
      'scenario',
      'positionId',
      'title',
      'team',
      'office',
      'family',
      'level',
      'month',
      'component',
      'localCurrency',
      'localAmount',
      'reportingCurrency',
      'reportingAmount',
      'kind',
      'fxRateSet',
      'usdPerGbp',
    ])
    const totals = await json<GroupedReport>(await t.get(`${PLAN}/projection`, 'finance'))
    totals.periods.forEach((month, i) => {
      const inMonth = rows
        .filter((r) => r.month === month && r.kind === 'cost')
        .map((r) => r.reportingAmount!)
      expect(add(inMonth).toFixed(2)).toBe(totals.total[i])
    })
  })

  it('aggregated CSV and JSON equal the grouped projection', async () => {
    const t = testApp()
    const csv = parse(
      await (await t.get(`${PLAN}/projection.csv?aggregate=office&period=quarter`, 'admin')).text(),
      { columns: true },
    ) as Record<string, string>[]
    const grouped = await json<GroupedReport>(
      await t.get(`${PLAN}/projection?groupBy=office&period=quarter`, 'admin'),
    )
    const jsonRows = await json<{ rows: Record<string, string>[] }>(
      await t.get(`${PLAN}/projection.json?aggregate=office&period=quarter`, 'admin'),
    )
    expect(jsonRows.rows).toEqual(csv)
    for (const g of grouped.groups) {
      expect(csv.filter((r) => r.group === g.key).map((r) => r.amount)).toEqual(g.values)
    }
  })
})
