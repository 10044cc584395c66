/**
 * Accounts and the teams a manager manages. A manager's scope is the teams assigned to them and
 * every subteam below those (teams.parent_team_id), derived on each read so a reorganisation
 * applies at once.
 */
import { randomUUID } from 'node:crypto'
import * as z from 'zod'
import { ROLES, type Role } from '../../domain/roles.ts'
import type { Database } from '../open.ts'
import { decodeRow } from './rows.ts'

export { ROLES, type Role }

export interface User {
  id: string
  email: string
  name: string
  role: Role
  disabled: boolean
  /** Teams assigned directly (managers only; subteams are implied). */
  teamIds: string[]
  version: number
}

const userRow = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  disabled_at: z.string().nullable(),
  version: z.number().int(),
})

function teamIdsOf(db: Database, userId: string): string[] {
  return db
    .prepare('SELECT team_id FROM user_teams WHERE user_id = ? ORDER BY team_id')
    .pluck()
    .all(userId) as string[]
}

function toUser(db: Database, row: unknown): User {
  const r = decodeRow(userRow, row, 'users')
  return {
    id: r.id,
    email: r.email,
    name: r.name,
    role: r.role,
    disabled: r.disabled_at !== null,
    teamIds: teamIdsOf(db, r.id),
    version: r.version,
  }
}

function setTeams(db: Database, userId: string, teamIds: readonly string[]): void {
  db.prepare('DELETE FROM user_teams WHERE user_id = ?').run(userId)
  const add = db.prepare('INSERT OR IGNORE INTO user_teams (user_id, team_id) VALUES (?, ?)')
  for (const teamId of teamIds) add.run(userId, teamId)
}

export interface NewUser {
  email: string
  name: string
  role: Role
  teamIds: readonly string[]
  passwordHash: string
}

export function createUser(db: Database, u: NewUser, now: Date): User {
  const id = randomUUID()
  const at = now.toISOString()
  db.transaction(() => {
    db.prepare(
      `INSERT INTO users (id, email, name, role, password_hash, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(id, u.email, u.name, u.role, u.passwordHash, at, at)
    setTeams(db, id, u.role === 'manager' ? u.teamIds : [])
  })()
  return getUser(db, id)!
}

export function getUser(db: Database, id: string): User | null {
  const row = db.prepare('SELECT * FROM users WHERE id = ?').get(id)
  return row === undefined ? null : toUser(db, row)
}

/** The password hash of an account that signs in only through single sign-on: none matches it. */
export const NO_PASSWORD = ''

/**
 * The user with this email (any case) and their password hash, for signing in; the hash is null
 * for an account that has no password (created by single sign-on).
 */
export function findLogin(
  db: Database,
  email: string,
): { user: User; passwordHash: string | null } | null {
  const row = db.prepare('SELECT * FROM users WHERE email = ?').get(email) as
    | { password_hash: string }
    | undefined
  if (row === undefined) return null
  const passwordHash = row.password_hash === NO_PASSWORD ? null : row.password_hash
  return { user: toUser(db, row), passwordHash }
}

export function emailTaken(db: Database, email: string): boolean {
  return db.prepare('SELECT 1 FROM users WHERE email = ?').get(email) !== undefined
}

export function listUsers(db: Database): User[] {
  return db
    .prepare('SELECT * FROM users ORDER BY name COLLATE NOCASE, email')
    .all()
    .map((row) => toUser(db, row))
}

/** Every account's name by id, in name order, without reading each account's teams. */
export function userNames(db: Database): Map<string, string> {
  const rows = db
    .prepare('SELECT id, name FROM users ORDER BY name COLLATE NOCASE, email')
    .all() as { id: string; name: string }[]
  return new Map(rows.map((r) => [r.id, r.name]))
}

export function countUsers(db: Database): number {
  return db.prepare('SELECT COUNT(*) FROM users').pluck().get() as number
}

function touch(db: Database, id: string, now: Date, set: string, params: unknown[]): boolean {
  return (
    db
      .prepare(`UPDATE users SET ${set}, version = version + 1, updated_at = ? WHERE id = ?`)
      .run(...params, now.toISOString(), id).changes === 1
  )
}

/** Changes the role; a manager's teams are replaced, anyone else's cleared. */
export function changeRole(
  db: Database,
  id: string,
  role: Role,
  teamIds: readonly string[],
  now: Date,
): boolean {
  return db.transaction(() => {
    if (!touch(db, id, now, 'role = ?', [role])) return false
    setTeams(db, id, role === 'manager' ? teamIds : [])
    return true
  })()
}

/**
 * Ends every way an account is signed in: its sessions, and its API tokens (revoked, so enabling
 * the account again does not bring them back).
 */
function endSignIns(db: Database, id: string, now: Date): void {
  db.prepare('DELETE FROM sessions WHERE user_id = ?').run(id)
  db.prepare('UPDATE api_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL').run(
    now.toISOString(),
    id,
  )
}

/** Disables (ending its sessions and tokens) or re-enables an account. */
export function setDisabled(db: Database, id: string, disabled: boolean, now: Date): boolean {
  return db.transaction(() => {
    const changed = touch(db, id, now, 'disabled_at = ?', [disabled ? now.toISOString() : null])
    if (disabled) endSignIns(db, id, now)
    return changed
  })()
}

/**
 * Sets a new password hash and ends the account's sessions and tokens, so an old sign-in (or a
 * token made by whoever knew the old password) cannot linger.
 */
export function setPasswordHash(
  db: Database,
  id: string,
  passwordHash: string,
  now: Date,
): boolean {
  return db.transaction(() => {
    const changed = touch(db, id, now, 'password_hash = ?', [passwordHash])
    endSignIns(db, id, now)
    return changed
  })()
}

/** Ids of the given teams and every team below them, however deep. */
export function teamsWithSubteams(db: Database, rootIds: readonly string[]): Set<string> {
  if (rootIds.length === 0) return new Set()
  const rows = db
    .prepare(
      `WITH RECURSIVE scope(id) AS (
         SELECT id FROM teams WHERE id IN (SELECT value FROM json_each(?))
         UNION SELECT t.id FROM teams t JOIN scope s ON t.parent_team_id = s.id
       )
       SELECT id FROM scope`,
    )
    .pluck()
    .all(JSON.stringify(rootIds)) as string[]
  return new Set(rows)
}

/** The named teams among `ids`, in name order (ids of deleted teams are skipped). */
export function teamNames(db: Database, ids: readonly string[]): { id: string; name: string }[] {
  if (ids.length === 0) return []
  return db
    .prepare(
      'SELECT id, name FROM teams WHERE id IN (SELECT value FROM json_each(?)) ORDER BY name',
    )
    .all(JSON.stringify(ids)) as { id: string; name: string }[]
}

export interface TeamChoice {
  id: string
  name: string
  parentTeamId: string | null
}

/** Every team, for choosing a manager's teams; parents before children as in the document. */
export function teamChoices(db: Database): TeamChoice[] {
  return db
    .prepare(
      'SELECT id, name, parent_team_id AS parentTeamId FROM teams ORDER BY sort_order, rowid',
    )
    .all() as TeamChoice[]
}

/**
 * Ends managers' links to teams that are not in `teamIds` (after a workspace import replaced the
 * teams) and returns them, so the import can report whose scope shrank.
 */
export function dropTeamLinksOutside(
  db: Database,
  teamIds: ReadonlySet<string>,
): { email: string; teamId: string }[] {
  const links = db
    .prepare(
      `SELECT u.email, ut.team_id AS teamId, ut.user_id AS userId FROM user_teams ut
       JOIN users u ON u.id = ut.user_id ORDER BY u.email, ut.team_id`,
    )
    .all() as { email: string; teamId: string; userId: string }[]
  const dropped = links.filter((l) => !teamIds.has(l.teamId))
  const unlink = db.prepare('DELETE FROM user_teams WHERE user_id = ? AND team_id = ?')
  for (const l of dropped) unlink.run(l.userId, l.teamId)
  return dropped.map(({ email, teamId }) => ({ email, teamId }))
}
