/**
 * Each plan's sponsorship of a role (visa length, optional fees) as the roleSponsorship codec's
 * text, with its own version. The projection costs sponsorship from it, so a write bumps the store
 * revision like a workspace table and cached projections reload.
 */
import type { Database } from '../open.ts'

const NOW = `(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`

export const id = 6
export const name = 'role_sponsorship'

export function up(db: Database): void {
  db.exec(`
-- no foreign key to plans or positions, as plan_hiring_settings: an import replaces them
CREATE TABLE role_sponsorship (
  plan_id TEXT NOT NULL,
  role_id TEXT NOT NULL,
  body TEXT NOT NULL CHECK (json_valid(body)),
  version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
  updated_at TEXT NOT NULL DEFAULT ${NOW},
  PRIMARY KEY (plan_id, role_id)
);
${(['INSERT', 'UPDATE', 'DELETE'] as const)
  .map(
    (event) => `
CREATE TRIGGER role_sponsorship_${event.toLowerCase()}_bumps_revision
AFTER ${event} ON role_sponsorship
BEGIN
  UPDATE store_revision SET revision = revision + 1;
END;`,
  )
  .join('\n')}
`)
}
