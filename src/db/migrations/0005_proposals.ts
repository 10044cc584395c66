/**
 * Proposals: a manager's new role or change to a role, held apart from the plan until leadership
 * (or finance, for pay above the band) approves it. Each holds the whole proposed position as its
 * document JSON and the version of the position it was proposed against, so approving a change
 * made to a since-edited role is refused rather than overwriting. Proposals are not workspace
 * data: they do not bump the store revision, and approving one writes the position (which does).
 */
import type { Database } from '../open.ts'

export const id = 5
export const name = 'proposals'

export function up(db: Database): void {
  db.exec(`
CREATE TABLE proposals (
  id TEXT PRIMARY KEY,
  plan_id TEXT NOT NULL,
  position_id TEXT NOT NULL,
  team_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('new_role', 'change')),
  position_json TEXT NOT NULL CHECK (json_valid(position_json)),
  base_version INTEGER,
  changed_json TEXT NOT NULL CHECK (json_valid(changed_json)),
  pay_above_band INTEGER NOT NULL CHECK (pay_above_band IN (0, 1)),
  status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'sent_back')),
  comment TEXT,
  proposed_by TEXT NOT NULL REFERENCES users (id),
  proposed_at TEXT NOT NULL,
  decided_by TEXT REFERENCES users (id),
  decided_at TEXT,
  version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1)
);
CREATE INDEX proposals_by_status ON proposals (status, plan_id);
`)
}
