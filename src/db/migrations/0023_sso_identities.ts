/**
 * Single sign-on accounts and groups. An identity links the provider's subject (unique per issuer)
 * to a planner account; group mappings give a provider group a role and, for managers, teams (a
 * JSON array of team ids, with no foreign key for the same reason as user_teams: a workspace import
 * replaces every team). An account created by single sign-on has an empty password hash: no
 * password matches it.
 */
import type { Database } from '../open.ts'

export const id = 23
export const name = 'sso_identities'

export function up(db: Database): void {
  db.exec(`
CREATE TABLE sso_identities (
  issuer TEXT NOT NULL,
  subject TEXT NOT NULL,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  PRIMARY KEY (issuer, subject)
);
CREATE INDEX sso_identities_user ON sso_identities (user_id);

CREATE TABLE sso_group_mappings (
  group_name TEXT PRIMARY KEY,
  role TEXT NOT NULL CHECK (role IN ('admin', 'leadership', 'finance', 'manager', 'viewer')),
  team_ids_json TEXT NOT NULL DEFAULT '[]',
  sort_order INTEGER NOT NULL
);
`)
}
