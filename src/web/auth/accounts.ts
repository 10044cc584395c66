/**
 * Creating accounts and resetting passwords, shared by the users page, first start and the
 * user:add command. Passwords are always generated here and returned once to show the person who
 * will pass them on; only their hash is stored.
 */
import * as z from 'zod'
import type { Database } from '../../db/open.ts'
import { recordAudit } from '../../db/repos/audit.ts'
import {
  createUser,
  emailTaken,
  ROLES,
  setPasswordHash,
  teamChoices,
  type User,
} from '../../db/repos/users.ts'
import { generatePassword, hashPassword, type ScryptParams } from './password.ts'

export const newUserInput = z.object({
  name: z.string('Enter a name').trim().min(1, 'Enter a name').max(200, 'At most 200 characters'),
  email: z
    .string('Enter an email address')
    .trim()
    .toLowerCase()
    .pipe(z.email('Enter an email address like name@example.com').max(254)),
  role: z.enum(ROLES, `Choose one of ${ROLES.join(', ')}`),
  teams: z.array(z.string('Choose teams from the list').max(200)).max(500).default([]),
})
export type NewUserInput = z.output<typeof newUserInput>

/** Problems the schema cannot see: a taken email, unknown teams, a manager without a team. */
export function accountProblems(
  db: Database,
  input: Pick<NewUserInput, 'role' | 'teams'> & { email?: string },
): Record<string, string> {
  const problems: Record<string, string> = {}
  if (input.email !== undefined && emailTaken(db, input.email)) {
    problems.email = 'An account with this email already exists'
  }
  const known = new Set(teamChoices(db).map((t) => t.id))
  if (input.teams.some((t) => !known.has(t))) problems.teams = 'Choose teams from the list'
  else if (input.role === 'manager' && input.teams.length === 0) {
    problems.teams = 'Choose the teams this manager manages'
  } else if (input.role !== 'manager' && input.teams.length > 0) {
    problems.teams = 'Only managers are given teams'
  }
  return problems
}

/** Snapshot of an account for the audit trail: no password hash. */
export function auditView(u: User) {
  return { email: u.email, name: u.name, role: u.role, teamIds: u.teamIds, disabled: u.disabled }
}

export async function createAccount(
  db: Database,
  input: NewUserInput,
  by: { userId: string | null; now: Date },
  params?: ScryptParams,
): Promise<{ user: User; password: string }> {
  const password = generatePassword()
  const passwordHash = await hashPassword(password, params)
  const user = db.transaction(() => {
    const created = createUser(
      db,
      {
        email: input.email,
        name: input.name,
        role: input.role,
        teamIds: input.teams,
        passwordHash,
      },
      by.now,
    )
    recordAudit(
      db,
      {
        userId: by.userId,
        action: 'user.create',
        entityType: 'user',
        entityId: created.id,
        after: auditView(created),
      },
      by.now,
    )
    return created
  })()
  return { user, password }
}

/** Sets a generated password, ending the account's sessions; null if there is no such account. */
export async function resetPassword(
  db: Database,
  userId: string,
  by: { userId: string; now: Date },
): Promise<string | null> {
  const password = generatePassword()
  const passwordHash = await hashPassword(password)
  const done = db.transaction(() => {
    if (!setPasswordHash(db, userId, passwordHash, by.now)) return false
    recordAudit(
      db,
      { userId: by.userId, action: 'user.password_reset', entityType: 'user', entityId: userId },
      by.now,
    )
    return true
  })()
  return done ? password : null
}
