/**
 * Accounts: users and their roles, the teams a manager manages, sessions, API tokens and the audit
 * trail. Secrets are never stored: sessions and tokens keep only the SHA-256 of their random value,
 * passwords only their scrypt hash with its parameters. Times are ISO TEXT from the app's clock.
 */
import type { Database } from '../open.ts'

const SCHEMA = `
CREATE TABLE users (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL UNIQUE COLLATE NOCASE,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'leadership', 'finance', 'manager', 'viewer')),
  -- 'scrypt$N$r$p$salt$hash', so the cost can be raised later without breaking old hashes
  password_hash TEXT NOT NULL,
  disabled_at TEXT,
  version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- no foreign key to teams: a workspace import replaces every team, and a manager's assignment to
-- a team that no longer exists simply grants nothing
CREATE TABLE user_teams (
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  team_id TEXT NOT NULL,
  PRIMARY KEY (user_id, team_id)
);

CREATE TABLE sessions (
  id_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE api_tokens (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  last_used_at TEXT,
  revoked_at TEXT
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

-- who changed what, when, with the record before and after (JSON text); never deleted
CREATE TABLE audit_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  user_id TEXT,
  action TEXT NOT NULL,
  entity_type TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  team_id TEXT,
  before_json TEXT,
  after_json TEXT
);
CREATE INDEX audit_events_entity ON audit_events (entity_type, entity_id);
CREATE INDEX audit_events_team ON audit_events (team_id);
`

export const id = 2
export const name = 'accounts'

export function up(db: Database): void {
  db.exec(SCHEMA)
}
