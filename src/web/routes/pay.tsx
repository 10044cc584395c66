/**
 * Pay changes from where a problem is found: finance (and admins and leadership) change a
 * position's salary from an effective date, its bonus target, and say why. Pay within the band in
 * force on that date, or below it, applies at once; pay above the band's maximum set by finance
 * becomes a proposal for leadership, and a manager's change is always a proposal. Every change is
 * saved against the version it was based on (409 if someone saved since) and audited with its
 * reason. Also the band preview the forms show beside the salary field as it is typed.
 */
import { type Context, Hono } from 'hono'
import * as z from 'zod'
import {
  PAY_FIELDS,
  PayChange,
  type PayChangeProps,
  type PayFormValues,
} from '../../../views/pages/PayChange.tsx'
import { BandPreview } from '../../../views/partials/BandPreview.tsx'
import { recordAudit } from '../../db/repos/audit.ts'
import { getPosition, updatePosition } from '../../db/repos/positions.ts'
import { createProposal, proposalAudit } from '../../db/repos/proposals.ts'
import { payOn } from '../../domain/band-review.ts'
import { DATE_TEXT, dateOfClock, isRealDate } from '../../domain/calendar.ts'
import { type Position, position as positionSchema } from '../../domain/model.ts'
import { dec, formatMoney } from '../../domain/money.ts'
import { payAgainstBand, withPayChange } from '../../domain/pay-change.ts'
import type { AppDeps } from '../app.ts'
import { safeNext } from '../auth/authorize.ts'
import { fieldErrors } from '../auth/forms.ts'
import { can } from '../auth/policy.ts'
import type { Viewer } from '../auth/viewer.ts'
import { BadForm, formVersion, NO_VERSION, refuseUnseenVersion } from '../http/bad-form.ts'
import { isHtmxRequest } from '../http/htmx.ts'
import { htmlResponse } from '../http/render.tsx'
import { previewOf, roleDefaults, roleLabel, SALARY_TEXT } from '../services/band-preview.ts'
import { PAY_CHANGE } from '../services/proposals.ts'

type Deps = Pick<AppDeps, 'db' | 'clock' | 'projections'>

const PERCENT_TEXT = /^\d{1,3}(\.\d{1,4})?$/

const payForm = z.object({
  baseSalary: z
    .string()
    .transform((s) => s.replace(/[,\s£$]/g, ''))
    .pipe(
      z
        .string()
        .min(1, 'Enter the new annual base salary')
        .regex(SALARY_TEXT, 'Enter the salary as a number, such as 150000 or 150,000.50')
        .refine((s) => !SALARY_TEXT.test(s) || dec(s).gt(0), 'Enter a salary above zero'),
    ),
  effectiveDate: z
    .string()
    .trim()
    .regex(DATE_TEXT, 'Enter the date the pay takes effect as YYYY-MM-DD')
    .refine(isRealDate, 'That is not a real calendar date'),
  bonusPercent: z
    .string()
    .trim()
    .regex(PERCENT_TEXT, 'Enter the bonus target as a percentage, such as 15')
    .refine((s) => !PERCENT_TEXT.test(s) || dec(s).lte(100), 'Enter a percentage from 0 to 100'),
  reason: z
    .string()
    .trim()
    .min(3, 'Say why the pay changes, such as "raise to the band minimum"')
    .max(500, 'Keep the reason under 500 characters'),
})

const text = (v: unknown) => (typeof v === 'string' ? v : '')

/**
 * What saving does for this viewer: at once, or a proposal and for whom. Leadership and admins
 * decide proposals, so their own changes apply at once; finance's apply at once up to the band
 * maximum; a manager's always wait for approval.
 */
function onSave(viewer: Viewer, maxText: string | null): string {
  if (viewer.role === 'manager') {
    return 'Saving sends the change for approval by leadership; the plan keeps the current pay until it is approved.'
  }
  if (viewer.role === 'finance') {
    return maxText
      ? `Pay up to the band maximum (${maxText}) applies at once; above it, saving sends the change to leadership for approval.`
      : 'No band is in force for this role on that date, so the change applies at once.'
  }
  return 'Saving applies the change at once.'
}

export function payRoutes({ db, clock, projections }: Deps) {
  const app = new Hono()

  function context(c: Context) {
    const viewer = c.get('viewer') as Viewer
    const view = projections.view(viewer)
    return { viewer, view, doc: view.doc, today: dateOfClock(clock()) }
  }

  /** The stored position, if the viewer may change its pay (else answered 404). */
  function payable(ctx: ReturnType<typeof context>, id: string) {
    const stored = getPosition(db, ctx.view.plan.id, id)
    return stored && can(ctx.viewer, 'change_pay', stored.position.teamId) ? stored : null
  }

  function render(
    c: Context,
    ctx: ReturnType<typeof context>,
    p: Position,
    version: number,
    values: PayFormValues,
    errors: PayChangeProps['errors'],
    status: 200 | 409 | 422 = 200,
    back = '/bands#band-checks',
  ) {
    const office = ctx.doc.offices.find((o) => o.id === p.officeId)
    const currency = office?.currency ?? 'GBP'
    const todayJudged = payAgainstBand(ctx.doc.salaryBands, p, ctx.today)
    const onDate = isRealDate(values.effectiveDate) ? values.effectiveDate : ctx.today
    const typed = previewOf(ctx.doc, p, values.baseSalary, onDate)
    const team = ctx.doc.teams.find((t) => t.id === p.teamId)
    c.status(status)
    return c.render(
      <PayChange
        positionId={p.id}
        name={p.kind === 'filled' ? p.personName : p.title}
        label={roleLabel(ctx.doc, p.familyId, p.levelId, p.officeId)}
        teamName={team?.name ?? ''}
        kind={p.kind}
        role={{ familyId: p.familyId, levelId: p.levelId, officeId: p.officeId }}
        currency={currency}
        today={{
          date: ctx.today,
          judged: todayJudged,
          pay: formatMoney(payOn(p, ctx.today), currency, { wholeUnits: true }),
        }}
        preview={typed}
        previewDate={onDate}
        values={values}
        errors={errors}
        version={version}
        onSave={onSave(
          ctx.viewer,
          typed.judged ? formatMoney(typed.judged.band.max, currency, { wholeUnits: true }) : null,
        )}
        back={back}
      />,
      { title: `Change ${p.kind === 'filled' ? p.personName : p.title}'s pay` },
    )
  }

  app.get('/positions/:id/pay', (c) => {
    const ctx = context(c)
    const stored = payable(ctx, c.req.param('id'))
    if (!stored) return c.notFound()
    const p = stored.position
    const values: PayFormValues = {
      baseSalary: payOn(p, ctx.today).toFixed(2),
      effectiveDate: ctx.today,
      bonusPercent: p.bonusTargetRate.times(100).toFixed(),
      reason: '',
    }
    const back = safeNext(c.req.query('back') || '/bands#band-checks')
    return render(c, ctx, p, stored.version, values, {}, 200, back)
  })

  app.post('/positions/:id/pay', async (c) => {
    const ctx = context(c)
    const stored = payable(ctx, c.req.param('id'))
    if (!stored) return c.notFound()
    const body = await c.req.parseBody()
    const values = Object.fromEntries(PAY_FIELDS.map((f) => [f, text(body[f])])) as PayFormValues
    const back = safeNext(text(body.back) || '/bands#band-checks')
    const version = formVersion.safeParse(body.version)
    if (!version.success) throw new BadForm('version', NO_VERSION)
    const parsed = payForm.safeParse(body)
    if (!parsed.success) {
      return render(
        c,
        ctx,
        stored.position,
        stored.version,
        values,
        fieldErrors(parsed.error),
        422,
        back,
      )
    }
    const f = parsed.data
    const before = stored.position
    if (before.kind === 'filled' && f.effectiveDate < before.startDate) {
      const errors = { effectiveDate: `Choose ${before.startDate} (the start date) or later` }
      return render(c, ctx, before, stored.version, values, errors, 422, back)
    }
    refuseUnseenVersion(version.data, stored.version)
    if (version.data !== stored.version) {
      const errors = {
        form: 'Someone changed this position since you opened the form, so nothing was saved. It now stands as shown; make your change again and save.',
      }
      return render(c, ctx, before, stored.version, values, errors, 409, back)
    }
    const after = withPayChange(before, {
      salary: dec(f.baseSalary),
      effectiveDate: f.effectiveDate,
      bonusTargetRate: dec(f.bonusPercent).dividedBy(100),
    })
    const judged = payAgainstBand(ctx.doc.salaryBands, after, f.effectiveDate)
    const aboveBand = judged?.bucket === 'above_max'
    const now = clock()
    const { viewer } = ctx
    if (viewer.role === 'manager' || (viewer.role === 'finance' && aboveBand)) {
      const proposal = db.transaction(() => {
        const created = createProposal(
          db,
          {
            planId: ctx.view.plan.id,
            kind: 'change',
            position: after,
            baseVersion: stored.version,
            before,
            changed: [PAY_CHANGE],
            payAboveBand: aboveBand,
            proposedBy: viewer.userId,
            reason: f.reason,
          },
          now,
        )
        const entry = proposalAudit(viewer.userId, 'proposal.create', created, before)
        recordAudit(db, { ...entry, after: { ...(entry.after as object), reason: f.reason } }, now)
        return created
      })()
      return c.redirect(`/approvals?proposed=${proposal.id}`, 303)
    }
    const saved = db.transaction(() => {
      const updated = updatePosition(db, ctx.view.plan.id, after, stored.version)
      if (updated.ok) {
        recordAudit(
          db,
          {
            userId: viewer.userId,
            action: 'position.pay',
            entityType: 'position',
            entityId: after.id,
            teamId: after.teamId,
            before: z.encode(positionSchema, before),
            after: { ...z.encode(positionSchema, after), reason: f.reason },
          },
          now,
        )
      }
      return updated
    })()
    if (!saved.ok) {
      if (saved.reason === 'not_found') return c.notFound()
      const errors = {
        form: 'Someone changed this position since you opened the form, so nothing was saved. It now stands as shown; make your change again and save.',
      }
      return render(
        c,
        ctx,
        saved.current.position,
        saved.current.version,
        values,
        errors,
        409,
        back,
      )
    }
    projections.positionEdited(ctx.view.plan.id, after.id)
    const sep = back.includes('?') ? '&' : '?'
    const [path, hash] = back.split('#')
    return c.redirect(
      `${path}${sep}paid=${encodeURIComponent(after.id)}${hash ? `#${hash}` : ''}`,
      303,
    )
  })

  /** The band in force for the form's family, level and office, and the typed salary in it. */
  app.get('/band-preview', (c) => {
    const ctx = context(c)
    const q = c.req.query()
    const date = [q.effectiveDate, q.startDate].find((d) => d && isRealDate(d)) ?? ctx.today
    const role = {
      familyId: q.familyId ?? '',
      levelId: q.levelId ?? '',
      officeId: q.officeId ?? '',
    }
    const label = roleLabel(ctx.doc, role.familyId, role.levelId, role.officeId)
    const typed = previewOf(ctx.doc, role, q.baseSalary ?? '', date)
    // the form names the element to replace (its fields' prefix), checked so it stays an id
    const id = /^[a-z0-9-]{1,80}$/.test(q.previewId ?? '') ? q.previewId : undefined
    // a new role's form asks for what its empty fields become
    const defaults =
      q.defaults === '1' ? roleDefaults(ctx.doc, ctx.view.plan.hiringCostPolicy, role) : undefined
    const preview = (
      <BandPreview {...typed} label={label} onDate={date} id={id} defaults={defaults} />
    )
    return isHtmxRequest(c) ? htmlResponse(c, preview) : c.render(preview, { title: 'Salary band' })
  })

  return app
}
