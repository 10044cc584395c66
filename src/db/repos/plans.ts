/** Plans (with their assumptions) and scenarios; a plan's positions live in positions.ts. */
import * as z from 'zod'
import { minorOf } from '../../domain/exact.ts'
import {
  type ActualYtd,
  type Assumptions,
  actualYtd,
  assumptions,
  type HiringCostRule,
  hiringCostRule,
  type Plan,
  plan,
  type Scenario,
  scenario,
} from '../../domain/model.ts'
import { fromMinor } from '../../domain/money.ts'
import { atOnce, type Steps } from '../../domain/steps.ts'
import type { Database } from '../open.ts'
import { insertPosition, listPositionsSteps } from './positions.ts'
import { allRows, decodeRow, insert, minorOrNull, moneyTextOrNull } from './rows.ts'

/** A plan's assumption columns. */
export interface AssumptionColumns {
  merit_rate: string
  merit_month: number
  merit_eligibility_months: number
  annual_attrition_rate: string
  backfill_leavers: number
  bonus_accrual: string
  equity_expense_method: string
  share_price_usd_minor: number | null
}

interface PlanRow extends AssumptionColumns {
  id: string
  name: string
  start_month: string
  horizon_months: number
  reporting_currency: string
  fx_rate_set_id: string
}

export function assumptionColumns(a: Assumptions): AssumptionColumns {
  const e = z.encode(assumptions, a)
  return {
    merit_rate: e.meritRate,
    merit_month: e.meritMonth,
    merit_eligibility_months: e.meritEligibilityMonths ?? 6,
    annual_attrition_rate: e.annualAttritionRate,
    backfill_leavers: e.backfillLeavers ? 1 : 0,
    bonus_accrual: e.bonusAccrual,
    equity_expense_method: e.equityExpenseMethod,
    share_price_usd_minor: minorOrNull(e.sharePriceUsd),
  }
}

/** The assumptions' text form (decoded by the caller's codec). */
export function assumptionsText(row: AssumptionColumns): z.input<typeof assumptions> {
  return {
    meritRate: row.merit_rate,
    meritMonth: row.merit_month,
    meritEligibilityMonths: row.merit_eligibility_months,
    annualAttritionRate: row.annual_attrition_rate,
    backfillLeavers: row.backfill_leavers === 1,
    bonusAccrual: row.bonus_accrual as 'paid' | 'monthly',
    equityExpenseMethod: row.equity_expense_method as 'straight_line' | 'graded',
    sharePriceUsd: moneyTextOrNull(row.share_price_usd_minor),
  }
}

/** Inserts a plan with all its positions. */
export function insertPlan(db: Database, p: Plan, sortOrder: number): void {
  const e = z.encode(plan, p)
  insert(db, 'plans', {
    id: e.id,
    name: e.name,
    start_month: e.startMonth,
    horizon_months: e.horizonMonths,
    reporting_currency: e.reportingCurrency,
    fx_rate_set_id: e.fxRateSetId,
    ...assumptionColumns(p.assumptions),
    sort_order: sortOrder,
  })
  p.positions.forEach((position, i) => {
    insertPosition(db, p.id, position, i)
  })
  replaceActualYtd(db, p.id, p.actualYtd)
  replaceHiringCostPolicy(db, p.id, p.hiringCostPolicy)
}

interface HiringCostRuleRow {
  family_id: string | null
  level_id: string | null
  office_id: string | null
  agency_share: string
  agency_fee: string
  relocation_minor: number
  visa: string
}

/** Replaces a plan's hiring-cost policy (its rules in order). */
export function replaceHiringCostPolicy(
  db: Database,
  planId: string,
  rules: readonly HiringCostRule[],
): void {
  db.prepare('DELETE FROM plan_hiring_cost_rules WHERE plan_id = ?').run(planId)
  rules.forEach((rule, i) => {
    const e = z.encode(hiringCostRule, rule)
    insert(db, 'plan_hiring_cost_rules', {
      plan_id: planId,
      sort_order: i,
      family_id: e.familyId ?? null,
      level_id: e.levelId ?? null,
      office_id: e.officeId ?? null,
      agency_share: e.agencyShare,
      agency_fee: e.agencyFee,
      relocation_minor: minorOf(rule.relocation),
      visa: e.visa ?? 'none',
    })
  })
}

export function readHiringCostPolicy(db: Database, planId: string): HiringCostRule[] {
  const rows = db
    .prepare(
      'SELECT family_id, level_id, office_id, agency_share, agency_fee, relocation_minor, visa FROM plan_hiring_cost_rules WHERE plan_id = ? ORDER BY sort_order',
    )
    .all(planId) as HiringCostRuleRow[]
  return rows.map((r, i) =>
    decodeRow(
      hiringCostRule,
      {
        familyId: r.family_id,
        levelId: r.level_id,
        officeId: r.office_id,
        agencyShare: r.agency_share,
        agencyFee: r.agency_fee,
        relocation: fromMinor(r.relocation_minor).toFixed(2),
        visa: r.visa,
      },
      `plan_hiring_cost_rules ${planId} ${i}`,
    ),
  )
}

interface ActualYtdRow {
  position_id: string
  year: number
  wages_minor: number
  eligible_minor: number
  pension_minor: number
  as_at: string
}

/** Replaces a plan's imported actual year-to-date figures. */
export function replaceActualYtd(db: Database, planId: string, rows: readonly ActualYtd[]): void {
  db.prepare('DELETE FROM actual_ytd WHERE plan_id = ?').run(planId)
  atOnce(saveActualYtdSteps(db, planId, rows))
}

/**
 * Year-to-date figures replacing those stored for the same position and year, the others kept;
 * in steps (a year of 50,000 people).
 */
export function* saveActualYtdSteps(
  db: Database,
  planId: string,
  rows: readonly ActualYtd[],
): Steps<void> {
  const upsert = db.prepare(
    `INSERT INTO actual_ytd (plan_id, position_id, year, wages_minor, eligible_minor, pension_minor, as_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (plan_id, position_id, year) DO UPDATE SET wages_minor = excluded.wages_minor,
       eligible_minor = excluded.eligible_minor, pension_minor = excluded.pension_minor,
       as_at = excluded.as_at`,
  )
  for (const [n, a] of rows.entries()) {
    upsert.run(
      planId,
      a.positionId,
      a.year,
      minorOf(a.wages),
      minorOf(a.k401EligiblePay),
      minorOf(a.pension),
      a.asAt,
    )
    if (n % YTD_PER_STEP === YTD_PER_STEP - 1) yield
  }
}

const YTD_PER_STEP = 500

export function readActualYtd(db: Database, planId: string): ActualYtd[] {
  const rows = db
    .prepare(
      'SELECT position_id, year, wages_minor, eligible_minor, pension_minor, as_at FROM actual_ytd WHERE plan_id = ? ORDER BY position_id, year',
    )
    .all(planId) as ActualYtdRow[]
  return rows.map((r) =>
    decodeRow(
      actualYtd,
      {
        positionId: r.position_id,
        year: r.year,
        wages: fromMinor(r.wages_minor).toFixed(2),
        k401EligiblePay: fromMinor(r.eligible_minor).toFixed(2),
        pension: fromMinor(r.pension_minor).toFixed(2),
        asAt: r.as_at,
      },
      `actual_ytd ${planId} ${r.position_id} ${r.year}`,
    ),
  )
}

/** Every plan with its positions, these read in steps (listPositionsSteps). */
export function* readPlansSteps(db: Database): Steps<Plan[]> {
  const plans: Plan[] = []
  for (const row of allRows<PlanRow>(db, 'plans')) {
    const positions = (yield* listPositionsSteps(db, row.id)).map((stored) => stored.position)
    const decoded = decodeRow(
      plan,
      {
        id: row.id,
        name: row.name,
        startMonth: row.start_month,
        horizonMonths: row.horizon_months,
        reportingCurrency: row.reporting_currency,
        fxRateSetId: row.fx_rate_set_id,
        assumptions: assumptionsText(row),
        positions: [],
        actualYtd: [],
        hiringCostPolicy: [],
      },
      `plans ${row.id}`,
    )
    // positions were decoded one by one by the positions repository
    plans.push({
      ...decoded,
      positions,
      actualYtd: readActualYtd(db, row.id),
      hiringCostPolicy: readHiringCostPolicy(db, row.id),
    })
  }
  return plans
}

/** The first plan's id (the one the home page shows), or null when there are no plans. */
export function firstPlanId(db: Database): string | null {
  const [row] = allRows<{ id: string }>(db, 'plans')
  return row?.id ?? null
}

export interface ScenarioRow {
  id: string
  plan_id: string
  name: string
  fx_rate_set_id: string | null
  assumptions_json: string
  changes_json: string
  version: number
}

export function insertScenario(db: Database, s: Scenario, sortOrder: number): void {
  insert(db, 'scenarios', { ...scenarioColumns(s), sort_order: sortOrder })
}

/** A scenario's stored columns (all but its record fields), in the document's text form. */
export function scenarioColumns(s: Scenario) {
  const e = z.encode(scenario, s)
  return {
    id: e.id,
    plan_id: e.planId,
    name: e.name,
    fx_rate_set_id: e.fxRateSetId ?? null,
    assumptions_json: JSON.stringify(e.assumptions ?? {}),
    changes_json: JSON.stringify(e.changes ?? []),
  }
}

export function decodeScenarioRow(row: ScenarioRow): Scenario {
  return decodeRow(
    scenario,
    {
      id: row.id,
      planId: row.plan_id,
      name: row.name,
      fxRateSetId: row.fx_rate_set_id,
      assumptions: JSON.parse(row.assumptions_json),
      changes: JSON.parse(row.changes_json),
    },
    `scenarios ${row.id}`,
  )
}

export function readScenarios(db: Database): Scenario[] {
  return allRows<ScenarioRow>(db, 'scenarios').map(decodeScenarioRow)
}
