/**
 * CSV import: download a template, upload a file to preview (every row's problems, or what will
 * change), then import the previewed file. The checked file stays on the server (keyed by its hash
 * and the user) and the confirm step names it; the import checks it again against the store as it
 * is now and writes all of it in one transaction, or nothing. Bands need edit_bands; people and
 * open roles need edit_plan for each row's team (a manager only within their teams), and finance
 * may import them too, keeping the plan in step with the HR system. Each row follows the rules of
 * the form it mirrors: a manager's new role or change to level, salary or start date becomes a
 * proposal, as from the edit form, and finance's pay above the band one for leadership, as from
 * the pay form; the preview says which rows will.
 */
import { stringify } from 'csv-stringify/sync'
import { type Context, Hono } from 'hono'
import { HTTPException } from 'hono/http-exception'
import * as z from 'zod'
import {
  Import,
  type ImportOutcome,
  ImportResult,
  PREVIEW_ROWS,
  type PreviewRow,
} from '../../../views/pages/Import.tsx'
import { recordAudit } from '../../db/repos/audit.ts'
import { getBand, saveBandVersion } from '../../db/repos/bands.ts'
import { createPosition, getPosition, updatePosition } from '../../db/repos/positions.ts'
import { createProposal, proposalAudit } from '../../db/repos/proposals.ts'
import { insertSalaryBand } from '../../db/repos/reference.ts'
import { currentRevision } from '../../db/repos/revision.ts'
import { atOnce, ROWS_PER_STEP, type Steps } from '../../domain/actuals/hr-files.ts'
import { dateOfClock, formatDate, type ISODate } from '../../domain/calendar.ts'
import {
  IMPORT_KINDS,
  type ImportKind,
  type ImportPlan,
  planImportSteps,
  templateRows,
} from '../../domain/csv-import.ts'
import type { WorkspaceDocument } from '../../domain/document.ts'
import type { Plan, Position } from '../../domain/model.ts'
import { formatMoney } from '../../domain/money.ts'
import type { AppDeps } from '../app.ts'
import { uploadForm } from '../auth/forms.ts'
import { can } from '../auth/policy.ts'
import type { Viewer } from '../auth/viewer.ts'
import { BadForm } from '../http/bad-form.ts'
import { isHtmxRequest } from '../http/htmx.ts'
import { htmlResponse } from '../http/render.tsx'
import { SPREADSHEET_SAFE } from '../http/spreadsheet.ts'
import { backgroundTurn, inBackground } from '../http/turns.ts'
import { importReview, importsReviewed, payAboveBand } from '../services/proposals.ts'
import { keptFor, type StashLimits, UploadStash } from '../services/upload-stash.ts'

type Deps = Pick<AppDeps, 'db' | 'clock' | 'projections'>

const mayImport = (viewer: Viewer, kind: ImportKind) =>
  kind === 'bands'
    ? can(viewer, 'edit_bands')
    : can(viewer, 'edit_plan') || viewer.role === 'finance'

const mayEditTeam = (viewer: Viewer) => (teamId: string) =>
  viewer.role === 'finance' || can(viewer, 'edit_plan', teamId)

const kindsFor = (viewer: Viewer) => IMPORT_KINDS.filter((k) => mayImport(viewer, k))

const submission = z.object({
  kind: z.enum(IMPORT_KINDS),
  plan: z.string().default(''),
})

/** The confirm form names the checked file by its stash key (32 random bytes, base64url). */
const confirmation = z.object({ upload: z.string().regex(/^[\w-]{43}$/) })

export function importRoutes({ db, clock, projections }: Deps) {
  const uploads = new UploadStash<{ kind: ImportKind; planId: string; text: string }>(clock)

  /**
   * The rows that will become proposals rather than change the plan, and what each changes; a
   * step per ROWS_PER_STEP rows.
   */
  function* reviews(
    viewer: Viewer,
    doc: WorkspaceDocument,
    plan: Plan,
    checked: ImportPlan,
  ): Steps<Map<string, string[]>> {
    const review = new Map<string, string[]>()
    // nothing to review: the stored positions are not read (30,000 reads for an admin's file)
    if (checked.kind === 'bands' || !importsReviewed(viewer)) return review
    const today = dateOfClock(clock())
    for (const [i, { position }] of checked.positions.entries()) {
      const before = getPosition(db, plan.id, position.id)?.position ?? null
      const fields = importReview(viewer, doc, before, position, today)
      if (fields) review.set(position.id, fields)
      if ((i + 1) % ROWS_PER_STEP === 0) yield
    }
    return review
  }

  /**
   * The file checked against the workspace and what each row becomes, in the background (after
   * the requests being answered, `inBackground`), or at once.
   */
  async function check(
    chosen: ReturnType<typeof read>,
    text: string,
    run: <T>(steps: Steps<T>) => T | Promise<T> = inBackground,
  ) {
    const { viewer, doc, plan, kind } = chosen
    const context = { doc, plan, canEditTeam: mayEditTeam(viewer) }
    const checked = await run(planImportSteps(kind, text, context))
    const review =
      checked.problems.length > 0
        ? new Map<string, string[]>()
        : await run(reviews(viewer, doc, plan, checked))
    return { ...chosen, checked, review }
  }

  /**
   * `check` against the store as it stands when the check ends, so the write that follows at
   * once changes only what was checked: checked again if another request wrote meanwhile (the
   * third time at once, which nothing can interrupt).
   */
  async function checkAsStored(
    c: Context,
    kept: { kind: ImportKind; planId: string; text: string },
  ) {
    for (let tries = 1; ; tries++) {
      const revision = currentRevision(db)
      const chosen = read(c, { kind: kept.kind, plan: kept.planId })
      const checked = await check(chosen, kept.text, tries < 3 ? inBackground : atOnce)
      if (currentRevision(db) === revision) return checked
    }
  }

  /** The form's fields, refused (400) if the kind is unknown, 403 if the viewer may not. */
  function read(c: Context, body: Record<string, unknown>) {
    const viewer = c.get('viewer') as Viewer
    const parsed = submission.safeParse(body)
    if (!parsed.success) {
      const field = String(parsed.error.issues[0]?.path[0] ?? 'kind')
      throw new BadForm(field, 'Choose what the file holds.')
    }
    if (!mayImport(viewer, parsed.data.kind)) throw new HTTPException(403)
    const doc = projections.workspace()
    const plan = doc.plans.find((p) => p.id === parsed.data.plan) ?? doc.plans[0]
    if (!plan) throw new HTTPException(404, { message: 'There is no plan to import into.' })
    return { viewer, doc, plan, kind: parsed.data.kind }
  }

  /** The page with its result, or the result alone for htmx; 422 when the file has problems. */
  function answer(
    c: Context,
    viewer: Viewer,
    chosen: { kind: ImportKind; planId: string },
    outcome: ImportOutcome,
  ) {
    if (outcome.state === 'problems') c.status(422)
    if (isHtmxRequest(c)) return htmlResponse(c, <ImportResult outcome={outcome} />)
    const doc = projections.workspace()
    return c.render(
      <Import
        kinds={kindsFor(viewer)}
        plans={doc.plans.map(({ id, name }) => ({ id, name }))}
        chosen={chosen}
        outcome={outcome}
      />,
      { title: outcome.state === 'problems' ? 'Import: problems in the file' : 'Import from CSV' },
    )
  }

  return new Hono()
    .get('/import', (c) => {
      const viewer = c.get('viewer')
      const kinds = kindsFor(viewer)
      if (kinds.length === 0) throw new HTTPException(403)
      const doc = projections.workspace()
      return c.render(
        <Import
          kinds={kinds}
          plans={doc.plans.map(({ id, name }) => ({ id, name }))}
          chosen={{ kind: kinds[0]!, planId: doc.plans[0]?.id ?? '' }}
        />,
        { title: 'Import from CSV' },
      )
    })
    .get('/import/:kind/template.csv', (c) => {
      const parsed = z.enum(IMPORT_KINDS).safeParse(c.req.param('kind'))
      if (!parsed.success) return c.notFound()
      const kind = parsed.data
      if (!mayImport(c.get('viewer'), kind)) throw new HTTPException(403)
      c.header('content-type', 'text/csv; charset=utf-8')
      c.header('content-disposition', `attachment; filename="${kind}-template.csv"`)
      // office and team names are the workspace's own text: written formula-safe like every CSV
      return c.body(stringify(templateRows(kind, projections.workspace()), SPREADSHEET_SAFE))
    })
    .post('/import/preview', async (c) => {
      const { fields, text } = await uploadForm(c)
      const chosen = read(c, fields)
      const { viewer, doc, plan, kind, checked, review } = await check(chosen, text)
      // the file kept and its first rows rendered in a turn of their own, not the check's last
      await backgroundTurn()
      const shown = { kind, planId: plan.id }
      if (checked.problems.length > 0) return answer(c, viewer, shown, problemsOf(checked))
      const upload = uploads.put(viewer.userId, { kind, planId: plan.id, text })
      return answer(c, viewer, shown, {
        state: 'preview',
        kind,
        upload,
        rows: previewRows(checked, doc, review, PREVIEW_ROWS),
        counts: {
          rows: checked.rowCount,
          adds: (checked.kind === 'bands' ? checked.bands : checked.positions).filter(
            (c) => c.action === 'add',
          ).length,
          proposals: review.size,
        },
        ignoredColumns: checked.ignoredColumns,
      })
    })
    .post('/import', async (c) => {
      const body = await c.req.parseBody()
      const named = confirmation.safeParse(body)
      const viewer = c.get('viewer') as Viewer
      const kept = named.success && uploads.get(viewer.userId, named.data.upload)
      if (!kept) {
        const kinds = kindsFor(viewer)
        if (kinds.length === 0) throw new HTTPException(403)
        const planId = projections.workspace().plans[0]?.id ?? ''
        return answer(c, viewer, { kind: kinds[0]!, planId }, expired(kinds[0]!, uploads.limits))
      }
      // checked again: the store may have changed since the preview
      const { doc, plan, kind, checked, review } = await checkAsStored(c, kept)
      const chosen = { kind, planId: plan.id }
      if (checked.problems.length > 0) return answer(c, viewer, chosen, problemsOf(checked))
      const counts = db.transaction(() => {
        const written = write(checked, plan.id, doc, viewer, review)
        recordAudit(
          db,
          {
            userId: viewer.userId,
            action: `import.${kind}`,
            entityType: kind === 'bands' ? 'salary_band' : 'position',
            entityId: kind === 'bands' ? 'csv' : plan.id,
            after: written,
          },
          clock(),
        )
        return written
      })()
      uploads.delete(named.data.upload)
      const next =
        kind === 'bands'
          ? '/bands'
          : counts.proposed > 0
            ? '/approvals'
            : `/positions?plan=${encodeURIComponent(plan.id)}`
      return answer(c, viewer, chosen, { state: 'imported', kind, ...counts, next })
    })

  /**
   * Writes a clean import; call inside a transaction (a refused write throws, undoing all). A row
   * in `review` becomes a proposal, as its form would make it, instead of changing the plan.
   */
  function write(
    checked: ImportPlan,
    planId: string,
    doc: WorkspaceDocument,
    viewer: Viewer,
    review: ReadonlyMap<string, string[]>,
  ) {
    if (checked.kind === 'bands') {
      checked.bands.forEach((change, i) => {
        if (change.basedOnId === null) {
          insertSalaryBand(db, change.band, doc.salaryBands.length + i)
          return
        }
        const base = getBand(db, change.basedOnId)
        const saved = base && saveBandVersion(db, change.basedOnId, base.version, change.band)
        if (!saved?.ok) throw new Error(`band ${change.basedOnId} changed during the import`)
      })
      return { ...count(checked.bands.map((b) => b.action === 'add')), proposed: 0 }
    }
    const now = clock()
    for (const change of checked.positions) {
      const stored = getPosition(db, planId, change.position.id)
      const changed = review.get(change.position.id)
      if (changed) {
        propose(planId, doc, viewer, stored, change.position, changed, now)
        continue
      }
      if (!stored) {
        createPosition(db, planId, change.position)
        continue
      }
      const saved = updatePosition(db, planId, change.position, stored.version)
      if (!saved.ok) throw new Error(`position ${change.position.id} changed during the import`)
    }
    const applied = checked.positions.filter((p) => !review.has(p.position.id))
    return { ...count(applied.map((p) => p.action === 'add')), proposed: review.size }
  }

  /** A row stored as a proposal, as the form it mirrors would store it. */
  function propose(
    planId: string,
    doc: WorkspaceDocument,
    viewer: Viewer,
    stored: { position: Position; version: number } | null,
    position: Position,
    changed: string[],
    now: Date,
  ) {
    const today: ISODate = dateOfClock(now)
    const before = stored?.position ?? null
    const created = createProposal(
      db,
      {
        planId,
        kind: stored ? 'change' : 'new_role',
        position,
        before,
        baseVersion: stored?.version ?? null,
        changed,
        payAboveBand: payAboveBand(doc, position, today),
        proposedBy: viewer.userId,
      },
      now,
    )
    recordAudit(db, proposalAudit(viewer.userId, 'proposal.create', created, before), now)
  }
}

/** The answer to a confirmation whose file is no longer kept (or was never checked). */
function expired(kind: ImportKind, limits: StashLimits): ImportOutcome {
  const message = `The checked file is no longer kept (files wait ${keptFor(limits)} for their import): choose it and check it again.`
  return { state: 'problems', kind, rowCount: 0, problems: [{ row: 0, column: 'file', message }] }
}

const count = (added: boolean[]) => ({
  added: added.filter(Boolean).length,
  updated: added.filter((a) => !a).length,
})

function problemsOf(checked: ImportPlan): ImportOutcome {
  return {
    state: 'problems',
    kind: checked.kind,
    rowCount: checked.rowCount,
    problems: checked.problems,
  }
}

const ACTION_LABEL = {
  add: 'Add',
  update: 'Update',
  correct: 'Correct the band in force',
  new_version: 'New version',
} as const

/** The preview's first `shown` lines: what each row becomes, in words and formatted money. */
function previewRows(
  checked: ImportPlan,
  doc: WorkspaceDocument,
  review: ReadonlyMap<string, string[]>,
  shown: number,
): PreviewRow[] {
  const name = (items: { id: string; name: string }[], id: string) =>
    items.find((x) => x.id === id)?.name ?? id
  const level = (id: string) => doc.levels.find((l) => l.id === id)?.code ?? id
  if (checked.kind === 'bands') {
    return checked.bands.slice(0, shown).map(({ row, action, band: b }) => ({
      row,
      id: b.id,
      label: `${name(doc.jobFamilies, b.familyId)} ${level(b.levelId)}, ${name(doc.offices, b.officeId)}`,
      proposal: false,
      detail: `${[b.min, b.mid, b.max].map((m) => formatMoney(m, b.currency, { wholeUnits: true })).join(' / ')} from ${formatDate(b.effectiveFrom)}`,
      action: ACTION_LABEL[action],
    }))
  }
  return checked.positions.slice(0, shown).map(({ row, action, position: p }) => {
    const currency = doc.offices.find((o) => o.id === p.officeId)?.currency ?? 'GBP'
    const start = p.kind === 'filled' ? p.startDate : (p.targetStartDate ?? p.approvalDate)
    return {
      row,
      id: p.id,
      label: p.kind === 'filled' ? `${p.personName}, ${p.title}` : p.title,
      detail: [
        name(doc.teams, p.teamId),
        name(doc.offices, p.officeId),
        `${name(doc.jobFamilies, p.familyId)} ${level(p.levelId)}`,
        formatMoney(p.baseSalary, currency, { wholeUnits: true }),
        start ? `from ${formatDate(start)}` : '',
      ]
        .filter(Boolean)
        .join(' · '),
      action: ACTION_LABEL[action],
      proposal: review.has(p.id),
    }
  })
}
