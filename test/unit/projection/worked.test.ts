/**
 * Explanations as structured lines (worked.ts): each line's terms reconcile to its result to the
 * penny, and the last result is the engine's own amount, for every line of generated plans and of
 * the demo plan; hand-worked for a London line explained in USD, its conversion a line of its own.
 */
import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { workspaceDocument } from '../../../src/domain/document.ts'
import { minorText } from '../../../src/domain/money.ts'
import { explainWorked } from '../../../src/domain/projection/explain.ts'
import { type ProjectionInput, projectionInput } from '../../../src/domain/projection/input.ts'
import { projectedPositions, replayMonths } from '../../../src/domain/projection/reference.ts'
import { parseRuleBook } from '../../../src/domain/rules/index.ts'
import { syntheticPlan } from '../../bench/generate.ts'
import { reconciledResult } from '../../helpers/worked.ts'
import { filled, input, relocatedLondonHire } from './fixtures.ts'

/** Every line of every month of every position: its worked lines reconcile, ending in it. */
function expectEveryLineReconciles(plan: ProjectionInput) {
  let checked = 0
  for (const p of projectedPositions(plan)) {
    replayMonths(plan.ctx, p.terms, (mi, cost) => {
      for (const line of cost.lines) {
        const worked = line.worked()
        const where = `${p.id} month ${mi} ${line.component}`
        expect(worked.length, where).toBeGreaterThan(0)
        for (const w of worked) {
          expect(reconciledResult(w), `${where}: ${w.label}`).toBe(w.result.amount)
        }
        expect(worked.at(-1)!.result, where).toEqual({
          amount: minorText(line.minor),
          currency: line.currency,
        })
        checked++
      }
    })
  }
  return checked
}

/** `plan` with its bonus paid as cash or accrued monthly. */
const withBonusAccrual = (
  plan: ProjectionInput,
  bonusAccrual: 'paid' | 'monthly',
): ProjectionInput => ({
  ...plan,
  ctx: { ...plan.ctx, assumptions: { ...plan.ctx.assumptions, bonusAccrual } },
})

/** A term: `amount` times April's 30 of the 365 days employed in the bonus period. */
const aprilShareOf = (label: string, amount: string) => ({
  label,
  amount,
  currency: 'GBP',
  factors: [
    { label: 'days employed this month of the period', numerator: '30', denominator: '365' },
  ],
})

/** A GBP line converted to USD at 1.25 USD per GBP, as its own structured line. */
const atOneTwentyFive = (label: string, gbp: string, usd: string) => ({
  label: `${label} in USD`,
  terms: [
    {
      label: `${label} in GBP`,
      amount: gbp,
      currency: 'GBP',
      factors: [{ label: 'USD per GBP', numerator: '1.25', denominator: '1' }],
    },
  ],
  result: { amount: usd, currency: 'USD' },
})

describe('structured explanations', () => {
  it('reconcile to the penny and end in the engine amount, on generated plans', () => {
    fc.assert(
      fc.property(
        fc.record({
          seed: fc.integer({ min: 1, max: 1_000_000 }),
          count: fc.integer({ min: 1, max: 8 }),
          months: fc.integer({ min: 1, max: 26 }),
          graded: fc.boolean(),
          accrual: fc.constantFrom('paid', 'monthly'),
        }),
        ({ seed, count, months, graded, accrual }) => {
          const plan = syntheticPlan(count, months, seed, graded ? 'graded' : 'straight_line')
          expectEveryLineReconciles(withBonusAccrual(plan, accrual))
        },
      ),
      { numRuns: 16 },
    )
  })

  it('reconcile on every line of the demo plan (caps, vests, bonuses, hiring costs)', () => {
    const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'))
    const doc = workspaceDocument.parse(readJson('data/demo-org.json'))
    const rules = parseRuleBook(readJson('data/rules/uk.json'), readJson('data/rules/us.json'))
    const plan = doc.plans.find((p) => p.name === 'FY2027 hiring plan')!
    expect(expectEveryLineReconciles(projectionInput(doc, plan, rules))).toBeGreaterThan(1000)
  })

  it('reconcile where a monthly share of added tax ends in half a cent (a property run found it)', () => {
    // Generated plan 718003 (5 positions, 10 months, bonus accrued monthly): p4 in San Francisco,
    // month 10. Employer tax at vest as if no bonus were paid: 1.45% x 6,250.00 = 90.625 -> 90.63.
    // The March 2026 bonus adds 914.94 - 1,046.89 = -131.95 over its tax year; this month's share
    // -131.95 x 31/182 = -22.475 exactly, rounded once half away from zero -> -22.48, then added:
    // 90.63 - 22.48 = 68.15 (rounding the sum instead would give 68.16), then converted to GBP
    const plan = withBonusAccrual(syntheticPlan(5, 10, 718003, 'straight_line'), 'monthly')
    const month = plan.ctx.months[9]!
    const lines = explainWorked(plan, 'p4', month, 'equity_employer_tax')
    expect(lines.slice(-3, -1).map((l) => [l.label, l.result.amount])).toEqual([
      ['Employer tax at vest: share of what the March 2026 bonus adds', '-22.48'],
      ['Employer tax at vest', '68.15'],
    ])
    for (const line of lines) expect(reconciledResult(line)).toBe(line.result.amount)
  })

  it('reconcile where a limit or an exemption splits a line (hand-made edge cases)', () => {
    const grant = { id: 'g1', grantDate: '2024-01-15', valueUsd: '48000' }
    const plan = input('2025-01', 6, [
      // £10,000 relocation in May: £2,000 above the exemption carries Class 1A
      relocatedLondonHire(),
      // £3,000 a year (£250 a month) below the £417 threshold: only part of each vest bears NIC
      filled({ id: 'lo', officeId: 'london', baseSalary: '3000', equityGrants: [grant] }),
    ])
    expect(expectEveryLineReconciles(plan)).toBeGreaterThan(50)
    // Class 1A in May: relocation 10,000.00 - 8,000.00 = 2,000.00 above the exemption;
    // 15% x 2,000.00 + 15% x 100.00 private medical = 300.00 + 15.00 = £315.00
    expect(explainWorked(plan, 'mo', '2025-05', 'class1a_nic').map(reconciledResult)).toEqual([
      '2000.00',
      '315.00',
    ])
    // January 2025 (tax year 2024/25: 13.8% above £758 a month), the cliff: $12,000 / 1.25 =
    // £9,600.00 vests; pay £250.00 is under the threshold, so 9,600.00 + 250.00 - 758.00 =
    // £9,092.00 bears NIC: 13.8% x 9,092.00 = 1,254.696 -> £1,254.70
    expect(
      explainWorked(plan, 'lo', '2025-01', 'equity_employer_tax').map(reconciledResult),
    ).toEqual(['9600.00', '9092.00', '1254.70'])
  })

  it("under monthly accrual: the payment, its added tax over the tax year, the month's share", () => {
    // Ada: London, £120,000 since 2020, 10% target, bonus paid in March and accrued monthly over
    // April 2026 - March 2027 (365 days). April (30 days):
    // March 2027 bonus: 120,000.00 x 10% x 12/12 = 12,000.00; April's share x 30/365 = 986.30
    // NIC as if no bonus: 15% x 10,000.00 - 15% x 417.00 = 1,437.45; the bonus adds
    // 19,049.40 with it - 17,249.40 without it = 1,800.00 over 2026/27, x 30/365 = 147.95;
    // April's NIC 1,437.45 + 147.95 = 1,585.40
    const ada = filled({
      id: 'ada',
      officeId: 'london',
      baseSalary: '120000',
      bonusTargetRate: '0.1',
    })
    const plan = input('2026-04', 12, [ada], { assumptions: { bonusAccrual: 'monthly' } })
    const bonus = explainWorked(plan, 'ada', '2026-04', 'bonus')
    expect(bonus.map((l) => [l.label, l.result.amount])).toEqual([
      ['March 2027 bonus', '12000.00'],
      ['Bonus', '986.30'],
    ])
    expect(bonus[1]!.terms).toEqual([aprilShareOf('share of the March 2027 bonus', '12000.00')])
    const nic = explainWorked(plan, 'ada', '2026-04', 'employer_nic')
    expect(nic.map((l) => [l.label, l.result.amount])).toEqual([
      ['NIC-able pay', '10000.00'],
      ['Employer NIC as if no bonus were paid', '1437.45'],
      ['Employer NIC the March 2027 bonus adds over its tax year', '1800.00'],
      ['Employer NIC: share of what the March 2027 bonus adds', '147.95'],
      ['Employer NIC', '1585.40'],
    ])
    expect(nic[2]!.terms.map((t) => t.amount)).toEqual(['19049.40', '-17249.40'])
    // the share is rounded before it is added, as the engine adds it
    expect(nic[3]!.terms).toEqual([aprilShareOf('what the March 2027 bonus adds', '1800.00')])
    expect(nic[4]!.terms.map((t) => [t.label, t.amount, t.factors])).toEqual([
      ['Employer NIC as if no bonus were paid', '1437.45', []],
      ['share of what the March 2027 bonus adds', '147.95', []],
    ])
    for (const line of [...bonus, ...nic]) expect(reconciledResult(line)).toBe(line.result.amount)
  })

  it('explain a London line in USD: the engine working, then the conversion with its rate', () => {
    // Ana joins London on 16 July 2025 at £360,000; FX 1.25 USD per GBP; report in USD.
    const hire = input(
      '2025-07',
      1,
      [filled({ id: 'ana', officeId: 'london', baseSalary: '360000', startDate: '2025-07-16' })],
      { reportingCurrency: 'USD' },
    )
    const worked = explainWorked(hire, 'ana', '2025-07', 'employer_nic')
    // Salary: 360,000.00 x 1/12 x 16/31 = 15,483.870967... -> £15,483.87
    // NIC-able pay: salary alone = £15,483.87
    // Employer NIC: 15% x 15,483.87 - 15% x 417.00 = 2,322.5805 - 62.55 = 2,260.0305 -> £2,260.03
    // In USD: 2,260.03 x 1.25 = 2,825.0375 -> $2,825.04
    expect(worked).toEqual([
      {
        label: 'NIC-able pay',
        terms: [{ label: 'salary', amount: '15483.87', currency: 'GBP', factors: [] }],
        result: { amount: '15483.87', currency: 'GBP' },
      },
      {
        label: 'Employer NIC',
        terms: [
          {
            label: 'NIC-able pay',
            amount: '15483.87',
            currency: 'GBP',
            factors: [{ label: 'employer NIC rate', numerator: '0.15', denominator: '1' }],
          },
          {
            label: 'secondary threshold',
            amount: '-417.00',
            currency: 'GBP',
            factors: [{ label: 'employer NIC rate', numerator: '0.15', denominator: '1' }],
          },
        ],
        result: { amount: '2260.03', currency: 'GBP' },
      },
      atOneTwentyFive('Employer NIC', '2260.03', '2825.04'),
    ])
    expect(worked.map(reconciledResult)).toEqual(['15483.87', '2260.03', '2825.04'])
    // The salary line: 360,000.00 x 1/12 x 16/31 = 15,483.87, then x 1.25 = 19,354.8375 -> $19,354.84
    expect(explainWorked(hire, 'ana', '2025-07', 'salary')).toEqual([
      {
        label: 'Salary',
        terms: [
          {
            label: 'annual base',
            amount: '360000.00',
            currency: 'GBP',
            factors: [
              { label: 'a month of a year', numerator: '1', denominator: '12' },
              { label: 'days of the month', numerator: '16', denominator: '31' },
            ],
          },
        ],
        result: { amount: '15483.87', currency: 'GBP' },
      },
      atOneTwentyFive('Salary', '15483.87', '19354.84'),
    ])
  })

  it('convert a US line to GBP by dividing by the rate, and name nothing for no line', () => {
    // $120,000 / 12 = $10,000.00; in GBP: 10,000.00 / 1.25 = £8,000.00
    const us = input('2025-04', 1, [filled({ id: 'b', officeId: 'sf', baseSalary: '120000' })])
    const worked = explainWorked(us, 'b', '2025-04', 'salary')
    expect(worked.at(-1)).toEqual({
      label: 'Salary in GBP',
      terms: [
        {
          label: 'Salary in USD',
          amount: '10000.00',
          currency: 'USD',
          factors: [{ label: '1 / USD per GBP', numerator: '1', denominator: '1.25' }],
        },
      ],
      result: { amount: '8000.00', currency: 'GBP' },
    })
    expect(explainWorked(us, 'b', '2025-04', 'employer_nic')).toEqual([])
  })
})
