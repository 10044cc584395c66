/**
 * The in-process benches' app (app.request, no sockets): a database holding the HTTP bench's
 * generated workspace of `count` positions, and a signed-in admin's cookie. In memory unless given
 * a file (as the server has: the workspace is then loaded in steps on a connection of its own, and
 * checkpoints run on a thread of their own).
 */
import { loadConfig } from '../../src/config.ts'
import { startCheckpointer } from '../../src/db/checkpointer.ts'
import { migrate } from '../../src/db/migrate.ts'
import { openDatabase } from '../../src/db/open.ts'
import { insertSession } from '../../src/db/repos/sessions.ts'
import { createUser } from '../../src/db/repos/users.ts'
import { loadReferenceData } from '../../src/reference-data.ts'
import { createApp } from '../../src/web/app.ts'
import { randomSecret, sha256Hex } from '../../src/web/auth/secrets.ts'
import { SESSION_COOKIE } from '../../src/web/auth/session.ts'
import { createLogger } from '../../src/web/log.ts'
import { ProjectionService } from '../../src/web/services/projections.ts'
import { saveBenchWorkspace } from './http-workspace.ts'

export function benchApp(count: number, path = ':memory:') {
  const db = openDatabase(path)
  migrate(db)
  const doc = saveBenchWorkspace(db, count)
  // as the server: the log copied into the file off the event loop (the thread ends with the bench)
  startCheckpointer(db)
  const { rules } = loadReferenceData()
  const now = new Date()
  const app = createApp({
    db,
    config: loadConfig({}),
    clock: () => now,
    logger: createLogger('warn'),
    rules,
    projections: new ProjectionService(db, rules),
  })
  const admin = createUser(
    db,
    { email: 'bench@planner.local', name: 'Bench', role: 'admin', teamIds: [], passwordHash: 'x' },
    now,
  )
  const session = randomSecret()
  insertSession(db, sha256Hex(session), admin.id, now)
  return { app, db, doc, signedIn: { cookie: `${SESSION_COOKIE}=${session}` } }
}
