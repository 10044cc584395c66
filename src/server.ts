/**
 * Entry point: read the configuration and the rule book, open, check and migrate the database,
 * seed the demo organisation into an empty database if enabled, then serve. A problem found
 * before serving prints one plain message and exits 1, so a misconfigured deployment fails
 * loudly instead of half-starting.
 */
import { serve } from '@hono/node-server'
import { ensureFirstAccounts, signInMessage } from './accounts.ts'
import { ConfigError, loadConfig } from './config.ts'
import { DataFileError } from './data-files.ts'
import { type Checkpointer, startCheckpointer } from './db/checkpointer.ts'
import { UnknownMigrationsError } from './db/migrate.ts'
import { openStore, StorageError } from './db/storage.ts'
import { collectWhenIdle } from './idle-memory.ts'
import { loadReferenceData } from './reference-data.ts'
import { seedDemoData } from './seed.ts'
import { createApp } from './web/app.ts'
import { SsoClient, type SsoFailure } from './web/auth/sso.ts'
import { createLogger } from './web/log.ts'
import { ProjectionService } from './web/services/projections.ts'

/** Grace period for open connections after a stop signal before the process exits anyway. */
const SHUTDOWN_GRACE_MS = 5_000

function exitWith(message: string): never {
  process.stderr.write(`${message}\n`)
  process.exit(1)
}

/** Runs `step`; an error of one of the `expected` kinds ends start-up with its message. */
function orExit<T>(step: () => T, expected: (new (...args: never[]) => Error)[]): T {
  try {
    return step()
  } catch (error) {
    if (expected.some((kind) => error instanceof kind)) exitWith((error as Error).message)
    throw error
  }
}

const config = orExit(() => loadConfig(process.env), [ConfigError])
const logger = createLogger(config.logLevel)
// before the database: bad rules stop start-up without creating or changing anything
const { rules } = orExit(() => loadReferenceData(), [DataFileError])

const db = orExit(
  () =>
    openStore(config.databasePath, config.databaseCheck, (message) =>
      logger.error('damaged database', { databasePath: config.databasePath, message }),
    ),
  [StorageError, UnknownMigrationsError],
)
if (config.demoData && orExit(() => seedDemoData(db), [DataFileError])) {
  logger.info('seeded the demo organisation into an empty database', {
    databasePath: config.databasePath,
  })
}

const firstAccounts = await ensureFirstAccounts(db, {
  ...config.auth,
  withDemo: config.demoData,
  now: new Date(),
})
const sso = config.auth.sso && new SsoClient(config.auth.sso)
if (sso) {
  // a provider that is down now is tried again at the next sign-in: the planner still starts,
  // so the break-glass admin can sign in and the sign-in page says what is wrong
  await sso.discover().then(
    () => logger.info('single sign-on ready', { issuer: config.auth.sso!.issuerUrl }),
    (error: SsoFailure) =>
      logger.error('single sign-on: the identity provider cannot be reached; retrying at sign-in', {
        issuer: config.auth.sso!.issuerUrl,
        code: error.code,
      }),
  )
}
const projections = new ProjectionService(db, rules)
const app = createApp({
  db,
  config,
  clock: () => new Date(),
  logger,
  rules,
  projections,
  ...(sso && { sso }),
})
// Loopback and wildcard addresses are reachable from this machine as localhost.
const local = ['127.0.0.1', '0.0.0.0', '::', '::1'].includes(config.host)
const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
  const url = `http://${local ? 'localhost' : config.host}:${info.port}`
  logger.info('listening', { url, databasePath: config.databasePath })
  // once, on stderr so that stdout stays the JSON log alone, and never again
  if (firstAccounts.length > 0) process.stderr.write(signInMessage(firstAccounts, url))
})
server.on('error', (error) =>
  exitWith(`Cannot listen on ${config.host}:${config.port}: ${error.message}`),
)
collectWhenIdle(server)
// The first page's projection, started now and computed in turns while the server answers. The
// checkpointer's thread starts once it is done: booting a thread is CPU the first page would
// otherwise wait on (about a tenth of it at 10,000 positions), and until then SQLite checkpoints
// in its commits as it does by default.
let checkpointer: Checkpointer | null = null
let stopping = false
projections
  .warm()
  .catch((error: Error) =>
    logger.error('the start-up projection failed', { message: error.message }),
  )
  .then(() => {
    if (!stopping) checkpointer = startCheckpointer(db)
  })

function shutdown(signal: string) {
  logger.info('stopping', { signal })
  stopping = true
  setTimeout(() => process.exit(1), SHUTDOWN_GRACE_MS).unref()
  server.close(async () => {
    await checkpointer?.stop()
    db.close()
    process.exit(0)
  })
}
process.once('SIGTERM', () => shutdown('SIGTERM'))
process.once('SIGINT', () => shutdown('SIGINT'))
