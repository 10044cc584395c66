/**
 * Single sign-on records: sign-ins in progress (each taken once), the link from a provider's
 * subject to an account, and the group mappings.
 */

import * as z from 'zod'
import type { GroupMapping } from '../../domain/group-mapping.ts'
import { ROLES } from '../../domain/roles.ts'
import type { Database } from '../open.ts'
import { decodeRow } from './rows.ts'

export interface PendingSignIn {
  nonce: string
  codeVerifier: string
  nextPath: string
  expiresAt: string
}

export function insertPendingSignIn(
  db: Database,
  stateHash: string,
  p: PendingSignIn,
  now: Date,
): void {
  db.transaction(() => {
    // abandoned sign-ins go as new ones start, so the table never grows
    db.prepare('DELETE FROM sso_sign_ins WHERE expires_at <= ?').run(now.toISOString())
    db.prepare(
      `INSERT INTO sso_sign_ins (state_hash, nonce, code_verifier, next_path, expires_at)
       VALUES (?, ?, ?, ?, ?)`,
    ).run(stateHash, p.nonce, p.codeVerifier, p.nextPath, p.expiresAt)
  })()
}

/** Removes and returns the sign-in started with this state, whether or not it has expired. */
export function takePendingSignIn(db: Database, stateHash: string): PendingSignIn | null {
  const row = db
    .prepare(
      `DELETE FROM sso_sign_ins WHERE state_hash = ?
       RETURNING nonce, code_verifier AS codeVerifier, next_path AS nextPath,
                 expires_at AS expiresAt`,
    )
    .get(stateHash) as PendingSignIn | undefined
  return row ?? null
}

export function countPendingSignIns(db: Database): number {
  return db.prepare('SELECT COUNT(*) FROM sso_sign_ins').pluck().get() as number
}

export function findIdentityUser(db: Database, issuer: string, subject: string): string | null {
  const id = db
    .prepare('SELECT user_id FROM sso_identities WHERE issuer = ? AND subject = ?')
    .pluck()
    .get(issuer, subject) as string | undefined
  return id ?? null
}

export function linkIdentity(
  db: Database,
  identity: { issuer: string; subject: string; userId: string },
  now: Date,
): void {
  db.prepare(
    'INSERT INTO sso_identities (issuer, subject, user_id, created_at) VALUES (?, ?, ?, ?)',
  ).run(identity.issuer, identity.subject, identity.userId, now.toISOString())
}

const mappingRow = z.object({
  group_name: z.string(),
  role: z.enum(ROLES),
  team_ids_json: z.string().transform((text) => z.array(z.string()).parse(JSON.parse(text))),
})

/** Every group mapping, in the order they were added. */
export function readGroupMappings(db: Database): GroupMapping[] {
  return db
    .prepare('SELECT * FROM sso_group_mappings ORDER BY sort_order, group_name')
    .all()
    .map((row) => {
      const r = decodeRow(mappingRow, row, 'sso_group_mappings')
      return { group: r.group_name, role: r.role, teams: r.team_ids_json }
    })
}

/** Adds a mapping, or replaces the one for the same group in place. */
export function saveGroupMapping(db: Database, m: GroupMapping): void {
  db.prepare(
    `INSERT INTO sso_group_mappings (group_name, role, team_ids_json, sort_order)
     VALUES (?, ?, ?, (SELECT COALESCE(MAX(sort_order), 0) + 1 FROM sso_group_mappings))
     ON CONFLICT (group_name) DO UPDATE SET role = excluded.role,
       team_ids_json = excluded.team_ids_json`,
  ).run(m.group, m.role, JSON.stringify(m.role === 'manager' ? m.teams : []))
}

export function deleteGroupMapping(db: Database, group: string): boolean {
  return db.prepare('DELETE FROM sso_group_mappings WHERE group_name = ?').run(group).changes === 1
}

/** Replaces every mapping (a workspace import that carries them). */
export function replaceGroupMappings(db: Database, mappings: readonly GroupMapping[]): void {
  db.transaction(() => {
    db.prepare('DELETE FROM sso_group_mappings').run()
    for (const m of mappings) saveGroupMapping(db, m)
  })()
}

export function hasIdentity(db: Database, userId: string): boolean {
  return db.prepare('SELECT 1 FROM sso_identities WHERE user_id = ?').get(userId) !== undefined
}
