/**
 * Synthetic plans for the benchmark and the property tests: London, San Francisco, New York and
 * Seattle; UK and US packages; raises, merit, bonuses, grants (some refreshed), leavers and open
 * roles. Deterministic for a seed. Rules for years after the last in data/rules are copied
 * forward from that year - benchmark input only, never real figures.
 */
import { readFileSync } from 'node:fs'
import type { Month } from '../../src/domain/calendar.ts'
import { documentFillTimes } from '../../src/domain/hiring/time-to-fill.ts'
import {
  assumptions,
  benefitPackage,
  type EquityGrant,
  equityGrant,
  type FilledPosition,
  fxRateSet,
  hiringCosts,
  jobFamily,
  money,
  type OpenPosition,
  office,
  type Position,
  position,
  type Raise,
} from '../../src/domain/model.ts'
import type { Decimal } from '../../src/domain/money.ts'
import { type ProjectionInput, projectionMonths } from '../../src/domain/projection/input.ts'
import { parseRuleBook, type RuleBook } from '../../src/domain/rules/index.ts'

const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'))

/** The real rule book, with the last year's rules repeated up to `lastYear` (synthetic). */
export function ruleBookThrough(lastYear: number): RuleBook {
  const book = parseRuleBook(readJson('data/rules/uk.json'), readJson('data/rules/us.json'))
  const uk = new Map(book.uk)
  const us = new Map(book.us)
  const lastUk = uk.get(Math.max(...uk.keys()))!
  const lastUs = us.get(Math.max(...us.keys()))!
  for (let y = lastUk.taxYear + 1; y <= lastYear; y++) uk.set(y, { ...lastUk, taxYear: y })
  for (let y = lastUs.year + 1; y <= lastYear; y++) us.set(y, { ...lastUs, year: y })
  return { uk, us }
}

/** mulberry32: a small seeded generator so every run builds the same plan. */
export function rng(seed: number) {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    chance: (p: number) => next() < p,
  }
}

const attendance = (share: string, lunch: string, stipend: string) => ({
  minimumShare: '0.25',
  expectedShare: share,
  peakFactor: '1.17',
  rule: 'Office-based staff',
  workingDaysPerMonth: '21',
  lunchPerDay: lunch,
  commutingStipendPerMonth: stipend,
})

const packages = [
  benefitPackage.parse({
    id: 'uk',
    name: 'UK',
    region: 'UK',
    currency: 'GBP',
    retirement: {
      kind: 'uk_pension',
      rate: '0.05',
      annualCap: '10000',
      cashAllowanceAboveCap: true,
    },
    bonusPaymentMonths: [3],
    parentalLeave: { weeksPaid: 26, expectedWeeksPerHeadPerYear: '1.2', coverRate: '0.5' },
    items: [
      {
        id: 'pmi',
        name: 'Private medical',
        basis: 'per_head_year',
        amount: '1200',
        taxableBenefit: true,
      },
      { id: 'life', name: 'Group life', basis: 'percent_of_base', rate: '0.004' },
      { id: 'kit', name: 'Laptop', basis: 'one_off_at_hire', amount: '2000' },
    ],
  }),
  benefitPackage.parse({
    id: 'us',
    name: 'US',
    region: 'US',
    currency: 'USD',
    retirement: { kind: 'us_401k', rate: '0.04', participation: '0.9' },
    bonusPaymentMonths: [3, 9],
    parentalLeave: { weeksPaid: 12, expectedWeeksPerHeadPerYear: '0.8', coverRate: '0.4' },
    items: [
      { id: 'health', name: 'Health', basis: 'per_head_year', amount: '9000' },
      { id: 'dep', name: 'Dependant cover', basis: 'per_dependant_year', amount: '6000' },
      { id: 'gym', name: 'Wellness', basis: 'per_office_day', amount: '5', cashPay: true },
    ],
  }),
]

const offices = [
  office.parse({
    id: 'london',
    name: 'London',
    city: 'London',
    country: 'GB',
    region: 'UK',
    currency: 'GBP',
    benefitPackageId: 'uk',
    deskCapacity: 4000,
    deskCostPerYear: '15000',
    attendance: attendance('0.4', '12.50', '50'),
  }),
  ...(
    [
      ['sf', 'San Francisco', 'CA', '20000'],
      ['ny', 'New York', 'NY', '18000'],
      ['sea', 'Seattle', 'WA', '14000'],
    ] as const
  ).map(([id, name, usState, desk]) =>
    office.parse({
      id,
      name,
      city: name,
      country: 'US',
      region: 'US',
      usState,
      currency: 'USD',
      benefitPackageId: 'us',
      deskCapacity: 4000,
      deskCostPerYear: desk,
      attendance: attendance('0.5', '20', '0'),
    }),
  ),
]

const families = ['eng', 'product', 'sales', 'ops'].map((id, i) =>
  jobFamily.parse({ id, name: id, track: 'individual_contributor', timeToFillDays: 45 + 15 * i }),
)

/** Month `k` months after `from` ("2025-01" + 14 = "2026-03"), by arithmetic on the text. */
function monthAfter(from: Month, k: number): Month {
  const index = Number(from.slice(0, 4)) * 12 + Number(from.slice(5, 7)) - 1 + k
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`
}

const iso = (month: Month, day: number) => `${month}-${String(day).padStart(2, '0')}`

/**
 * Domain objects built directly, as the schema would parse them: a plan of 50,000 positions parsed
 * one by one through zod costs more memory than the projection measured on it. Amounts, hiring
 * costs and grants recur, so each distinct one is parsed once and shared; defaults come from
 * parsing a template. `bench-smoke.test.ts` checks every generated position against the schema.
 */
function sharedParts() {
  const decimals = new Map<string, Decimal>()
  const amount = (text: string) => {
    let d = decimals.get(text)
    if (!d) {
      d = money.parse(text)
      decimals.set(text, d)
    }
    return d
  }
  const grants = new Map<string, EquityGrant>()
  const grant = (id: string, grantDate: string, valueUsd: string, vestEveryMonths: 1 | 3) => {
    const key = `${id}|${grantDate}|${valueUsd}|${vestEveryMonths}`
    let g = grants.get(key)
    if (!g) {
      g = equityGrant.parse({ id, grantDate, valueUsd, vestEveryMonths })
      grants.set(key, g)
    }
    return g
  }
  const roleDefaults = {
    id: 't',
    teamId: 't',
    officeId: 't',
    familyId: 't',
    levelId: 't',
    title: 'Role',
    baseSalary: '1',
  }
  const filledDefaults = position.parse({
    ...roleDefaults,
    kind: 'filled',
    personName: 'P',
    startDate: '2025-01-01',
  }) as FilledPosition
  const openDefaults = position.parse({
    ...roleDefaults,
    kind: 'open',
    status: 'open',
    reason: 'net_new',
    approvalDate: '2025-01-01',
  }) as OpenPosition
  return {
    amount,
    grant,
    filledDefaults,
    openDefaults,
    noHiringCosts: hiringCosts.parse({}),
    agencyAndRelocation: hiringCosts.parse({ agencyFeeRate: '0.2', relocation: '5000' }),
  }
}

/** A synthetic plan of `count` positions over `months` months from January 2025. */
export function syntheticPlan(
  count: number,
  months: number,
  seed = 1,
  method: 'straight_line' | 'graded' = 'straight_line',
): ProjectionInput {
  const r = rng(seed)
  const start: Month = '2025-01'
  const last = monthAfter(start, months - 1)
  const lastYear = Number(last.slice(0, 4)) + 1
  const shared = sharedParts()
  const positions: Position[] = []
  for (let i = 0; i < count; i++) {
    const off = r.pick(offices)
    const uk = off.region === 'UK'
    const base = (uk ? r.int(40, 250) : r.int(80, 450)) * 1000
    const startMonth = r.chance(0.7)
      ? monthAfter(start, -r.int(1, 60))
      : monthAfter(start, r.int(0, months - 1))
    const startDate = iso(startMonth, r.int(1, 28))
    const raises: Raise[] = r.chance(0.3)
      ? [
          {
            effectiveDate: iso(monthAfter(start, r.int(1, Math.max(1, months - 1))), r.int(1, 28)),
            annualBase: shared.amount(String(Math.round(base * 1.08))),
          },
        ]
      : []
    const grants: EquityGrant[] = r.chance(0.6)
      ? [
          shared.grant(
            'hire',
            startDate,
            String(r.int(2, 40) * 10000),
            r.pick([1, 3, 3, 3] as const),
          ),
          ...(r.chance(0.3)
            ? [shared.grant('refresh', iso(monthAfter(start, r.int(0, months - 1)), 1), '60000', 3)]
            : []),
        ]
      : []
    const common = {
      id: `p${i}`,
      teamId: `team${r.int(0, 19)}`,
      officeId: off.id,
      familyId: r.pick(families).id,
      levelId: `l${r.int(1, 8)}`,
      title: 'Role',
      baseSalary: shared.amount(String(base)),
      bonusTargetRate: shared.amount(r.pick(['0', '0.1', '0.15'])),
      raises,
      equityGrants: grants,
      dependants: r.int(0, 3),
      hiring: r.chance(0.2) ? shared.agencyAndRelocation : shared.noHiringCosts,
    }
    const leaves = (from: string) => {
      const end = iso(monthAfter(start, r.int(0, months - 1)), r.int(1, 28))
      return r.chance(0.1) && end > from ? end : null
    }
    const isOpen = startMonth >= start && r.chance(0.5)
    positions.push(
      isOpen
        ? {
            ...shared.openDefaults,
            ...common,
            kind: 'open',
            status: r.pick(['approved', 'open', 'draft', 'on_hold'] as const),
            reason: 'net_new',
            targetStartDate: r.chance(0.5) ? startDate : null,
            approvalDate: startDate,
          }
        : {
            ...shared.filledDefaults,
            ...common,
            kind: 'filled',
            personName: `Person ${i}`,
            startDate,
            endDate: leaves(startDate),
          },
    )
  }
  return {
    ctx: {
      rules: ruleBookThrough(lastYear),
      assumptions: assumptions.parse({
        meritRate: '0.03',
        meritMonth: 4,
        annualAttritionRate: '0.12',
        backfillLeavers: true,
        bonusAccrual: 'paid',
        equityExpenseMethod: method,
        sharePriceUsd: '120',
      }),
      fx: fxRateSet.parse({
        id: 'budget',
        name: 'Budget',
        budgetRates: Array.from({ length: lastYear - 2023 }, (_, k) => ({
          fiscalYear: 2024 + k,
          usdPerGbp: (1.25 + 0.0123 * k).toFixed(4),
        })),
        monthlyRates: [{ month: '2025-06', usdPerGbp: '1.3671' }],
      }),
      fiscalYearStartMonth: 1,
      months: projectionMonths(start, months),
      offices: new Map(offices.map((o) => [o.id, o])),
      packages: new Map(packages.map((p) => [p.id, p])),
      families: new Map(families.map((f) => [f.id, f])),
      fillTimes: documentFillTimes({ families, offices }),
    },
    positions,
    teams: Array.from({ length: 20 }, (_, k) => ({
      id: `team${k}`,
      departmentId: 'd',
      parentTeamId: k >= 5 ? `team${k % 5}` : null,
      name: `Team ${k}`,
      managerName: null,
      techLeadName: null,
    })),
    reportingCurrency: seed % 2 === 0 ? 'USD' : 'GBP',
  }
}
