/**
 * The organisation at a glance for the home page: departments, their teams with subteams nested,
 * and headcount per team from a plan's baseline positions (the first plan unless one is named).
 */
import type { ISODate } from '../../domain/calendar.ts'
import { EXCLUDED_STATUSES, type Organisation, type Position } from '../../domain/model.ts'
import type { Database } from '../open.ts'
import { firstPlanId } from './plans.ts'
import { listPositions } from './positions.ts'
import { readDepartments, readOrganisation, readTeams } from './structure.ts'

export interface TeamOverview {
  id: string
  name: string
  departmentId: string
  parentTeamId: string | null
  managerName: string | null
  techLeadName: string | null
  /** This team's own filled positions with startDate <= asOf and (endDate null or >= asOf). */
  filledHeadcount: number
  /** This team's own open roles that are neither on hold, cancelled nor already filled. */
  openRoles: number
  subteams: TeamOverview[]
}

export interface OrgOverview {
  organisation: Organisation
  departments: { id: string; name: string; teams: TeamOverview[] /* top-level teams */ }[]
  totals: { filledHeadcount: number; openRoles: number }
}

function isFilledOn(p: Position, asOf: ISODate): boolean {
  return p.kind === 'filled' && p.startDate <= asOf && (p.endDate === null || p.endDate >= asOf)
}

function isOpenRole(p: Position): boolean {
  return p.kind === 'open' && p.status !== 'filled' && !EXCLUDED_STATUSES.includes(p.status)
}

/**
 * Counts are per team, not rolled up: a parent team's figures are its own positions, and its
 * subteams carry theirs, so adding a team and its subteams never counts anyone twice.
 */
export function getOrgOverview(
  db: Database,
  asOf: ISODate,
  opts: { planId?: string } = {},
): OrgOverview {
  const organisation = readOrganisation(db)
  if (!organisation) throw new Error('the workspace is empty: seed or import a document first')
  const planId = opts.planId ?? firstPlanId(db)
  const positions = planId === null ? [] : listPositions(db, planId).map((s) => s.position)
  const teams = readTeams(db)

  const overview = new Map<string, TeamOverview>(
    teams.map((t) => [
      t.id,
      {
        id: t.id,
        name: t.name,
        departmentId: t.departmentId,
        parentTeamId: t.parentTeamId,
        managerName: t.managerName,
        techLeadName: t.techLeadName,
        filledHeadcount: 0,
        openRoles: 0,
        subteams: [],
      },
    ]),
  )
  const totals = { filledHeadcount: 0, openRoles: 0 }
  for (const p of positions) {
    const team = overview.get(p.teamId)!
    if (isFilledOn(p, asOf)) {
      team.filledHeadcount++
      totals.filledHeadcount++
    } else if (isOpenRole(p)) {
      team.openRoles++
      totals.openRoles++
    }
  }
  const topLevel: TeamOverview[] = []
  for (const t of teams) {
    const node = overview.get(t.id)!
    if (t.parentTeamId === null) topLevel.push(node)
    else overview.get(t.parentTeamId)!.subteams.push(node)
  }
  return {
    organisation,
    departments: readDepartments(db).map((d) => ({
      id: d.id,
      name: d.name,
      teams: topLevel.filter((t) => t.departmentId === d.id),
    })),
    totals,
  }
}
