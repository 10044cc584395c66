/**
 * Roster sync: the current roster from an HR system's people export, reconciled against a plan
 * before anything is written. People are recognised by their employee id (linked to a position at
 * the first sync: the position's own id, else the same name); joiners are matched to open roles by
 * requisition id, else by team, title and a start within 92 days of the role's (such a match waits
 * for the user's confirmation); an end date makes a leaver; anyone else is an unplanned hire.
 * People missing from the file are left alone: exports are often filtered. Pure: the caller
 * writes the outcome's operations in one transaction.
 */
import { addDays } from '../calendar.ts'
import type { WorkspaceDocument } from '../document.ts'
import {
  EXCLUDED_STATUSES,
  type FilledPosition,
  id as idSchema,
  type OpenPosition,
  type Plan,
  type Position,
} from '../model.ts'
import { type Currency, dec, formatMinor, fromMinor, toMinor } from '../money.ts'
import { indexSteps } from '../steps.ts'
import {
  atOnce,
  type Cell,
  type DateOrder,
  type FieldSpec,
  fail,
  ok,
  type ParsedTable,
  ROWS_PER_STEP,
  RowCells,
  type RowProblem,
  readAmount,
  readCurrency,
  readDate,
  readEmployeeId,
  readTableSteps,
  type Steps,
} from './hr-files.ts'

export const ROSTER_PRESETS = ['template', 'bamboohr', 'hibob', 'personio', 'workday'] as const
export type RosterPreset = (typeof ROSTER_PRESETS)[number]

type RosterField =
  | 'employeeId'
  | 'name'
  | 'firstName'
  | 'lastName'
  | 'title'
  | 'team'
  | 'office'
  | 'family'
  | 'level'
  | 'startDate'
  | 'endDate'
  | 'salary'
  | 'currency'
  | 'requisitionId'

interface PresetSpec {
  label: string
  /** Where the column names come from, for the page and the docs. */
  source: string
  dateOrder: DateOrder
  headers: Record<RosterField, readonly string[]>
}

/**
 * Column names as each system's people report or export labels them (see docs/actuals.md for the
 * documentation each preset follows). A preset accepts ISO dates too.
 */
export const PRESETS: Record<RosterPreset, PresetSpec> = {
  template: {
    label: 'Planner template',
    source: 'this planner',
    dateOrder: 'ymd',
    headers: {
      employeeId: ['Employee ID'],
      name: ['Name'],
      firstName: ['First Name'],
      lastName: ['Last Name'],
      title: ['Job Title'],
      team: ['Team'],
      office: ['Office', 'Location'],
      family: ['Job Family'],
      level: ['Level'],
      startDate: ['Start Date'],
      endDate: ['End Date'],
      salary: ['Annual Salary'],
      currency: ['Currency'],
      requisitionId: ['Requisition ID'],
    },
  },
  bamboohr: {
    label: 'BambooHR custom report',
    source: 'BambooHR field names (Employee #, Hire Date, Pay Rate)',
    dateOrder: 'mdy',
    headers: {
      employeeId: ['Employee #', 'Employee Number'],
      name: ['Full Name', 'Display Name'],
      firstName: ['First Name'],
      lastName: ['Last Name'],
      title: ['Job Title'],
      team: ['Department', 'Division'],
      office: ['Location'],
      family: ['Job Family'],
      level: ['Job Level'],
      startDate: ['Hire Date', 'Original Hire Date'],
      endDate: ['Termination Date'],
      salary: ['Pay Rate', 'Annual Salary'],
      currency: ['Pay Rate Currency', 'Currency'],
      requisitionId: ['Job Opening ID', 'Requisition ID'],
    },
  },
  hibob: {
    label: 'HiBob people data export',
    source: 'HiBob people data fields (Employee ID, Site, Start date, Base salary)',
    dateOrder: 'dmy',
    headers: {
      employeeId: ['Employee ID', 'Employee id in company'],
      name: ['Display name'],
      firstName: ['First name'],
      lastName: ['Last name'],
      title: ['Job title'],
      team: ['Department'],
      office: ['Site'],
      family: ['Job family'],
      level: ['Grade', 'Job level'],
      startDate: ['Start date'],
      endDate: ['Termination date'],
      salary: ['Base salary', 'Salary'],
      currency: ['Base salary currency', 'Currency'],
      requisitionId: ['Position ID', 'Requisition ID'],
    },
  },
  personio: {
    label: 'Personio employee list export',
    source: 'Personio employee attributes (ID, Position, Office, Hire date, Fix salary)',
    dateOrder: 'dmy',
    headers: {
      employeeId: ['ID', 'Employee ID'],
      name: ['Name'],
      firstName: ['First name'],
      lastName: ['Last name'],
      title: ['Position'],
      team: ['Team', 'Department'],
      office: ['Office'],
      family: ['Job family'],
      level: ['Seniority', 'Level'],
      startDate: ['Hire date'],
      endDate: ['Termination date'],
      salary: ['Fix salary', 'Fixed salary'],
      currency: ['Currency'],
      requisitionId: ['Requisition ID'],
    },
  },
  workday: {
    label: 'Workday worker report',
    source:
      'Workday report fields (Employee ID, Worker, Supervisory Organization, Annual Base Pay)',
    dateOrder: 'mdy',
    headers: {
      employeeId: ['Employee ID'],
      name: ['Worker', 'Legal Name', 'Preferred Name'],
      firstName: ['First Name'],
      lastName: ['Last Name'],
      title: ['Business Title'],
      team: ['Supervisory Organization', 'Cost Center'],
      office: ['Location', 'Work Location'],
      family: ['Job Family'],
      level: ['Management Level', 'Job Level'],
      startDate: ['Hire Date', 'Original Hire Date'],
      endDate: ['Termination Date'],
      salary: ['Annual Base Pay', 'Total Base Pay Annualized', 'Base Pay'],
      currency: ['Currency'],
      requisitionId: ['Job Requisition ID', 'Job Requisition'],
    },
  },
}

const REQUIRED: ReadonlySet<RosterField> = new Set([
  'employeeId',
  'team',
  'office',
  'startDate',
  'salary',
])

const FIELD_LABEL: Record<RosterField, string> = {
  employeeId: 'employee id',
  name: 'name',
  firstName: 'first name',
  lastName: 'last name',
  title: 'job title',
  team: 'team',
  office: 'office',
  family: 'job family',
  level: 'level',
  startDate: 'start date',
  endDate: 'end date',
  salary: 'annual salary',
  currency: 'currency',
  requisitionId: 'requisition id',
}

function fieldsOf(preset: RosterPreset): Record<RosterField, FieldSpec> {
  const headers = PRESETS[preset].headers
  return Object.fromEntries(
    (Object.keys(headers) as RosterField[]).map((f) => [
      f,
      { label: FIELD_LABEL[f], headers: headers[f], required: REQUIRED.has(f) },
    ]),
  ) as Record<RosterField, FieldSpec>
}

/** One person as the HR system has them, resolved to the workspace's records. */
export interface RosterRecord {
  row: number
  employeeId: string
  name: string
  title: string | null
  teamId: string
  officeId: string
  familyId: string | null
  levelId: string | null
  startDate: string
  endDate: string | null
  /** Annual base salary, minor units of the office's currency. */
  salary: number
  currency: Currency
  requisitionId: string | null
}

// ---------------------------------------------------------------------------------------------
// Reading

const squash = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ')

/** A lookup of records by id or name, ignoring case; each distinct text is resolved once. */
function named<T extends { id: string }>(
  items: readonly T[],
  names: (item: T) => string[],
  what: string,
  clean: (text: string) => string[] = (t) => [t],
) {
  const byName = new Map<string, T>()
  for (const item of items) {
    for (const n of [item.id, ...names(item)])
      if (!byName.has(squash(n))) byName.set(squash(n), item)
  }
  const choices = items.map((i) => names(i)[0] ?? i.id).join(', ')
  const seen = new Map<string, Cell<T>>()
  return (text: string): Cell<T> => {
    let cell = seen.get(text)
    if (!cell) {
      const found = clean(text)
        .map((t) => byName.get(squash(t)))
        .find((t) => t !== undefined)
      cell = found
        ? ok(found)
        : fail(`there is no ${what} "${text}" in the planner; use one of: ${choices}`)
      seen.set(text, cell)
    }
    return cell
  }
}

/** Workday names an organisation with its manager ("Circuits (Daniel Brooks)"); locations carry
 *  a region ("London, UK"). Both are compared with and without that tail. */
const withoutTail = (text: string) => [
  text,
  text.replace(/\s*\([^)]*\)\s*$/, ''),
  text.split(',')[0] ?? text,
]

export interface RosterFile {
  preset: RosterPreset
  records: RosterRecord[]
  rowCount: number
  ignoredColumns: string[]
  problems: RowProblem[]
}

export const readRoster = (preset: RosterPreset, text: string, doc: WorkspaceDocument) =>
  atOnce(readRosterSteps(preset, text, doc))

export function* readRosterSteps(
  preset: RosterPreset,
  text: string,
  doc: WorkspaceDocument,
): Steps<RosterFile> {
  const fields = fieldsOf(preset)
  const table: ParsedTable<RosterField> = yield* readTableSteps(text, fields)
  const problems = [...table.problems]
  const base = { preset, rowCount: table.rows.length, ignoredColumns: table.ignoredColumns }
  if (problems.length > 0) return { ...base, records: [], problems }
  const spec = PRESETS[preset]
  const team = named(doc.teams, (t) => [t.name], 'team', withoutTail)
  const office = named(doc.offices, (o) => [o.name, o.city], 'office', withoutTail)
  const family = named(doc.jobFamilies, (f) => [f.name], 'job family')
  const level = named(doc.levels, (l) => [l.code, l.name, `${l.code} ${l.name}`], 'level')
  const date = readDate(spec.dateOrder)
  const seen = new Map<string, number>()
  const records: RosterRecord[] = []
  for (const [n, row] of table.rows.entries()) {
    if (n % ROWS_PER_STEP === ROWS_PER_STEP - 1) yield
    const r = new RowCells(table, fields, row, problems)
    const employeeId = r.read('employeeId', readEmployeeId)
    const fullName =
      r.raw('name') || [r.raw('firstName'), r.raw('lastName')].filter(Boolean).join(' ')
    if (!fullName) r.problem(table.headerOf.name ? 'name' : 'firstName', 'is required')
    const t = r.read('team', team)
    const o = r.read('office', office)
    const f = r.read('family', family)
    const l = r.read('level', level)
    const startDate = r.read('startDate', date)
    const endDate = r.read('endDate', date)
    const salary = r.read('salary', readAmount)
    const currency = r.read('currency', readCurrency) ?? salary?.currency ?? o?.currency
    if (o && currency && currency !== o.currency) {
      r.problem(r.raw('currency') ? 'currency' : 'salary', `${o.name} pays in ${o.currency}`)
    }
    if (salary?.currency && currency && salary.currency !== currency) {
      r.problem('salary', `is in ${salary.currency} but the row's currency is ${currency}`)
    }
    if (startDate && endDate && endDate < startDate) {
      r.problem('endDate', 'is before the start date')
    }
    if (fullName.length > 200) r.problem('name', 'is too long (200 characters at most)')
    if (employeeId !== undefined) {
      const first = seen.get(employeeId)
      if (first !== undefined) r.problem('employeeId', `repeats row ${first}`)
      else seen.set(employeeId, row.row)
    }
    const requisition = r.raw('requisitionId').toLowerCase()
    if (!employeeId || !fullName || !t || !o || !startDate || !salary || !currency) continue
    if ((r.raw('family') && !f) || (r.raw('level') && !l) || (r.raw('endDate') && !endDate))
      continue
    records.push({
      row: row.row,
      employeeId,
      name: fullName,
      title: r.raw('title') || null,
      teamId: t.id,
      officeId: o.id,
      familyId: f?.id ?? null,
      levelId: l?.id ?? null,
      startDate,
      endDate: endDate ?? null,
      salary: salary.minor,
      currency,
      requisitionId: requisition || null,
    })
  }
  problems.sort((a, b) => a.row - b.row)
  return { ...base, records: problems.length === 0 ? records : [], problems }
}

// ---------------------------------------------------------------------------------------------
// Reconciling

export type RosterChangeField = 'salary' | 'level' | 'team' | 'office' | 'title'

export interface FieldChange {
  field: RosterChangeField
  before: string
  after: string
}

export interface MatchedPerson {
  row: number
  employeeId: string
  positionId: string
  name: string
  /** How the person was recognised the first time (afterwards always by the stored link). */
  matchedBy: 'link' | 'position id' | 'name'
  changes: FieldChange[]
  /** Newly set end date: a leaver. */
  leaves: string | null
}

export interface Hire {
  row: number
  employeeId: string
  name: string
  openRoleId: string
  roleTitle: string
  matchedBy: 'requisition' | 'team, title and start'
  /** A match by team, title and start is applied only once the user confirms it. */
  needsConfirmation: boolean
}

export interface UnplannedHire {
  row: number
  employeeId: string
  name: string
  position: FilledPosition
}

export interface OverdueRole {
  positionId: string
  title: string
  teamId: string
  expectedStart: string
}

export interface Reconciliation {
  matched: MatchedPerson[]
  hires: Hire[]
  unplanned: UnplannedHire[]
  overdue: OverdueRole[]
}

export interface RosterContext {
  doc: WorkspaceDocument
  plan: Plan
  /** Employee id -> position id, from earlier syncs. */
  links: ReadonlyMap<string, string>
  /** The day the roster describes (today). */
  asOf: string
}

/** Annual base in force on `date`: the last raise on or before it, else the base salary. */
export function salaryOn(p: Position, date: string): number {
  const raise = [...p.raises]
    .filter((r) => r.effectiveDate <= date)
    .sort((a, b) => a.effectiveDate.localeCompare(b.effectiveDate))
    .at(-1)
  return toMinor(raise?.annualBase ?? p.baseSalary)
}

const MATCH_WINDOW_DAYS = 92

export const reconcileRoster = (records: readonly RosterRecord[], ctx: RosterContext) =>
  atOnce(reconcileSteps(records, ctx))

/** Plan positions indexed between two pauses of `reconcileSteps` (indexing is cheaper than a row). */
const POSITIONS_PER_STEP = 10 * ROWS_PER_STEP

/** A plan's positions by id, built in steps: a 50,000-position index is not built at once. */
export const positionsById = (positions: readonly Position[]) =>
  indexSteps(positions, new Map<string, Position>(), (p) => [p.id, p], POSITIONS_PER_STEP)

export function* reconcileSteps(
  records: readonly RosterRecord[],
  ctx: RosterContext,
): Steps<Reconciliation> {
  const { plan, links, asOf } = ctx
  const byId = yield* positionsById(plan.positions)
  const linkedPositions = new Set(links.values())
  const unlinkedByName = new Map<string, FilledPosition[]>()
  for (const [n, p] of plan.positions.entries()) {
    if (n % POSITIONS_PER_STEP === POSITIONS_PER_STEP - 1) yield
    if (p.kind !== 'filled' || linkedPositions.has(p.id)) continue
    const key = squash(p.personName)
    const list = unlinkedByName.get(key)
    if (list) list.push(p)
    else unlinkedByName.set(key, [p])
  }
  const openRoles = plan.positions.filter(
    (p): p is OpenPosition => p.kind === 'open' && !EXCLUDED_STATUSES.includes(p.status),
  )
  const openById = new Map(openRoles.map((p) => [p.id, p]))
  const openByTeam = new Map<string, OpenPosition[]>()
  for (const p of openRoles) {
    const list = openByTeam.get(p.teamId)
    if (list) list.push(p)
    else openByTeam.set(p.teamId, [p])
  }
  const taken = new Set<string>()
  const newPosition = unplannedPositions(ctx, taken, byId)
  const out: Reconciliation = { matched: [], hires: [], unplanned: [], overdue: [] }

  for (const [n, r] of records.entries()) {
    if (n % ROWS_PER_STEP === ROWS_PER_STEP - 1) yield
    const person = recognise(r)
    if (person) {
      taken.add(person.position.id)
      out.matched.push(compare(r, person.position, person.by))
      continue
    }
    const hire = openRoleFor(r)
    if (hire) {
      taken.add(hire.role.id)
      out.hires.push({
        row: r.row,
        employeeId: r.employeeId,
        name: r.name,
        openRoleId: hire.role.id,
        roleTitle: hire.role.title,
        matchedBy: hire.by,
        needsConfirmation: hire.by !== 'requisition',
      })
      continue
    }
    out.unplanned.push({
      row: r.row,
      employeeId: r.employeeId,
      name: r.name,
      position: newPosition(r),
    })
  }
  for (const role of openRoles) {
    const expected = role.targetStartDate ?? role.approvalDate
    if (!taken.has(role.id) && expected !== null && expected < asOf) {
      out.overdue.push({
        positionId: role.id,
        title: role.title,
        teamId: role.teamId,
        expectedStart: expected,
      })
    }
  }
  return out

  function recognise(r: RosterRecord) {
    const linked = links.get(r.employeeId)
    const viaLink = linked === undefined ? undefined : byId.get(linked)
    if (viaLink?.kind === 'filled') return { position: viaLink, by: 'link' as const }
    const sameId = byId.get(r.employeeId)
    if (sameId?.kind === 'filled' && !linkedPositions.has(sameId.id) && !taken.has(sameId.id)) {
      return { position: sameId, by: 'position id' as const }
    }
    const sameName = (unlinkedByName.get(squash(r.name)) ?? []).filter((p) => !taken.has(p.id))
    if (sameName.length === 1) return { position: sameName[0]!, by: 'name' as const }
    return null
  }

  function openRoleFor(r: RosterRecord) {
    const byRequisition = r.requisitionId ? openById.get(r.requisitionId) : undefined
    if (byRequisition && !taken.has(byRequisition.id)) {
      return { role: byRequisition, by: 'requisition' as const }
    }
    if (r.title === null) return null
    const distance = (p: OpenPosition) => {
      const expected = p.targetStartDate ?? p.approvalDate!
      return Math.abs(Date.parse(expected) - Date.parse(r.startDate)) / 86_400_000
    }
    let best: OpenPosition | null = null
    for (const p of openByTeam.get(r.teamId) ?? []) {
      if (taken.has(p.id) || squash(p.title) !== squash(r.title) || distance(p) > MATCH_WINDOW_DAYS)
        continue
      if (best === null || distance(p) < distance(best)) best = p
    }
    return best ? { role: best, by: 'team, title and start' as const } : null
  }

  function compare(r: RosterRecord, p: FilledPosition, by: MatchedPerson['matchedBy']) {
    const changes: FieldChange[] = []
    // a future joiner's pay is compared as it will be on their first day
    const now = salaryOn(p, [asOf, r.startDate].sort()[1]!)
    const money = (minor: number) => formatMinor(minor, r.currency)
    if (now !== r.salary)
      changes.push({ field: 'salary', before: money(now), after: money(r.salary) })
    const names = nameLookup(ctx.doc)
    if (r.levelId && r.levelId !== p.levelId) {
      changes.push({
        field: 'level',
        before: names.level(p.levelId),
        after: names.level(r.levelId),
      })
    }
    if (r.teamId !== p.teamId) {
      changes.push({ field: 'team', before: names.team(p.teamId), after: names.team(r.teamId) })
    }
    if (r.officeId !== p.officeId) {
      changes.push({
        field: 'office',
        before: names.office(p.officeId),
        after: names.office(r.officeId),
      })
    }
    if (r.title && r.title !== p.title)
      changes.push({ field: 'title', before: p.title, after: r.title })
    return {
      row: r.row,
      employeeId: r.employeeId,
      positionId: p.id,
      name: p.personName,
      matchedBy: by,
      changes,
      leaves: r.endDate !== null && r.endDate !== p.endDate ? r.endDate : null,
    }
  }
}

function nameLookup(doc: WorkspaceDocument) {
  const of = <T extends { id: string }>(items: readonly T[], name: (t: T) => string) => {
    const map = new Map(items.map((i) => [i.id, name(i)]))
    return (id: string) => map.get(id) ?? id
  }
  return {
    team: of(doc.teams, (t) => t.name),
    office: of(doc.offices, (o) => o.name),
    level: of(doc.levels, (l) => `${l.code} ${l.name}`),
  }
}

/**
 * New filled positions for people nobody planned: family from the file, the title, or the team's
 * most common family; level from the file, else the team's most common level. Each team's usual
 * family and level are counted once, so a large roster stays linear. A new position's id is free
 * among the plan's positions (`planned`) and those taken or made so far (`taken`, added to).
 */
function unplannedPositions(
  ctx: RosterContext,
  taken: Set<string>,
  planned: ReadonlyMap<string, Position>,
) {
  const usual = new Map<string, { familyId?: string; levelId?: string }>()
  const usualIn = (teamId: string) => {
    let found = usual.get(teamId)
    if (!found) {
      const own = ctx.plan.positions.filter((p) => p.teamId === teamId)
      const pool = own.length > 0 ? own : ctx.plan.positions
      found = {
        familyId: mostCommon(pool.map((p) => p.familyId)),
        levelId: mostCommon(pool.map((p) => p.levelId)),
      }
      usual.set(teamId, found)
    }
    return found
  }
  const used = (id: string) => planned.has(id) || taken.has(id)
  return (r: RosterRecord): FilledPosition => {
    const familyId =
      r.familyId ??
      ctx.doc.jobFamilies.find((f) => r.title && squash(r.title).includes(squash(f.name)))?.id ??
      usualIn(r.teamId).familyId ??
      ctx.doc.jobFamilies[0]!.id
    const levelId = r.levelId ?? usualIn(r.teamId).levelId ?? ctx.doc.levels[0]!.id
    const family = ctx.doc.jobFamilies.find((f) => f.id === familyId)!
    const id = freeId(r.employeeId, used)
    taken.add(id)
    return {
      id,
      kind: 'filled',
      teamId: r.teamId,
      officeId: r.officeId,
      familyId,
      levelId,
      title: r.title ?? family.name,
      personName: r.name,
      startDate: r.startDate,
      endDate: r.endDate,
      baseSalary: fromMinor(r.salary),
      bonusTargetRate: dec(0),
      raises: [],
      equityGrants: [],
      dependants: 0,
      hiring: { agencyFeeRate: null, relocation: dec(0), visa: 'none' },
    }
  }
}

function mostCommon(values: string[]): string | undefined {
  const counts = new Map<string, number>()
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1)
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0]
}

/** The employee id as a position id when it is a valid and unused one, else `emp-` and a number. */
function freeId(employeeId: string, used: (id: string) => boolean): string {
  const cleaned = employeeId.replace(/[^a-z0-9_-]/g, '-').slice(0, 50)
  if (idSchema.safeParse(cleaned).success && !used(cleaned)) return cleaned
  let n = 1
  while (used(`emp-${cleaned}-${n}`)) n++
  return `emp-${cleaned}-${n}`
}

// ---------------------------------------------------------------------------------------------
// Applying

export interface RosterChoices {
  /** Employee ids whose match by team, title and start the user confirmed. */
  confirmed: ReadonlySet<string>
  /** Employee ids of leavers for whom a backfill role is opened. */
  backfill: ReadonlySet<string>
}

/** What the sync writes: whole positions to save (new or replaced) and employee links. */
export interface RosterWrites {
  save: Position[]
  links: { employeeId: string; positionId: string }[]
  skipped: { employeeId: string; name: string; reason: string }[]
}

export const rosterWrites = (
  records: readonly RosterRecord[],
  found: Reconciliation,
  ctx: RosterContext,
  choices: RosterChoices,
) => atOnce(rosterWritesSteps(records, found, ctx, choices))

export function* rosterWritesSteps(
  records: readonly RosterRecord[],
  found: Reconciliation,
  ctx: RosterContext,
  choices: RosterChoices,
): Steps<RosterWrites> {
  const byRow = yield* indexSteps(
    records,
    new Map<number, RosterRecord>(),
    (r) => [r.row, r],
    POSITIONS_PER_STEP,
  )
  const byId = yield* positionsById(ctx.plan.positions)
  // ids this sync makes (new people, backfills), kept apart from the plan's own index
  const made = new Set(found.unplanned.map((u) => u.position.id))
  const used = (id: string) => byId.has(id) || made.has(id)
  const out: RosterWrites = { save: [], links: [], skipped: [] }
  for (const [n, m] of found.matched.entries()) {
    if (n % ROWS_PER_STEP === ROWS_PER_STEP - 1) yield
    const r = byRow.get(m.row)!
    const before = byId.get(m.positionId) as FilledPosition
    if (m.matchedBy !== 'link') out.links.push({ employeeId: m.employeeId, positionId: before.id })
    if (m.changes.length === 0 && m.leaves === null) continue
    const after: FilledPosition = {
      ...before,
      teamId: r.teamId,
      officeId: r.officeId,
      levelId: r.levelId ?? before.levelId,
      title: r.title ?? before.title,
      endDate: m.leaves ?? before.endDate,
    }
    if (m.changes.some((c) => c.field === 'salary'))
      Object.assign(after, salaryChange(before, r, ctx.asOf))
    out.save.push(after)
    if (m.leaves !== null && choices.backfill.has(m.employeeId)) {
      const backfill = backfillRole(after, m.leaves, ctx, used)
      made.add(backfill.id)
      out.save.push(backfill)
    }
  }
  for (const h of found.hires) {
    if (h.needsConfirmation && !choices.confirmed.has(h.employeeId)) {
      out.skipped.push({
        employeeId: h.employeeId,
        name: h.name,
        reason: `not confirmed as the hire for ${h.roleTitle}`,
      })
      continue
    }
    const r = byRow.get(h.row)!
    const role = byId.get(h.openRoleId) as OpenPosition
    const { status, reason, backfillOfPositionId, targetStartDate, approvalDate, ...kept } = role
    out.save.push({
      ...kept,
      kind: 'filled',
      teamId: r.teamId,
      officeId: r.officeId,
      levelId: r.levelId ?? role.levelId,
      familyId: r.familyId ?? role.familyId,
      title: r.title ?? role.title,
      personName: r.name,
      startDate: r.startDate,
      endDate: r.endDate,
      baseSalary: fromMinor(r.salary),
      raises: [],
    })
    out.links.push({ employeeId: h.employeeId, positionId: role.id })
  }
  for (const u of found.unplanned) {
    out.save.push(u.position)
    out.links.push({ employeeId: u.employeeId, positionId: u.position.id })
  }
  return out
}

/** A pay change is a raise from the day the roster describes (or the base, before the start). */
function salaryChange(p: FilledPosition, r: RosterRecord, asOf: string) {
  const annualBase = fromMinor(r.salary)
  if (r.startDate >= asOf) return { baseSalary: annualBase }
  const raises = [
    ...p.raises.filter((x) => x.effectiveDate !== asOf),
    { effectiveDate: asOf, annualBase },
  ].sort((a, b) => a.effectiveDate.localeCompare(b.effectiveDate))
  return { raises }
}

function backfillRole(
  leaver: FilledPosition,
  endDate: string,
  ctx: RosterContext,
  used: (id: string) => boolean,
): OpenPosition {
  const base = leaver.id.slice(0, 50)
  let id = `${base}-backfill`
  for (let n = 2; used(id); n++) id = `${base}-backfill-${n}`
  const { personName, startDate, endDate: _, kind, ...kept } = leaver
  return {
    ...kept,
    id,
    kind: 'open',
    status: 'approved',
    reason: 'backfill',
    backfillOfPositionId: leaver.id,
    targetStartDate: addDays(endDate, 1),
    approvalDate: ctx.asOf,
    baseSalary: fromMinor(salaryOn(leaver, endDate)),
    raises: [],
    equityGrants: [],
  }
}
