/**
 * The loops page: interviewer pools, interview loops, the plan's recruiting settings and the time
 * to fill. Each save names the version it was based on: 422 re-renders the form with field errors
 * and the input, 409 shows the record as it now stands; nothing is stored in either case.
 */
import { type Context, Hono } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import * as z from 'zod'
import {
  type FormState,
  LoopForm,
  Loops,
  PoolForm,
  SettingsForm,
  TimeToFillForm,
} from '../../../views/pages/Loops.tsx'
import { recordAudit } from '../../db/repos/audit.ts'
import {
  type SaveResult,
  saveHiringSettings,
  saveLoop,
  savePool,
  saveTimeToFill,
} from '../../db/repos/hiring.ts'
import { interviewerPool, interviewLoop } from '../../domain/hiring/schema.ts'
import { can } from '../auth/policy.ts'
import { BadForm, NO_VERSION, refuseUnseenVersion } from '../http/bad-form.ts'
import {
  type HiringDeps,
  type HiringPage,
  hiringPages,
  STALE,
  submittedForm,
} from '../http/hiring-page.ts'
import { isHtmxRequest, redirectAfterSave } from '../http/htmx.ts'
import { type HtmlContent, htmlResponse } from '../http/render.tsx'
import {
  type FormValues,
  loopFromForm,
  loopValues,
  type Parsed,
  poolFromForm,
  poolValues,
  settingsFromForm,
  settingsValues,
  timeToFillField,
  timeToFillFromForm,
  timeToFillValues,
} from '../services/hiring-forms.ts'

export function interviewLoopRoutes(deps: HiringDeps) {
  const { db, clock } = deps
  const { defaults, page } = hiringPages(deps)

  /** Each time-to-fill entry's field, labelled with its family and level. */
  function timeToFillRows(p: HiringPage) {
    const families = new Map(p.view.doc.jobFamilies.map((f) => [f.id, f.name]))
    const levels = new Map(p.view.doc.levels.map((l) => [l.id, l.code]))
    return p.hiring.stored.timeToFill.map((e) => ({
      field: timeToFillField(e),
      label: `${families.get(e.familyId) ?? e.familyId}, ${
        e.levelId === null ? 'any other level' : (levels.get(e.levelId) ?? e.levelId)
      } (days)`,
    }))
  }

  function loopsPage(
    c: Context,
    p: HiringPage,
    override: Record<string, FormState> = {},
    saved?: string,
  ) {
    const { stored, settings } = p.hiring
    return c.render(
      <Loops
        planName={p.view.plan.name}
        settings={
          override.settings ?? { values: settingsValues(settings), version: settings.version }
        }
        timeToFill={{
          rows: timeToFillRows(p),
          state: override['time-to-fill'] ?? {
            values: timeToFillValues(stored.timeToFill),
            version: stored.timeToFillVersion,
          },
        }}
        pools={stored.pools.map(({ value, version }) => ({
          pool: value,
          state: override[`pool-${value.id}`] ?? { values: poolValues(value), version },
        }))}
        loops={stored.loops.map(({ value, version }) => ({
          loop: value,
          state: override[`loop-${value.id}`] ?? { values: loopValues(value), version },
        }))}
        canEdit={can(p.viewer, 'edit_org_settings')}
        saved={saved}
      />,
      { title: 'Interview loops and pools' },
    )
  }

  /** A refused form: the form alone for htmx, else the whole page with it in place. */
  function refused(
    c: Context,
    p: HiringPage,
    key: string,
    form: HtmlContent,
    state: FormState,
    status: ContentfulStatusCode,
  ) {
    c.status(status)
    if (isHtmxRequest(c)) return htmlResponse(c, form)
    return loopsPage(c, p, { [key]: state })
  }

  function savedTo(c: Context, what: string) {
    return redirectAfterSave(c, `/recruiting/loops?saved=${encodeURIComponent(what)}`)
  }

  function audit<T>(
    p: HiringPage,
    action: string,
    entityType: string,
    entityId: string,
    encode: (value: T) => unknown,
    result: Extract<SaveResult<T>, { ok: true }>,
  ) {
    recordAudit(
      db,
      {
        userId: p.viewer.userId,
        action,
        entityType,
        entityId,
        before: result.before === null ? null : encode(result.before),
        after: encode(result.saved.value),
      },
      clock(),
    )
  }

  /**
   * A pool's or loop's save: the form parsed against the stored record, saved at the version it
   * was opened at, audited, then back to the page; a refused save re-renders its own form.
   */
  function recordSave<T extends { id: string; name: string }>(spec: {
    kind: 'pool' | 'loop'
    records: (p: HiringPage) => readonly { value: T; version: number }[]
    form: (p: HiringPage, record: T, state: FormState) => HtmlContent
    parse: (p: HiringPage, record: T, values: FormValues) => Parsed<T>
    save: (db: HiringDeps['db'], record: T, version: number) => SaveResult<T>
    values: (record: T) => FormValues
    action: string
    entityType: string
    encode: (record: T) => unknown
    savedName: (record: T) => string
  }) {
    return async (c: Context) => {
      const p = page(c)
      const stored = spec.records(p).find((x) => x.value.id === c.req.param(`${spec.kind}Id`))
      if (!stored) return c.notFound()
      const form = await submittedForm(c)
      if (!form) throw new BadForm('version', NO_VERSION)
      const show = (state: FormState, status: ContentfulStatusCode) =>
        refused(
          c,
          p,
          `${spec.kind}-${stored.value.id}`,
          spec.form(p, stored.value, state),
          state,
          status,
        )
      const parsed = spec.parse(p, stored.value, form.values)
      if (!parsed.ok) return show({ ...form, errors: parsed.errors }, 422)
      const result = spec.save(db, parsed.value, form.version)
      if (!result.ok) {
        if (result.reason === 'not_found') return c.notFound()
        const { value, version } = result.current
        refuseUnseenVersion(form.version, version)
        return show({ values: spec.values(value), version, message: STALE }, 409)
      }
      audit(p, spec.action, spec.entityType, stored.value.id, spec.encode, result)
      return savedTo(c, spec.savedName(result.saved.value))
    }
  }

  const app = new Hono()

  app.get('/recruiting/loops', (c) => {
    const saved = c.req.query('saved')
    return loopsPage(c, page(c), {}, saved ? `Saved ${saved}.` : undefined)
  })

  app.post(
    '/recruiting/pools/:poolId',
    recordSave({
      kind: 'pool',
      records: (p) => p.hiring.stored.pools,
      form: (_p, pool, state) => <PoolForm pool={pool} state={state} />,
      parse: (_p, pool, values) => poolFromForm(pool, values),
      save: savePool,
      values: poolValues,
      action: 'hiring.pool.update',
      entityType: 'interviewer_pool',
      encode: (v) => z.encode(interviewerPool, v),
      savedName: (pool) => `the ${pool.name} pool`,
    }),
  )

  app.post(
    '/recruiting/loops/:loopId',
    recordSave({
      kind: 'loop',
      records: (p) => p.hiring.stored.loops,
      form: (p, loop, state) => (
        <LoopForm loop={loop} pools={p.hiring.ctx.setup.pools} state={state} />
      ),
      parse: (p, loop, values) => loopFromForm(loop, values, p.hiring.ctx.setup),
      save: saveLoop,
      values: loopValues,
      action: 'hiring.loop.update',
      entityType: 'interview_loop',
      encode: (v) => z.encode(interviewLoop, v),
      savedName: (loop) => `the ${loop.name}`,
    }),
  )

  app.post('/recruiting/settings', async (c) => {
    const p = page(c)
    const form = await submittedForm(c)
    if (!form) throw new BadForm('version', NO_VERSION)
    const pools = p.hiring.ctx.setup.pools
    const show = (state: FormState, status: ContentfulStatusCode) =>
      refused(c, p, 'settings', <SettingsForm pools={pools} state={state} />, state, status)
    const parsed = settingsFromForm(
      form.values,
      pools.map((x) => x.id),
    )
    if (!parsed.ok) return show({ ...form, errors: parsed.errors }, 422)
    const planId = p.view.plan.id
    const result = saveHiringSettings(
      db,
      planId,
      parsed.value,
      form.version,
      defaults.setup.recruiting,
    )
    if (!result.ok) {
      if (result.reason === 'not_found') return c.notFound()
      const current = result.current.value
      return show(
        { values: settingsValues(current), version: current.version, message: STALE },
        409,
      )
    }
    recordAudit(
      db,
      {
        userId: p.viewer.userId,
        action: 'hiring.settings.update',
        entityType: 'plan',
        entityId: planId,
        before: settingsValues(result.before!),
        after: settingsValues(result.saved.value),
      },
      clock(),
    )
    return savedTo(c, `the settings of ${p.view.plan.name}`)
  })

  app.post('/recruiting/time-to-fill', async (c) => {
    const p = page(c)
    const form = await submittedForm(c)
    if (!form) throw new BadForm('version', NO_VERSION)
    const rows = timeToFillRows(p)
    const show = (state: FormState, status: ContentfulStatusCode) =>
      refused(c, p, 'time-to-fill', <TimeToFillForm rows={rows} state={state} />, state, status)
    const parsed = timeToFillFromForm(p.hiring.stored.timeToFill, form.values)
    if (!parsed.ok) return show({ ...form, errors: parsed.errors }, 422)
    const result = saveTimeToFill(db, parsed.value, form.version)
    if (!result.ok) {
      if (result.reason === 'not_found') return c.notFound()
      const { value, version } = result.current
      refuseUnseenVersion(form.version, version)
      return show({ values: timeToFillValues(value), version, message: STALE }, 409)
    }
    recordAudit(
      db,
      {
        userId: p.viewer.userId,
        action: 'hiring.time_to_fill.update',
        entityType: 'hiring_time_to_fill',
        entityId: 'table',
        before: timeToFillValues(result.before!),
        after: timeToFillValues(result.saved.value),
      },
      clock(),
    )
    return savedTo(c, 'the time to fill')
  })

  return app
}
