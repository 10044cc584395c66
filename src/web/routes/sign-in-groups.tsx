/**
 * The single sign-on group mapping (admins only, by the policy table): which provider group gives
 * which role and, for managers, which teams. Changes apply at each person's next sign-in and are
 * in the audit trail. Bad input re-renders the page 422 with the field errors, storing nothing.
 */
import { type Context, Hono } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import * as z from 'zod'
import { SignInGroups, type SignInGroupsProps } from '../../../views/pages/SignInGroups.tsx'
import { recordAudit } from '../../db/repos/audit.ts'
import { deleteGroupMapping, readGroupMappings, saveGroupMapping } from '../../db/repos/sso.ts'
import { teamChoices } from '../../db/repos/users.ts'
import { groupMapping, mappingProblems } from '../../domain/group-mapping.ts'
import type { AppDeps } from '../app.ts'
import { fieldErrors, formBody, listOf } from '../auth/forms.ts'

const removal = z.object({ group: z.string().max(256) })

export function groupMappingRoutes(deps: AppDeps) {
  const { db, clock, config } = deps

  function page(
    c: Context,
    props: Partial<SignInGroupsProps> = {},
    status: ContentfulStatusCode = 200,
  ) {
    c.status(status)
    return c.render(
      <SignInGroups
        mappings={readGroupMappings(db)}
        teams={teamChoices(db)}
        ssoOn={config.auth.sso !== undefined}
        groupsClaim={config.auth.sso?.groupsClaim ?? 'groups'}
        {...props}
      />,
      { title: 'Sign-in groups' },
    )
  }

  function audit(c: Context, action: string, group: string, after?: unknown) {
    recordAudit(
      db,
      {
        userId: c.get('viewer').userId,
        action,
        entityType: 'sign_in_group',
        entityId: group,
        ...(after !== undefined && { after }),
      },
      clock(),
    )
  }

  return new Hono()
    .get('/sign-in-groups', (c) => page(c))
    .post('/sign-in-groups', async (c) => {
      const body = await formBody(c)
      const input = { ...body, teams: listOf(body.teams) }
      const values = {
        group: typeof body.group === 'string' ? body.group : '',
        role: typeof body.role === 'string' ? body.role : '',
        teams: input.teams.filter((t): t is string => typeof t === 'string'),
      }
      const parsed = groupMapping.safeParse(input)
      const problem = parsed.success
        ? mappingProblems(parsed.data, new Set(teamChoices(db).map((t) => t.id)))
        : null
      if (!parsed.success || problem) {
        const errors = parsed.success
          ? { [problem!.field]: problem!.message }
          : fieldErrors(parsed.error)
        return page(c, { values, errors }, 422)
      }
      db.transaction(() => {
        saveGroupMapping(db, parsed.data)
        audit(c, 'sign_in_group.save', parsed.data.group, parsed.data)
      })()
      const text = `Saved ${parsed.data.group}: it applies at each member's next sign-in.`
      return page(c, { message: { kind: 'success', text } })
    })
    .post('/sign-in-groups/delete', async (c) => {
      const parsed = removal.safeParse(await formBody(c))
      if (!parsed.success) {
        return page(c, { message: { kind: 'error', text: 'Choose a group to remove.' } }, 422)
      }
      const removed = db.transaction(() => {
        const done = deleteGroupMapping(db, parsed.data.group)
        if (done) audit(c, 'sign_in_group.remove', parsed.data.group)
        return done
      })()
      if (!removed) return c.notFound()
      const text = `Removed ${parsed.data.group}: its members lose what it gave at their next sign-in.`
      return page(c, { message: { kind: 'success', text } })
    })
}
