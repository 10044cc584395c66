/**
 * Hiring capacity in the store (migration 0004): interviewer pools and interview loops, each a
 * record in its codec's text form with its own version; the time-to-fill and notice-period tables;
 * each plan's hiring settings; and the append-only history of posted job-ad ranges. Every row read
 * back is decoded by the same codec, so a bad row fails loudly. Pools, loops and the tables are
 * seeded from data/hiring/defaults.json while they are empty; a plan without stored settings reads
 * the defaults at version 0.
 */
import * as z from 'zod'
import {
  type SponsorshipOfRole,
  sponsorshipOfRole,
  type WorkspaceHiring,
} from '../../domain/document.ts'
import {
  type HiringDefaultsFile,
  type InterviewerPool,
  type InterviewLoop,
  interviewerPool,
  interviewLoop,
  type JobAdPolicy,
  jobAdPolicy,
  type NoticePeriod,
  noticePeriod,
  type PostedRange,
  postedRange,
  type Recruiting,
  type RoleSponsorship,
  recruiting,
  roleSponsorship,
  type TimeToFillEntry,
  timeToFillEntry,
} from '../../domain/hiring/schema.ts'
import type { Database } from '../open.ts'
import { currentRevision } from './revision.ts'
import { decodeRow, minorOf, moneyText } from './rows.ts'

/**
 * Until a plan sets its own: post from a quarter of the way from band minimum to midpoint up to
 * half way from midpoint to maximum, in whole thousands [assumption: domain 5.2 asks for a
 * good-faith range expected on hire, not the full band].
 */
export const DEFAULT_JOB_AD_POLICY: z.input<typeof jobAdPolicy> = {
  minShareOfMinToMid: '0.25',
  maxShareOfMidToMax: '0.5',
  roundTo: '1000',
}

export interface Versioned<T> {
  value: T
  version: number
}

export interface StoredHiring {
  pools: Versioned<InterviewerPool>[]
  loops: Versioned<InterviewLoop>[]
  timeToFill: TimeToFillEntry[]
  /** The time-to-fill table's version (0: as seeded). */
  timeToFillVersion: number
  noticePeriods: NoticePeriod[]
}

export interface HiringSettings {
  recruiting: Recruiting
  jobAdPolicy: JobAdPolicy
}

/** Version 0: the plan has not saved settings of its own yet. */
export type StoredSettings = HiringSettings & { planId: string; version: number }

export type SaveResult<T> =
  | { ok: true; saved: Versioned<T>; before: T | null }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'stale'; current: Versioned<T> }

export interface StoredPosting {
  id: number
  posting: PostedRange
  postedBy: string | null
  createdAt: string
}

type BodyRow = { id: string; body: string; version: number }

const stamp = `strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`

/** Seeds pools, loops and the tables from the defaults if there are no pools; true if it did. */
export function seedHiringDefaults(db: Database, defaults: HiringDefaultsFile): boolean {
  return db.transaction(() => {
    if (db.prepare('SELECT 1 FROM interviewer_pools LIMIT 1').get()) return false
    insertHiringTables(db, { ...defaults.setup, ...defaults })
    return true
  })()
}

/** Writes pools, loops and the time-to-fill and notice-period tables in order (after clearing the tables). */
function insertHiringTables(
  db: Database,
  tables: Pick<WorkspaceHiring, 'pools' | 'loops' | 'timeToFill' | 'noticePeriods'>,
) {
  const text = (schema: z.ZodType, value: unknown) => JSON.stringify(z.encode(schema, value))
  const insertAll = (sql: string, rows: unknown[][]) => {
    const statement = db.prepare(sql)
    rows.forEach((values, i) => {
      statement.run(...values, i)
    })
  }
  for (const table of HIRING_TABLES) db.prepare(`DELETE FROM ${table}`).run()
  insertAll(
    'INSERT INTO interviewer_pools (id, body, sort_order) VALUES (?, ?, ?)',
    tables.pools.map((p) => [p.id, text(interviewerPool, p)]),
  )
  insertAll(
    'INSERT INTO interview_loops (id, body, sort_order) VALUES (?, ?, ?)',
    tables.loops.map((l) => [l.id, text(interviewLoop, l)]),
  )
  insertAll(
    'INSERT INTO hiring_time_to_fill (family_id, level_id, body, sort_order) VALUES (?, ?, ?, ?)',
    tables.timeToFill.map((t) => [t.familyId, t.levelId ?? '', text(timeToFillEntry, t)]),
  )
  insertAll(
    'INSERT INTO hiring_notice_periods (country, body, sort_order) VALUES (?, ?, ?)',
    tables.noticePeriods.map((n) => [n.country, text(noticePeriod, n)]),
  )
}

const HIRING_TABLES = [
  'interviewer_pools',
  'interview_loops',
  'hiring_time_to_fill',
  'hiring_notice_periods',
]

/**
 * The workspace document's hiring section as stored: what an export writes. Undefined while
 * nothing is stored (the shipped defaults are seeded on first use, in any workspace alike).
 */
export function readWorkspaceHiring(db: Database): WorkspaceHiring | undefined {
  const { pools, loops, timeToFill, noticePeriods } = readHiring(db)
  if (pools.length === 0) return undefined
  const rows = db
    .prepare('SELECT * FROM plan_hiring_settings ORDER BY plan_id')
    .all() as (SettingsRow & { plan_id: string })[]
  return {
    pools: pools.map((p) => p.value),
    loops: loops.map((l) => l.value),
    timeToFill,
    noticePeriods,
    plans: rows.map((row) => ({ planId: row.plan_id, ...settingsOfRow(row, row.plan_id) })),
  }
}

/**
 * Replaces the stored hiring setup with an imported document's (call inside the import's
 * transaction): every record at version 1, the time-to-fill table's version moved on so a form
 * opened before the import is refused as stale.
 */
export function replaceWorkspaceHiring(db: Database, hiring: WorkspaceHiring): void {
  insertHiringTables(db, hiring)
  bumpTimeToFillVersion(db)
  db.prepare('DELETE FROM plan_hiring_settings').run()
  for (const p of hiring.plans) writeSettings(db, p.planId, p)
}

function readVersioned<S extends z.ZodType>(db: Database, table: string, schema: S) {
  const rows = db
    .prepare(`SELECT id, body, version FROM ${table} ORDER BY sort_order, rowid`)
    .all() as BodyRow[]
  return rows.map((r) => ({
    value: decodeRow(schema, JSON.parse(r.body), `${table} ${r.id}`) as z.output<S>,
    version: r.version,
  }))
}

function readBodies<S extends z.ZodType>(db: Database, table: string, schema: S): z.output<S>[] {
  const rows = db.prepare(`SELECT body FROM ${table} ORDER BY sort_order`).all() as {
    body: string
  }[]
  return rows.map((r, i) => decodeRow(schema, JSON.parse(r.body), `${table} row ${i + 1}`))
}

export function readHiring(db: Database): StoredHiring {
  return {
    pools: readVersioned(db, 'interviewer_pools', interviewerPool),
    loops: readVersioned(db, 'interview_loops', interviewLoop),
    timeToFill: readBodies(db, 'hiring_time_to_fill', timeToFillEntry),
    timeToFillVersion: timeToFillVersion(db),
    noticePeriods: readBodies(db, 'hiring_notice_periods', noticePeriod),
  }
}

/**
 * What the hiring tables hold, in one line that changes whenever any of them does: the store's
 * revision (writes to the time-to-fill and notice-period tables and to a plan's hiring settings
 * bump it) and each pool's and loop's id and version (a save bumps its version).
 */
export function hiringStamp(db: Database): string {
  const versions = (table: string) =>
    db.prepare(`SELECT group_concat(id || ':' || version, ',') FROM ${table}`).pluck().get() ?? ''
  return [currentRevision(db), versions('interviewer_pools'), versions('interview_loops')].join('|')
}

function bumpTimeToFillVersion(db: Database) {
  db.prepare(
    `INSERT INTO hiring_time_to_fill_version (one, version) VALUES (1, 1)
     ON CONFLICT (one) DO UPDATE SET version = version + 1`,
  ).run()
}

function timeToFillVersion(db: Database): number {
  const row = db.prepare('SELECT version FROM hiring_time_to_fill_version').get() as
    | { version: number }
    | undefined
  return row?.version ?? 0
}

/** Replaces the time-to-fill entries (same families and levels) against the table's version. */
export function saveTimeToFill(
  db: Database,
  entries: TimeToFillEntry[],
  basedOn: number,
): SaveResult<TimeToFillEntry[]> {
  return db.transaction((): SaveResult<TimeToFillEntry[]> => {
    const before = readBodies(db, 'hiring_time_to_fill', timeToFillEntry)
    const version = timeToFillVersion(db)
    if (version !== basedOn)
      return { ok: false, reason: 'stale', current: { value: before, version } }
    const update = db.prepare(
      'UPDATE hiring_time_to_fill SET body = ? WHERE family_id = ? AND level_id = ?',
    )
    for (const e of entries) {
      const body = JSON.stringify(z.encode(timeToFillEntry, e))
      if (update.run(body, e.familyId, e.levelId ?? '').changes !== 1) {
        throw new RangeError(`no time-to-fill row for ${e.familyId} ${e.levelId ?? '(any level)'}`)
      }
    }
    bumpTimeToFillVersion(db)
    const saved = readBodies(db, 'hiring_time_to_fill', timeToFillEntry)
    return { ok: true, saved: { value: saved, version: version + 1 }, before }
  })()
}

/**
 * Saves one pool or loop against the version it was based on; `basedOn` null adds a new record
 * (refused as stale if the id is taken).
 */
function saveVersioned<S extends z.ZodType<{ id: string }>>(
  db: Database,
  table: 'interviewer_pools' | 'interview_loops',
  schema: S,
  value: z.output<S>,
  basedOn: number | null,
): SaveResult<z.output<S>> {
  return db.transaction((): SaveResult<z.output<S>> => {
    const all = readVersioned(db, table, schema)
    const current = all.find((r) => r.value.id === value.id)
    if (basedOn !== null && !current) return { ok: false, reason: 'not_found' }
    if (current && current.version !== basedOn) return { ok: false, reason: 'stale', current }
    const body = JSON.stringify(z.encode(schema, value))
    if (current) {
      db.prepare(
        `UPDATE ${table} SET body = ?, version = version + 1, updated_at = ${stamp} WHERE id = ?`,
      ).run(body, value.id)
    } else {
      db.prepare(`INSERT INTO ${table} (id, body, sort_order) VALUES (?, ?, ?)`).run(
        value.id,
        body,
        all.length,
      )
    }
    const saved = readVersioned(db, table, schema).find((r) => r.value.id === value.id)!
    return { ok: true, saved, before: current?.value ?? null }
  })()
}

export const savePool = (db: Database, pool: InterviewerPool, basedOn: number | null) =>
  saveVersioned(db, 'interviewer_pools', interviewerPool, pool, basedOn)

export const saveLoop = (db: Database, loop: InterviewLoop, basedOn: number | null) =>
  saveVersioned(db, 'interview_loops', interviewLoop, loop, basedOn)

type SettingsRow = {
  recruiter_pool_id: string
  max_open_roles_per_recruiter: number
  days_to_open: number
  job_ad_min_share: string
  job_ad_max_share: string
  job_ad_round_to: string
  version: number
}

/** The plan's settings, or `defaults` (the shipped recruiting limit) at version 0. */
export function readHiringSettings(
  db: Database,
  planId: string,
  defaults: Recruiting,
): StoredSettings {
  const row = db.prepare('SELECT * FROM plan_hiring_settings WHERE plan_id = ?').get(planId) as
    | SettingsRow
    | undefined
  if (!row) {
    return {
      planId,
      version: 0,
      recruiting: defaults,
      jobAdPolicy: jobAdPolicy.parse(DEFAULT_JOB_AD_POLICY),
    }
  }
  return { planId, version: row.version, ...settingsOfRow(row, planId) }
}

function settingsOfRow(row: SettingsRow, planId: string): HiringSettings {
  const where = `plan_hiring_settings ${planId}`
  return {
    recruiting: decodeRow(
      recruiting,
      {
        recruiterPoolId: row.recruiter_pool_id,
        maxOpenRolesPerRecruiter: row.max_open_roles_per_recruiter,
        daysToOpen: row.days_to_open,
      },
      where,
    ),
    jobAdPolicy: decodeRow(
      jobAdPolicy,
      {
        minShareOfMinToMid: row.job_ad_min_share,
        maxShareOfMidToMax: row.job_ad_max_share,
        roundTo: row.job_ad_round_to,
      },
      where,
    ),
  }
}

export function saveHiringSettings(
  db: Database,
  planId: string,
  settings: HiringSettings,
  basedOn: number,
  defaults: Recruiting,
): SaveResult<StoredSettings> {
  return db.transaction((): SaveResult<StoredSettings> => {
    const before = readHiringSettings(db, planId, defaults)
    if (before.version !== basedOn) {
      return { ok: false, reason: 'stale', current: { value: before, version: before.version } }
    }
    writeSettings(db, planId, settings)
    const saved = readHiringSettings(db, planId, defaults)
    return { ok: true, saved: { value: saved, version: saved.version }, before }
  })()
}

/** Writes a plan's settings, a new version of any it had. */
function writeSettings(db: Database, planId: string, settings: HiringSettings) {
  const policy = z.encode(jobAdPolicy, settings.jobAdPolicy)
  const values = {
    plan_id: planId,
    recruiter_pool_id: settings.recruiting.recruiterPoolId,
    max_open_roles_per_recruiter: settings.recruiting.maxOpenRolesPerRecruiter,
    days_to_open: settings.recruiting.daysToOpen,
    job_ad_min_share: policy.minShareOfMinToMid,
    job_ad_max_share: policy.maxShareOfMidToMax,
    job_ad_round_to: policy.roundTo,
  }
  db.prepare(
    `INSERT INTO plan_hiring_settings (plan_id, recruiter_pool_id, max_open_roles_per_recruiter,
       days_to_open, job_ad_min_share, job_ad_max_share, job_ad_round_to)
     VALUES (@plan_id, @recruiter_pool_id, @max_open_roles_per_recruiter, @days_to_open,
       @job_ad_min_share, @job_ad_max_share, @job_ad_round_to)
     ON CONFLICT (plan_id) DO UPDATE SET recruiter_pool_id = excluded.recruiter_pool_id,
       max_open_roles_per_recruiter = excluded.max_open_roles_per_recruiter,
       days_to_open = excluded.days_to_open,
       job_ad_min_share = excluded.job_ad_min_share, job_ad_max_share = excluded.job_ad_max_share,
       job_ad_round_to = excluded.job_ad_round_to, version = version + 1, updated_at = ${stamp}`,
  ).run(values)
}

/** The plan's sponsorship of each role that has its own (migration 0006), by role id. */
export function readSponsorships(
  db: Database,
  planId: string,
): Map<string, Versioned<RoleSponsorship>> {
  const rows = db
    .prepare('SELECT role_id, body, version FROM role_sponsorship WHERE plan_id = ?')
    .all(planId) as { role_id: string; body: string; version: number }[]
  return new Map(
    rows.map((r) => [
      r.role_id,
      {
        value: decodeRow(roleSponsorship, JSON.parse(r.body), `role_sponsorship ${r.role_id}`),
        version: r.version,
      },
    ]),
  )
}

/** Every plan's sponsorship of each role, as the workspace document holds them. */
export function readAllSponsorships(db: Database): SponsorshipOfRole[] {
  const rows = db
    .prepare('SELECT plan_id, role_id, body FROM role_sponsorship ORDER BY plan_id, role_id')
    .all() as { plan_id: string; role_id: string; body: string }[]
  return rows.map((r) =>
    decodeRow(
      sponsorshipOfRole,
      { planId: r.plan_id, roleId: r.role_id, ...JSON.parse(r.body) },
      `role_sponsorship ${r.plan_id} ${r.role_id}`,
    ),
  )
}

/** Stores a role's sponsorship as a workspace import brings it (version 1). */
export function insertSponsorship(db: Database, s: SponsorshipOfRole): void {
  const { planId, roleId, ...value } = s
  db.prepare('INSERT INTO role_sponsorship (plan_id, role_id, body) VALUES (?, ?, ?)').run(
    planId,
    roleId,
    JSON.stringify(z.encode(roleSponsorship, value)),
  )
}

/** Saves a role's sponsorship against the version it was based on (0: none stored yet). */
export function saveSponsorship(
  db: Database,
  planId: string,
  roleId: string,
  value: RoleSponsorship,
  basedOn: number,
): SaveResult<RoleSponsorship> {
  return db.transaction((): SaveResult<RoleSponsorship> => {
    const current = readSponsorships(db, planId).get(roleId)
    if ((current?.version ?? 0) !== basedOn) {
      return { ok: false, reason: 'stale', current: current ?? { value, version: 0 } }
    }
    db.prepare(
      `INSERT INTO role_sponsorship (plan_id, role_id, body) VALUES (?, ?, ?)
       ON CONFLICT (plan_id, role_id) DO UPDATE SET body = excluded.body,
         version = version + 1, updated_at = ${stamp}`,
    ).run(planId, roleId, JSON.stringify(z.encode(roleSponsorship, value)))
    const saved = readSponsorships(db, planId).get(roleId)!
    return { ok: true, saved, before: current?.value ?? null }
  })()
}

type PostingRow = {
  id: number
  role_id: string
  location: string
  min_minor: number
  max_minor: number
  currency: string
  posted_on: string
  text: string
  posted_by: string | null
  created_at: string
}

/** Keeps what was posted; postings are never changed or removed. */
export function recordPosting(
  db: Database,
  planId: string,
  posting: PostedRange,
  postedBy: string | null,
  now: Date,
): StoredPosting {
  const text = z.encode(postedRange, posting)
  const { lastInsertRowid } = db
    .prepare(
      `INSERT INTO job_ad_postings (plan_id, role_id, location, min_minor, max_minor, currency,
         posted_on, text, posted_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      planId,
      text.roleId,
      text.location,
      minorOf(text.min),
      minorOf(text.max),
      text.currency,
      text.postedOn,
      text.text,
      postedBy,
      now.toISOString(),
    )
  return listPostings(db, planId, posting.roleId).find((p) => p.id === Number(lastInsertRowid))!
}

/** The role's postings, newest first. */
export function listPostings(db: Database, planId: string, roleId: string): StoredPosting[] {
  const rows = db
    .prepare('SELECT * FROM job_ad_postings WHERE plan_id = ? AND role_id = ? ORDER BY id DESC')
    .all(planId, roleId) as PostingRow[]
  return rows.map((r) => ({
    id: r.id,
    postedBy: r.posted_by,
    createdAt: r.created_at,
    posting: decodeRow(
      postedRange,
      {
        roleId: r.role_id,
        location: r.location,
        min: moneyText(r.min_minor),
        max: moneyText(r.max_minor),
        currency: r.currency,
        postedOn: r.posted_on,
        text: r.text,
      },
      `job_ad_postings ${r.id}`,
    ),
  }))
}
