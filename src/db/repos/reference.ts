/**
 * Reference data: benefit packages, offices, job families, levels, salary bands and FX rate sets.
 * A package's nested parts (retirement, parental leave, items) are JSON TEXT in the document's
 * text form, decoded by the package codec on read.
 */
import * as z from 'zod'
import {
  type BenefitPackage,
  benefitPackage,
  type FxRateSet,
  fxRateSet,
  type JobFamily,
  jobFamily,
  type Level,
  level,
  type Office,
  office,
  type SalaryBand,
  salaryBand,
} from '../../domain/model.ts'
import type { Database } from '../open.ts'
import {
  allRows,
  allRowsWhere,
  decodeRow,
  insert,
  minorOf,
  minorOrNull,
  moneyText,
  moneyTextOrNull,
  optionalText,
  readTable,
} from './rows.ts'

interface BenefitPackageRow {
  id: string
  name: string
  region: string
  currency: string
  retirement_json: string
  bonus_payment_months_json: string
  parental_leave_json: string
  items_json: string
  bonus_rules_json: string
  source: string | null
}

export function insertBenefitPackage(db: Database, p: BenefitPackage, sortOrder: number): void {
  const e = z.encode(benefitPackage, p)
  insert(db, 'benefit_packages', {
    id: e.id,
    name: e.name,
    region: e.region,
    currency: e.currency,
    retirement_json: JSON.stringify(e.retirement),
    bonus_payment_months_json: JSON.stringify(e.bonusPaymentMonths),
    parental_leave_json: JSON.stringify(e.parentalLeave),
    items_json: JSON.stringify(e.items),
    bonus_rules_json: JSON.stringify(e.bonusRules ?? {}),
    source: e.source ?? null,
    sort_order: sortOrder,
  })
}

export function readBenefitPackages(db: Database): BenefitPackage[] {
  return readTable(db, 'benefit_packages', benefitPackage, (row: BenefitPackageRow) => ({
    id: row.id,
    name: row.name,
    region: row.region,
    currency: row.currency,
    retirement: JSON.parse(row.retirement_json),
    bonusPaymentMonths: JSON.parse(row.bonus_payment_months_json),
    parentalLeave: JSON.parse(row.parental_leave_json),
    items: JSON.parse(row.items_json),
    bonusRules: JSON.parse(row.bonus_rules_json),
    ...optionalText('source', row.source),
  }))
}

interface OfficeRow {
  id: string
  name: string
  city: string
  country: string
  region: string
  us_state: string | null
  currency: string
  benefit_package_id: string
  desk_capacity: number
  desk_cost_per_year_minor: number
  attendance_minimum_share: string
  attendance_expected_share: string
  attendance_peak_factor: string
  attendance_rule: string
  working_days_per_month: string
  lunch_per_day_minor: number
  commuting_stipend_per_month_minor: number
  geo_against_office_id: string | null
  geo_share: string | null
  geo_tolerance: string | null
}

export function insertOffice(db: Database, o: Office, sortOrder: number): void {
  const e = z.encode(office, o)
  const a = e.attendance
  insert(db, 'offices', {
    id: e.id,
    name: e.name,
    city: e.city,
    country: e.country,
    region: e.region,
    us_state: e.usState ?? null,
    currency: e.currency,
    benefit_package_id: e.benefitPackageId,
    desk_capacity: e.deskCapacity,
    desk_cost_per_year_minor: minorOf(e.deskCostPerYear),
    attendance_minimum_share: a.minimumShare,
    attendance_expected_share: a.expectedShare,
    attendance_peak_factor: a.peakFactor,
    attendance_rule: a.rule,
    working_days_per_month: a.workingDaysPerMonth,
    lunch_per_day_minor: minorOf(a.lunchPerDay),
    commuting_stipend_per_month_minor: minorOf(a.commutingStipendPerMonth ?? '0'),
    ...geoColumns(e.geoDifferential ?? null),
    sort_order: sortOrder,
  })
}

type GeoText = z.input<typeof office>['geoDifferential']

/** An office's geo differential as its three columns (all NULL when none is set). */
export function geoColumns(geo: GeoText | null) {
  return {
    geo_against_office_id: geo?.againstOfficeId ?? null,
    geo_share: geo?.share ?? null,
    geo_tolerance: geo?.tolerance ?? null,
  }
}

export function readOffices(db: Database): Office[] {
  return readTable(db, 'offices', office, (row: OfficeRow) => ({
    id: row.id,
    name: row.name,
    city: row.city,
    country: row.country,
    region: row.region,
    usState: row.us_state,
    currency: row.currency,
    benefitPackageId: row.benefit_package_id,
    deskCapacity: row.desk_capacity,
    deskCostPerYear: moneyText(row.desk_cost_per_year_minor),
    attendance: {
      minimumShare: row.attendance_minimum_share,
      expectedShare: row.attendance_expected_share,
      peakFactor: row.attendance_peak_factor,
      rule: row.attendance_rule,
      workingDaysPerMonth: row.working_days_per_month,
      lunchPerDay: moneyText(row.lunch_per_day_minor),
      commutingStipendPerMonth: moneyText(row.commuting_stipend_per_month_minor),
    },
    geoDifferential:
      row.geo_against_office_id === null
        ? null
        : {
            againstOfficeId: row.geo_against_office_id,
            share: row.geo_share,
            tolerance: row.geo_tolerance,
          },
  }))
}

interface JobFamilyRow {
  id: string
  name: string
  track: string
  time_to_fill_days: number
}

export function insertJobFamily(db: Database, f: JobFamily, sortOrder: number): void {
  const e = z.encode(jobFamily, f)
  insert(db, 'job_families', {
    id: e.id,
    name: e.name,
    track: e.track,
    time_to_fill_days: e.timeToFillDays,
    sort_order: sortOrder,
  })
}

export function readJobFamilies(db: Database): JobFamily[] {
  return readTable(db, 'job_families', jobFamily, (row: JobFamilyRow) => ({
    id: row.id,
    name: row.name,
    track: row.track,
    timeToFillDays: row.time_to_fill_days,
  }))
}

interface LevelRow {
  id: string
  code: string
  name: string
  rank: number
  bonus_target_rate: string | null
  new_hire_equity_minor: number | null
}

export function insertLevel(db: Database, l: Level, sortOrder: number): void {
  const { bonusTargetRate, newHireEquityUsd, ...e } = z.encode(level, l)
  insert(db, 'levels', {
    ...e,
    bonus_target_rate: bonusTargetRate ?? null,
    new_hire_equity_minor: minorOrNull(newHireEquityUsd),
    sort_order: sortOrder,
  })
}

export function readLevels(db: Database): Level[] {
  return readTable(db, 'levels', level, (row: LevelRow) => ({
    id: row.id,
    code: row.code,
    name: row.name,
    rank: row.rank,
    bonusTargetRate: row.bonus_target_rate,
    newHireEquityUsd: moneyTextOrNull(row.new_hire_equity_minor),
  }))
}

interface SalaryBandRow {
  id: string
  family_id: string
  level_id: string
  office_id: string
  currency: string
  min_minor: number
  mid_minor: number
  max_minor: number
  effective_from: string
  source: string | null
}

export function insertSalaryBand(db: Database, b: SalaryBand, sortOrder: number): void {
  const e = z.encode(salaryBand, b)
  insert(db, 'salary_bands', {
    id: e.id,
    family_id: e.familyId,
    level_id: e.levelId,
    office_id: e.officeId,
    currency: e.currency,
    min_minor: minorOf(e.min),
    mid_minor: minorOf(e.mid),
    max_minor: minorOf(e.max),
    effective_from: e.effectiveFrom,
    source: e.source ?? null,
    sort_order: sortOrder,
  })
}

export function readSalaryBands(db: Database): SalaryBand[] {
  return readTable(db, 'salary_bands', salaryBand, (row: SalaryBandRow) => ({
    id: row.id,
    familyId: row.family_id,
    levelId: row.level_id,
    officeId: row.office_id,
    currency: row.currency,
    min: moneyText(row.min_minor),
    mid: moneyText(row.mid_minor),
    max: moneyText(row.max_minor),
    effectiveFrom: row.effective_from,
    ...optionalText('source', row.source),
  }))
}

interface FxRateSetRow {
  id: string
  name: string
  source: string | null
}

export function insertFxRateSet(db: Database, s: FxRateSet, sortOrder: number): void {
  const e = z.encode(fxRateSet, s)
  insert(db, 'fx_rate_sets', {
    id: e.id,
    name: e.name,
    source: e.source ?? null,
    sort_order: sortOrder,
  })
  insertFxRates(db, s)
}

/** A rate set's budget and monthly rates (its own row is written apart). */
export function insertFxRates(db: Database, s: FxRateSet): void {
  const e = z.encode(fxRateSet, s)
  e.budgetRates.forEach((r, i) => {
    insert(db, 'fx_budget_rates', {
      fx_rate_set_id: e.id,
      fiscal_year: r.fiscalYear,
      usd_per_gbp: r.usdPerGbp,
      sort_order: i,
    })
  })
  e.monthlyRates?.forEach((r, i) => {
    insert(db, 'fx_monthly_rates', {
      fx_rate_set_id: e.id,
      month: r.month,
      usd_per_gbp: r.usdPerGbp,
      sort_order: i,
    })
  })
}

export function readFxRateSets(db: Database): FxRateSet[] {
  return allRows<FxRateSetRow>(db, 'fx_rate_sets').map((row) => {
    const rates = <Row>(table: string) =>
      allRowsWhere<Row>(db, table, 'fx_rate_set_id = ?', [row.id])
    return decodeRow(
      fxRateSet,
      {
        id: row.id,
        name: row.name,
        budgetRates: rates<{ fiscal_year: number; usd_per_gbp: string }>('fx_budget_rates').map(
          (r) => ({ fiscalYear: r.fiscal_year, usdPerGbp: r.usd_per_gbp }),
        ),
        monthlyRates: rates<{ month: string; usd_per_gbp: string }>('fx_monthly_rates').map(
          (r) => ({ month: r.month, usdPerGbp: r.usd_per_gbp }),
        ),
        ...optionalText('source', row.source),
      },
      `fx_rate_sets ${row.id}`,
    )
  })
}
