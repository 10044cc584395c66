/** The organisation, its departments and teams (a team with a parent team is a subteam). */
import * as z from 'zod'
import {
  type Department,
  department,
  type Organisation,
  organisation,
  type Team,
  team,
} from '../../domain/model.ts'
import type { Database } from '../open.ts'
import { allRows, decodeRow, insert, readTable } from './rows.ts'

interface OrganisationRow {
  id: string
  name: string
  fiscal_year_start_month: number
}
interface DepartmentRow {
  id: string
  name: string
}
interface TeamRow {
  id: string
  department_id: string
  parent_team_id: string | null
  name: string
  manager_name: string | null
  tech_lead_name: string | null
}

export function insertOrganisation(db: Database, o: Organisation): void {
  const e = z.encode(organisation, o)
  insert(db, 'organisation', {
    id: e.id,
    name: e.name,
    fiscal_year_start_month: e.fiscalYearStartMonth ?? 1,
  })
}

/** The installation's organisation, or null before anything is seeded or imported. */
export function readOrganisation(db: Database): Organisation | null {
  const [row] = allRows<OrganisationRow>(db, 'organisation')
  if (!row) return null
  return decodeRow(
    organisation,
    { id: row.id, name: row.name, fiscalYearStartMonth: row.fiscal_year_start_month },
    `organisation ${row.id}`,
  )
}

export function insertDepartment(db: Database, d: Department, sortOrder: number): void {
  insert(db, 'departments', { ...z.encode(department, d), sort_order: sortOrder })
}

export function readDepartments(db: Database): Department[] {
  return readTable(db, 'departments', department, (row: DepartmentRow) => ({
    id: row.id,
    name: row.name,
  }))
}

export function insertTeam(db: Database, t: Team, sortOrder: number): void {
  const e = z.encode(team, t)
  insert(db, 'teams', {
    id: e.id,
    department_id: e.departmentId,
    parent_team_id: e.parentTeamId ?? null,
    name: e.name,
    manager_name: e.managerName ?? null,
    tech_lead_name: e.techLeadName ?? null,
    sort_order: sortOrder,
  })
}

export function readTeams(db: Database): Team[] {
  return readTable(db, 'teams', team, (row: TeamRow) => ({
    id: row.id,
    departmentId: row.department_id,
    parentTeamId: row.parent_team_id,
    name: row.name,
    managerName: row.manager_name,
    techLeadName: row.tech_lead_name,
  }))
}
