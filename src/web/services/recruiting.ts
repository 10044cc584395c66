/**
 * Recruiting as the pages read it: the stored hiring setup as a HiringContext for a plan, the
 * plan's demand against interviewer capacity, and the what-if (the starts capacity allows and what
 * they change in cost, by projecting the plan with those starts against the plan as it stands).
 * Demand is counted over the whole plan, because interviewer pools are shared by every team; the
 * cost difference covers the viewer's teams, as every projection they see does.
 */

import type { RecruitingReport } from '../../../views/models/recruiting.ts'
import type { FillTimesSummary } from '../../../views/pages/Assumptions.tsx'
import { readDataFile } from '../../data-files.ts'
import type { Database } from '../../db/open.ts'
import {
  hiringStamp,
  readHiring,
  readHiringSettings,
  type StoredHiring,
  type StoredSettings,
  seedHiringDefaults,
} from '../../db/repos/hiring.ts'
import { findBand } from '../../domain/bands.ts'
import type { ISODate } from '../../domain/calendar.ts'
import type { WorkspaceDocument } from '../../domain/document.ts'
import { capacityLimitedStarts } from '../../domain/hiring/capacity.ts'
import { recruitingDemand } from '../../domain/hiring/demand.ts'
import {
  type AdRequirements,
  adRequirements,
  type JobAdRange,
  type JobAdText,
  jobAdRange,
  jobAdText,
} from '../../domain/hiring/job-ad.ts'
import type { HiringContext } from '../../domain/hiring/schedule.ts'
import {
  type AdLocation,
  type HiringDefaultsFile,
  hiringDefaultsFile,
  type JobAdPolicy,
  type PayTransparencyRule,
} from '../../domain/hiring/schema.ts'
import { fillTimesLookup, timeToFillDays } from '../../domain/hiring/time-to-fill.ts'
import { Lru } from '../../domain/lru.ts'
import type { OpenPosition, Plan, Position } from '../../domain/model.ts'
import { namesOf, positionName } from '../../domain/names.ts'
import { projectFast } from '../../domain/projection/fast.ts'
import { projectionInput } from '../../domain/projection/input.ts'
import type { RuleBook } from '../../domain/rules/index.ts'
import { PROJECT_DATA_DIR } from '../../reference-data.ts'
import { scopePositions, type Viewer } from '../auth/viewer.ts'
import { withoutCompanyLines } from './company-lines.ts'
import type { ProjectionView } from './projections.ts'

export interface StoredHiringSetup {
  stored: StoredHiring
  settings: StoredSettings
  ctx: HiringContext
}

/** The hiring defaults shipped in data/hiring/defaults.json, read once. */
export const hiringDefaults = (() => {
  let read: HiringDefaultsFile | null = null
  return () => {
    read ??= readDataFile(`${PROJECT_DATA_DIR}hiring/defaults.json`, hiringDefaultsFile)
    return read
  }
})()

/** The fill times of the plan's roles from the stored tables and the plan's time to open. */
function fillTimesOf(doc: WorkspaceDocument, stored: StoredHiring, settings: StoredSettings) {
  return fillTimesLookup({
    families: doc.jobFamilies,
    offices: doc.offices,
    timeToFill: stored.timeToFill,
    noticePeriods: stored.noticePeriods,
    daysToOpen: settings.recruiting.daysToOpen,
  })
}

/**
 * Setups kept per workspace document and plan while the hiring tables stay as they were (their
 * stamp): reading and decoding every pool and loop was a sixth of the recruiting page. A setup is
 * read, never changed, by its callers.
 */
const setups = new WeakMap<WorkspaceDocument, Lru<string, StoredHiringSetup>>()

/** The stored setup for `planId` (seeding the defaults into an empty store first). */
export function hiringSetupFor(
  db: Database,
  defaults: HiringDefaultsFile,
  doc: WorkspaceDocument,
  planId: string,
): StoredHiringSetup {
  seedHiringDefaults(db, defaults)
  // only the shipped defaults are kept: a plan without stored settings reads them
  if (defaults !== hiringDefaults()) return readSetup(db, defaults, doc, planId)
  const byPlan = setups.get(doc) ?? new Lru<string, StoredHiringSetup>(16)
  setups.set(doc, byPlan)
  return byPlan.getOrSet(`${planId}|${hiringStamp(db)}`, () => readSetup(db, defaults, doc, planId))
}

function readSetup(
  db: Database,
  defaults: HiringDefaultsFile,
  doc: WorkspaceDocument,
  planId: string,
): StoredHiringSetup {
  const stored = readHiring(db)
  const settings = readHiringSettings(db, planId, defaults.setup.recruiting)
  const ctx: HiringContext = {
    setup: {
      pools: stored.pools.map((p) => p.value),
      loops: stored.loops.map((l) => l.value),
      recruiting: settings.recruiting,
    },
    fillTimes: fillTimesOf(doc, stored, settings),
    roleName: (role) => positionName(role, namesOf(doc)),
  }
  return { stored, settings, ctx }
}

/** Time to fill as the assumptions page shows it: the stored table by family, its levels' own. */
export function fillTimesSummary(
  db: Database,
  doc: WorkspaceDocument,
  planId: string,
): FillTimesSummary {
  const { stored, settings } = hiringSetupFor(db, hiringDefaults(), doc, planId)
  const notice = (n: StoredHiring['noticePeriods'][number]) => {
    const parts = [
      n.months > 0 ? `${n.months} ${n.months === 1 ? 'month' : 'months'}` : '',
      n.days > 0 || n.months === 0 ? `${n.days} ${n.days === 1 ? 'day' : 'days'}` : '',
    ]
    return `${n.country === 'GB' ? 'UK' : n.country}: ${parts.filter(Boolean).join(' and ')}`
  }
  return {
    daysToOpen: settings.recruiting.daysToOpen,
    notices: stored.noticePeriods.map(notice),
    families: doc.jobFamilies.map((family) => ({
      name: family.name,
      days: timeToFillDays(stored.timeToFill, family, ''),
      levels: stored.timeToFill
        .filter((e) => e.familyId === family.id && e.levelId !== null)
        .map((e) => ({
          code: doc.levels.find((l) => l.id === e.levelId)?.code ?? 'another level',
          days: e.days,
        })),
    })),
  }
}

/** The plan's fill times as every projection and page uses them (time-to-fill.ts). */
export function planFillTimes(db: Database, doc: WorkspaceDocument, planId: string) {
  const { stored, settings } = hiringSetupFor(db, hiringDefaults(), doc, planId)
  return fillTimesOf(doc, stored, settings)
}

const sum = (series: readonly number[]) => series.reduce((a, b) => a + b, 0)

/** The plan's positions with the given roles starting on new dates. */
export function withStarts(positions: readonly Position[], starts: ReadonlyMap<string, ISODate>) {
  return positions.map((p) => {
    const start = starts.get(p.id)
    return p.kind === 'open' && start !== undefined ? { ...p, targetStartDate: start } : p
  })
}

/**
 * `positions`: the whole plan as the report counts it (with pending proposals, when `view` was
 * projected with them), so demand sees every team's roles and the what-if prices the same plan.
 */
export function recruitingReport(
  view: ProjectionView,
  viewer: Viewer,
  ctx: HiringContext,
  rules: RuleBook,
  today: ISODate,
  positions: readonly Position[],
): RecruitingReport {
  const demand = recruitingDemand(positions, ctx, today)
  const limits = capacityLimitedStarts(positions, ctx)
  const planned = sum(view.projection.totals.total)
  let capacityLimited = planned
  if (limits.startDates.size > 0) {
    const input = projectionInput(view.doc, view.plan, rules, {
      positions: scopePositions(viewer, withStarts(positions, limits.startDates)),
      fxRateSet: view.fx,
      reportingCurrency: view.input.reportingCurrency,
      fillTimes: view.input.ctx.fillTimes,
    })
    const projection = projectFast(input)
    const scoped = viewer.teamScope === 'all' ? projection : withoutCompanyLines(projection, input)
    capacityLimited = sum(scoped.totals.total)
  }
  return {
    demand,
    whatIf: { limits, planned, capacityLimited, difference: capacityLimited - planned },
  }
}

export interface RoleJobAd {
  locations: AdLocation[]
  locationLabel: string
  /** Null when the role has no band in force to post from (`problem` says why). */
  ad: { range: JobAdRange; requirements: AdRequirements; text: JobAdText } | null
  problem: string | null
}

/**
 * The ad for an open role: the range from its band in force today by the plan's policy, where it
 * is advertised (its office, plus US states for a remote role), and what those places require.
 */
export function roleJobAd(
  doc: WorkspaceDocument,
  plan: Plan,
  role: OpenPosition,
  policy: JobAdPolicy,
  rules: readonly PayTransparencyRule[],
  alsoIn: readonly string[],
  today: ISODate,
): RoleJobAd {
  const office = doc.offices.find((o) => o.id === role.officeId)!
  const home: AdLocation = { country: office.country, state: office.usState }
  const extra = alsoIn
    .filter((s) => s !== office.usState)
    .map((state): AdLocation => ({ country: 'US', state }))
  const locations = [home, ...extra]
  const locationLabel =
    extra.length === 0 ? office.name : `${office.name}; remote in ${alsoIn.join(', ')}`
  const band = findBand(doc.salaryBands, role.familyId, role.levelId, role.officeId, today)
  if (band === null) {
    const problem = `There is no salary band in force for this role in ${office.name}: add one on the bands page.`
    return { locations, locationLabel, ad: null, problem }
  }
  let range: JobAdRange
  try {
    range = jobAdRange(band, policy)
  } catch (error) {
    if (!(error instanceof RangeError)) throw error
    return { locations, locationLabel, ad: null, problem: `The job-ad policy: ${error.message}.` }
  }
  const employees = plan.positions.filter((p) => p.kind === 'filled').length
  const requirements = adRequirements(rules, locations, { postedOn: today, employees })
  const pkg = doc.benefitPackages.find((b) => b.id === office.benefitPackageId)!
  const text = jobAdText(range, requirements, role, pkg)
  return { locations, locationLabel, ad: { range, requirements, text }, problem: null }
}
