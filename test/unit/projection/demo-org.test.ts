/**
 * The demo organisation's plan ("FY2027 hiring plan", January 2027 for 24 months) projected with
 * the shipped rules (data/rules covers 2027-2030) and the plan's budget rates (1.36 USD per GBP for
 * 2027). One London and one San Francisco person are checked by hand; the totals must add up in
 * every grouping, and the fast engine must equal the reference to the penny.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { workspaceDocument } from '../../../src/domain/document.ts'
import { convertLine, usdPerGbp } from '../../../src/domain/fx.ts'
import { fromMinor, toMinor } from '../../../src/domain/money.ts'
import { POSITION_COMPONENTS } from '../../../src/domain/projection/components.ts'
import { projectFast } from '../../../src/domain/projection/fast.ts'
import { projectionInput } from '../../../src/domain/projection/input.ts'
import { projectReference } from '../../../src/domain/projection/reference.ts'
import { lineCurrency, type Series } from '../../../src/domain/projection/result.ts'
import { parseRuleBook } from '../../../src/domain/rules/index.ts'
import { series } from './helpers.ts'
import { expectSameProjection } from './same.ts'

const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'))
const doc = workspaceDocument.parse(readJson('data/demo-org.json'))
const rules = parseRuleBook(readJson('data/rules/uk.json'), readJson('data/rules/us.json'))
const plan = doc.plans.find((p) => p.name === 'FY2027 hiring plan')!
const input = projectionInput(doc, plan, rules)
const p = projectFast(input)

/** January, March and April 2027 (months 0, 2 and 3) of a position's component. */
const q1 = (id: string, component: (typeof POSITION_COMPONENTS)[number]) =>
  series(p, id, component).slice(0, 4)

describe('the demo plan', () => {
  it('covers 24 months from January 2027 in GBP', () => {
    expect(p.months).toHaveLength(24)
    expect([p.months[0], p.months[23]]).toEqual(['2027-01', '2028-12'])
    expect(p.totals.currency).toBe('GBP')
  })

  describe('Daniel Brooks, London, £311,000, 15% bonus paid in March, no pension cap', () => {
    // Tax year 2026/27 until 5 April 2027, then 2027/28: employer NIC 15% above £417 a month.
    it('is paid a twelfth of his base, with the 3% merit from April', () => {
      // 311,000 / 12 = 25,916.666... -> 25,916.67
      // Merit (started 2023, before 1 April 2027): 311,000 x 1.03 = 320,330.00 / 12 = 26,694.1666
      // -> 26,694.17
      expect(q1('p-003', 'salary')).toEqual(['25916.67', '25916.67', '25916.67', '26694.17'])
      // March: 15% x 311,000 = 46,650.00, the one payment of the year
      expect(q1('p-003', 'bonus')).toEqual(['0.00', '0.00', '46650.00', '0.00'])
    })

    it('has pension on salary alone and NIC on salary and bonus above the threshold', () => {
      // 4% x 25,916.67 = 1,036.6668 -> 1,036.67; April 4% x 26,694.17 = 1,067.7668 -> 1,067.77
      expect(q1('p-003', 'pension')).toEqual(['1036.67', '1036.67', '1036.67', '1067.77'])
      // January: 15% x (25,916.67 - 417.00) = 15% x 25,499.67 = 3,824.9505 -> 3,824.95
      // March: 15% x (25,916.67 + 46,650.00 - 417.00) = 15% x 72,149.67 = 10,822.4505 -> 10,822.45
      // April: 15% x (26,694.17 - 417.00) = 15% x 26,277.17 = 3,941.5755 -> 3,941.58
      expect(q1('p-003', 'employer_nic')).toEqual(['3824.95', '3824.95', '10822.45', '3941.58'])
    })

    it('has his benefits and Class 1A on the taxable ones', () => {
      // PMI 1,400 / 12 = 116.67; cash plan 240 / 12 = 20.00; life 0.5% x 25,916.67 = 129.58;
      // income protection 1% x 25,916.67 = 259.17; donations 180 / 12 = 15.00; sum 540.42
      expect(series(p, 'p-003', 'benefits')[0]).toBe('540.42')
      // Class 1A: 15% x (116.67 + 20.00) = 15% x 136.67 = 20.5005 -> 20.50
      expect(series(p, 'p-003', 'class1a_nic')[0]).toBe('20.50')
    })
  })

  describe('Chloe Bennett, San Francisco (CA), $261,000, 10% bonus in March, no dependants', () => {
    // 2027 US rules: SS 6.2% to $184,500; Medicare 1.45%; FUTA 0.6% + 1.5% CA credit reduction
    // = 2.1% and CA UI 3.4% + 0.1% ETT = 3.5%, both on the first $7,000; 401(a)(17) $360,000.
    // Cash benefits (wages): education 125.00 + home office 41.67 + commuting 100.00 + wellness
    // 100.00 = 366.67 a month.
    it('is paid a twelfth of her base and the March bonus', () => {
      // 261,000 / 12 = 21,750.00; bonus 10% x 261,000 = 26,100.00
      expect(q1('p-013', 'salary').slice(0, 3)).toEqual(['21750.00', '21750.00', '21750.00'])
      expect(q1('p-013', 'bonus').slice(0, 3)).toEqual(['0.00', '0.00', '26100.00'])
    })

    it('has the 401(k) match on salary and bonus', () => {
      // 4% x 100% participation x 21,750.00 = 870.00; March 4% x 47,850.00 = 1,914.00
      expect(q1('p-013', 'k401_match').slice(0, 3)).toEqual(['870.00', '870.00', '1914.00'])
    })

    it('has Social Security and Medicare on wages, FUTA and CA UI on the first $7,000', () => {
      // Wages: 21,750.00 + 366.67 = 22,116.67; March 21,750.00 + 26,100.00 + 366.67 = 48,216.67
      // SS: 6.2% x 22,116.67 = 1,371.2335 -> 1,371.23; March 6.2% x 48,216.67 = 2,989.4335
      // -> 2,989.43 (44,233.34 so far, far below the wage base)
      expect(q1('p-013', 'social_security').slice(0, 3)).toEqual(['1371.23', '1371.23', '2989.43'])
      // Medicare: 1.45% x 22,116.67 = 320.6917 -> 320.69; March 1.45% x 48,216.67 = 699.1417
      expect(q1('p-013', 'medicare').slice(0, 3)).toEqual(['320.69', '320.69', '699.14'])
      // January's wages pass $7,000: FUTA 2.1% x 7,000 = 147.00, UI 3.5% x 7,000 = 245.00; then 0
      expect(q1('p-013', 'futa').slice(0, 3)).toEqual(['147.00', '0.00', '0.00'])
      expect(q1('p-013', 'state_unemployment').slice(0, 3)).toEqual(['245.00', '0.00', '0.00'])
    })
  })

  it('has grand totals equal to the sum of the lines in every grouping', () => {
    const t = p.totals
    const sumOf = (m: Map<unknown, Series>) =>
      p.months.map((_, i) => [...m.values()].reduce((a, s) => a + s[i]!, 0))
    for (const grouping of [
      t.byComponent,
      t.byCurrency,
      t.byTeam,
      t.byOffice,
      t.byFamily,
      t.byLevel,
    ]) {
      expect(sumOf(grouping)).toEqual(t.total)
    }
    // And the total is every position line and company line, each converted to GBP and rounded
    // on its own (docs/conventions.md#money-and-rounding), summed.
    const ctx = input.ctx
    const gbp = (minor: number, currency: 'GBP' | 'USD', i: number) =>
      toMinor(
        convertLine(
          fromMinor(minor),
          currency,
          'GBP',
          usdPerGbp(ctx.fx, ctx.months[i]!, ctx.fiscalYearStartMonth),
        ),
      )
    const lines = p.months.map((_, i) => {
      let sum = 0
      p.positions.forEach((pos, pi) => {
        for (const c of POSITION_COMPONENTS) sum += gbp(p.cell(pi, i, c), lineCurrency(pos, c), i)
      })
      for (const line of p.companyLines) sum += gbp(line.local[i]!, line.currency, i)
      return sum
    })
    expect(lines).toEqual(t.total)
    expect(t.total.every((v) => v > 0)).toBe(true)
  })

  it('is projected by the fast engine exactly as by the reference', () => {
    expectSameProjection(p, projectReference(input))
  })

  it('is projected alike by both engines with bonus accrued monthly, its levy as paid', () => {
    const monthly = projectionInput(doc, plan, rules, {
      assumptions: { ...plan.assumptions, bonusAccrual: 'monthly' },
    })
    const accrued = projectFast(monthly)
    expectSameProjection(accrued, projectReference(monthly))
    const levy = (x: typeof p) =>
      x.companyLines.find((l) => l.component === 'apprenticeship_levy')?.local
    expect(levy(accrued)).toEqual(levy(p))
  })
})
