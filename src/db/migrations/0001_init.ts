/**
 * The first schema: one organisation per installation, its reference data, plans, positions and
 * scenarios. Money is INTEGER minor units (pence/cents); rates and factors are TEXT decimal strings
 * so they stay exact; dates are ISO TEXT. Every editable record carries `version` (optimistic
 * concurrency) and created/updated timestamps; `sort_order` keeps the order of the document the
 * records came from. Deletes: records owned by another (a plan's positions, a set's rates) CASCADE;
 * a record still referenced elsewhere (a team with positions) is refused with NO ACTION, which is
 * RESTRICT checked at the end of the statement, or at commit under `defer_foreign_keys`, so a
 * whole workspace can be replaced in one transaction.
 */
import type { Database } from '../open.ts'

const NOW = "(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))"
/** Columns every editable record has. Frozen with this migration: later ones add their own. */
const RECORD = `
  sort_order INTEGER NOT NULL DEFAULT 0,
  version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at TEXT NOT NULL DEFAULT ${NOW},
  updated_at TEXT NOT NULL DEFAULT ${NOW}`

const SCHEMA = `
CREATE TABLE organisation (
  id TEXT PRIMARY KEY,
  -- one organisation per installation
  singleton INTEGER NOT NULL DEFAULT 1 UNIQUE CHECK (singleton = 1),
  name TEXT NOT NULL,
  fiscal_year_start_month INTEGER NOT NULL CHECK (fiscal_year_start_month BETWEEN 1 AND 12),
  ${RECORD}
);

CREATE TABLE departments (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  ${RECORD}
);

CREATE TABLE teams (
  id TEXT PRIMARY KEY,
  department_id TEXT NOT NULL REFERENCES departments (id) ON DELETE NO ACTION,
  parent_team_id TEXT REFERENCES teams (id) ON DELETE NO ACTION,
  name TEXT NOT NULL,
  manager_name TEXT,
  tech_lead_name TEXT,
  ${RECORD},
  CHECK (parent_team_id IS NULL OR parent_team_id <> id)
);
CREATE INDEX teams_department ON teams (department_id);
CREATE INDEX teams_parent ON teams (parent_team_id);

CREATE TABLE benefit_packages (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  region TEXT NOT NULL CHECK (region IN ('UK', 'US')),
  currency TEXT NOT NULL CHECK (currency IN ('GBP', 'USD')),
  -- nested parts of the package, in the document's text form, checked by zod on read
  retirement_json TEXT NOT NULL,
  bonus_payment_months_json TEXT NOT NULL,
  parental_leave_json TEXT NOT NULL,
  items_json TEXT NOT NULL,
  source TEXT,
  ${RECORD}
);

CREATE TABLE offices (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  city TEXT NOT NULL,
  country TEXT NOT NULL CHECK (country IN ('GB', 'US')),
  region TEXT NOT NULL CHECK (region IN ('UK', 'US')),
  us_state TEXT,
  currency TEXT NOT NULL CHECK (currency IN ('GBP', 'USD')),
  benefit_package_id TEXT NOT NULL REFERENCES benefit_packages (id) ON DELETE NO ACTION,
  desk_capacity INTEGER NOT NULL CHECK (desk_capacity >= 0),
  desk_cost_per_year_minor INTEGER NOT NULL CHECK (desk_cost_per_year_minor >= 0),
  attendance_minimum_share TEXT NOT NULL,
  attendance_expected_share TEXT NOT NULL,
  attendance_peak_factor TEXT NOT NULL,
  attendance_rule TEXT NOT NULL,
  working_days_per_month TEXT NOT NULL,
  lunch_per_day_minor INTEGER NOT NULL CHECK (lunch_per_day_minor >= 0),
  commuting_stipend_per_month_minor INTEGER NOT NULL CHECK (commuting_stipend_per_month_minor >= 0),
  ${RECORD}
);
CREATE INDEX offices_benefit_package ON offices (benefit_package_id);

CREATE TABLE job_families (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  track TEXT NOT NULL CHECK (track IN ('individual_contributor', 'manager')),
  time_to_fill_days INTEGER NOT NULL CHECK (time_to_fill_days >= 0),
  ${RECORD}
);

CREATE TABLE levels (
  id TEXT PRIMARY KEY,
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  rank INTEGER NOT NULL,
  ${RECORD}
);

CREATE TABLE salary_bands (
  id TEXT PRIMARY KEY,
  -- a band only means something for its family x level x office
  family_id TEXT NOT NULL REFERENCES job_families (id) ON DELETE CASCADE,
  level_id TEXT NOT NULL REFERENCES levels (id) ON DELETE CASCADE,
  office_id TEXT NOT NULL REFERENCES offices (id) ON DELETE CASCADE,
  currency TEXT NOT NULL CHECK (currency IN ('GBP', 'USD')),
  min_minor INTEGER NOT NULL,
  mid_minor INTEGER NOT NULL,
  max_minor INTEGER NOT NULL,
  effective_from TEXT NOT NULL,
  source TEXT,
  ${RECORD},
  CHECK (0 <= min_minor AND min_minor <= mid_minor AND mid_minor <= max_minor AND min_minor < max_minor)
);
CREATE INDEX salary_bands_lookup ON salary_bands (family_id, level_id, office_id, effective_from);
CREATE INDEX salary_bands_level ON salary_bands (level_id);
CREATE INDEX salary_bands_office ON salary_bands (office_id);

CREATE TABLE fx_rate_sets (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  source TEXT,
  ${RECORD}
);

-- rates belong to their set and are edited with it (the set's version covers them)
CREATE TABLE fx_budget_rates (
  fx_rate_set_id TEXT NOT NULL REFERENCES fx_rate_sets (id) ON DELETE CASCADE,
  fiscal_year INTEGER NOT NULL,
  usd_per_gbp TEXT NOT NULL,
  sort_order INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (fx_rate_set_id, fiscal_year)
);

CREATE TABLE fx_monthly_rates (
  fx_rate_set_id TEXT NOT NULL REFERENCES fx_rate_sets (id) ON DELETE CASCADE,
  month TEXT NOT NULL,
  usd_per_gbp TEXT NOT NULL,
  sort_order INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (fx_rate_set_id, month)
);

CREATE TABLE plans (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  start_month TEXT NOT NULL,
  horizon_months INTEGER NOT NULL CHECK (horizon_months BETWEEN 1 AND 120),
  reporting_currency TEXT NOT NULL CHECK (reporting_currency IN ('GBP', 'USD')),
  fx_rate_set_id TEXT NOT NULL REFERENCES fx_rate_sets (id) ON DELETE NO ACTION,
  merit_rate TEXT NOT NULL,
  merit_month INTEGER NOT NULL CHECK (merit_month BETWEEN 1 AND 12),
  annual_attrition_rate TEXT NOT NULL,
  backfill_leavers INTEGER NOT NULL CHECK (backfill_leavers IN (0, 1)),
  bonus_accrual TEXT NOT NULL CHECK (bonus_accrual IN ('paid', 'monthly')),
  equity_expense_method TEXT NOT NULL CHECK (equity_expense_method IN ('straight_line', 'graded')),
  share_price_usd_minor INTEGER,
  ${RECORD}
);
CREATE INDEX plans_fx_rate_set ON plans (fx_rate_set_id);

-- a position belongs to one plan; ids are unique within the plan
CREATE TABLE positions (
  plan_id TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('filled', 'open')),
  team_id TEXT NOT NULL REFERENCES teams (id) ON DELETE NO ACTION,
  office_id TEXT NOT NULL REFERENCES offices (id) ON DELETE NO ACTION,
  family_id TEXT NOT NULL REFERENCES job_families (id) ON DELETE NO ACTION,
  level_id TEXT NOT NULL REFERENCES levels (id) ON DELETE NO ACTION,
  title TEXT NOT NULL,
  base_salary_minor INTEGER NOT NULL CHECK (base_salary_minor >= 0),
  bonus_target_rate TEXT NOT NULL,
  dependants INTEGER NOT NULL CHECK (dependants >= 0),
  agency_fee_rate TEXT,
  relocation_minor INTEGER NOT NULL CHECK (relocation_minor >= 0),
  visa TEXT NOT NULL CHECK (visa IN ('none', 'uk_skilled_worker', 'us_h1b')),
  -- filled positions
  person_name TEXT,
  start_date TEXT,
  end_date TEXT,
  -- open positions (requisitions); the backfilled position may be gone, so no foreign key
  status TEXT,
  reason TEXT,
  backfill_of_position_id TEXT,
  target_start_date TEXT,
  approval_date TEXT,
  ${RECORD},
  PRIMARY KEY (plan_id, id),
  CHECK (
    (kind = 'filled' AND person_name IS NOT NULL AND start_date IS NOT NULL AND status IS NULL
      AND reason IS NULL)
    OR (kind = 'open' AND status IS NOT NULL AND reason IS NOT NULL AND person_name IS NULL
      AND start_date IS NULL AND end_date IS NULL)
  )
);
CREATE INDEX positions_team ON positions (team_id);
CREATE INDEX positions_office ON positions (office_id);
CREATE INDEX positions_family ON positions (family_id);
CREATE INDEX positions_level ON positions (level_id);

-- raises and grants are edited with their position (the position's version covers them)
CREATE TABLE position_raises (
  plan_id TEXT NOT NULL,
  position_id TEXT NOT NULL,
  sort_order INTEGER NOT NULL,
  effective_date TEXT NOT NULL,
  annual_base_minor INTEGER NOT NULL CHECK (annual_base_minor >= 0),
  PRIMARY KEY (plan_id, position_id, sort_order),
  FOREIGN KEY (plan_id, position_id) REFERENCES positions (plan_id, id) ON DELETE CASCADE
);

CREATE TABLE position_equity_grants (
  plan_id TEXT NOT NULL,
  position_id TEXT NOT NULL,
  id TEXT NOT NULL,
  sort_order INTEGER NOT NULL,
  grant_date TEXT NOT NULL,
  value_usd_minor INTEGER NOT NULL CHECK (value_usd_minor >= 0),
  grant_price_usd_minor INTEGER,
  vesting_months INTEGER NOT NULL,
  cliff_months INTEGER NOT NULL,
  vest_every_months INTEGER NOT NULL CHECK (vest_every_months IN (1, 3, 6, 12)),
  PRIMARY KEY (plan_id, position_id, id),
  FOREIGN KEY (plan_id, position_id) REFERENCES positions (plan_id, id) ON DELETE CASCADE
);

CREATE TABLE scenarios (
  id TEXT PRIMARY KEY,
  plan_id TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  fx_rate_set_id TEXT REFERENCES fx_rate_sets (id) ON DELETE NO ACTION,
  -- partial assumptions and the list of changes, in the document's text form
  assumptions_json TEXT NOT NULL,
  changes_json TEXT NOT NULL,
  ${RECORD}
);
CREATE INDEX scenarios_plan ON scenarios (plan_id);
CREATE INDEX scenarios_fx_rate_set ON scenarios (fx_rate_set_id);
`

export const id = 1
export const name = 'init'

export function up(db: Database): void {
  db.exec(SCHEMA)
}
