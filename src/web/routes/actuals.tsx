/**
 * Roster and payroll: templates, a check (preview) of each upload, and applying a checked file.
 * The checked file stays on the server (UploadStash) and the confirmation names it by key, so a
 * large file is never sent back through a form; it is read and reconciled again on apply, as the
 * store may have moved. The push endpoint takes the same roster file from a script with a token.
 */
import { stringify } from 'csv-stringify/sync'
import { type Context, Hono } from 'hono'
import { HTTPException } from 'hono/http-exception'
import * as z from 'zod'
import { Actuals, type ActualsOutcome, type RosterPreview } from '../../../views/pages/Actuals.tsx'
import { StoreMovedError } from '../../db/write-in-steps.ts'
import {
  PAYROLL_TEMPLATE_HEADERS,
  readPayrollSteps,
  readActualRates as readRatesFile,
} from '../../domain/actuals/payroll.ts'
import {
  PRESETS,
  type Reconciliation,
  ROSTER_PRESETS,
  type RosterChangeField,
  type RosterFile,
  readRosterSteps,
  reconcileSteps,
} from '../../domain/actuals/roster.ts'
import { dateOfClock, formatDate, isRealDate, monthOfClock } from '../../domain/calendar.ts'
import type { WorkspaceDocument } from '../../domain/document.ts'
import type { Plan } from '../../domain/model.ts'
import { CURRENCIES, formatMinor } from '../../domain/money.ts'
import type { AppDeps } from '../app.ts'
import { fileText, formBody, listOf } from '../auth/forms.ts'
import type { Viewer } from '../auth/viewer.ts'
import { SPREADSHEET_SAFE } from '../http/spreadsheet.ts'
import { inBackground } from '../http/turns.ts'
import type { ActualsService } from '../services/actuals.ts'
import { keptFor, type StashLimits, type UploadStash } from '../services/upload-stash.ts'

type Deps = Pick<AppDeps, 'clock' | 'projections' | 'db'> & {
  actuals: ActualsService
  uploads: UploadStash
}

const presetOptions = ROSTER_PRESETS.map((p) => ({ value: p, label: PRESETS[p].label }))

const rosterForm = z.object({
  preset: z.enum(ROSTER_PRESETS, 'Choose the system the file was exported from'),
  plan: z.string().default(''),
  asOf: z.string().refine(isRealDate, 'Give the date the roster describes, as YYYY-MM-DD'),
})

const TEMPLATES = {
  roster: () => [
    ROSTER_TEMPLATE_HEADERS,
    [
      'E1001',
      'Alex Example',
      'Research Engineer',
      'Interpretability',
      'London',
      'Research Engineer',
      'L4',
      '2027-04-01',
      '',
      '185000',
      'GBP',
      '',
    ],
  ],
  payroll: () => [
    PAYROLL_TEMPLATE_HEADERS,
    ['E1001', '2027-04', 'GBP', '15416.67', '0', '1991.92', '616.67', '250.00', '0'],
  ],
  rates: () => [
    ['Month', 'USD per GBP'],
    ['2027-04', '1.2654'],
  ],
} as const

const ROSTER_TEMPLATE_HEADERS = Object.values(PRESETS.template.headers)
  .map((names) => names[0]!)
  .filter((h) => h !== 'First Name' && h !== 'Last Name')

export function actualsRoutes({ clock, projections, actuals, uploads }: Deps) {
  async function render(c: Context, outcome?: ActualsOutcome) {
    const doc = await projections.workspaceInTurns()
    const rates = actuals.actualRates()
    if (outcome?.state === 'problems') c.status(422)
    return c.render(
      <Actuals
        presets={presetOptions}
        plans={doc.plans.map(({ id, name }) => ({ id, name }))}
        today={dateOfClock(clock())}
        closed={actuals.closedMonths().map((month) => ({ month, rate: rates.get(month) ?? null }))}
        outcome={outcome}
      />,
      {
        title:
          outcome?.state === 'problems'
            ? 'Roster and payroll: problems in the file'
            : 'Roster and payroll',
      },
    )
  }

  function planOf(doc: WorkspaceDocument, id: unknown): Plan {
    const plan = doc.plans.find((p) => p.id === id) ?? doc.plans[0]
    if (!plan) throw new HTTPException(404, { message: 'There is no plan.' })
    return plan
  }

  /** The roster read and reconciled (a step at a time: a file may hold 50,000 people). */
  async function checkRoster(viewer: Viewer, form: z.output<typeof rosterForm>, text: string) {
    const { doc, at } = await actuals.checkedWorkspace()
    const plan = planOf(doc, form.plan)
    const file = await inBackground(readRosterSteps(form.preset, text, doc))
    const { links } = await actuals.employeesInTurns(plan)
    const found = await inBackground(
      reconcileSteps(file.records, { doc, plan, links, asOf: form.asOf }),
    )
    return { doc, at, plan, file, found, viewer }
  }

  return new Hono()
    .get('/actuals', (c) => render(c))
    .get('/actuals/:kind{roster|payroll|rates}/template.csv', (c) => {
      const kind = c.req.param('kind') as keyof typeof TEMPLATES
      return c.body(
        stringify(
          TEMPLATES[kind]().map((r) => [...r]),
          SPREADSHEET_SAFE,
        ),
        200,
        {
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': `attachment; filename="${kind}-template.csv"`,
        },
      )
    })
    .post('/actuals/roster/preview', async (c) => {
      const viewer = c.get('viewer')
      const body = await formBody(c)
      const form = parseForm(rosterForm, body)
      const text = await fileText(body.file)
      const checked = await checkRoster(viewer, form, text)
      if (checked.file.problems.length > 0) {
        return render(c, { state: 'problems', what: 'roster', problems: checked.file.problems })
      }
      const key = uploads.put(viewer.userId, { text })
      return render(c, { state: 'roster', preview: rosterPreview(key, form, checked) })
    })
    .post('/actuals/roster', async (c) => {
      const viewer = c.get('viewer')
      const body = await formBody(c)
      const form = parseForm(rosterForm, body)
      const key = String(listOf(body.key)[0] ?? '')
      const text = uploads.get(viewer.userId, key)?.text
      if (text === undefined) throw expired(uploads.limits)
      const checked = await checkRoster(viewer, form, text)
      const { plan, file, found } = checked
      if (file.problems.length > 0) {
        return render(c, { state: 'problems', what: 'roster', problems: file.problems })
      }
      const choices = {
        confirmed: new Set(listOf(body.confirm).map(String)),
        backfill: new Set(listOf(body.backfill).map(String)),
      }
      const writes = await unlessMoved(
        actuals.applyRoster(plan, file, found, choices, form.asOf, checked, viewer, clock()),
      )
      if (writes === null) throw new HTTPException(409, { message: MOVED })
      uploads.delete(key)
      const skipped =
        writes.skipped.length > 0
          ? ` Not applied: ${writes.skipped.map((s) => `${s.name} (${s.reason})`).join('; ')}.`
          : ''
      return render(c, {
        state: 'done',
        message: `The roster is applied to ${plan.name}: ${writes.save.length} positions saved.${skipped}`,
      })
    })
    .post('/actuals/payroll/preview', async (c) => {
      const viewer = c.get('viewer')
      const body = await formBody(c)
      const text = await fileText(body.file)
      const { plan, file } = await checkPayroll(body.plan, text)
      if (file.problems.length > 0) {
        return render(c, { state: 'problems', what: 'payroll file', problems: file.problems })
      }
      const totals = CURRENCIES.map((currency) => ({
        currency,
        amount: formatMinor(
          file.lines
            .filter((l) => l.currency === currency)
            .reduce((sum, l) => sum + Object.values(l.amounts).reduce((a, b) => a + b, 0), 0),
          currency,
        ),
      })).filter((t) => file.lines.some((l) => l.currency === t.currency))
      return render(c, {
        state: 'payroll',
        preview: {
          key: uploads.put(viewer.userId, { text }),
          planId: plan.id,
          rowCount: file.rowCount,
          months: file.months,
          people: new Set(file.lines.map((l) => l.employeeId)).size,
          totals,
        },
      })
    })
    .post('/actuals/payroll', async (c) => {
      const viewer = c.get('viewer')
      const body = await formBody(c)
      const key = String(listOf(body.key)[0] ?? '')
      const text = uploads.get(viewer.userId, key)?.text
      if (text === undefined) throw expired(uploads.limits)
      const checked = await checkPayroll(body.plan, text)
      const { plan, file } = checked
      if (file.problems.length > 0) {
        return render(c, { state: 'problems', what: 'payroll file', problems: file.problems })
      }
      const written = await unlessMoved(actuals.applyPayroll(plan, file, checked, viewer, clock()))
      if (written === null) throw new HTTPException(409, { message: MOVED })
      uploads.delete(key)
      return render(c, {
        state: 'done',
        message: `Payroll imported: ${file.months.join(', ')} closed.`,
      })
    })
    .post('/actuals/rates', async (c) => {
      const body = await formBody(c)
      const { rates, problems } = readRatesFile(await fileText(body.file))
      if (problems.length > 0) return render(c, { state: 'problems', what: 'rates file', problems })
      actuals.applyRates(rates, c.get('viewer'), clock())
      return render(c, {
        state: 'done',
        message: `Actual rates imported for ${rates.map((r) => r.month).join(', ')}.`,
      })
    })
    .post('/api/v1/roster', async (c) => {
      // a script's push: the same roster file as the body; ?apply=1 writes what needs no
      // confirmation (matches by team, title and start are reported as skipped, never guessed)
      const viewer = c.get('viewer')
      const query = rosterForm.safeParse({
        preset: c.req.query('preset') ?? 'template',
        plan: c.req.query('plan') ?? '',
        asOf: c.req.query('asOf') ?? dateOfClock(clock()),
      })
      if (!query.success) {
        return c.json(
          {
            problems: query.error.issues.map((i) => ({
              field: String(i.path[0]),
              message: i.message,
            })),
          },
          400,
        )
      }
      const text = await c.req.text()
      const checked = await checkRoster(viewer, query.data, text)
      if (checked.file.problems.length > 0) return c.json({ problems: checked.file.problems }, 422)
      const summary = pushSummary(checked.found)
      if (c.req.query('apply') !== '1') return c.json({ applied: false, ...summary })
      const writes = await unlessMoved(
        actuals.applyRoster(
          checked.plan,
          checked.file,
          checked.found,
          { confirmed: new Set(), backfill: new Set() },
          query.data.asOf,
          checked,
          viewer,
          clock(),
        ),
      )
      if (writes === null) return c.json({ error: 'conflict', message: MOVED }, 409)
      return c.json({
        applied: true,
        ...summary,
        saved: writes.save.length,
        skipped: writes.skipped,
      })
    })

  async function checkPayroll(planId: unknown, text: string) {
    const { doc, at } = await actuals.checkedWorkspace()
    const plan = planOf(doc, listOf(planId)[0])
    const file = await inBackground(
      readPayrollSteps(text, {
        currencyOf: await actuals.currencies(plan, doc),
        thisMonth: monthOfClock(clock()),
      }),
    )
    return { doc, at, plan, file }
  }
}

/** The form's fields, or a 400 naming the first bad one (the page's own controls send them). */
function parseForm<S extends z.ZodType>(schema: S, body: Record<string, unknown>): z.output<S> {
  const first = Object.fromEntries(Object.entries(body).map(([k, v]) => [k, listOf(v)[0]]))
  const parsed = schema.safeParse(first)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]!
  throw new HTTPException(400, { message: `${String(issue.path[0])}: ${issue.message}` })
}

const MOVED = 'The plan changed while the file was checked, so nothing was written: check it again.'

/** A file's write checked against a store that moved on meanwhile: null, nothing written. */
async function unlessMoved<T>(write: Promise<T>): Promise<T | null> {
  try {
    return await write
  } catch (e) {
    if (e instanceof StoreMovedError) return null
    throw e
  }
}

const expired = (limits: StashLimits) =>
  new HTTPException(409, {
    message: `The checked file is no longer kept (it is kept for ${keptFor(limits)}): check it again.`,
  })

function rosterPreview(
  key: string,
  form: z.output<typeof rosterForm>,
  {
    doc,
    plan,
    file,
    found,
  }: { doc: WorkspaceDocument; plan: Plan; file: RosterFile; found: Reconciliation },
): RosterPreview {
  const team = (id: string) => doc.teams.find((t) => t.id === id)?.name ?? id
  const office = (id: string) => doc.offices.find((o) => o.id === id)?.name ?? id
  // The roles named, found in one pass over the plan (not a search of 50,000 positions each).
  const named = new Set([
    ...found.hires.map((h) => h.openRoleId),
    ...found.overdue.map((o) => o.positionId),
  ])
  const roles = new Map(plan.positions.filter((x) => named.has(x.id)).map((x) => [x.id, x]))
  const role = (id: string) => {
    const p = roles.get(id)
    return p ? `${p.title}, ${team(p.teamId)}, ${office(p.officeId)}` : id
  }
  return {
    key,
    planId: plan.id,
    preset: form.preset,
    asOf: form.asOf,
    rowCount: file.rowCount,
    ignoredColumns: file.ignoredColumns,
    changes: found.matched
      .filter((m) => m.changes.length > 0)
      .map((m) => ({
        employeeId: m.employeeId,
        name: m.name,
        changes: m.changes.map((ch) => `${CHANGE_LABEL[ch.field]} ${ch.before} to ${ch.after}`),
      })),
    leavers: found.matched
      .filter((m) => m.leaves !== null)
      .map((m) => ({ employeeId: m.employeeId, name: m.name, endDate: formatDate(m.leaves!) })),
    hires: found.hires.map((h) => ({
      employeeId: h.employeeId,
      name: h.name,
      role: role(h.openRoleId),
      how:
        h.matchedBy === 'requisition'
          ? 'requisition id'
          : 'team, title and start date: please confirm',
      confirm: h.needsConfirmation,
    })),
    unplanned: found.unplanned.map((u) => ({
      name: u.name,
      detail: `${u.position.title}, ${team(u.position.teamId)}, ${office(u.position.officeId)}, from ${formatDate(u.position.startDate)}`,
    })),
    overdue: found.overdue.map((o) => ({
      role: role(o.positionId),
      expected: formatDate(o.expectedStart),
    })),
    unchanged: found.matched.filter((m) => m.changes.length === 0 && m.leaves === null).length,
  }
}

const CHANGE_LABEL: Record<RosterChangeField, string> = {
  salary: 'Salary',
  level: 'Level',
  team: 'Team',
  office: 'Office',
  title: 'Title',
}

function pushSummary(found: Reconciliation) {
  return {
    matched: found.matched.length,
    changes: found.matched
      .filter((m) => m.changes.length > 0)
      .map((m) => ({ name: m.name, changes: m.changes })),
    leavers: found.matched
      .filter((m) => m.leaves !== null)
      .map((m) => ({ name: m.name, endDate: m.leaves })),
    hires: found.hires.map((h) => ({
      name: h.name,
      openRoleId: h.openRoleId,
      needsConfirmation: h.needsConfirmation,
    })),
    unplanned: found.unplanned.map((u) => ({ name: u.name, positionId: u.position.id })),
    overdue: found.overdue,
  }
}
