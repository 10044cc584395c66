/**
 * The value-vesting memo series and the rate each row was converted at, in the API's projection,
 * its CSV and its JSON download. The demo workspace with two changes, worked by hand: Helen Okafor
 * (London) gets a $48,000 refresh grant on 1 January 2026 (48 months, 12-month cliff, monthly
 * after: $12,000 vests at the cliff in January 2027, then $1,000 a month), and the rate set
 * "Budget 2026" gets a monthly rate of 1.40 USD per GBP for February 2027 (1.36 otherwise).
 */
import { readFileSync } from 'node:fs'
import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import { saveWorkspace } from '../../../src/db/repos/workspace.ts'
import { workspaceDocument } from '../../../src/domain/document.ts'
import { Decimal, dec } from '../../../src/domain/money.ts'
import type { GroupedReport } from '../../../src/web/services/projection-report.ts'
import { testApp } from '../../helpers/web.ts'

const PLAN = '/api/v1/plans/fy2027'

function appWithGrantAndMonthlyRate() {
  const doc = workspaceDocument.parse(JSON.parse(readFileSync('data/demo-org.json', 'utf8')))
  const plan = doc.plans.find((p) => p.id === 'fy2027')!
  const helen = plan.positions.find((p) => p.kind === 'filled' && p.personName === 'Helen Okafor')!
  helen.equityGrants.push({
    ...helen.equityGrants[0]!,
    id: 'g-refresh',
    grantDate: '2026-01-01',
    valueUsd: dec('48000'),
    grantPriceUsd: null,
  })
  const rates = doc.fxRateSets.find((s) => s.id === plan.fxRateSetId)!
  rates.monthlyRates.push({ month: '2027-02', usdPerGbp: dec('1.40') })
  const t = testApp({ seed: false })
  saveWorkspace(t.db, doc)
  return { t, helen: helen.id }
}

const add = (xs: readonly string[]) => xs.reduce((a, x) => a.plus(dec(x)), new Decimal(0))

async function report(t: ReturnType<typeof testApp>, query: string) {
  const res = await t.get(`${PLAN}/projection?${query}`, 'finance')
  expect(res.status).toBe(200)
  return (await res.json()) as GroupedReport
}

async function csvRows(t: ReturnType<typeof testApp>, query = '') {
  const res = await t.get(`${PLAN}/projection.csv${query}`, 'finance')
  expect(res.status).toBe(200)
  return parse(await res.text(), { columns: true }) as Record<string, string>[]
}

describe('value vesting, a memo beside the cost', () => {
  it('is its own series in the projection, and no total includes it', async () => {
    const { t } = appWithGrantAndMonthlyRate()
    const r = await report(t, 'groupBy=component')
    // Helen's refresh: January 2027 $12,000 / 1.36 = 8,823.5294... -> £8,823.53;
    // February $1,000 / 1.40 = 714.2857... -> £714.29; March $1,000 / 1.36 = 735.2941 -> £735.29.
    // No one else in the demo has value vesting within the plan (their grants vested by 2026).
    const memo = r.memo.valueVesting
    expect(memo.label).toBe('Value vesting (memo, not a cost)')
    expect(memo.total.slice(0, 3)).toEqual(['8823.53', '714.29', '735.29'])
    expect(memo.groups).toEqual([
      { key: 'value_vesting', label: 'Value vesting (memo, not a cost)', values: memo.total },
    ])
    // the cost groups hold no such component, and each total is the sum of the cost groups alone
    expect(r.groups.map((g) => g.key)).not.toContain('value_vesting')
    r.total.forEach((total, i) => {
      expect(add(r.groups.map((g) => g.values[i]!)).toFixed(2)).toBe(total)
    })
    // by team it is Interpretability's (Helen's team), and by quarter Q1 sums its three months
    const byTeam = await report(t, 'groupBy=team&period=quarter')
    expect(byTeam.memo.valueVesting.groups.map((g) => [g.key, g.values[0]])).toEqual([
      ['interpretability', '10273.11'], // 8,823.53 + 714.29 + 735.29
    ])
  })

  it('is in the CSV as memo rows, named as such, which the cost rows add up without', async () => {
    const { t, helen } = appWithGrantAndMonthlyRate()
    const rows = await csvRows(t)
    const memo = rows.filter((row) => row.kind === 'memo')
    expect(memo.slice(0, 2)).toMatchObject([
      {
        positionId: helen,
        month: '2027-01',
        component: 'value_vesting',
        localCurrency: 'GBP',
        localAmount: '8823.53',
        reportingAmount: '8823.53',
      },
      { positionId: helen, month: '2027-02', localAmount: '714.29', reportingAmount: '714.29' },
    ])
    expect(memo.every((row) => row.component === 'value_vesting')).toBe(true)
    const totals = await report(t, '')
    totals.periods.forEach((month, i) => {
      const cost = rows.filter((row) => row.month === month && row.kind === 'cost')
      expect(add(cost.map((row) => row.reportingAmount!)).toFixed(2)).toBe(totals.total[i])
      const vesting = memo.filter((row) => row.month === month)
      expect(add(vesting.map((row) => row.reportingAmount!)).toFixed(2)).toBe(
        totals.memo.valueVesting.total[i],
      )
    })
    // aggregated, the memo follows the cost rows, group by group
    const byTeam = await csvRows(t, '?aggregate=team&period=quarter')
    expect(byTeam.filter((row) => row.kind === 'memo')).toMatchObject([
      { group: 'interpretability', period: 'FY2027 Q1', amount: '10273.11' },
      ...Array(7).fill({ group: 'interpretability' }),
    ])
  })
})

describe('the rate each row was converted at', () => {
  it('names the rate set and the month rate on every CSV and JSON row', async () => {
    const { t } = appWithGrantAndMonthlyRate()
    const rows = await csvRows(t)
    for (const row of rows) {
      expect(row.fxRateSet).toBe('Budget 2026')
      expect(row.usdPerGbp).toBe(row.month === '2027-02' ? '1.4' : '1.36')
    }
    // a San Francisco salary in February: its local amount / 1.40, rounded once
    const sf = rows.find(
      (row) => row.month === '2027-02' && row.component === 'salary' && row.localCurrency === 'USD',
    )!
    expect(sf.reportingAmount).toBe(
      dec(sf.localAmount!).dividedBy('1.40').toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2),
    )
    const json = await t.get(`${PLAN}/projection.json`, 'finance')
    const { rows: jsonRows } = (await json.json()) as { rows: Record<string, string>[] }
    expect(jsonRows[0]).toMatchObject({ fxRateSet: 'Budget 2026', usdPerGbp: '1.36' })
  })

  it('gives each period of the projection its rates, and each aggregated row its period rates', async () => {
    const { t } = appWithGrantAndMonthlyRate()
    const byMonth = await report(t, 'period=month')
    expect(byMonth.fx.rateSet).toEqual({ id: 'budget-2026', name: 'Budget 2026' })
    expect(byMonth.fx.usdPerGbp.slice(0, 3)).toEqual([['1.36'], ['1.4'], ['1.36']])
    const byQuarter = await report(t, 'period=quarter')
    // FY2027 Q1 (January to March) was converted at both rates; Q2 at one
    expect(byQuarter.fx.usdPerGbp.slice(0, 2)).toEqual([['1.36', '1.4'], ['1.36']])
    const rows = await csvRows(t, '?aggregate=office&period=quarter')
    const q1 = rows.filter((row) => row.period === 'FY2027 Q1')
    expect(q1.length).toBeGreaterThan(0)
    for (const row of q1)
      expect(row).toMatchObject({ fxRateSet: 'Budget 2026', usdPerGbp: '1.36 1.4' })
  })
})
