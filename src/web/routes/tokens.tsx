/** Each user's own API tokens: create (shown once) and revoke. Nobody sees another's tokens. */
import { Hono } from 'hono'
import * as z from 'zod'
import { Tokens } from '../../../views/pages/Tokens.tsx'
import { recordAudit } from '../../db/repos/audit.ts'
import { listTokensOf, revokeToken } from '../../db/repos/tokens.ts'
import type { AppDeps } from '../app.ts'
import { logAuthEvent } from '../auth/events.ts'
import { fieldErrors, formBody } from '../auth/forms.ts'
import { issueToken } from '../auth/tokens.ts'
import { silentLogger } from '../log.ts'

const tokenForm = z.object({
  name: z
    .string('Give the token a name')
    .trim()
    .min(1, 'Give the token a name')
    .max(100, 'At most 100 characters'),
})

export function tokenRoutes(deps: AppDeps) {
  const { db, clock } = deps
  const logger = deps.logger ?? silentLogger

  return new Hono()
    .get('/tokens', (c) =>
      c.render(<Tokens tokens={listTokensOf(db, c.get('viewer').userId)} />, {
        title: 'API tokens',
      }),
    )
    .post('/tokens', async (c) => {
      const viewer = c.get('viewer')
      const body = await formBody(c)
      const parsed = tokenForm.safeParse(body)
      if (!parsed.success) {
        c.status(422)
        return c.render(
          <Tokens
            tokens={listTokensOf(db, viewer.userId)}
            name={typeof body.name === 'string' ? body.name : ''}
            errors={fieldErrors(parsed.error)}
          />,
          { title: 'API tokens' },
        )
      }
      const now = clock()
      const { token, value } = db.transaction(() => {
        const issued = issueToken(db, viewer.userId, parsed.data.name, now)
        recordAudit(
          db,
          {
            userId: viewer.userId,
            action: 'token.create',
            entityType: 'api_token',
            entityId: issued.token.id,
            after: { name: issued.token.name },
          },
          now,
        )
        return issued
      })()
      logAuthEvent(logger, 'token_created', { userId: viewer.userId })
      c.status(201)
      return c.render(
        <Tokens tokens={listTokensOf(db, viewer.userId)} created={{ name: token.name, value }} />,
        { title: 'API tokens' },
      )
    })
    .post('/tokens/:id/revoke', (c) => {
      const viewer = c.get('viewer')
      const id = c.req.param('id')
      const now = clock()
      const revoked = db.transaction(() => {
        if (!revokeToken(db, viewer.userId, id, now)) return false
        recordAudit(
          db,
          { userId: viewer.userId, action: 'token.revoke', entityType: 'api_token', entityId: id },
          now,
        )
        return true
      })()
      // another user's token answers exactly as a missing one
      if (!revoked) return c.notFound()
      logAuthEvent(logger, 'token_revoked', { userId: viewer.userId })
      return c.redirect('/tokens', 303)
    })
}
