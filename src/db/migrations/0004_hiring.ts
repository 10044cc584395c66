/**
 * Hiring capacity: interviewer pools and interview loops (each one record, its text form as the
 * codec in src/domain/hiring/schema.ts writes it, with its own version), the time-to-fill and
 * notice-period tables, each plan's hiring settings (recruiter load limit, job-ad policy), and the
 * kept history of posted job-ad ranges. Pools, loops and the tables are seeded from
 * data/hiring/defaults.json when empty. These are not workspace-document tables: they do not bump
 * the store revision, and an import leaves them alone.
 */
import type { Database } from '../open.ts'

const NOW = `(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`

export const id = 4
export const name = 'hiring'

export function up(db: Database): void {
  db.exec(`
CREATE TABLE interviewer_pools (
  id TEXT PRIMARY KEY,
  body TEXT NOT NULL CHECK (json_valid(body)),
  sort_order INTEGER NOT NULL,
  version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
  updated_at TEXT NOT NULL DEFAULT ${NOW}
);

CREATE TABLE interview_loops (
  id TEXT PRIMARY KEY,
  body TEXT NOT NULL CHECK (json_valid(body)),
  sort_order INTEGER NOT NULL,
  version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
  updated_at TEXT NOT NULL DEFAULT ${NOW}
);

-- one row per (family, level); level '' stands for every level of the family without its own
CREATE TABLE hiring_time_to_fill (
  family_id TEXT NOT NULL,
  level_id TEXT NOT NULL,
  body TEXT NOT NULL CHECK (json_valid(body)),
  sort_order INTEGER NOT NULL,
  PRIMARY KEY (family_id, level_id)
);

CREATE TABLE hiring_notice_periods (
  country TEXT PRIMARY KEY CHECK (country IN ('GB', 'US')),
  body TEXT NOT NULL CHECK (json_valid(body)),
  sort_order INTEGER NOT NULL
);

-- no foreign key to plans: an import replaces every plan, and settings for a plan that no longer
-- exists are simply never read
CREATE TABLE plan_hiring_settings (
  plan_id TEXT PRIMARY KEY,
  recruiter_pool_id TEXT NOT NULL,
  max_open_roles_per_recruiter INTEGER NOT NULL CHECK (max_open_roles_per_recruiter >= 1),
  job_ad_min_share TEXT NOT NULL,
  job_ad_max_share TEXT NOT NULL,
  job_ad_round_to TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
  updated_at TEXT NOT NULL DEFAULT ${NOW}
);

-- what was posted for which role and when (NY and CA require records): append only
CREATE TABLE job_ad_postings (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  plan_id TEXT NOT NULL,
  role_id TEXT NOT NULL,
  location TEXT NOT NULL,
  min_minor INTEGER NOT NULL,
  max_minor INTEGER NOT NULL CHECK (max_minor > min_minor),
  currency TEXT NOT NULL CHECK (currency IN ('GBP', 'USD')),
  posted_on TEXT NOT NULL,
  text TEXT NOT NULL,
  posted_by TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX job_ad_postings_role ON job_ad_postings (plan_id, role_id, id);
`)
}
