/**
 * The JSON API under /api/v1, for scripts (bearer token) and pages (session cookie). Money is
 * always a decimal string with its currency, never a float. A bad query answers 400 naming each
 * field; an unknown plan, scenario or position (or one outside a manager's teams) answers 404.
 */
import { type Context, Hono } from 'hono'
import { HTTPException } from 'hono/http-exception'
import * as z from 'zod'
import { MONTH_TEXT } from '../../domain/calendar.ts'
import { usdPerGbp } from '../../domain/fx.ts'
import { CURRENCIES } from '../../domain/money.ts'
import { namesOf } from '../../domain/names.ts'
import { COMPONENTS, POSITION_COMPONENTS } from '../../domain/projection/components.ts'
import {
  explain,
  explainTotal,
  explainTotalWorked,
  explainWorked,
} from '../../domain/projection/explain.ts'
import { MissingRulesError } from '../../domain/rules/index.ts'
import type { AppDeps } from '../app.ts'
import { documentText } from '../http/document-body.ts'
import { BadQuery, readQuery } from '../http/query.ts'
import { csvText, jsonText, slicedStream } from '../http/stream.ts'
import { inBackground } from '../http/turns.ts'
import { xlsxResponse } from '../http/xlsx.ts'
import { silentLogger } from '../log.ts'
import { lineCsv } from '../services/projection-csv.ts'
import {
  aggregateRows,
  compareReport,
  GROUP_BYS,
  groupedReport,
  lineRows,
  PERIODS,
} from '../services/projection-report.ts'
import { projectionWorkbook } from '../services/projection-workbook.ts'
import type { ProjectionQuery } from '../services/projections.ts'
import {
  EXPORT_FILE_NAME,
  exportWorkspace,
  importWorkspaceSteps,
} from '../services/workspace-documents.ts'
import type { positionExplanationShape, totalExplanationShape } from './api-shapes.ts'

/** "baseline" (or nothing) is the plan itself; anything else names a scenario. */
const scenarioParam = z
  .string()
  .optional()
  .transform((s) => (s === undefined || s === '' || s === 'baseline' ? null : s))

/** 'approved' (the default): the plan as approved; 'all': with pending proposals applied. */
const includeParam = z.enum(['approved', 'all']).default('approved')

const viewQuery = z.object({
  scenario: scenarioParam,
  currency: z.enum(CURRENCIES).optional(),
  include: includeParam,
})
const projectionQuery = viewQuery.extend({
  groupBy: z.enum(GROUP_BYS).default('team'),
  period: z.enum(PERIODS).default('month'),
})
const downloadQuery = viewQuery.extend({
  aggregate: z.enum(GROUP_BYS).optional(),
  period: z.enum(PERIODS).default('month'),
})
const monthParam = z.string().regex(MONTH_TEXT, 'must be a month as YYYY-MM')
const explainQuery = viewQuery.extend({
  month: monthParam,
  component: z.enum(POSITION_COMPONENTS),
})
const explainTotalQuery = viewQuery.extend({ month: monthParam, component: z.enum(COMPONENTS) })
const compareQuery = z.object({
  a: scenarioParam,
  b: scenarioParam,
  currency: z.enum(CURRENCIES).optional(),
  include: includeParam,
})

/** The index of `month` in the plan's months, or a 400 naming the field. */
function monthIndex(months: readonly string[], month: string): number {
  const i = months.indexOf(month)
  if (i < 0) {
    throw new BadQuery([
      { path: 'month', message: `is not in the plan (${months[0]} to ${months.at(-1)})` },
    ])
  }
  return i
}

const attachment = (name: string) => ({ 'Content-Disposition': `attachment; filename="${name}"` })

export function apiRoutes(deps: AppDeps) {
  const { db, projections, clock } = deps
  const logger = deps.logger ?? silentLogger

  /** The projection `q` names, computed in turns with other requests when it is not kept. */
  const viewOf = (c: Context, q: Omit<ProjectionQuery, 'planId'>) =>
    projections.viewInTurns(c.get('viewer'), { planId: c.req.param('planId'), ...q })
  const scenarioOf = (q: z.output<typeof viewQuery>) => ({
    scenarioId: q.scenario,
    currency: q.currency,
    include: q.include,
  })

  return new Hono()
    .get('/api/v1/plans', (c) =>
      c.json({
        plans: projections.plans().map(({ plan, scenarios }) => ({
          id: plan.id,
          name: plan.name,
          startMonth: plan.startMonth,
          horizonMonths: plan.horizonMonths,
          reportingCurrency: plan.reportingCurrency,
          scenarios: scenarios.map((s) => ({ id: s.id, name: s.name })),
        })),
      }),
    )
    .get('/api/v1/plans/:planId/projection', async (c) => {
      const q = readQuery(c, projectionQuery)
      return c.json({
        include: q.include,
        ...groupedReport(await viewOf(c, scenarioOf(q)), q.groupBy, q.period),
      })
    })
    .get('/api/v1/plans/:planId/projection.csv', async (c) => {
      const q = readQuery(c, downloadQuery)
      const view = await viewOf(c, scenarioOf(q))
      const csv = q.aggregate ? csvText(aggregateRows(view, q.aggregate, q.period)) : lineCsv(view)
      const name = `${view.plan.id}${view.scenario ? `-${view.scenario.id}` : ''}${
        q.include === 'all' ? '-with-proposals' : ''
      }`
      return c.body(slicedStream(csv), 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        ...attachment(`${name}${q.aggregate ? `-by-${q.aggregate}` : ''}.csv`),
      })
    })
    .get('/api/v1/plans/:planId/projection.xlsx', async (c) => {
      const q = readQuery(c, downloadQuery)
      const view = await viewOf(c, scenarioOf(q))
      const name = `${view.plan.id}${view.scenario ? `-${view.scenario.id}` : ''}${
        q.include === 'all' ? '-with-proposals' : ''
      }`
      return xlsxResponse(c, projectionWorkbook(view, q.period), `${name}.xlsx`)
    })
    .get('/api/v1/plans/:planId/projection.json', async (c) => {
      const q = readQuery(c, downloadQuery)
      const view = await viewOf(c, scenarioOf(q))
      const rows = q.aggregate ? aggregateRows(view, q.aggregate, q.period) : lineRows(view)
      return c.body(slicedStream(jsonText({ include: q.include }, 'rows', rows)), 200, {
        'Content-Type': 'application/json',
      })
    })
    .get('/api/v1/plans/:planId/positions/:positionId/explain', async (c) => {
      const q = readQuery(c, explainQuery)
      const view = await viewOf(c, scenarioOf(q))
      const positionId = c.req.param('positionId')
      // a position outside the viewer's teams is not in their projection: 404, as if absent
      if (!view.input.positions.some((p) => p.id === positionId)) {
        throw new HTTPException(404, { message: `There is no position "${positionId}".` })
      }
      monthIndex(view.projection.months, q.month)
      return c.json({
        positionId,
        month: q.month,
        component: q.component,
        lines: explain(view.input, positionId, q.month, q.component),
        structured: explainWorked(view.input, positionId, q.month, q.component),
      } satisfies z.input<typeof positionExplanationShape>)
    })
    .get('/api/v1/plans/:planId/explain-total', async (c) => {
      const q = readQuery(c, explainTotalQuery)
      const view = await viewOf(c, scenarioOf(q))
      const i = monthIndex(view.projection.months, q.month)
      const rate = usdPerGbp(view.input.ctx.fx, q.month, view.input.ctx.fiscalYearStartMonth)
      return c.json({
        month: q.month,
        component: q.component,
        currency: view.projection.totals.currency,
        lines: explainTotal(view.projection, i, q.component),
        structured: explainTotalWorked(view.projection, i, q.component, rate, namesOf(view.doc)),
      } satisfies z.input<typeof totalExplanationShape>)
    })
    .get('/api/v1/plans/:planId/compare', async (c) => {
      const q = readQuery(c, compareQuery)
      const common = { currency: q.currency, include: q.include }
      const a = await viewOf(c, { scenarioId: q.a, ...common })
      const b = await viewOf(c, { scenarioId: q.b, ...common })
      const bAtARates = await viewOf(c, { scenarioId: q.b, ...common, fxRateSetId: a.fx.id })
      return c.json(compareReport(a, bAtARates, b))
    })
    .get('/api/v1/workspace', async (c) => {
      const { role } = c.get('viewer')
      if (role !== 'admin' && role !== 'leadership') throw new HTTPException(403)
      const loaded = await projections.workspaceInTurns() // 404 when there is nothing to export
      return c.body(slicedStream(exportWorkspace(db, loaded)), 200, {
        'Content-Type': 'application/json; charset=utf-8',
        ...attachment(EXPORT_FILE_NAME),
      })
    })
    .post('/api/v1/workspace', async (c) => {
      const by = { userId: c.get('viewer').userId, now: clock() }
      const result = await inBackground(importWorkspaceSteps(db, await documentText(c), by))
      if (!result.ok && result.moved) {
        return c.json({ error: 'conflict', issues: result.problems }, 409)
      }
      if (!result.ok) return c.json({ error: 'invalid_document', issues: result.problems }, 422)
      return c.json(result)
    })
    .onError((err, c) => {
      if (err instanceof BadQuery) {
        return c.json({ error: 'invalid_query', issues: err.issues }, 400)
      }
      if (err instanceof HTTPException && err.status < 500) {
        const error = { 403: 'forbidden', 404: 'not_found' }[err.status as 403 | 404] ?? 'refused'
        return c.json({ error, message: err.message }, err.status)
      }
      if (err instanceof MissingRulesError) {
        return c.json({ error: 'missing_rules', message: err.message }, 422)
      }
      logger.error('unhandled error', { path: c.req.path, error: err.name, stack: err.stack })
      return c.json({ error: 'internal', requestId: c.get('requestId') }, 500)
    })
}
