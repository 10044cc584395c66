/**
 * CSV import of people (filled positions), open roles and salary bands, as an HR system or a
 * spreadsheet exports them: named columns (a few common spellings accepted), teams, offices,
 * families and levels by name or id, amounts with a currency symbol and thousands separators.
 * Every row is checked against the workspace it would change and every problem is listed (row,
 * column, message) so the whole file can be fixed in one go; only a file without problems yields
 * changes. Pure: the caller writes the changes, all in one transaction.
 */
import * as z from 'zod'
import { atOnce, parseSteps, ROWS_PER_STEP, type Steps } from './actuals/hr-files.ts'
import type { WorkspaceDocument } from './document.ts'
import { newHireGrant } from './equity.ts'
import { hiringDefaults, type PolicyRole } from './hiring/cost-policy.ts'
import {
  type HiringCosts,
  id as idSchema,
  isoDate,
  type Level,
  money,
  type Plan,
  type Position,
  position as positionSchema,
  REQUISITION_STATUSES,
  type SalaryBand,
  salaryBand,
} from './model.ts'
import { CURRENCIES, type Currency, type Decimal, dec } from './money.ts'

export const IMPORT_KINDS = ['people', 'positions', 'bands'] as const
export type ImportKind = (typeof IMPORT_KINDS)[number]

export const IMPORT_KIND_LABEL: Record<ImportKind, string> = {
  people: 'People (filled positions)',
  positions: 'Open roles (requisitions)',
  bands: 'Salary bands',
}

interface Column {
  header: string
  /** Other spellings HR exports use for the same column, compared ignoring case and spacing. */
  aliases?: readonly string[]
  required: boolean
}

const col = (header: string, required: boolean, aliases: readonly string[] = []): Column => ({
  header,
  required,
  aliases,
})

const TEAM = col('Team', true, ['Department/Team', 'Department', 'Team Name'])
const LOCATION = col('Location', true, ['Office', 'Work Location'])
const FAMILY = col('Job Family', true, ['Family'])
const LEVEL = col('Level', true, ['Grade', 'Job Level'])
const TITLE = col('Job Title', true, ['Title'])
const SALARY = col('Annual Base Salary', true, ['Base Salary', 'Annual Salary', 'Salary'])
const CURRENCY = col('Currency', true)
const BONUS = col('Bonus Target %', false, ['Bonus Target', 'Bonus %'])
const AGENCY_FEE = col('Expected Agency Fee %', false, ['Agency Fee %', 'Agency Fee'])
const RELOCATION = col('Relocation', false, ['Relocation Budget'])
const VISA = col('Visa', false, ['Visa Route', 'Sponsorship'])
const VISAS = ['none', 'uk_skilled_worker', 'us_h1b'] as const

export const COLUMNS: Record<ImportKind, readonly Column[]> = {
  people: [
    col('Employee ID', true, ['Employee Number', 'Employee No', 'ID']),
    col('Name', true, ['Full Name', 'Employee Name']),
    TITLE,
    TEAM,
    LOCATION,
    FAMILY,
    LEVEL,
    col('Start Date', true, ['Hire Date']),
    col('End Date', false, ['Termination Date', 'Leave Date']),
    SALARY,
    CURRENCY,
    BONUS,
    col('Dependants', false, ['Dependents']),
  ],
  positions: [
    col('Requisition ID', true, ['Req ID', 'Position ID', 'Requisition']),
    TITLE,
    TEAM,
    LOCATION,
    FAMILY,
    LEVEL,
    col('Status', true, ['Requisition Status']),
    col('Reason', true, ['Net New or Backfill', 'Type']),
    col('Backfill Of', false, ['Backfill For']),
    col('Target Start Date', false, ['Target Start']),
    col('Approval Date', false, ['Approved On']),
    SALARY,
    CURRENCY,
    BONUS,
    AGENCY_FEE,
    RELOCATION,
    VISA,
  ],
  bands: [
    FAMILY,
    LEVEL,
    LOCATION,
    CURRENCY,
    col('Min', true, ['Minimum', 'Band Min']),
    col('Mid', true, ['Midpoint', 'Band Mid']),
    col('Max', true, ['Maximum', 'Band Max']),
    col('Effective From', true, ['Effective Date']),
  ],
}

export interface RowProblem {
  /** The spreadsheet row: 1 is the header, 2 the first record. */
  row: number
  /** The column's header as the template spells it; empty for a problem with the whole row. */
  column: string
  message: string
}

export interface PositionChange {
  row: number
  action: 'add' | 'update'
  position: Position
}

export interface BandChange {
  row: number
  /** add: a band for a new family x level x office; correct: the version in force from the same
   *  date; new_version: a later version of the band `basedOnId`. */
  action: 'add' | 'correct' | 'new_version'
  band: SalaryBand
  basedOnId: string | null
}

export type ImportPlan = {
  /** Records in the file (header excluded). */
  rowCount: number
  /** Columns in the file the import does not read (HR exports carry many). */
  ignoredColumns: string[]
  problems: RowProblem[]
} & (
  | { kind: 'people' | 'positions'; positions: PositionChange[] }
  | { kind: 'bands'; bands: BandChange[] }
)

export interface ImportContext {
  doc: WorkspaceDocument
  /** The plan people and open roles go into. */
  plan: Plan
  /** Whether the importer may change positions in this team. */
  canEditTeam: (teamId: string) => boolean
}

// ---------------------------------------------------------------------------------------------
// Cells

type Cell<T> = { ok: true; value: T } | { ok: false; message: string }
const ok = <T>(value: T): Cell<T> => ({ ok: true, value })
const fail = <T>(message: string): Cell<T> => ({ ok: false, message })

const squash = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ')

/**
 * Each list's items by every name they answer to, squashed, per kind of record: made once per list
 * (the workspace's lists are replaced, never changed), not by squashing every name on every row.
 */
const byName = new WeakMap<readonly object[], Map<string, Map<string, unknown>>>()

function namesIndex<T extends { id: string }>(
  items: readonly T[],
  names: (item: T) => string[],
  what: string,
): Map<string, T> {
  const kinds = byName.get(items) ?? new Map<string, Map<string, unknown>>()
  byName.set(items, kinds)
  let index = kinds.get(what) as Map<string, T> | undefined
  if (index === undefined) {
    index = new Map()
    for (const item of items) {
      for (const name of [item.id, ...names(item)]) {
        // the first item in the list that answers to a name keeps it, as a search would find it
        if (!index.has(squash(name))) index.set(squash(name), item)
      }
    }
    kinds.set(what, index)
  }
  return index
}

/** A record named by id or by name (or code), ignoring case; the message lists the choices. */
function lookup<T extends { id: string }>(
  items: readonly T[],
  names: (item: T) => string[],
  what: string,
) {
  const index = namesIndex(items, names, what)
  return (text: string): Cell<T> => {
    const found = index.get(squash(text))
    if (found) return ok(found)
    const choices = items.map((item) => names(item)[0] ?? item.id)
    return fail(`there is no ${what} "${text}"; use one of: ${choices.join(', ')}`)
  }
}

/** An id from an HR system ("E-1001" becomes "e-1001"): letters, digits, - or _. */
function recordId(text: string): Cell<string> {
  const lowered = text.trim().toLowerCase()
  return idSchema.safeParse(lowered).success
    ? ok(lowered)
    : fail('must be letters, digits, - or _ (up to 64), starting with a letter or digit')
}

const SYMBOLS: Record<string, Currency> = { '£': 'GBP', $: 'USD' }

/** "£120,000", "120000.00" or "$95,500.50"; a symbol, if any, must match the row's currency. */
function amount(currency: Currency | null) {
  return (text: string): Cell<Decimal> => {
    let t = text.trim()
    const symbol = SYMBOLS[t.charAt(0)]
    if (symbol) {
      if (currency && symbol !== currency)
        return fail(`has a ${symbol} symbol in a ${currency} row`)
      t = t.slice(1).trim()
    }
    if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(t)) t = t.replaceAll(',', '')
    const parsed = money.safeParse(t)
    return parsed.success
      ? ok(parsed.data)
      : fail('must be an amount such as 120000 or £120,000.00')
  }
}

/** "15", "15%" or "12.5 %" of base, as the rate 0.15. */
function percent(text: string): Cell<Decimal> {
  const t = text.trim().replace(/\s*%$/, '')
  if (!/^\d{1,3}(\.\d{1,4})?$/.test(t) || dec(t).gt(100)) {
    return fail('must be a percentage from 0 to 100, such as 15 or 12.5%')
  }
  return ok(dec(t).dividedBy(100))
}

function plainText(text: string): Cell<string> {
  return text.length <= 200 ? ok(text) : fail('is too long (200 characters at most)')
}

function date(text: string): Cell<string> {
  const parsed = isoDate.safeParse(text.trim())
  return parsed.success ? ok(parsed.data) : fail('must be a date written YYYY-MM-DD')
}

function currencyCode(text: string): Cell<Currency> {
  const t = text.trim().toUpperCase()
  return (CURRENCIES as readonly string[]).includes(t)
    ? ok(t as Currency)
    : fail(`must be ${CURRENCIES.join(' or ')}`)
}

function wholeNumber(max: number) {
  return (text: string): Cell<number> =>
    /^\d{1,3}$/.test(text.trim()) && Number(text) <= max
      ? ok(Number(text))
      : fail(`must be a whole number from 0 to ${max}`)
}

/** "On hold" -> on_hold, "Net new" -> net_new. */
function choice<T extends string>(values: readonly T[]) {
  return (text: string): Cell<T> => {
    const t = squash(text).replace(/[\s-]+/g, '_')
    return (values as readonly string[]).includes(t)
      ? ok(t as T)
      : fail(`must be one of: ${values.map((v) => v.replace('_', ' ')).join(', ')}`)
  }
}

// ---------------------------------------------------------------------------------------------
// Rows

/** One record's cells by template header; problems are collected, never thrown. */
class RowReader {
  constructor(
    readonly row: number,
    private readonly cells: readonly string[],
    /** Where each column is in the file (a header written twice: each place, in order). */
    private readonly places: ReadonlyMap<string, readonly number[]>,
    private readonly problems: RowProblem[],
  ) {}

  /** The cell's text as written, without reading it (of a column written twice, the first filled). */
  raw(column: Column): string {
    for (const i of this.places.get(column.header) ?? []) {
      const cell = this.cells[i]
      if (cell) return cell.trim()
    }
    return ''
  }

  problem(column: string, message: string): void {
    this.problems.push({ row: this.row, column, message })
  }

  /** The cell read with `parse`; `fallback` if empty and optional; undefined (and a problem) if
   *  required and empty, or invalid. */
  read<T, F = undefined>(
    column: Column,
    parse: (text: string) => Cell<T>,
    fallback?: F,
  ): T | F | undefined {
    const text = this.raw(column)
    if (text === '') {
      if (column.required) this.problem(column.header, 'is required')
      return fallback
    }
    const cell = parse(text)
    if (!cell.ok) this.problem(column.header, cell.message)
    return cell.ok ? cell.value : undefined
  }
}

/** Whether every listed value was read (each missing one already has its problem). */
const allRead = (...values: unknown[]) => values.every((v) => v !== undefined)

const columnOf = (kind: ImportKind, header: string) =>
  COLUMNS[kind].find((c) => c.header === header)!

/** Model paths (from the position and band schemas) to the template's columns. */
const PATH_COLUMN: Record<string, string> = {
  endDate: 'End Date',
  startDate: 'Start Date',
  targetStartDate: 'Target Start Date',
  min: 'Min',
  mid: 'Mid',
  max: 'Max',
}

function modelProblems(reader: RowReader, error: z.ZodError): void {
  for (const issue of error.issues) {
    reader.problem(PATH_COLUMN[String(issue.path[0])] ?? '', issue.message)
  }
}

/**
 * Team, office, family and level cells shared by people and open roles. An empty bonus cell is
 * `emptyBonus(level)`: 0 for people, a stored open role's own or a new role's level default.
 */
function placement(
  r: RowReader,
  ctx: ImportContext,
  emptyBonus: (level: Level | undefined) => Decimal = () => dec(0),
) {
  const { doc } = ctx
  const team = r.read(
    TEAM,
    lookup(doc.teams, (t) => [t.name], 'team'),
  )
  if (team && !ctx.canEditTeam(team.id)) {
    r.problem(TEAM.header, `you cannot change positions in ${team.name}`)
  }
  const office = r.read(
    LOCATION,
    lookup(doc.offices, (o) => [o.name, o.city], 'location'),
  )
  const family = r.read(
    FAMILY,
    lookup(doc.jobFamilies, (f) => [f.name], 'job family'),
  )
  const level = r.read(
    LEVEL,
    lookup(doc.levels, (l) => [l.code, l.name, `${l.code} ${l.name}`], 'level'),
  )
  const currency = r.read(CURRENCY, currencyCode)
  if (office && currency && office.currency !== currency) {
    r.problem(CURRENCY.header, `${office.name} pays in ${office.currency}`)
  }
  const salary = r.read(SALARY, amount(currency ?? null))
  const bonus = r.read(BONUS, percent, emptyBonus(level))
  const title = r.read(TITLE, plainText)
  if (!allRead(team, office, family, level, salary, bonus, title)) return undefined
  return {
    teamId: team!.id,
    officeId: office!.id,
    familyId: family!.id,
    levelId: level!.id,
    title: title!,
    baseSalary: salary!,
    bonusTargetRate: bonus!,
  }
}

/** Fields the CSV does not carry (raises, grants, hiring costs) are kept from the stored record. */
function keptFields(existing: Position | undefined) {
  return existing
    ? {
        raises: existing.raises,
        equityGrants: existing.equityGrants,
        hiring: existing.hiring,
        dependants: existing.dependants,
      }
    : {
        raises: [],
        equityGrants: [],
        hiring: { agencyFeeRate: null, relocation: dec(0), visa: 'none' as const },
        dependants: 0,
      }
}

/** The record checked by the model's own rules (end after start, an open role's dates, a band's
 *  min <= mid <= max): encoding runs them, and each failure becomes a problem on the row. */
function checked<S extends z.ZodType>(r: RowReader, schema: S, candidate: z.output<S>) {
  const encoded = z.safeEncode(schema, candidate)
  if (encoded.success) return schema.parse(encoded.data) as z.output<S>
  modelProblems(r, encoded.error)
  return null
}

function personRow(r: RowReader, ctx: ImportContext, existing: Map<string, Position>) {
  const cols = COLUMNS.people
  const id = r.read(cols[0]!, recordId)
  const name = r.read(columnOf('people', 'Name'), plainText)
  const startDate = r.read(columnOf('people', 'Start Date'), date)
  const endDate = r.read(columnOf('people', 'End Date'), date, null)
  const placed = placement(r, ctx)
  const before = id === undefined ? undefined : existing.get(id)
  const dependants = r.read(
    columnOf('people', 'Dependants'),
    wholeNumber(20),
    before?.dependants ?? 0,
  )
  if (before && !ctx.canEditTeam(before.teamId)) {
    r.problem(cols[0]!.header, 'belongs to a team you cannot change')
  }
  if (!allRead(id, name, startDate, endDate, placed, dependants)) return null
  return checked(r, positionSchema, {
    ...keptFields(before),
    ...placed!,
    id: id!,
    dependants: dependants!,
    kind: 'filled',
    personName: name!,
    startDate: startDate!,
    endDate: endDate ?? null,
  })
}

function openRoleRow(
  r: RowReader,
  ctx: ImportContext,
  existing: Map<string, Position>,
  fileIds: ReadonlySet<string>,
) {
  const cols = COLUMNS.positions
  const column = (h: string) => columnOf('positions', h)
  const id = r.read(cols[0]!, recordId)
  const before = id === undefined ? undefined : existing.get(id)
  if (before?.kind === 'filled') {
    r.problem(cols[0]!.header, 'is a filled position; import people with the people template')
  } else if (before && !ctx.canEditTeam(before.teamId)) {
    r.problem(cols[0]!.header, 'belongs to a team you cannot change')
  }
  const status = r.read(column('Status'), choice(REQUISITION_STATUSES))
  const reason = r.read(column('Reason'), choice(['net_new', 'backfill'] as const))
  const backfillOf = r.read(
    column('Backfill Of'),
    (t): Cell<string> => {
      const cell = recordId(t)
      if (!cell.ok || existing.has(cell.value) || fileIds.has(cell.value)) return cell
      return fail(`there is no position "${t}" in the plan or the file`)
    },
    null,
  )
  const targetStartDate = r.read(column('Target Start Date'), date, null)
  const approvalDate = r.read(column('Approval Date'), date, null)
  const placed = placement(
    r,
    ctx,
    (level) => before?.bonusTargetRate ?? level?.bonusTargetRate ?? dec(0),
  )
  const hiring = placed && hiringCells(r, ctx, before, placed)
  if (!allRead(id, status, reason, backfillOf, targetStartDate, approvalDate, placed, hiring)) {
    return null
  }
  // a new role's new-hire grant is its level's default, granted on the day it starts
  const grant = before
    ? null
    : ctx.doc.levels.find((l) => l.id === placed!.levelId)?.newHireEquityUsd
  const grantDate = targetStartDate ?? approvalDate
  return checked(r, positionSchema, {
    ...keptFields(before),
    ...(grant && grantDate && { equityGrants: [newHireGrant(id!, grantDate, grant)] }),
    hiring: hiring!,
    ...placed!,
    id: id!,
    kind: 'open',
    status: status!,
    reason: reason!,
    backfillOfPositionId: backfillOf ?? null,
    targetStartDate: targetStartDate ?? null,
    approvalDate: approvalDate ?? null,
  })
}

/**
 * An open role's hiring costs: each column as the file writes it; an empty cell keeps the stored
 * role's, or for a new role takes the plan's hiring-cost policy for its family, level and office.
 */
function hiringCells(
  r: RowReader,
  ctx: ImportContext,
  before: Position | undefined,
  placed: PolicyRole,
): HiringCosts | undefined {
  const start = before?.hiring ?? hiringDefaults(ctx.plan.hiringCostPolicy, placed)
  const currency = ctx.doc.offices.find((o) => o.id === placed.officeId)?.currency ?? null
  const fee = r.read(AGENCY_FEE, percent, start.agencyFeeRate)
  const relocation = r.read(RELOCATION, amount(currency), start.relocation)
  const visa = r.read(VISA, choice(VISAS), start.visa)
  if (!allRead(fee, relocation, visa)) return undefined
  return { agencyFeeRate: fee!, relocation: relocation!, visa: visa! }
}

const bandKey = (b: { familyId: string; levelId: string; officeId: string }) =>
  `${b.familyId}|${b.levelId}|${b.officeId}`

function bandRow(r: RowReader, doc: WorkspaceDocument): BandChange | null {
  const column = (h: string) => columnOf('bands', h)
  const family = r.read(
    FAMILY,
    lookup(doc.jobFamilies, (f) => [f.name], 'job family'),
  )
  const level = r.read(
    LEVEL,
    lookup(doc.levels, (l) => [l.code, l.name, `${l.code} ${l.name}`], 'level'),
  )
  const office = r.read(
    LOCATION,
    lookup(doc.offices, (o) => [o.name, o.city], 'location'),
  )
  const currency = r.read(CURRENCY, currencyCode)
  if (office && currency && office.currency !== currency) {
    r.problem(CURRENCY.header, `${office.name} pays in ${office.currency}`)
  }
  const [min, mid, max] = ['Min', 'Mid', 'Max'].map((h) =>
    r.read(column(h), amount(currency ?? null)),
  )
  const effectiveFrom = r.read(column('Effective From'), date)
  if (!allRead(family, level, office, currency, min, mid, max, effectiveFrom)) return null
  const key = { familyId: family!.id, levelId: level!.id, officeId: office!.id }
  const versions = doc.salaryBands
    .filter((b) => bandKey(b) === bandKey(key))
    .sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom))
  const latest = versions.at(-1)
  const same = versions.find((b) => b.effectiveFrom === effectiveFrom)
  if (latest && same !== latest && effectiveFrom! <= latest.effectiveFrom) {
    r.problem(
      'Effective From',
      `the band has a version in force from ${latest.effectiveFrom}; only that one can be corrected, or a later one added`,
    )
    return null
  }
  const candidate = {
    ...key,
    id: same?.id ?? `${key.familyId}-${key.levelId}-${key.officeId}-${effectiveFrom}`,
    currency: currency!,
    min: min!,
    mid: mid!,
    max: max!,
    effectiveFrom: effectiveFrom!,
    source: same?.source ?? 'Imported from CSV',
  }
  const band = checked(r, salaryBand, candidate)
  if (!band) return null
  return {
    row: r.row,
    action: same ? 'correct' : latest ? 'new_version' : 'add',
    band,
    basedOnId: same?.id ?? latest?.id ?? null,
  }
}

// ---------------------------------------------------------------------------------------------
// The file

/** Each header of the file as the template column it names, or null if the import ignores it. */
function matchHeader(kind: ImportKind, header: string[]): (Column | null)[] {
  return header.map(
    (h) =>
      COLUMNS[kind].find((c) =>
        [c.header, ...(c.aliases ?? [])].some((n) => squash(n) === squash(h)),
      ) ?? null,
  )
}

/** Checks a CSV file of `kind` against the workspace; the changes are complete only if no problems. */
export function planImport(kind: ImportKind, text: string, ctx: ImportContext): ImportPlan {
  return atOnce(planImportSteps(kind, text, ctx))
}

/** `planImport` in steps of ROWS_PER_STEP rows, so a 30,000-row file lets others work between. */
export function* planImportSteps(
  kind: ImportKind,
  text: string,
  ctx: ImportContext,
): Steps<ImportPlan> {
  const empty = { rowCount: 0, ignoredColumns: [] as string[] }
  const done = (problems: RowProblem[]): ImportPlan =>
    kind === 'bands'
      ? { kind, ...empty, problems, bands: [] }
      : { kind, ...empty, problems, positions: [] }
  const parsed = yield* parseSteps(text)
  if (!Array.isArray(parsed)) return done([parsed])
  const [head, ...records] = parsed
  const header = head?.record ?? []
  const columns = matchHeader(kind, header)
  const problems: RowProblem[] = COLUMNS[kind]
    .filter((c) => c.required && !columns.includes(c))
    .map((c) => ({ row: 1, column: c.header, message: 'column is missing from the header row' }))
  if (records.length === 0) {
    problems.push({ row: 1, column: '', message: 'the file has no rows under the header' })
  }
  if (problems.length > 0) return done(problems)

  const ignoredColumns = header.filter((_, i) => columns[i] === null)
  // one map of where each column is, shared by every row (a map per row was 30,000 maps to collect)
  const places = new Map<string, number[]>()
  columns.forEach((c, i) => {
    if (c) places.set(c.header, [...(places.get(c.header) ?? []), i])
  })
  const readers = records.map(({ row, record }) => new RowReader(row, record, places, problems))
  const base = { rowCount: records.length, ignoredColumns, problems }
  /** `read` of each row, a step at a time; the rows it gives nothing for are left out. */
  function* eachRow<T>(read: (r: RowReader) => T | null): Steps<T[]> {
    const out: T[] = []
    for (let i = 0; i < readers.length; i++) {
      const value = read(readers[i]!)
      if (value !== null) out.push(value)
      if ((i + 1) % ROWS_PER_STEP === 0) yield
    }
    return out
  }

  if (kind === 'bands') {
    const bands = yield* eachRow((r) => bandRow(r, ctx.doc))
    firstOnly(
      bands,
      (b) => `${bandKey(b.band)}|${b.band.effectiveFrom}`,
      problems,
      'Effective From',
    )
    return { kind, ...base, bands: problems.length === 0 ? bands : [] }
  }
  const existing = new Map(ctx.plan.positions.map((p) => [p.id, p]))
  const idColumn = COLUMNS[kind][0]!
  const fileIds = readers.map((r) => r.raw(idColumn).toLowerCase())
  const inFile = new Set(fileIds)
  const changes = yield* eachRow((r): PositionChange | null => {
    const p =
      kind === 'people' ? personRow(r, ctx, existing) : openRoleRow(r, ctx, existing, inFile)
    return p && { row: r.row, action: existing.has(p.id) ? 'update' : 'add', position: p }
  })
  const named = readers.map((r, i) => ({ row: r.row, id: fileIds[i]! })).filter((x) => x.id)
  firstOnly(named, (x) => x.id, problems, idColumn.header)
  return { kind, ...base, positions: problems.length === 0 ? changes : [] }
}

/** A record named twice in one file is a problem on each later row. */
function firstOnly<T extends { row: number }>(
  items: T[],
  key: (item: T) => string,
  problems: RowProblem[],
  column: string,
): void {
  const first = new Map<string, number>()
  for (const item of items) {
    const k = key(item)
    const seen = first.get(k)
    if (seen === undefined) first.set(k, item.row)
    else problems.push({ row: item.row, column, message: `repeats row ${seen}` })
  }
  problems.sort((a, b) => a.row - b.row)
}

// ---------------------------------------------------------------------------------------------
// Templates

/** A template's rows: the header row and one example row using the workspace's own names. */
export function templateRows(kind: ImportKind, doc: WorkspaceDocument): string[][] {
  const office = doc.offices[0]
  const example: Record<string, string> = {
    'Employee ID': 'E1001',
    Name: 'Alex Example',
    'Job Title': 'Software Engineer',
    Team: doc.teams[0]?.name ?? '',
    Location: office?.name ?? '',
    'Job Family': doc.jobFamilies[0]?.name ?? '',
    Level: doc.levels[0]?.code ?? '',
    'Start Date': '2025-04-01',
    'End Date': '',
    'Annual Base Salary': '95000',
    Currency: office?.currency ?? 'GBP',
    'Bonus Target %': '10',
    Dependants: '0',
    'Requisition ID': 'REQ-101',
    Status: 'Open',
    Reason: 'Net new',
    'Backfill Of': '',
    'Target Start Date': '2027-06-01',
    'Approval Date': '2027-01-10',
    'Expected Agency Fee %': '',
    Relocation: '',
    Visa: '',
    Min: '80000',
    Mid: '95000',
    Max: '110000',
    'Effective From': '2027-04-01',
  }
  const headers = COLUMNS[kind].map((c) => c.header)
  return [headers, headers.map((h) => example[h] ?? '')]
}
