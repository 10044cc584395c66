/**
 * The planner's model, defined once as zod codecs: `z.input` is the JSON text form (money and rates
 * as decimal strings, dates as ISO strings) used by data files, the API and plan documents;
 * `z.output` is the domain form (Decimal amounts) the engine computes with. `decode` checks and
 * converts at the boundary; `encode` writes the same document back.
 */
import * as z from 'zod'
import { DATE_TEXT, isRealDate, MONTH_TEXT } from './calendar.ts'
import { CURRENCIES, Decimal, dec } from './money.ts'

// ---------------------------------------------------------------------------------------------
// Scalars

/** Non-negative money in the text form "1234.56": no exponent, hex, commas or more than 2 dp. */
export const money = z.codec(
  z.string().regex(/^\d{1,13}(\.\d{1,2})?$/, 'must be an amount such as 1234.56 (no commas)'),
  z.instanceof(Decimal),
  { decode: (s) => dec(s), encode: (d) => d.toFixed(2) },
)

/** A fraction between 0 and 1 inclusive, written "0.15" for 15%. */
export const rate = z.codec(
  z
    .string()
    .regex(
      /^(0(\.\d{1,8})?|1(\.0{1,8})?)$/,
      'must be a rate between 0 and 1, such as 0.15 for 15%',
    ),
  z.instanceof(Decimal),
  { decode: (s) => dec(s), encode: (d) => d.toFixed() },
)

/** A positive decimal such as an FX rate (USD per GBP) or a factor ("1.17"). */
export const positiveDecimal = z.codec(
  z
    .string()
    .regex(/^\d{1,6}(\.\d{1,8})?$/, 'must be a decimal number such as 1.27')
    .refine((s) => Number(s) > 0, 'must be greater than 0'),
  z.instanceof(Decimal),
  { decode: (s) => dec(s), encode: (d) => d.toFixed() },
)

export const isoDate = z
  .string()
  .regex(DATE_TEXT, 'must be a date as YYYY-MM-DD')
  .refine(isRealDate, 'is not a real calendar date')
export const month = z.string().regex(MONTH_TEXT, 'must be a month as YYYY-MM')
export const id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'must be a lowercase id (letters, digits, - or _)')
export const name = z.string().trim().min(1, 'is required').max(200, 'is too long')
export const currency = z.enum(CURRENCIES)
export const country = z.enum(['GB', 'US'])
export const region = z.enum(['UK', 'US'])
export const usState = z.enum(['CA', 'NY', 'WA'])
export const monthOfYear = z.number().int().min(1).max(12)

// ---------------------------------------------------------------------------------------------
// Organisation: departments -> teams -> subteams (a team with a parent team is a subteam)

export const organisation = z.object({
  id,
  name,
  /** Month the fiscal year starts (1 = calendar year, the default). */
  fiscalYearStartMonth: monthOfYear.default(1),
})

export const department = z.object({ id, name })

export const team = z.object({
  id,
  departmentId: id,
  parentTeamId: id.nullable().default(null),
  name,
  managerName: name.nullable().default(null),
  techLeadName: name.nullable().default(null),
})

// ---------------------------------------------------------------------------------------------
// Offices and their attendance policy

export const attendancePolicy = z.object({
  /** Minimum share of working days in the office the policy asks for (0.25 = 25%). */
  minimumShare: rate,
  /** Attendance planned for; at least the policy minimum. */
  expectedShare: rate,
  /** Peak day over the average day (about 1.17, domain 6). */
  peakFactor: positiveDecimal,
  /** Who the policy applies to, in words ("London-based staff only"). */
  rule: name,
  workingDaysPerMonth: positiveDecimal,
  /** Cost per in-office day per head (daily lunches and snacks). */
  lunchPerDay: money,
  /** Commuting stipend per head per month, paid as cash (NIC-able / wages). */
  commutingStipendPerMonth: money.default(dec('0')),
})

export const office = z
  .object({
    id,
    name,
    city: name,
    country,
    region,
    usState: usState.nullable().default(null),
    currency,
    benefitPackageId: id,
    deskCapacity: z.number().int().min(0),
    deskCostPerYear: money,
    attendance: attendancePolicy,
    /**
     * A US office's geo differential (issue 14): the GBP office's band midpoints, converted at the
     * plan's rate, as a share of this office's (0.94: London pays 94% of San Francisco), within
     * `tolerance` (0.01: one percentage point either way). Null: not set, so not checked.
     */
    geoDifferential: z
      .object({ againstOfficeId: id, share: positiveDecimal, tolerance: rate })
      .nullable()
      .default(null),
  })
  .refine((o) => o.attendance.expectedShare.gte(o.attendance.minimumShare), {
    message: 'expected attendance must be at least the policy minimum',
    path: ['attendance', 'expectedShare'],
  })

// ---------------------------------------------------------------------------------------------
// Job architecture and salary bands

export const jobFamily = z.object({
  id,
  name,
  track: z.enum(['individual_contributor', 'manager']),
  /** Days from approval to start, used when an open role has no target start date. */
  timeToFillDays: z.number().int().min(0).max(730),
})

export const level = z.object({
  id,
  code: name,
  name,
  rank: z.number().int().min(1).max(99),
  /** Pay policy for new roles at the level (issue 14): bonus target; null: none set. */
  bonusTargetRate: rate.nullable().default(null),
  /** The new-hire equity grant (USD) a new role at the level starts with; null: none set. */
  newHireEquityUsd: money.nullable().default(null),
})

const isAmounts = (...values: unknown[]) => values.every((v) => v instanceof Decimal)

export const salaryBand = z
  .object({
    id,
    familyId: id,
    levelId: id,
    officeId: id,
    currency,
    min: money,
    mid: money,
    max: money,
    effectiveFrom: isoDate,
    source: z.string().max(500).optional(),
  })
  // an amount that is not one has its own problem (zod runs this check even so): no crash
  .refine(
    (b) =>
      !isAmounts(b.min, b.mid, b.max) || (b.min.lte(b.mid) && b.mid.lte(b.max) && b.min.lt(b.max)),
    {
      message: 'band must have min <= mid <= max and min < max',
      path: ['min'],
    },
  )

// ---------------------------------------------------------------------------------------------
// Regional benefit packages (domain Part A "Benefits")

const itemBase = {
  id,
  name,
  /** UK: a taxable benefit in kind, so Class 1A NIC is due on its cost. */
  taxableBenefit: z.boolean().default(false),
  /** Paid as cash to the person: NIC-able pay (UK) and wages for payroll taxes (US). */
  cashPay: z.boolean().default(false),
  source: z.string().max(500).optional(),
}

export const benefitItem = z.discriminatedUnion('basis', [
  z.object({ ...itemBase, basis: z.literal('per_head_year'), amount: money }),
  z.object({ ...itemBase, basis: z.literal('percent_of_base'), rate }),
  z.object({ ...itemBase, basis: z.literal('per_office_day'), amount: money }),
  z.object({ ...itemBase, basis: z.literal('per_dependant_year'), amount: money }),
  z.object({ ...itemBase, basis: z.literal('one_off_at_hire'), amount: money }),
])

export const retirement = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('uk_pension'),
    /** Employer contribution as a share of basic salary (seed: 0.04). */
    rate,
    /** Annual cap on the employer contribution; above it the excess is paid as cash if chosen. */
    annualCap: money.nullable().default(null),
    cashAllowanceAboveCap: z.boolean().default(false),
  }),
  z.object({
    kind: z.literal('us_401k'),
    /** Match as a share of eligible pay, capped by 401(a)(17) (seed: 0.04). */
    rate,
    participation: rate.default(dec('1')),
  }),
])

export const benefitPackage = z.object({
  id,
  name,
  region,
  currency,
  retirement,
  /** Months of the year the bonus is paid in (e.g. [3] for March). */
  bonusPaymentMonths: z.array(monthOfYear).min(1),
  /**
   * Joiners' bonus (domain Part A, continued): prorated by the share of the performance period's
   * days employed, or paid in full; joiners in the last `cutoffMonths` months of the period are
   * paid nothing.
   */
  bonusRules: z
    .object({
      proration: z.enum(['days_employed', 'full']).default('days_employed'),
      cutoffMonths: z.number().int().min(0).max(11).default(0),
    })
    .prefault({}),
  parentalLeave: z.object({
    weeksPaid: z.number().int().min(0).max(104),
    /** Expected leave weeks per head per year, across the population. */
    expectedWeeksPerHeadPerYear: z.codec(
      z.string().regex(/^\d{1,3}(\.\d{1,4})?$/, 'must be a number of weeks such as 0.8'),
      z.instanceof(Decimal),
      { decode: (s) => dec(s), encode: (d) => d.toFixed() },
    ),
    /** Cost of cover as a share of the person's salary while on leave. */
    coverRate: rate,
  }),
  items: z.array(benefitItem),
  source: z.string().max(1000).optional(),
})

// ---------------------------------------------------------------------------------------------
// Positions: filled (a person) or open (a requisition)

export const equityGrant = z.object({
  id,
  grantDate: isoDate,
  /** Grant value in USD (equity is denominated in USD). */
  valueUsd: money,
  /** Grant price per unit; units = value / price. Null: the plan's share price. */
  grantPriceUsd: money.nullable().default(null),
  vestingMonths: z.number().int().min(1).max(120).default(48),
  cliffMonths: z.number().int().min(0).max(60).default(12),
  vestEveryMonths: z.union([z.literal(1), z.literal(3), z.literal(6), z.literal(12)]).default(1),
})

export const raise = z.object({ effectiveDate: isoDate, annualBase: money })

export const hiringCosts = z.object({
  agencyFeeRate: rate.nullable().default(null),
  relocation: money.default(dec('0')),
  visa: z.enum(['none', 'uk_skilled_worker', 'us_h1b']).default('none'),
})

/**
 * One rule of a plan's hiring-cost policy: the hiring costs a new role in its family, level and
 * office starts with (null: any). The expected agency fee of a role is the share of such hires
 * made through an agency x the agency's fee (a share of first-year base).
 */
export const hiringCostRule = z.object({
  familyId: id.nullable().default(null),
  levelId: id.nullable().default(null),
  officeId: id.nullable().default(null),
  /** Share of hires expected through an agency, 0 to 1. */
  agencyShare: rate,
  /** The agency's fee as a share of first-year base, 0 to 1. */
  agencyFee: rate,
  relocation: money.default(dec('0')),
  visa: hiringCosts.shape.visa,
})

export const REQUISITION_STATUSES = [
  'draft',
  'approved',
  'open',
  'offer',
  'filled',
  'on_hold',
  'cancelled',
] as const
/** Open roles in these statuses are not in the projection. */
export const EXCLUDED_STATUSES: readonly RequisitionStatus[] = ['on_hold', 'cancelled']

const positionBase = {
  id,
  teamId: id,
  officeId: id,
  familyId: id,
  levelId: id,
  title: name,
  /** Annual base salary in the office's currency. */
  baseSalary: money,
  bonusTargetRate: rate.default(dec('0')),
  raises: z.array(raise).default([]),
  equityGrants: z.array(equityGrant).default([]),
  dependants: z.number().int().min(0).max(20).default(0),
  hiring: hiringCosts.prefault({}),
}

export const filledPosition = z.object({
  ...positionBase,
  kind: z.literal('filled'),
  personName: name,
  startDate: isoDate,
  endDate: isoDate.nullable().default(null),
})

export const openPosition = z.object({
  ...positionBase,
  kind: z.literal('open'),
  status: z.enum(REQUISITION_STATUSES),
  reason: z.enum(['net_new', 'backfill']),
  backfillOfPositionId: id.nullable().default(null),
  targetStartDate: isoDate.nullable().default(null),
  approvalDate: isoDate.nullable().default(null),
})

export const position = z
  .discriminatedUnion('kind', [filledPosition, openPosition])
  .superRefine((p, ctx) => {
    if (p.kind === 'filled' && p.endDate !== null && p.endDate < p.startDate) {
      ctx.addIssue({ code: 'custom', message: 'end date is before start date', path: ['endDate'] })
    }
    if (p.kind === 'open' && p.targetStartDate === null && p.approvalDate === null) {
      ctx.addIssue({
        code: 'custom',
        message: 'an open role needs a target start date or an approval date',
        path: ['targetStartDate'],
      })
    }
  })

// ---------------------------------------------------------------------------------------------
// FX, assumptions, plans and scenarios

export const fxRateSet = z.object({
  id,
  name,
  /** One budget rate (USD per GBP) per fiscal year. */
  budgetRates: z
    .array(z.object({ fiscalYear: z.number().int(), usdPerGbp: positiveDecimal }))
    .min(1),
  /** Optional monthly rates; a month listed here overrides the budget rate. */
  monthlyRates: z.array(z.object({ month, usdPerGbp: positiveDecimal })).default([]),
  source: z.string().max(1000).optional(),
})

const meritEligibilityMonths = z.number().int().min(0).max(24)

export const assumptions = z.object({
  /** Merit increase applied each year in `meritMonth` to everyone employed before it. */
  meritRate: rate,
  meritMonth: monthOfYear,
  /** People who joined less than this many months before the merit date wait a cycle. */
  meritEligibilityMonths: meritEligibilityMonths.default(6),
  annualAttritionRate: rate,
  backfillLeavers: z.boolean(),
  bonusAccrual: z.enum(['paid', 'monthly']),
  equityExpenseMethod: z.enum(['straight_line', 'graded']),
  /** Share price for vest values; null means each grant's own grant price. */
  sharePriceUsd: money.nullable(),
})

/**
 * A person's actual year-to-date payroll figures, imported from payroll (domain Part A, continued:
 * "Year to date at the plan's start"); amounts in the position's local currency.
 */
export const actualYtd = z.object({
  /** The position the person holds in the plan. */
  positionId: id,
  /** US: the calendar year; UK: the tax year by the calendar year it starts in (2026 = 2026/27). */
  year: z.number().int().min(2000).max(2100),
  /** Wages to date (US: Social Security, FUTA and state unemployment wages). */
  wages: money,
  /** 401(k) eligible pay to date (US). */
  k401EligiblePay: money.default(dec('0')),
  /** Employer pension paid to date (UK, against a package's cap). */
  pension: money.default(dec('0')),
  /** The payroll date the figures are as at: they cover pay up to the end of its month. */
  asAt: isoDate,
})

export const plan = z.object({
  id,
  name,
  startMonth: month,
  horizonMonths: z.number().int().min(1).max(120),
  reportingCurrency: currency,
  fxRateSetId: id,
  assumptions,
  positions: z.array(position),
  /** Imported actual year-to-date figures, one per position and year. */
  actualYtd: z.array(actualYtd).default([]),
  /** The hiring costs new roles start with, by family, level and office (most specific wins). */
  hiringCostPolicy: z.array(hiringCostRule).default([]),
})

export const scenarioChange = z.discriminatedUnion('op', [
  /** Adds a position, or replaces the baseline position with the same id. */
  z.object({ op: z.literal('upsert'), position }),
  z.object({ op: z.literal('remove'), positionId: id }),
])

export const scenario = z.object({
  id,
  planId: id,
  name,
  /** Own rate set, so the FX effect can be shown apart; null uses the plan's. */
  fxRateSetId: id.nullable().default(null),
  /** Only what the scenario changes (no defaults: a missing field is the plan's). */
  assumptions: assumptions
    .omit({ meritEligibilityMonths: true })
    .extend({ meritEligibilityMonths })
    .partial()
    .default({}),
  changes: z.array(scenarioChange).default([]),
})

export type Organisation = z.output<typeof organisation>
export type Department = z.output<typeof department>
export type Team = z.output<typeof team>
export type AttendancePolicy = z.output<typeof attendancePolicy>
export type Office = z.output<typeof office>
export type JobFamily = z.output<typeof jobFamily>
export type Level = z.output<typeof level>
export type SalaryBand = z.output<typeof salaryBand>
export type BenefitItem = z.output<typeof benefitItem>
export type Retirement = z.output<typeof retirement>
export type BenefitPackage = z.output<typeof benefitPackage>
export type EquityGrant = z.output<typeof equityGrant>
export type Raise = z.output<typeof raise>
export type HiringCosts = z.output<typeof hiringCosts>
export type HiringCostRule = z.output<typeof hiringCostRule>
export type RequisitionStatus = (typeof REQUISITION_STATUSES)[number]
export type FilledPosition = z.output<typeof filledPosition>
export type OpenPosition = z.output<typeof openPosition>
export type Position = z.output<typeof position>
export type FxRateSet = z.output<typeof fxRateSet>
export type Assumptions = z.output<typeof assumptions>
export type Plan = z.output<typeof plan>
export type ActualYtd = z.output<typeof actualYtd>
export type ScenarioChange = z.output<typeof scenarioChange>
export type Scenario = z.output<typeof scenario>
