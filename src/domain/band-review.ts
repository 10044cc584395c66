/**
 * The band review finance works from: the family x level x office matrix of bands in force on a
 * date, each with the people and offers paid inside, below or above it, and the checks with what
 * to do. The band policy's spread and progression limits are data (data/band-policy.json, read
 * through `bandPolicyFile`); each US office's geo differential against London is set on the office.
 */

import * as z from 'zod'
import {
  type BandFinding,
  type BandPolicy,
  type BandPosition,
  bandPosition,
  bandsInForce,
  checkBands,
  compaRatio,
  findBand,
  rangePenetration,
} from './bands.ts'
import type { ISODate } from './calendar.ts'
import { convert } from './fx.ts'
import type { JobFamily, Level, Office, Position, SalaryBand } from './model.ts'
import { rate } from './model.ts'
import type { Currency, Decimal } from './money.ts'
import { bandName, namesOf } from './names.ts'

export const bandPolicyFile = z.object({
  spreadMin: rate,
  spreadMax: rate,
  progressionMin: rate,
  progressionMax: rate,
  tolerance: rate,
  source: z.string().max(2000).optional(),
})
export type BandPolicyFile = z.output<typeof bandPolicyFile>

/**
 * The policy `checkBands` takes: the file's limits, and each US office's geo differential (set on
 * the office, on the bands page) compared at `usdPerGbp`.
 */
export function bandPolicy(
  file: BandPolicyFile,
  offices: readonly Office[],
  usdPerGbp: Decimal,
): BandPolicy {
  return {
    spreadMin: file.spreadMin,
    spreadMax: file.spreadMax,
    progressionMin: file.progressionMin,
    progressionMax: file.progressionMax,
    tolerance: file.tolerance,
    geo: {
      usdPerGbp,
      differentials: offices.flatMap((o) =>
        o.geoDifferential === null
          ? []
          : [
              {
                officeId: o.geoDifferential.againstOfficeId,
                baseOfficeId: o.id,
                share: o.geoDifferential.share,
                tolerance: o.geoDifferential.tolerance,
              },
            ],
      ),
    },
  }
}

/**
 * A US office with bands in force but no geo differential: its bands are not checked against the
 * GBP bands, which finance should know rather than read silence as "in line".
 */
function unsetDifferentials(offices: readonly Office[], inForce: readonly SalaryBand[]) {
  const banded = new Set(inForce.map((b) => b.officeId))
  const gbp = offices.filter((o) => o.currency === 'GBP' && banded.has(o.id))
  if (gbp.length === 0) return []
  return offices
    .filter((o) => o.currency === 'USD' && o.geoDifferential === null && banded.has(o.id))
    .map(
      (o): BandFinding => ({
        code: 'geo_differential_unset',
        bandIds: [],
        message: `No geo differential is set for ${o.name}: its bands are not compared with ${gbp.map((g) => g.name).join(' or ')}'s.`,
        suggestion: `Set ${o.name}'s differential under Geo differentials below.`,
      }),
    )
}

/** Annual base on `asOf`: the latest raise in effect, else the starting salary. */
export function payOn(p: Position, asOf: ISODate): Decimal {
  let pay = p.baseSalary
  let from = ''
  for (const r of p.raises) {
    if (r.effectiveDate <= asOf && r.effectiveDate >= from) {
      pay = r.annualBase
      from = r.effectiveDate
    }
  }
  return pay
}

export interface BandMember {
  positionId: string
  teamId: string
  /** The person's name, or the role's title for an offer. */
  name: string
  kind: 'person' | 'offer'
  pay: Decimal
  where: BandPosition
  compaRatio: Decimal
  penetration: Decimal
}

export interface BandCell {
  band: SalaryBand
  /** The band in the other currency at the review's rate (for reading only, never stored). */
  converted: { currency: Currency; min: Decimal; mid: Decimal; max: Decimal }
  members: BandMember[]
  counts: Record<BandPosition, number>
}

export interface FamilyMatrix {
  family: JobFamily
  /** Levels with at least one band in this family, by rank. */
  levels: Level[]
  cells: Map<string, BandCell>
}

/** A person or offer paid outside their band: a green circle (below) or red circle (above). */
export interface PayFinding {
  member: BandMember
  cell: BandCell
  suggestion: string
}

export interface BandReview {
  asOf: ISODate
  usdPerGbp: Decimal
  offices: Office[]
  families: FamilyMatrix[]
  payFindings: PayFinding[]
  structureFindings: BandFinding[]
}

export const cellKey = (levelId: string, officeId: string) => `${levelId}|${officeId}`

/** On the books on `asOf` or joining later: everyone the band applies to now or soon. */
function isMember(p: Position, asOf: ISODate): boolean {
  if (p.kind === 'open') return p.status === 'offer'
  return p.endDate === null || p.endDate >= asOf
}

function member(p: Position, band: SalaryBand, asOf: ISODate): BandMember {
  const pay = payOn(p, asOf)
  return {
    positionId: p.id,
    teamId: p.teamId,
    name: p.kind === 'filled' ? p.personName : p.title,
    kind: p.kind === 'filled' ? 'person' : 'offer',
    pay,
    where: bandPosition(pay, band),
    compaRatio: compaRatio(pay, band),
    penetration: rangePenetration(pay, band),
  }
}

function payFinding(m: BandMember, cell: BandCell): PayFinding | null {
  if (m.where === 'in_band') return null
  const suggestion =
    m.where === 'below_min'
      ? 'Green circle: raise the salary to at least the band minimum (an equal-pay risk if left), or check the level.'
      : 'Red circle: hold increases (or pay them as lump sums) until the band catches up, or raise the band maximum if the market has moved.'
  return { member: m, cell, suggestion }
}

export interface ReviewInput {
  bands: readonly SalaryBand[]
  families: readonly JobFamily[]
  levels: readonly Level[]
  offices: readonly Office[]
  /** The positions the viewer may see. */
  positions: readonly Position[]
  asOf: ISODate
  usdPerGbp: Decimal
  policy: BandPolicyFile
}

export function reviewBands(input: ReviewInput): BandReview {
  const names = namesOf({
    teams: [],
    offices: input.offices,
    jobFamilies: input.families,
    levels: input.levels,
  })
  const { asOf, usdPerGbp } = input
  const inForce = bandsInForce(input.bands, asOf)
  const rank = new Map(input.levels.map((l) => [l.id, l.rank]))
  const cellsByBand = new Map<string, BandCell>()
  for (const band of inForce) {
    const other: Currency = band.currency === 'GBP' ? 'USD' : 'GBP'
    const to = (x: Decimal) => convert(x, band.currency, other, usdPerGbp)
    cellsByBand.set(band.id, {
      band,
      converted: { currency: other, min: to(band.min), mid: to(band.mid), max: to(band.max) },
      members: [],
      counts: { below_min: 0, in_band: 0, above_max: 0 },
    })
  }
  for (const p of input.positions) {
    if (!isMember(p, asOf)) continue
    const band = findBand(inForce, p.familyId, p.levelId, p.officeId, asOf)
    const cell = band && cellsByBand.get(band.id)
    if (!band || !cell) continue
    const m = member(p, band, asOf)
    cell.members.push(m)
    cell.counts[m.where]++
  }

  const families = input.families.flatMap((family): FamilyMatrix[] => {
    const cells = new Map<string, BandCell>()
    for (const cell of cellsByBand.values()) {
      if (cell.band.familyId === family.id) {
        cells.set(cellKey(cell.band.levelId, cell.band.officeId), cell)
      }
    }
    const levelIds = new Set([...cells.values()].map((c) => c.band.levelId))
    const levels = input.levels
      .filter((l) => levelIds.has(l.id))
      .sort((a, b) => (rank.get(a.id) ?? 0) - (rank.get(b.id) ?? 0))
    return cells.size === 0 ? [] : [{ family, levels, cells }]
  })

  const payFindings = [...cellsByBand.values()].flatMap((cell) =>
    cell.members.flatMap((m) => payFinding(m, cell) ?? []),
  )
  return {
    asOf,
    usdPerGbp,
    offices: [...input.offices],
    families,
    payFindings,
    structureFindings: [
      ...checkBands(
        inForce,
        input.levels,
        bandPolicy(input.policy, input.offices, usdPerGbp),
        (b) => bandName(b, names),
      ),
      ...unsetDifferentials(input.offices, inForce),
    ],
  }
}
