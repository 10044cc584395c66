/** The Data page: export the workspace (admin, leadership) and import one (admin). */
import { Hono } from 'hono'
import { Data } from '../../../views/pages/Data.tsx'
import type { AppDeps } from '../app.ts'
import { filePieces, formBody } from '../auth/forms.ts'
import type { Viewer } from '../auth/viewer.ts'
import { inBackground } from '../http/turns.ts'
import { importWorkspaceSteps } from '../services/workspace-documents.ts'

const access = (viewer: Viewer) => ({
  canExport: viewer.role === 'admin' || viewer.role === 'leadership',
  canImport: viewer.role === 'admin',
})

export function dataRoutes(deps: AppDeps) {
  const { db, clock } = deps
  return new Hono()
    .get('/data', (c) =>
      c.render(<Data {...access(c.get('viewer'))} />, { title: 'Plan documents' }),
    )
    .post('/data/import', async (c) => {
      const viewer = c.get('viewer')
      const document = await filePieces((await formBody(c)).file)
      const by = { userId: viewer.userId, now: clock() }
      const result = await inBackground(importWorkspaceSteps(db, document, by))
      if (!result.ok) {
        c.status(result.moved ? 409 : 422)
        return c.render(<Data {...access(viewer)} problems={result.problems} />, {
          title: 'Plan documents',
        })
      }
      return c.render(<Data {...access(viewer)} imported={result} />, { title: 'Plan documents' })
    })
}
