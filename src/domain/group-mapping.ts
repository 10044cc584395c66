/**
 * Single sign-on: which role (and, for managers, which teams) the identity provider's groups
 * give. A person in several mapped groups gets the role with the most access among them; when that
 * role is manager, the teams of every manager group they are in.
 */
import * as z from 'zod'
import { ROLES, type Role } from './roles.ts'

export const groupMapping = z.object({
  /** The group exactly as the provider sends it in the groups claim (a name, path or object id). */
  group: z
    .string('Enter the group as the provider names it')
    .trim()
    .min(1, 'Enter the group as the provider names it')
    .max(256, 'At most 256 characters'),
  role: z.enum(ROLES, `Choose one of ${ROLES.join(', ')}`),
  /** Teams a manager group manages (subteams included); empty for every other role. */
  teams: z.array(z.string().max(200)).max(500).default([]),
})
export type GroupMapping = z.output<typeof groupMapping>

/** Problems with one mapping that need the team list: unknown teams, a manager without teams. */
export function mappingProblems(
  m: Pick<GroupMapping, 'role' | 'teams'>,
  knownTeams: ReadonlySet<string>,
): { field: 'teams'; message: string } | null {
  if (m.teams.some((t) => !knownTeams.has(t))) {
    return { field: 'teams', message: 'Choose teams from the list' }
  }
  if (m.role === 'manager' && m.teams.length === 0) {
    return { field: 'teams', message: 'Choose the teams this group manages' }
  }
  if (m.role !== 'manager' && m.teams.length > 0) {
    return { field: 'teams', message: 'Only manager groups are given teams' }
  }
  return null
}

export interface GrantedAccess {
  role: Role
  /** Teams managed (managers only), sorted. */
  teamIds: string[]
  /** The mapped groups that gave it, for the audit trail. */
  groups: string[]
}

/** What `groups` grant under `mappings`; null when none of them is mapped. */
export function accessFromGroups(
  groups: readonly string[],
  mappings: readonly GroupMapping[],
): GrantedAccess | null {
  const held = new Set(groups)
  const matched = mappings.filter((m) => held.has(m.group))
  if (matched.length === 0) return null
  // ROLES runs from the most access to the least
  const role = ROLES.find((r) => matched.some((m) => m.role === r))!
  const teamIds =
    role === 'manager'
      ? [...new Set(matched.filter((m) => m.role === 'manager').flatMap((m) => m.teams))].sort()
      : []
  return { role, teamIds, groups: matched.map((m) => m.group).sort() }
}
