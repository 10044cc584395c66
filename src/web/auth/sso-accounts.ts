/**
 * The planner account behind a verified single sign-on. The first sign-in creates it (or links an
 * account an admin made for the same email); every sign-in sets its role and teams from the
 * person's groups. A disabled account stays disabled, a person in no mapped group is refused, and
 * a refusal writes nothing.
 */
import type { Database } from '../../db/open.ts'
import { recordAudit } from '../../db/repos/audit.ts'
import {
  findIdentityUser,
  hasIdentity,
  linkIdentity,
  readGroupMappings,
} from '../../db/repos/sso.ts'
import {
  changeRole,
  createUser,
  findLogin,
  getUser,
  NO_PASSWORD,
  type User,
} from '../../db/repos/users.ts'
import { accessFromGroups } from '../../domain/group-mapping.ts'
import { auditView } from './accounts.ts'
import { SsoFailure, type SsoIdentity } from './sso.ts'

/** The account `identity` signs in as, created or updated; throws SsoFailure when refused. */
export function ssoAccount(
  db: Database,
  identity: SsoIdentity,
  opts: { breakGlassEmail?: string; now: Date },
): User {
  const access = accessFromGroups(identity.groups, readGroupMappings(db))
  return db.transaction(() => {
    const linked = findIdentityUser(db, identity.issuer, identity.subject)
    let user = linked === null ? linkByEmail(db, identity, opts) : getUser(db, linked)
    if (user?.disabled) throw new SsoFailure('disabled', 'account_disabled')
    if (!access) throw new SsoFailure('no_group', 'no_mapped_group')
    const by = { userId: null, now: opts.now }
    if (!user) {
      user = createUser(
        db,
        {
          email: identity.email!,
          name: identity.name ?? identity.email!,
          role: access.role,
          teamIds: access.teamIds,
          passwordHash: NO_PASSWORD,
        },
        opts.now,
      )
      linkIdentity(db, { ...identity, userId: user.id }, opts.now)
      audit(db, 'user.sso_create', user, null, access.groups, by)
    } else if (user.role !== access.role || user.teamIds.join() !== access.teamIds.join()) {
      changeRole(db, user.id, access.role, access.teamIds, opts.now)
      audit(db, 'user.sso_role', getUser(db, user.id)!, user, access.groups, by)
    }
    return getUser(db, user.id)!
  })()
}

/**
 * An account not yet linked to this identity: the one with the same email, which is then linked,
 * or null when there is none. Refuses an email the provider says is unverified, the break-glass
 * admin (it signs in only with its password, so single sign-on never changes its role) and an
 * account already linked to another identity.
 */
function linkByEmail(
  db: Database,
  identity: SsoIdentity,
  opts: { breakGlassEmail?: string; now: Date },
): User | null {
  if (!identity.email) throw new SsoFailure('no_email', 'no_email_claim')
  if (identity.email === opts.breakGlassEmail) {
    throw new SsoFailure('account_conflict', 'break_glass_account')
  }
  const existing = findLogin(db, identity.email)?.user
  if (!existing) return null
  if (identity.emailVerified === false || hasIdentity(db, existing.id)) {
    throw new SsoFailure('account_conflict', 'email_linked_elsewhere')
  }
  linkIdentity(db, { ...identity, userId: existing.id }, opts.now)
  return existing
}

function audit(
  db: Database,
  action: string,
  after: User,
  before: User | null,
  groups: string[],
  by: { userId: null; now: Date },
): void {
  recordAudit(
    db,
    {
      userId: by.userId,
      action,
      entityType: 'user',
      entityId: after.id,
      ...(before && { before: auditView(before) }),
      after: { ...auditView(after), groups },
    },
    by.now,
  )
}
