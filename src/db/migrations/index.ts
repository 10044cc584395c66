/**
 * Every migration the code knows, in order. Each module exports `id`, `name` and `up(db)`. Add new
 * ones at the end with the next id; never edit or remove a released one.
 */
import type { Database } from '../open.ts'
import * as m0001 from './0001_init.ts'
import * as m0002 from './0002_accounts.ts'
import * as m0003 from './0003_store_revision.ts'
import * as m0004 from './0004_hiring.ts'
import * as m0005 from './0005_proposals.ts'
import * as m0006 from './0006_role_sponsorship.ts'
import * as m0007 from './0007_time_to_fill_version.ts'
import * as m0008 from './0008_end_tokens_of_disabled_users.ts'
import * as m0011 from './0011_numbers.ts'
import * as m0014 from './0014_team_budgets.ts'
import * as m0015 from './0015_proposal_before.ts'
import * as m0022 from './0022_sso_sign_ins.ts'
import * as m0023 from './0023_sso_identities.ts'
import * as m0024 from './0024_session_method.ts'
import * as m0027 from './0027_actuals.ts'
import * as m0028 from './0028_proposal_reason.ts'
import * as m0030 from './0030_days_to_open.ts'
import * as m0035 from './0035_hiring_cost_policy.ts'
import * as m0038 from './0038_geo_differential.ts'
import * as m0039 from './0039_level_pay_defaults.ts'
import * as m0045 from './0045_employee_links_revision.ts'
import * as m0046 from './0046_positions_in_order.ts'
import * as m0047 from './0047_payroll_in_order.ts'

export interface Migration {
  id: number
  name: string
  up(db: Database): void
}

export const MIGRATIONS: readonly Migration[] = [
  m0001,
  m0002,
  m0003,
  m0004,
  m0005,
  m0006,
  m0007,
  m0008,
  m0011,
  m0014,
  m0015,
  m0022,
  m0023,
  m0024,
  m0027,
  m0028,
  m0030,
  m0035,
  m0038,
  m0039,
  m0045,
  m0046,
  m0047,
]
