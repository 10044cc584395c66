/**
 * Year-to-date figures from payroll actuals (docs/actuals.md, "Payroll"): the year runs from
 * 1 January in the US and from April (the tax year) in the UK, and a year is taken only when its
 * payroll is unbroken from the year's start, or the person's start, to its last month.
 */
import { describe, expect, it } from 'vitest'
import { ROWS_PER_STEP } from '../../../src/domain/actuals/hr-files.ts'
import type { PayrollLine } from '../../../src/domain/actuals/payroll.ts'
import {
  payrollYear,
  ytdFromPayroll,
  ytdFromPayrollSteps,
} from '../../../src/domain/actuals/ytd.ts'

const line = (
  employeeId: string,
  month: string,
  currency: 'GBP' | 'USD',
  a: Partial<PayrollLine['amounts']>,
): PayrollLine => ({
  employeeId,
  month,
  currency,
  amounts: { salary: 0, bonus: 0, employer_tax: 0, retirement: 0, benefits: 0, other: 0, ...a },
})

const people = new Map([
  ['uk1', { positionId: 'p-uk', region: 'UK' as const, startDate: '2020-01-06' }],
  ['us1', { positionId: 'p-us', region: 'US' as const, startDate: '2027-02-15' }],
  ['us2', { positionId: 'p-us2', region: 'US' as const, startDate: '2019-05-01' }],
])

describe('year to date from payroll', () => {
  it('counts a UK month before April in the tax year that started the April before', () => {
    expect(payrollYear('2027-03', 'UK')).toBe(2026)
    expect(payrollYear('2027-04', 'UK')).toBe(2027)
    expect(payrollYear('2027-03', 'US')).toBe(2027)
  })

  it('sums a UK tax year from April: pension against the cap, wages as cash paid', () => {
    // April to June 2027, £10,000.00 salary and £400.00 employer pension a month, a £2,000.00
    // bonus in June: wages 3 x 10,000 + 2,000 = £32,000.00; pension 3 x 400 = £1,200.00
    const lines = ['2027-04', '2027-05', '2027-06'].map((m) =>
      line('uk1', m, 'GBP', {
        salary: 1_000_000,
        retirement: 40_000,
        bonus: m === '2027-06' ? 200_000 : 0,
      }),
    )
    // March 2027 belongs to tax year 2026/27 and makes a year of its own (a gap before it: skipped)
    lines.push(line('uk1', '2027-03', 'GBP', { salary: 1_000_000 }))
    const [ytd, ...rest] = ytdFromPayroll(lines, (id) => people.get(id))
    expect(rest).toEqual([])
    expect(ytd).toMatchObject({ positionId: 'p-uk', year: 2027, asAt: '2027-06-30' })
    expect(ytd!.wages.toFixed(2)).toBe('32000.00')
    expect(ytd!.k401EligiblePay.toFixed(2)).toBe('32000.00')
    expect(ytd!.pension.toFixed(2)).toBe('1200.00')
  })

  it("starts a joiner's US year at their start month; 401(k) eligible pay leaves out other pay", () => {
    // joined 15 February 2027: February and March paid, $8,000.00 salary and $500.00 other a month
    // wages 2 x (8,000 + 500) = $17,000.00; eligible 2 x 8,000 = $16,000.00
    const lines = ['2027-02', '2027-03'].map((m) =>
      line('us1', m, 'USD', { salary: 800_000, other: 50_000 }),
    )
    expect(ytdFromPayroll(lines, (id) => people.get(id))).toEqual([
      expect.objectContaining({ positionId: 'p-us', year: 2027, asAt: '2027-03-31' }),
    ])
    const [ytd] = ytdFromPayroll(lines, (id) => people.get(id))
    expect(ytd!.wages.toFixed(2)).toBe('17000.00')
    expect(ytd!.k401EligiblePay.toFixed(2)).toBe('16000.00')
    expect(ytd!.pension.toFixed(2)).toBe('0.00')
  })

  it('keeps the worked-out figures for a year with a missing month, or a person not in the plan', () => {
    const lines = [
      line('us2', '2027-01', 'USD', { salary: 900_000 }),
      line('us2', '2027-03', 'USD', { salary: 900_000 }),
      line('nobody', '2027-01', 'USD', { salary: 900_000 }),
    ]
    expect(ytdFromPayroll(lines, (id) => people.get(id))).toEqual([])
  })

  it('pauses every hundred lines and every hundred people, even when no year is taken', () => {
    // 1,000 people with one line each, none unbroken from the year's start: nothing is taken,
    // and the work still pauses 10 times over the lines and 10 times over the people
    const many = Array.from({ length: 1_000 }, (_, i) => line(`e${i}`, '2027-06', 'USD', {}))
    const person = { positionId: 'p', region: 'US' as const, startDate: '2019-05-01' }
    const steps = ytdFromPayrollSteps(many, (id) => ({ ...person, positionId: `p-${id}` }))
    let pauses = 0
    let step = steps.next()
    for (; !step.done; step = steps.next()) pauses++
    expect(step.value).toEqual([])
    expect(pauses).toBe((2 * 1_000) / ROWS_PER_STEP)
  })
})
