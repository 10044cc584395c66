/**
 * Small hand-checkable plans: a London office (GBP, 4% pension, PMI £1,200 a year as a taxable
 * benefit, bonus paid in March) and a San Francisco office (USD, CA, 4% 401(k) match). Lunches,
 * stipends and parental cover are zero unless a test turns them on, so each test sees only the
 * lines it works by hand.
 */
import { readFileSync } from 'node:fs'
import type * as z from 'zod'
import type { Month } from '../../../src/domain/calendar.ts'
import { documentFillTimes } from '../../../src/domain/hiring/time-to-fill.ts'
import {
  assumptions as assumptionsSchema,
  benefitPackage,
  fxRateSet,
  jobFamily,
  office,
  type Position,
  position as positionSchema,
} from '../../../src/domain/model.ts'
import type { ProjectionInput } from '../../../src/domain/projection/input.ts'
import { projectionMonths } from '../../../src/domain/projection/input.ts'
import { parseRuleBook } from '../../../src/domain/rules/index.ts'

const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'))
export const rules = parseRuleBook(readJson('data/rules/uk.json'), readJson('data/rules/us.json'))

const attendance = {
  minimumShare: '0.25',
  expectedShare: '0.25',
  peakFactor: '1.17',
  rule: 'London-based staff only',
  workingDaysPerMonth: '21',
  lunchPerDay: '0',
}

export const ukPackage = benefitPackage.parse({
  id: 'uk-std',
  name: 'UK standard',
  region: 'UK',
  currency: 'GBP',
  retirement: { kind: 'uk_pension', rate: '0.04' },
  bonusPaymentMonths: [3],
  parentalLeave: { weeksPaid: 26, expectedWeeksPerHeadPerYear: '0', coverRate: '0' },
  items: [
    {
      id: 'pmi',
      name: 'Private medical',
      basis: 'per_head_year',
      amount: '1200',
      taxableBenefit: true,
    },
  ],
})

export const usPackage = benefitPackage.parse({
  id: 'us-std',
  name: 'US standard',
  region: 'US',
  currency: 'USD',
  retirement: { kind: 'us_401k', rate: '0.04' },
  bonusPaymentMonths: [3],
  parentalLeave: { weeksPaid: 12, expectedWeeksPerHeadPerYear: '0', coverRate: '0' },
  items: [],
})

export const london = office.parse({
  id: 'london',
  name: 'London',
  city: 'London',
  country: 'GB',
  region: 'UK',
  currency: 'GBP',
  benefitPackageId: 'uk-std',
  deskCapacity: 100,
  deskCostPerYear: '12000',
  attendance,
})

export const sf = office.parse({
  id: 'sf',
  name: 'San Francisco',
  city: 'San Francisco',
  country: 'US',
  region: 'US',
  usState: 'CA',
  currency: 'USD',
  benefitPackageId: 'us-std',
  deskCapacity: 100,
  deskCostPerYear: '18000',
  attendance: { ...attendance, rule: 'None' },
})

export const engineering = jobFamily.parse({
  id: 'eng',
  name: 'Engineering',
  track: 'individual_contributor',
  timeToFillDays: 60,
})

/** Budget rate 1.25 USD per GBP in every fiscal (calendar) year the tests touch. */
export const fx = fxRateSet.parse({
  id: 'budget',
  name: 'Budget',
  budgetRates: [2024, 2025, 2026, 2027].map((fiscalYear) => ({ fiscalYear, usdPerGbp: '1.25' })),
})

export const noMerit = assumptionsSchema.parse({
  meritRate: '0',
  meritMonth: 4,
  annualAttritionRate: '0',
  backfillLeavers: false,
  bonusAccrual: 'paid',
  equityExpenseMethod: 'straight_line',
  sharePriceUsd: null,
})

type PositionInput = z.input<typeof positionSchema>

/** A filled position with the fixture's team, family and level; override anything. */
export function filled(
  fields: Partial<Extract<PositionInput, { kind: 'filled' }>> & { id: string; officeId: string },
): Position {
  return positionSchema.parse({
    kind: 'filled',
    teamId: 'platform',
    familyId: 'eng',
    levelId: 'l4',
    title: 'Engineer',
    personName: `Person ${fields.id}`,
    baseSalary: '100000',
    startDate: '2020-01-01',
    ...fields,
  })
}

/** A London hire on £60,000 from 1 May 2025, relocated for £10,000 (£2,000 above the exemption). */
export const relocatedLondonHire = () =>
  filled({
    id: 'mo',
    officeId: 'london',
    baseSalary: '60000',
    startDate: '2025-05-01',
    hiring: { relocation: '10000' },
  })

export function input(
  startMonth: Month,
  horizonMonths: number,
  positions: Position[],
  overrides: Partial<Pick<ProjectionInput, 'reportingCurrency'>> & {
    assumptions?: Partial<z.input<typeof assumptionsSchema>>
    offices?: z.output<typeof office>[]
  } = {},
): ProjectionInput {
  const offices = overrides.offices ?? [london, sf]
  return {
    ctx: {
      rules,
      assumptions: assumptionsSchema.parse({
        ...assumptionsSchema.encode(noMerit),
        ...overrides.assumptions,
      }),
      fx,
      fiscalYearStartMonth: 1,
      months: projectionMonths(startMonth, horizonMonths),
      offices: new Map(offices.map((o) => [o.id, o])),
      packages: new Map([ukPackage, usPackage].map((p) => [p.id, p])),
      families: new Map([[engineering.id, engineering]]),
      fillTimes: documentFillTimes({ families: [engineering], offices }),
    },
    positions,
    teams: [
      {
        id: 'platform',
        departmentId: 'eng',
        parentTeamId: null,
        name: 'Platform',
        managerName: null,
        techLeadName: null,
      },
    ],
    reportingCurrency: overrides.reportingCurrency ?? 'GBP',
  }
}
