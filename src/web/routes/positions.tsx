/**
 * Positions: a new open role, and inline edits (the table is positions-table.tsx). Every edit carries
 * the record's version, so a stale one is refused (409) with what changed; invalid input is
 * re-rendered with each field's message (422) and nothing is stored. A manager works only within
 * their teams: anything else is 404, as if it did not exist.
 */
import { randomUUID } from 'node:crypto'
import { type Context, Hono } from 'hono'
import * as z from 'zod'
import type {
  FieldChange,
  FieldErrors,
  PositionFormValues,
} from '../../../views/models/position-form.ts'
import { EditPosition, NewPosition } from '../../../views/pages/Positions.tsx'
import { PositionForm, type ProposalReason } from '../../../views/partials/PositionForm.tsx'
import { PositionEditRow, PositionRow, rowId } from '../../../views/partials/PositionRow.tsx'
import { PROPOSED_ID } from '../../../views/partials/ProposedRoles.tsx'
import { CHARTS_ID, TeamCharts } from '../../../views/partials/TeamCharts.tsx'
import { FIGURES_ID, TeamFigures } from '../../../views/partials/TeamFigures.tsx'
import { recordAudit } from '../../db/repos/audit.ts'
import { createPosition, getPosition, updatePosition } from '../../db/repos/positions.ts'
import { listUsers } from '../../db/repos/users.ts'
import { isRealDate } from '../../domain/calendar.ts'
import { type Position, position as positionSchema } from '../../domain/model.ts'
import type { AppDeps } from '../app.ts'
import { can } from '../auth/policy.ts'
import { canSeeTeam, type Viewer } from '../auth/viewer.ts'
import { BadForm, formVersion, NO_VERSION, refuseUnseenVersion } from '../http/bad-form.ts'
import { isHtmxRequest } from '../http/htmx.ts'
import { type PlanView, planView } from '../http/plan-view.ts'
import { htmlResponse } from '../http/render.tsx'
import { previewOf, roleDefaults, roleLabel } from '../services/band-preview.ts'
import {
  changedFields,
  formChoices,
  formValuesOf,
  newRoleValues,
  positionFromForm,
  readFormValues,
} from '../services/position-form.ts'
import { findPosition, positionRow } from '../services/position-table.ts'
import { proposeEdit } from '../services/proposals.ts'
import { figuresTable, teamCharts } from '../services/team-figures.ts'
import { rowOptions } from './positions-table.tsx'

type Deps = Pick<AppDeps, 'db' | 'clock' | 'projections'>

export function positionRoutes({ db, clock, projections }: Deps) {
  const app = new Hono()

  const page = planView({ projections, clock })

  /** Teams the viewer may put roles in, in the workspace's order. */
  const editableTeams = (p: PlanView) =>
    formChoices(
      p.view.doc,
      p.view.doc.teams.filter((t) => can(p.viewer, 'edit_plan', t.id)).map((t) => t.id),
    )

  /** The stored position if the viewer may edit it, else null (answered as 404). */
  function editable(p: PlanView, id: string) {
    const stored = getPosition(db, p.view.plan.id, id)
    return stored && can(p.viewer, 'edit_plan', stored.position.teamId) ? stored : null
  }

  /** Leadership's names, for saying to whom a proposal goes. */
  function approvers(): string {
    const names = listUsers(db)
      .filter((u) => u.role === 'leadership' && !u.disabled)
      .map((u) => u.name)
    return names.length > 0 ? `leadership (${names.join(', ')})` : 'leadership'
  }

  /** The band beside the salary field, and what saving does for this viewer. */
  function formExtras(
    p: PlanView,
    values: PositionFormValues,
    isNew: boolean,
    proposal: ProposalReason = { reason: '' },
  ) {
    const date = isRealDate(values.startDate) ? values.startDate : p.today
    const label = roleLabel(p.view.doc, values.familyId, values.levelId, values.officeId)
    const band = {
      ...previewOf(p.view.doc, values, values.baseSalary, date),
      label,
      onDate: date,
      defaults: isNew ? roleDefaults(p.view.doc, p.view.plan.hiringCostPolicy, values) : undefined,
    }
    const manager = p.viewer.role === 'manager'
    const onSave = isNew
      ? manager
        ? `Saving sends this role for approval to ${approvers()}. Until it is approved it shows on the positions, team and organisation pages marked Proposed, with its cost apart from the approved figures.`
        : "Saving adds the role to the plan at once: its team's headcount and cost change with it."
      : manager
        ? `A change to the level, salary or start date is sent for approval to ${approvers()}; other changes apply at once.`
        : 'Saving applies the changes at once.'
    return { band, onSave, proposal: manager ? proposal : undefined }
  }

  app.get('/positions/new', async (c) => {
    const p = await page(c)
    const choices = editableTeams(p)
    const values = newRoleValues(choices, c.req.query('team'))
    // the salary starts at the midpoint of the band in force today for the chosen role
    const mid = previewOf(p.view.doc, values, '', p.today).judged?.band.mid
    if (mid) values.baseSalary = mid.toFixed(0)
    const extras = formExtras(p, values, true)
    return c.render(<NewPosition values={values} errors={{}} choices={choices} {...extras} />, {
      title: 'Add an open role',
    })
  })

  app.post('/positions', async (c) => {
    const p = await page(c)
    const choices = editableTeams(p)
    const body = await c.req.parseBody()
    const values = readFormValues(body)
    const reason = proposalReason(body)
    const result = positionFromForm(values, choices, null, `role-${randomUUID()}`, {
      levels: p.view.doc.levels,
      policy: p.view.plan.hiringCostPolicy,
    })
    if (!result.ok || reason.error) {
      c.status(422)
      const extras = formExtras(p, values, true, reason)
      const errors = result.ok ? {} : result.errors
      return c.render(
        <NewPosition values={values} errors={errors} choices={choices} {...extras} />,
        {
          title: 'Add an open role: check the form',
        },
      )
    }
    const proposed = propose(c, p, null, result.position, null, reason.reason)
    if (proposed) return proposed
    const created = createPosition(db, p.view.plan.id, result.position)
    projections.positionEdited(p.view.plan.id, created.position.id)
    audit(p.viewer, 'position.create', created.position, null)
    return c.redirect(`/teams/${created.position.teamId}?added=${created.position.id}`, 303)
  })

  /** The row alone: what Cancel swaps back in place of the edit form. */
  app.get('/positions/:id', async (c) => {
    const p = await page(c)
    const found = findPosition(p.view.input.positions, c.req.param('id'))
    if (!found) return c.notFound()
    if (!isHtmxRequest(c)) return c.redirect('/positions', 303)
    const focus = c.req.query('focus') || undefined
    return htmlResponse(
      c,
      <PositionRow
        row={positionRow(p.view.doc, p.view.input.ctx.fillTimes, found, p.today)}
        opts={rowOptions(p.viewer, focus)}
        autofocus
      />,
    )
  })

  app.get('/positions/:id/edit', async (c) => {
    const p = await page(c)
    const stored = editable(p, c.req.param('id'))
    if (!stored) return c.notFound()
    return editForm(c, p, stored.position, stored.version, formValuesOf(stored.position), {})
  })

  app.post('/positions/:id', async (c) => {
    const p = await page(c)
    const stored = editable(p, c.req.param('id'))
    if (!stored) return c.notFound()
    const body = await c.req.parseBody()
    const values = readFormValues(body, formValuesOf(stored.position))
    const version = formVersion.safeParse(body.version)
    // without a version the edit cannot be checked against others' saves, so it is refused
    if (!version.success) throw new BadForm('version', NO_VERSION)
    const reason = proposalReason(body)
    const result = positionFromForm(values, editableTeams(p), stored.position, stored.position.id, {
      levels: p.view.doc.levels,
      policy: [],
    })
    if (!result.ok || reason.error) {
      const errors = result.ok ? {} : result.errors
      return editForm(c, p, stored.position, version.data, values, errors, 422, undefined, reason)
    }
    refuseUnseenVersion(version.data, stored.version)
    if (version.data === stored.version) {
      const proposed = propose(
        c,
        p,
        stored.position,
        result.position,
        stored.version,
        reason.reason,
      )
      if (proposed) return proposed
    }
    // the change and its audit entry commit together: one durable write (fsync) per edit, not two
    const saved = db.transaction(() => {
      const updated = updatePosition(db, p.view.plan.id, result.position, version.data)
      if (updated.ok) audit(p.viewer, 'position.update', updated.position.position, stored.position)
      return updated
    })()
    if (!saved.ok) {
      if (saved.reason === 'not_found') return c.notFound()
      const conflict = changedFields(values, saved.current.position, editableTeams(p))
      return editForm(
        c,
        p,
        saved.current.position,
        saved.current.version,
        values,
        {},
        409,
        conflict,
      )
    }
    projections.positionEdited(p.view.plan.id, result.position.id)
    const focus = c.req.query('focus') || undefined
    if (!isHtmxRequest(c)) return c.redirect(focus ? `/teams/${focus}` : '/positions', 303)
    // the row and, beside it, the figures it changed (htmx 4 partials, swapped by id); on a team
    // page its growth chart and cost by component too
    const fresh = await page(c)
    const figures = figuresTable(fresh.view, fresh.viewer, fresh.today, focus)
    const team = fresh.view.doc.teams.find((t) => t.id === focus && canSeeTeam(fresh.viewer, t.id))
    return htmlResponse(
      c,
      <>
        <PositionRow
          row={positionRow(
            fresh.view.doc,
            fresh.view.input.ctx.fillTimes,
            saved.position.position,
            fresh.today,
          )}
          opts={rowOptions(fresh.viewer, focus)}
          autofocus
        />
        <hx-partial hx-target={`#${FIGURES_ID}`} hx-swap="outerHTML">
          <TeamFigures {...figures} />
        </hx-partial>
        {team && (
          <hx-partial hx-target={`#${CHARTS_ID}`} hx-swap="outerHTML">
            <TeamCharts model={teamCharts(fresh.view, fresh.viewer, team)} />
          </hx-partial>
        )}
      </>,
    )
  })

  /**
   * A manager's new role or change to level, salary or start date is stored as a proposal, not
   * applied: answers with where to follow it, or null when the edit applies at once.
   */
  function propose(
    c: Context,
    p: PlanView,
    before: Position | null,
    after: Position,
    baseVersion: number | null,
    reason: string,
  ) {
    const proposal = proposeEdit(
      db,
      {
        viewer: p.viewer,
        planId: p.view.plan.id,
        doc: p.view.doc,
        today: p.today,
        before,
        after,
        baseVersion,
        reason,
      },
      clock(),
    )
    if (!proposal) return null
    const next = `/positions?proposed=${proposal.id}#${PROPOSED_ID}`
    if (!isHtmxRequest(c)) return c.redirect(next, 303)
    c.header('HX-Redirect', next)
    return c.body(null, 204)
  }

  /** The edit form: in place of the row for htmx, else as its own page. */
  function editForm(
    c: Context,
    p: PlanView,
    position: Position,
    version: number,
    values: PositionFormValues,
    errors: FieldErrors,
    status: 200 | 409 | 422 = 200,
    conflict?: FieldChange[],
    proposal?: ProposalReason,
  ) {
    const focus = c.req.query('focus') || undefined
    const suffix = focus ? `?focus=${encodeURIComponent(focus)}` : ''
    const htmx = isHtmxRequest(c)
    const form = (
      <PositionForm
        id={`edit-${position.id}`}
        heading={`Edit ${position.title}`}
        action={`/positions/${position.id}${suffix}`}
        values={values}
        errors={errors}
        choices={editableTeams(p)}
        kind={position.kind}
        version={version}
        conflict={conflict}
        hxTarget={htmx ? `#${rowId(position.id)}` : undefined}
        cancel={{
          href: focus ? `/teams/${focus}` : '/positions',
          hxGet: `/positions/${position.id}${suffix}`,
        }}
        submitLabel="Save changes"
        {...formExtras(p, values, false, proposal)}
      />
    )
    if (htmx) {
      return htmlResponse(
        c,
        <PositionEditRow positionId={position.id} showPay={can(p.viewer, 'view_pay')}>
          {form}
        </PositionEditRow>,
        status,
      )
    }
    c.status(status)
    return c.render(<EditPosition>{form}</EditPosition>, { title: `Edit ${position.title}` })
  }

  function audit(viewer: Viewer, action: string, after: Position, before: Position | null) {
    recordAudit(
      db,
      {
        userId: viewer.userId,
        action,
        entityType: 'position',
        entityId: after.id,
        teamId: after.teamId,
        before: before && z.encode(positionSchema, before),
        after: z.encode(positionSchema, after),
      },
      clock(),
    )
  }

  return app
}

/** The reason a manager gives with a proposal: at most 2,000 characters. */
function proposalReason(body: Record<string, unknown>): ProposalReason {
  const reason = typeof body.proposalReason === 'string' ? body.proposalReason.trim() : ''
  return reason.length > 2000 ? { reason, error: 'must be at most 2,000 characters' } : { reason }
}
