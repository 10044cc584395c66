/**
 * Hiring-capacity shapes as zod codecs (JSON text form in, Decimal domain form out), in the style
 * of model.ts: interview loops and interviewer pools, time-to-fill and notice periods, dated
 * hiring-cost figures, pay-transparency rules and posted job-ad ranges. Every reference figure
 * carries its source; `verify: true` keeps the sources' [verify] marks with the data.
 */
import * as z from 'zod'
import { currency, id, isoDate, money, name, rate } from '../model.ts'
import { Decimal, dec } from '../money.ts'

/** A URL, or a section of docs/conventions.md Part B and [assumption] where no benchmark exists. */
const source = z.string().min(1).max(1000)
const note = z.string().max(1000).optional()

/** Hours as decimal text ("1.5"); a negative figure is refused with its own message. */
export const hours = z.codec(
  z
    .string()
    .regex(/^-?\d{1,4}(\.\d{1,2})?$/, 'must be a number of hours such as 1.5')
    .refine((s) => !s.startsWith('-'), 'must not be negative'),
  z.instanceof(Decimal),
  { decode: (s) => dec(s), encode: (d) => d.toFixed() },
)

/** A pass-through rate: a fraction in (0, 1]; zero would ask for infinitely many candidates. */
const passThrough = rate.refine((r) => r.gt(0), 'must be above 0')

// ---------------------------------------------------------------------------------------------
// Interview loops and interviewer pools

export const interviewerPool = z.object({
  id,
  name,
  /** The team whose people staff the pool, if it is one team's. */
  teamId: id.nullable().default(null),
  people: z.array(name).min(1, 'a pool needs at least one person'),
  weeklyHoursPerPerson: hours,
})

export const interviewStage = z.object({
  id,
  name,
  /** Share of candidates entering the stage who go on to the next one (or to an offer). */
  passThrough,
  interviewersPerCandidate: z.number().int().min(0).max(20),
  hoursPerInterviewer: hours,
  poolId: id,
  /** Calendar days the stage takes for a cohort of candidates. */
  days: z.number().int().min(0).max(180),
  source: z.string().max(1000).optional(),
})

export const interviewLoop = z.object({
  id,
  name,
  /** Job families that use this loop by default. */
  familyIds: z.array(id).default([]),
  /** Positions that use this loop whatever their family (a per-role loop). */
  positionIds: z.array(id).default([]),
  stages: z.array(interviewStage).min(1, 'a loop needs at least one stage'),
  offer: z.object({
    /** Share of offers accepted (domain 7: 60-90%). */
    acceptance: passThrough,
    /** Days from the last stage's end to the offer being accepted. */
    days: z.number().int().min(0).max(90),
  }),
})

export const recruiting = z.object({
  /** The pool whose people are the recruiters: open roles per recruiter is counted over it. */
  recruiterPoolId: id,
  /** Plan limit on open requisitions per recruiter (domain 7: SHRM median 15-20). */
  maxOpenRolesPerRecruiter: z.number().int().min(1).max(100),
  /** Days from a role's approval to its requisition opening (the first step of time to fill). */
  daysToOpen: z.number().int().min(0).max(180).default(0),
})

/** Loops, pools and the recruiter limit together, so a stage's pool can be checked. */
export const hiringSetup = z
  .object({
    pools: z.array(interviewerPool).min(1),
    loops: z.array(interviewLoop).min(1),
    recruiting,
  })
  .superRefine((setup, ctx) => {
    const pools = new Set(setup.pools.map((p) => p.id))
    setup.loops.forEach((loop, i) => {
      loop.stages.forEach((stage, j) => {
        if (!pools.has(stage.poolId)) {
          ctx.addIssue({
            code: 'custom',
            message: `unknown interviewer pool "${stage.poolId}"`,
            path: ['loops', i, 'stages', j, 'poolId'],
          })
        }
      })
    })
    if (!pools.has(setup.recruiting.recruiterPoolId)) {
      ctx.addIssue({
        code: 'custom',
        message: `unknown interviewer pool "${setup.recruiting.recruiterPoolId}"`,
        path: ['recruiting', 'recruiterPoolId'],
      })
    }
  })

/** `data/hiring/defaults.json`: the default setup, its sources, and time-to-fill data. */
export const timeToFillEntry = z.object({
  familyId: id,
  /** Null: every level of the family without its own entry. */
  levelId: id.nullable().default(null),
  /** Days from the requisition opening to the offer being accepted. */
  days: z.number().int().min(0).max(730),
  source,
  note,
  verify: z.boolean().default(false),
})

export const noticePeriod = z.object({
  country: z.enum(['GB', 'US']),
  months: z.number().int().min(0).max(12),
  days: z.number().int().min(0).max(180),
  source,
  note,
})

export const hiringDefaultsFile = z
  .object({
    description: z.string().optional(),
    setup: hiringSetup,
    timeToFill: z.array(timeToFillEntry).min(1),
    noticePeriods: z.array(noticePeriod).min(1),
    sources: z.array(z.object({ figure: z.string(), source, note })).default([]),
  })
  .superRefine((file, ctx) => {
    const seen = new Set<string>()
    file.timeToFill.forEach((t, i) => {
      const key = `${t.familyId}|${t.levelId ?? '*'}`
      if (seen.has(key)) {
        ctx.addIssue({ code: 'custom', message: `${key} appears twice`, path: ['timeToFill', i] })
      }
      seen.add(key)
    })
  })

// ---------------------------------------------------------------------------------------------
// Hiring costs as dated data

const feeBase = {
  /** Versions of one fee share an id; the latest effectiveFrom on or before the date applies. */
  id,
  scheme: z.enum(['uk_skilled_worker', 'us_h1b']),
  label: name,
  currency,
  effectiveFrom: isoDate,
  /** First day the fee no longer applies (a time-limited proclamation); null: open-ended. */
  effectiveTo: isoDate.nullable().default(null),
  /** Null: always charged; otherwise the option that switches it on. */
  option: z
    .enum(['visaFee', 'healthSurcharge', 'premiumProcessing', 'proclamationFee'])
    .nullable()
    .default(null),
  source,
  note,
  verify: z.boolean().default(false),
}

export const hiringFee = z.discriminatedUnion('basis', [
  z.object({
    ...feeBase,
    basis: z.literal('per_hire'),
    amount: money,
    smallEmployerAmount: money.nullable().default(null),
  }),
  /** UK Immigration Skills Charge: one amount for the first 12 months, then per further 6. */
  z.object({
    ...feeBase,
    basis: z.literal('first_year_then_half_years'),
    firstYear: money,
    perFurtherHalfYear: money,
    smallEmployerFirstYear: money,
    smallEmployerPerFurtherHalfYear: money,
  }),
  /** UK visa fee: one amount up to `thresholdMonths`, another above. */
  z.object({
    ...feeBase,
    basis: z.literal('by_visa_length'),
    thresholdMonths: z.number().int().min(1),
    upToThreshold: money,
    overThreshold: money,
  }),
  /** Immigration Health Surcharge: a yearly amount, half for each part-year of 6 months or less. */
  z.object({ ...feeBase, basis: z.literal('per_year_in_halves'), perYear: money }),
])

export const hiringCostsFile = z.object({
  description: z.string().optional(),
  agencyFee: z.object({ defaultRate: rate, source, note }),
  fees: z.array(hiringFee).min(1),
})

/**
 * How a plan sponsors one role: the visa length applied for and the optional fees the employer
 * pays (UK visa fee and Immigration Health Surcharge; US H-1B premium processing). A Skilled
 * Worker visa is granted for up to 5 years.
 */
export const roleSponsorship = z.object({
  visaMonths: z
    .number()
    .int()
    .min(1, 'must be at least 1 month')
    .max(60, 'must be at most 60 months'),
  visaFee: z.boolean(),
  healthSurcharge: z.boolean(),
  premiumProcessing: z.boolean(),
})

// ---------------------------------------------------------------------------------------------
// Job-ad ranges and pay transparency

export const jobAdPolicy = z.object({
  /** Posted minimum = band min + this share of (mid - min). */
  minShareOfMinToMid: rate,
  /** Posted maximum = band mid + this share of (max - mid). */
  maxShareOfMidToMax: rate,
  /** Unit the posted figures are rounded to (min up, max down, so both stay inside the band). */
  roundTo: money.refine((d) => d.gt(0), 'must be above 0'),
})

export const payTransparencyRule = z.object({
  /** A US state code, or "UK". */
  jurisdiction: z.string().regex(/^([A-Z]{2}|UK)$/, 'must be a state code such as CO, or UK'),
  name,
  /** Employees the employer must have (in total or in the state, as `note` says); null: none. */
  employeeThreshold: z.number().int().min(0).nullable(),
  requiresRange: z.boolean(),
  requiresBenefits: z.boolean(),
  requiresBonusEquity: z.boolean(),
  effectiveFrom: isoDate.nullable(),
  source,
  note,
  verify: z.boolean().default(false),
})

export const payTransparencyFile = z.object({
  description: z.string().optional(),
  jurisdictions: z.array(payTransparencyRule).min(1),
})

/** A job-ad location: a country and, in the US, the state. */
export const adLocation = z.object({
  country: z.enum(['GB', 'US']),
  state: z
    .string()
    .regex(/^[A-Z]{2}$/, 'must be a state code such as NY')
    .nullable()
    .default(null),
})

/** What was posted for which role and when (NY and CA require records; domain 5.2). */
export const postedRange = z
  .object({
    roleId: id,
    location: name,
    min: money,
    max: money,
    currency,
    postedOn: isoDate,
    text: z.string().min(1).max(5000),
  })
  .refine((r) => r.min.lt(r.max), { message: 'minimum must be below maximum', path: ['min'] })

export type InterviewerPool = z.output<typeof interviewerPool>
export type InterviewStage = z.output<typeof interviewStage>
export type InterviewLoop = z.output<typeof interviewLoop>
export type Recruiting = z.output<typeof recruiting>
export type HiringSetup = z.output<typeof hiringSetup>
export type TimeToFillEntry = z.output<typeof timeToFillEntry>
export type NoticePeriod = z.output<typeof noticePeriod>
export type HiringDefaultsFile = z.output<typeof hiringDefaultsFile>
export type HiringFee = z.output<typeof hiringFee>
export type HiringCostsFile = z.output<typeof hiringCostsFile>
export type RoleSponsorship = z.output<typeof roleSponsorship>
export type JobAdPolicy = z.output<typeof jobAdPolicy>
export type PayTransparencyRule = z.output<typeof payTransparencyRule>
export type PayTransparencyFile = z.output<typeof payTransparencyFile>
export type AdLocation = z.output<typeof adLocation>
export type PostedRange = z.output<typeof postedRange>
