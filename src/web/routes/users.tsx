/**
 * Account administration (admins only, by the policy table): list, add, change role and teams,
 * disable or enable, reset a password. Bad input re-renders the page 422 with the field errors and
 * the input, storing nothing. An admin cannot change their own role or status here, so the last
 * admin cannot lock everyone out by accident.
 */
import { type Context, Hono } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import * as z from 'zod'
import { Users, type UsersProps } from '../../../views/pages/Users.tsx'
import { recordAudit } from '../../db/repos/audit.ts'
import {
  changeRole,
  getUser,
  listUsers,
  ROLES,
  setDisabled,
  teamChoices,
} from '../../db/repos/users.ts'
import type { AppDeps } from '../app.ts'
import {
  accountProblems,
  auditView,
  createAccount,
  newUserInput,
  resetPassword,
} from '../auth/accounts.ts'
import { fieldErrors, formBody, listOf } from '../auth/forms.ts'

const roleForm = z.object({
  role: z.enum(ROLES, `Choose one of ${ROLES.join(', ')}`),
  teams: z.array(z.string().max(200)).max(500).default([]),
})

export function userRoutes(deps: AppDeps) {
  const { db, clock } = deps

  function page(c: Context, props: Partial<UsersProps> = {}, status: ContentfulStatusCode = 200) {
    c.status(status)
    return c.render(
      <Users
        users={listUsers(db)}
        teams={teamChoices(db)}
        selfId={c.get('viewer').userId}
        {...props}
      />,
      { title: 'Users' },
    )
  }

  /** The account named in the path, unless it is missing or the admin's own. */
  function otherUser(c: Context) {
    const user = getUser(db, c.req.param('id') ?? '')
    return user && user.id !== c.get('viewer').userId ? user : null
  }

  return new Hono()
    .get('/users', (c) => page(c))
    .post('/users', async (c) => {
      const body = await formBody(c)
      const input = { ...body, teams: listOf(body.teams) }
      const values = {
        name: typeof body.name === 'string' ? body.name : '',
        email: typeof body.email === 'string' ? body.email : '',
        role: typeof body.role === 'string' ? body.role : '',
        teams: input.teams.filter((t): t is string => typeof t === 'string'),
      }
      const parsed = newUserInput.safeParse(input)
      const errors = parsed.success ? accountProblems(db, parsed.data) : fieldErrors(parsed.error)
      if (!parsed.success || Object.keys(errors).length > 0) return page(c, { values, errors }, 422)
      const { user, password } = await createAccount(db, parsed.data, {
        userId: c.get('viewer').userId,
        now: clock(),
      })
      return page(c, { password: { email: user.email, value: password } }, 201)
    })
    .post('/users/:id/role', async (c) => {
      const user = otherUser(c)
      if (!user) return c.notFound()
      const body = await formBody(c)
      const parsed = roleForm.safeParse({ ...body, teams: listOf(body.teams) })
      const errors = parsed.success ? accountProblems(db, parsed.data) : fieldErrors(parsed.error)
      if (!parsed.success || Object.keys(errors).length > 0) {
        const message = `${user.name}: ${Object.values(errors).join('; ')}`
        return page(c, { message, messageField: Object.keys(errors)[0] ?? 'role' }, 422)
      }
      const now = clock()
      db.transaction(() => {
        changeRole(db, user.id, parsed.data.role, parsed.data.teams, now)
        recordAudit(
          db,
          {
            userId: c.get('viewer').userId,
            action: 'user.role',
            entityType: 'user',
            entityId: user.id,
            before: auditView(user),
            after: auditView(getUser(db, user.id)!),
          },
          now,
        )
      })()
      return c.redirect('/users', 303)
    })
    .post('/users/:id/:change{disable|enable}', (c) => {
      const user = otherUser(c)
      if (!user) return c.notFound()
      const disable = c.req.param('change') === 'disable'
      const now = clock()
      db.transaction(() => {
        setDisabled(db, user.id, disable, now)
        recordAudit(
          db,
          {
            userId: c.get('viewer').userId,
            action: disable ? 'user.disable' : 'user.enable',
            entityType: 'user',
            entityId: user.id,
            before: auditView(user),
            after: auditView(getUser(db, user.id)!),
          },
          now,
        )
      })()
      return c.redirect('/users', 303)
    })
    .post('/users/:id/password', async (c) => {
      const user = otherUser(c)
      if (!user) return c.notFound()
      const password = await resetPassword(db, user.id, {
        userId: c.get('viewer').userId,
        now: clock(),
      })
      if (password === null) return c.notFound()
      return page(c, { password: { email: user.email, value: password } })
    })
}
