import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { readDataFile } from '../../../src/data-files.ts'
import {
  MissingRulesError,
  parseRuleBook,
  ukRulesFile,
  ukRulesForMonth,
  usRulesFile,
  usRulesForYear,
} from '../../../src/domain/rules/index.ts'

const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'))
const book = parseRuleBook(readJson('data/rules/uk.json'), readJson('data/rules/us.json'))

describe('UK rules by tax year', () => {
  it('uses 2024/25 for March 2025 and 2025/26 for April 2025 (tax year of the last day)', () => {
    const march = ukRulesForMonth(book, '2025-03')
    expect(march.label).toBe('2024/25')
    expect(march.employerNicRate.toFixed()).toBe('0.138')
    expect(march.secondaryThresholdMonthly.toFixed()).toBe('758')
    const april = ukRulesForMonth(book, '2025-04')
    expect(april.label).toBe('2025/26')
    expect(april.employerNicRate.toFixed()).toBe('0.15')
    expect(april.secondaryThresholdMonthly.toFixed()).toBe('417')
    expect(april.class1aRate.toFixed()).toBe('0.15')
  })

  it('holds 2026/27 at 15% and £417 with the levy at 0.5% above £15,000', () => {
    const r = ukRulesForMonth(book, '2027-03')
    expect(r.label).toBe('2026/27')
    expect(r.employerNicRate.toFixed()).toBe('0.15')
    expect(r.apprenticeshipLevyRate.toFixed()).toBe('0.005')
    expect(r.apprenticeshipLevyAllowance.toFixed()).toBe('15000')
  })

  it('carries 2026/27 forward through 2030/31 under the threshold freeze, marked as assumed', () => {
    const r = ukRulesForMonth(book, '2030-06')
    expect(r.employerNicRate.toFixed()).toBe('0.15')
    expect(r.secondaryThresholdMonthly.toFixed()).toBe('417')
  })

  it('names the missing tax year and the file to edit', () => {
    expect(() => ukRulesForMonth(book, '2031-04')).toThrow(MissingRulesError)
    expect(() => ukRulesForMonth(book, '2031-04')).toThrow(/2031\/32.*data\/rules\/uk\.json/)
  })
})

describe('US rules by calendar year and state', () => {
  it('has the 2026 wage bases, rates and 401(a)(17) limit', () => {
    const r = usRulesForYear(book, 2026, 'CA')
    expect(r.socialSecurityRate.toFixed()).toBe('0.062')
    expect(r.socialSecurityWageBase.toFixed()).toBe('184500')
    expect(r.medicareRate.toFixed()).toBe('0.0145')
    expect(r.futaRate.toFixed()).toBe('0.006')
    expect(r.futaWageBase.toFixed()).toBe('7000')
    expect(r.futaCreditReduction.toFixed()).toBe('0.015')
    expect(r.stateUnemployment.rate.toFixed()).toBe('0.034')
    expect(r.stateUnemployment.ettRate.toFixed()).toBe('0.001')
    expect(r.compensationLimit401a17.toFixed()).toBe('360000')
  })

  it('keeps each year and state apart', () => {
    expect(usRulesForYear(book, 2024, 'CA').socialSecurityWageBase.toFixed()).toBe('168600')
    expect(usRulesForYear(book, 2025, 'CA').futaCreditReduction.toFixed()).toBe('0.012')
    expect(usRulesForYear(book, 2025, 'NY').stateUnemployment.wageBase.toFixed()).toBe('12800')
    expect(usRulesForYear(book, 2025, 'NY').futaCreditReduction.isZero()).toBe(true)
  })

  it('names the missing year', () => {
    expect(() => usRulesForYear(book, 2031, 'WA')).toThrow(/2031.*data\/rules\/us\.json/)
  })
})

describe('the rule files themselves', () => {
  it('cite a source for every figure', () => {
    const figures: unknown[] = []
    const walk = (node: unknown): void => {
      if (node && typeof node === 'object') {
        if ('value' in node) figures.push(node)
        else Object.values(node).forEach(walk)
      }
    }
    walk(readJson('data/rules/uk.json'))
    walk(readJson('data/rules/us.json'))
    expect(figures.length).toBeGreaterThan(40)
    for (const f of figures) expect((f as { source: string }).source).toMatch(/^https?:\/\//)
  })

  it('read through readDataFile, and a bad rate fails naming the path', () => {
    // every year in the file is read, one a year without gaps, from 2024 to at least 2030 (the
    // years the tests cost); adding a year, as README asks, keeps this true
    const ukYears = readDataFile('data/rules/uk.json', ukRulesFile).taxYears.map((y) => y.taxYear)
    const usYears = readDataFile('data/rules/us.json', usRulesFile).years.map((y) => y.year)
    for (const [years, file] of [
      [ukYears, 'uk'],
      [usYears, 'us'],
    ] as const) {
      const inFile = (readJson(`data/rules/${file}.json`) as Record<string, unknown[]>)[
        file === 'uk' ? 'taxYears' : 'years'
      ]!
      expect(years).toHaveLength(inFile.length)
      expect(years).toEqual(years.map((_, i) => 2024 + i))
      expect(years.at(-1)).toBeGreaterThanOrEqual(2030)
    }
    const uk = readJson('data/rules/uk.json') as {
      taxYears: { employerNicRate: { value: string } }[]
    }
    uk.taxYears[0]!.employerNicRate.value = '15%'
    expect(() => parseRuleBook(uk, readJson('data/rules/us.json'))).toThrow(/taxYears/)
  })
})
