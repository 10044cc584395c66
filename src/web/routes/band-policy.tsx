/**
 * The pay policy set on the bands page (edit_bands: finance and admins): each US office's geo
 * differential and each level's bonus and new-hire equity defaults. Each form saves all its rows
 * at the versions it was opened with, or none: 422 re-renders the page with each field's problem,
 * 409 with the policy as it now stands. Every changed record is audited.
 */
import { type Context, Hono } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { Database } from '../../db/open.ts'
import { recordAudit } from '../../db/repos/audit.ts'
import { saveGeoDifferentials, saveLevelDefaults } from '../../db/repos/pay-policy.ts'
import type { AppDeps } from '../app.ts'
import { formBody } from '../auth/forms.ts'
import { STALE } from '../http/hiring-page.ts'
import {
  geoFromForm,
  geoValues,
  geoWords,
  type LevelDefaults,
  levelsFromForm,
  levelValues,
  levelWords,
  type Parsed,
  type PolicyFormState,
  usOffices,
  versionsOf,
} from '../services/pay-policy-forms.ts'
import { type PlanContext, planContext } from '../services/plan-context.ts'
import { type BandsPageState, bandsPage } from './bands.tsx'

const FIELDS_PROBLEM = 'Nothing was saved: correct the fields marked below.'

/** One policy form: its records, how to read and save them, and how the audit trail words them. */
interface PolicySpec<T> {
  form: 'geo' | 'levels'
  entityType: 'office' | 'level'
  action: string
  records(ctx: PlanContext): readonly { id: string }[]
  current(ctx: PlanContext, id: string): T | undefined
  values(ctx: PlanContext): Record<string, string>
  parse(ctx: PlanContext, body: Record<string, unknown>): Parsed<Map<string, T>>
  save(db: Database, updates: { id: string; version: number; value: T }[]): boolean
  words(ctx: PlanContext, value: T | undefined): string
}

export function bandPolicyRoutes({ db, clock }: Pick<AppDeps, 'db' | 'clock'>) {
  const app = new Hono()

  function route<T>(spec: PolicySpec<T>) {
    app.post(spec.action, async (c: Context) => {
      const ctx = planContext(db, clock())
      if (!ctx) return c.notFound()
      const body = await formBody(c)
      const versions = versionsOf(
        body,
        spec.records(ctx).map((r) => r.id),
      )
      const show = (state: PolicyFormState, status: ContentfulStatusCode) => {
        c.status(status)
        const page: BandsPageState = { [spec.form]: state }
        return bandsPage(c, ctx, page, db)
      }
      const typed = Object.fromEntries(
        Object.keys(spec.values(ctx)).map((k) => [k, String(body[k] ?? '')]),
      )
      const parsed = spec.parse(ctx, body)
      if (!parsed.ok) {
        return show({ values: typed, errors: parsed.errors, problem: FIELDS_PROBLEM }, 422)
      }
      const changed = [...parsed.value].filter(
        ([id, value]) => spec.words(ctx, value) !== spec.words(ctx, spec.current(ctx, id)),
      )
      const now = clock()
      const saved = db.transaction(() => {
        const ok = spec.save(
          db,
          changed.map(([id, value]) => ({ id, version: versions.get(id)!, value })),
        )
        if (!ok) return false
        for (const [id, value] of changed) {
          recordAudit(
            db,
            {
              userId: c.get('viewer').userId,
              action: `${spec.entityType}.pay_policy`,
              entityType: spec.entityType,
              entityId: id,
              before: { policy: spec.words(ctx, spec.current(ctx, id)) },
              after: { policy: spec.words(ctx, value) },
            },
            now,
          )
        }
        return true
      })()
      if (!saved) {
        const fresh = planContext(db, clock())
        if (!fresh) return c.notFound()
        c.status(409)
        return bandsPage(
          c,
          fresh,
          { [spec.form]: { values: spec.values(fresh), errors: {}, problem: STALE } },
          db,
        )
      }
      return c.redirect(
        `/bands?policy=${spec.form}#${spec.form === 'geo' ? 'geo-differentials' : 'level-defaults'}`,
        303,
      )
    })
  }

  route({
    form: 'geo',
    entityType: 'office',
    action: '/bands/geo-differentials',
    records: (ctx) => usOffices(ctx.doc.offices),
    current: (ctx, id) => ctx.doc.offices.find((o) => o.id === id)?.geoDifferential,
    values: (ctx) => geoValues(ctx.doc.offices),
    parse: (ctx, body) => geoFromForm(ctx.doc.offices, body),
    save: (db, updates) =>
      saveGeoDifferentials(
        db,
        updates.map(({ id, version, value }) => ({ id, version, geo: value })),
      ),
    words: (ctx, geo) => geoWords(ctx.doc.offices, geo),
  })
  route<LevelDefaults>({
    form: 'levels',
    entityType: 'level',
    action: '/bands/level-defaults',
    records: (ctx) => ctx.doc.levels,
    current: (ctx, id) => ctx.doc.levels.find((l) => l.id === id),
    values: (ctx) => levelValues(ctx.doc.levels),
    parse: (ctx, body) => levelsFromForm(ctx.doc.levels, body),
    save: (db, updates) =>
      saveLevelDefaults(
        db,
        updates.map(({ id, version, value }) => ({ id, version, defaults: value })),
      ),
    words: (_ctx, d) => levelWords(d),
  })
  return app
}
