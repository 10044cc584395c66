/**
 * Who is asking: the signed-in user (by session or API token) with their role and, for a manager,
 * the teams they may see. Every route that lists or shows team data narrows it through these
 * functions, so a manager's scope is decided here and nowhere else.
 */

import type { Database } from '../../db/open.ts'
import { type Role, teamNames, teamsWithSubteams, type User } from '../../db/repos/users.ts'

export interface Viewer {
  userId: string
  email: string
  name: string
  role: Role
  /** 'all' for every role but manager; a manager's teams and all their subteams. */
  teamScope: 'all' | ReadonlySet<string>
  /** The teams a manager manages (by name, for their navigation); empty for other roles. */
  teams: readonly { id: string; name: string }[]
  /** How this request was authenticated; bearer requests skip the CSRF check. */
  via: 'session' | 'token'
}

export function viewerOf(db: Database, user: User, via: Viewer['via']): Viewer {
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    teamScope: user.role === 'manager' ? teamsWithSubteams(db, user.teamIds) : 'all',
    teams: user.role === 'manager' ? teamNames(db, user.teamIds) : [],
    via,
  }
}

export function canSeeTeam(viewer: Viewer, teamId: string): boolean {
  return viewer.teamScope === 'all' || viewer.teamScope.has(teamId)
}

/** The subset of `teamIds` the viewer may see, in the given order. */
export function visibleTeamIds(viewer: Viewer, teamIds: readonly string[]): string[] {
  return teamIds.filter((id) => canSeeTeam(viewer, id))
}

/**
 * The items the viewer may see, each judged by the team it belongs to: a manager sees their
 * teams' only, and nothing company-wide (an item of no team). Every list of positions, scenario
 * changes, proposals or audit entries a page or download shows goes through here.
 */
export function inScope<T>(
  viewer: Viewer,
  items: readonly T[],
  teamOf: (item: T) => string | null | undefined,
): T[] {
  if (viewer.teamScope === 'all') return [...items]
  return items.filter((item) => {
    const teamId = teamOf(item)
    return teamId != null && canSeeTeam(viewer, teamId)
  })
}

/** Positions (or anything else carrying a team) the viewer may see: a manager's teams only. */
export function scopePositions<T extends { teamId: string }>(
  viewer: Viewer,
  positions: readonly T[],
): T[] {
  return inScope(viewer, positions, (p) => p.teamId)
}
