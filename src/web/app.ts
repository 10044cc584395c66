/**
 * The web application as a factory: everything it touches comes in through `deps`, so tests drive
 * it with `app.request()` against a temp database and a fixed clock, and never bind a port.
 */
import { Hono, type MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { HTTPException } from 'hono/http-exception'
import { type RequestIdVariables, requestId } from 'hono/request-id'
import type { Config } from '../config.ts'
import type { Database } from '../db/open.ts'
import type { RuleBook } from '../domain/rules/index.ts'
import { authorize, sameOriginWrites } from './auth/authorize.ts'
import { SsoClient } from './auth/sso.ts'
import { LoginThrottle } from './auth/throttle.ts'
import { MAX_DOCUMENT_BYTES } from './http/document-body.ts'
import { queryLimits } from './http/query.ts'
import { errorHandler, notFoundHandler, pageRenderer } from './http/render.tsx'
import { answersCounted } from './http/turns.ts'
import { type Logger, silentLogger } from './log.ts'
import { accessLog } from './middleware/access-log.ts'
import { securityHeaders } from './middleware/security-headers.ts'
import { varyOnHtmx } from './middleware/vary-on-htmx.ts'
import { actualsRoutes } from './routes/actuals.tsx'
import { apiRoutes } from './routes/api.ts'
import { approvalRoutes } from './routes/approvals.tsx'
import { assumptionRoutes } from './routes/assumptions.tsx'
import { auditRoutes } from './routes/audit.tsx'
import { authRoutes } from './routes/auth.tsx'
import { bandPolicyRoutes } from './routes/band-policy.tsx'
import { bandRoutes } from './routes/bands.tsx'
import { budgetRoutes } from './routes/budgets.tsx'
import { dataRoutes } from './routes/data.tsx'
import { homeRoutes } from './routes/home.tsx'
import { importRoutes } from './routes/import.tsx'
import { interviewLoopRoutes } from './routes/interview-loops.tsx'
import { jobAdRoutes } from './routes/job-ads.tsx'
import { officeRoutes } from './routes/offices.tsx'
import { overviewRoutes } from './routes/overview.tsx'
import { packageRoutes } from './routes/packages.tsx'
import { payRoutes } from './routes/pay.tsx'
import { positionRoutes } from './routes/positions.tsx'
import { positionTableRoutes } from './routes/positions-table.tsx'
import { preferenceRoutes } from './routes/preferences.ts'
import { projectionRoutes } from './routes/projection.tsx'
import { rateRoutes } from './routes/rates.tsx'
import { recruitingRoutes } from './routes/recruiting.tsx'
import { scenarioRoutes } from './routes/scenarios.tsx'
import { groupMappingRoutes } from './routes/sign-in-groups.tsx'
import { ssoRoutes } from './routes/sso.tsx'
import { ASSETS, staticRoutes } from './routes/static.ts'
import { teamBudgetRoutes } from './routes/team-budgets.tsx'
import { teamRoutes } from './routes/teams.tsx'
import { tokenRoutes } from './routes/tokens.tsx'
import { userRoutes } from './routes/users.tsx'
import { varianceRoutes } from './routes/variance.tsx'
import { ActualsService } from './services/actuals.ts'
import type { ProjectionService } from './services/projections.ts'
import { waitingFor } from './services/proposals.ts'
import { UploadStash } from './services/upload-stash.ts'

export interface AppDeps {
  db: Database
  config: Config
  /** The current time; pages derive "today" from it, so tests pin it. */
  clock: () => Date
  logger?: Logger
  rules: RuleBook
  /** Projections cached until the store changes; shared by every page and the API. */
  projections: ProjectionService
  /** The single sign-on client, when config.auth.sso is set; made from it if not given. */
  sso?: SsoClient
}

export type AppEnv = { Variables: RequestIdVariables }

/** Large enough for any form or CSV file, small enough to refuse abuse. */
export const MAX_BODY_BYTES = 4 * 1024 * 1024
/** An HR system's export of every person, or a month of their payroll: 50,000 rows and more. */
export const MAX_HR_FILE_BYTES = 32 * 1024 * 1024
/** The routes that take more than a form: a whole workspace document, an HR or payroll file. */
const LARGE_BODY_LIMITS = new Map<string, number>([
  ['/api/v1/workspace', MAX_DOCUMENT_BYTES],
  ['/data/import', MAX_DOCUMENT_BYTES],
  ['/actuals/roster/preview', MAX_HR_FILE_BYTES],
  ['/actuals/payroll/preview', MAX_HR_FILE_BYTES],
  ['/api/v1/roster', MAX_HR_FILE_BYTES],
])

export function createApp(deps: AppDeps): Hono<AppEnv> {
  const logger = deps.logger ?? silentLogger
  const settings = deps.config.auth.sso
  const sso = deps.sso ?? (settings && new SsoClient(settings))
  const app = new Hono<AppEnv>()

  app.use(
    // first: downloads and imports in the background wait for every request being answered
    answersCounted(),
    requestId(),
    accessLog(logger),
    securityHeaders(sso && (() => sso.formTargets())),
    varyOnHtmx(),
    onlyWithBody(),
    sameOriginWrites(),
    queryLimits(),
    pageRenderer(ASSETS, (viewer) => ({ '/approvals': waitingFor(deps.db, viewer) })),
    // every route's access is decided here, from the table in auth/policy.ts
    authorize(deps),
  )

  const actuals = new ActualsService(deps.db, deps.projections)
  const withActuals = { ...deps, actuals, uploads: new UploadStash(deps.clock) }
  app.get('/healthz', (c) => c.json({ ok: true }))
  app.route('/', staticRoutes())
  app.route('/', authRoutes(deps, new LoginThrottle(), sso))
  app.route('/', ssoRoutes(deps, sso))
  app.route('/', groupMappingRoutes(deps))
  app.route('/', homeRoutes(deps))
  app.route('/', overviewRoutes(withActuals))
  app.route('/', teamRoutes(deps))
  app.route('/', positionTableRoutes(deps))
  app.route('/', positionRoutes(deps))
  app.route('/', payRoutes(deps))
  app.route('/', tokenRoutes(deps))
  app.route('/', preferenceRoutes(deps))
  app.route('/', userRoutes(deps))
  // before bandRoutes, whose POST /bands/:bandId would otherwise take these paths
  app.route('/', bandPolicyRoutes(deps))
  app.route('/', bandRoutes(deps))
  app.route('/', apiRoutes(deps))
  app.route('/', dataRoutes(deps))
  app.route('/', importRoutes(deps))
  app.route('/', packageRoutes(deps))
  app.route('/', officeRoutes(deps))
  app.route('/', projectionRoutes(withActuals))
  app.route('/', recruitingRoutes(deps))
  app.route('/', interviewLoopRoutes(deps))
  app.route('/', jobAdRoutes(deps))
  app.route('/', rateRoutes(deps))
  app.route('/', assumptionRoutes(deps))
  app.route('/', scenarioRoutes(deps))

  app.route('/', approvalRoutes(deps))
  app.route('/', teamBudgetRoutes(deps))
  app.route('/', auditRoutes(deps))
  app.route('/', budgetRoutes(withActuals))
  app.route('/', actualsRoutes(withActuals))
  app.route('/', varianceRoutes(withActuals))

  app.onError(errorHandler(logger, ASSETS))
  app.notFound(notFoundHandler(ASSETS))
  return app
}

/**
 * A body limit for requests that can carry a body: the route's own where it takes more than a
 * form, MAX_BODY_BYTES on every other. Asking for the body makes @hono/node-server build a whole
 * web Request, about 0.3 ms, and a GET or HEAD never has one (Node drops it).
 */
function onlyWithBody(): MiddlewareHandler {
  const limit = limitTo(MAX_BODY_BYTES)
  const large = new Map([...LARGE_BODY_LIMITS].map(([path, bytes]) => [path, limitTo(bytes)]))
  return (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next()
    return (large.get(c.req.path) ?? limit)(c, next)
  }
}

function limitTo(maxSize: number): MiddlewareHandler {
  return bodyLimit({
    maxSize,
    onError: () => {
      throw new HTTPException(413)
    },
  })
}
