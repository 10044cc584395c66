/**
 * What a reader calls the things the plan holds, in one place (issue #15): a person by name, an
 * open role by its title with its team and office, a band by family, level and office, an office
 * by name. Ids stay in URLs, form values and the API; every page, chart, explanation, download
 * header and message names things through these functions.
 */
import { formatMonth, monthOf } from './calendar.ts'
import type { Position } from './model.ts'

interface Named {
  id: string
  name: string
}

/** The named reference data a label may need (a workspace document has all of it). */
export interface NameSource {
  teams: readonly Named[]
  offices: readonly Named[]
  jobFamilies: readonly Named[]
  levels: readonly (Named & { code: string })[]
}

export interface Names {
  team(id: string): string
  office(id: string): string
  family(id: string): string
  /** A level's short code, "L4". */
  level(id: string): string
}

const lookup = (items: readonly Named[], what: string) => {
  const byId = new Map(items.map((i) => [i.id, i.name]))
  // a reference that no longer resolves (a deleted office) is said so, never shown as its id
  return (id: string) => byId.get(id) ?? `an unknown ${what}`
}

const cache = new WeakMap<NameSource, Names>()

export function namesOf(source: NameSource): Names {
  let names = cache.get(source)
  if (!names) {
    const levels = new Map(source.levels.map((l) => [l.id, l.code]))
    names = {
      team: lookup(source.teams, 'team'),
      office: lookup(source.offices, 'office'),
      family: lookup(source.jobFamilies, 'job family'),
      level: (id) => levels.get(id) ?? 'an unknown level',
    }
    cache.set(source, names)
  }
  return names
}

/**
 * A position as a reader knows it: "Ingrid Solberg (Research Scientist)" for a person, "Team
 * Manager (open role, Interpretability, London, from April 2027)" for an open role; the start
 * month tells apart two open roles of the same title in one team and office.
 */
export function positionName(
  p: Pick<Position, 'kind' | 'title' | 'teamId' | 'officeId'> &
    ({ kind: 'filled'; personName: string } | { kind: 'open'; targetStartDate: string | null }),
  names: Names,
): string {
  if (p.kind === 'filled') return `${p.personName} (${p.title})`
  const from = p.targetStartDate ? `, from ${formatMonth(monthOf(p.targetStartDate))}` : ''
  return `${p.title} (open role, ${names.team(p.teamId)}, ${names.office(p.officeId)}${from})`
}

/** A salary band: "Recruiter L4, Seattle". */
export function bandName(
  band: { familyId: string; levelId: string; officeId: string },
  names: Names,
): string {
  return `${names.family(band.familyId)} ${names.level(band.levelId)}, ${names.office(band.officeId)}`
}
