/**
 * Accounts at first start and from the command line. On a database without users the server
 * creates an admin (ADMIN_EMAIL / ADMIN_PASSWORD if set, else a generated password) and, over the
 * demo organisation, demo manager (Interpretability), finance and leadership accounts, and prints
 * once how to sign in. Passwords are never logged and never printed again.
 */
import { DEFAULT_ADMIN_EMAIL } from './config.ts'
import type { Database } from './db/open.ts'
import { countUsers, createUser, type Role, teamChoices } from './db/repos/users.ts'
import { createAccount, type NewUserInput } from './web/auth/accounts.ts'
import { hashPassword } from './web/auth/password.ts'

export interface FirstAccount {
  email: string
  role: Role
  /** Undefined when it came from ADMIN_PASSWORD: the operator already knows it. */
  password?: string
}

const DEMO_TEAM = 'interpretability'

/** Demo accounts; the manager is Interpretability's manager in the demo organisation. */
const DEMO_ACCOUNTS: NewUserInput[] = [
  { name: 'Helen Okafor', email: 'manager@demo.example', role: 'manager', teams: [DEMO_TEAM] },
  { name: 'Farah Qureshi', email: 'finance@demo.example', role: 'finance', teams: [] },
  { name: 'Leo Marchetti', email: 'leadership@demo.example', role: 'leadership', teams: [] },
]

/**
 * Creates the first accounts if the database has no users; returns them (empty otherwise).
 * `withDemo` adds the demo accounts when the database holds the demo organisation.
 */
export async function ensureFirstAccounts(
  db: Database,
  opts: { adminEmail?: string; adminPassword?: string; withDemo: boolean; now: Date },
): Promise<FirstAccount[]> {
  if (countUsers(db) > 0) return []
  const by = { userId: null, now: opts.now }
  const email = (opts.adminEmail ?? DEFAULT_ADMIN_EMAIL).toLowerCase()
  const created: FirstAccount[] = []
  if (opts.adminPassword !== undefined) {
    const passwordHash = await hashPassword(opts.adminPassword)
    createUser(
      db,
      { email, name: 'Administrator', role: 'admin', teamIds: [], passwordHash },
      by.now,
    )
    created.push({ email, role: 'admin' })
  } else {
    const admin = { name: 'Administrator', email, role: 'admin', teams: [] } as const
    const { password } = await createAccount(db, { ...admin, teams: [] }, by)
    created.push({ email, role: 'admin', password })
  }
  if (opts.withDemo && teamChoices(db).some((t) => t.id === DEMO_TEAM)) {
    for (const input of DEMO_ACCOUNTS) {
      const { user, password } = await createAccount(db, input, by)
      created.push({ email: user.email, role: user.role, password })
    }
  }
  return created
}

/** The one-time message telling the operator how to sign in. */
export function signInMessage(accounts: FirstAccount[], url: string): string {
  const width = Math.max(...accounts.map((a) => a.email.length))
  const lines = accounts.map(
    (a) =>
      `  ${a.role.padEnd(10)} ${a.email.padEnd(width)}  ${a.password ?? '(the ADMIN_PASSWORD you set)'}`,
  )
  return [
    '',
    `First start: sign in at ${url}/login with one of these accounts.`,
    'The passwords are shown only this once; note them now (admins can reset them on /users).',
    '',
    ...lines,
    '',
  ].join('\n')
}
