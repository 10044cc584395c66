/**
 * Audit events as a reader follows them: what was done in words ("Added a role"), the record by
 * name (a person, a role's title with team and office, a band by family, level and office), and
 * each field that changed as "Base salary: 60,000.00 -> 65,000.00", with references to teams,
 * offices, families and levels shown by name. The stored JSON stays as it was (CSV, API).
 */
import type { AuditEvent } from '../../db/repos/audit.ts'
import type { WorkspaceDocument } from '../../domain/document.ts'
import { bandName, type Names, namesOf, positionName } from '../../domain/names.ts'

const ACTIONS: Record<string, string> = {
  'position.create': 'Added a role',
  'position.update': 'Changed a role',
  'proposal.create': 'Proposed a change',
  'proposal.approved': 'Approved a proposal',
  'proposal.sent_back': 'Sent a proposal back',
  'band.update': 'Changed a band',
  'band.version': 'Added a band version',
  'office.pay_policy': "Changed an office's geo differential",
  'level.pay_policy': "Changed a level's pay defaults",
  'fx_rate_set.update': 'Changed FX rates',
  'plan.assumptions': "Changed the plan's assumptions",
  'scenario.create': 'Created a scenario',
  'scenario.add_role': 'Added a role to a scenario',
  'scenario.remove_role': 'Removed a role from a scenario',
  'scenario.role': 'Changed a role in a scenario',
  'scenario.assumptions': "Changed a scenario's assumptions",
  'user.create': 'Added a user',
  'user.role': "Changed a user's role",
  'token.create': 'Created an API token',
  'workspace.import': 'Imported a workspace document',
}

/** "position.create" -> its sentence, or the words of an action this list does not know yet. */
export function actionWords(action: string): string {
  const known = ACTIONS[action]
  if (known) return known
  const words = action.replace(/[._]+/g, ' ').trim()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

/** Fields that are bookkeeping, not something a reader changed. */
const HIDDEN = new Set(['id', 'version', 'kind', 'positionId', 'planId', 'teamIds', 'changed'])

/** "baseSalary" -> "Base salary"; "teamId" -> "Team". */
export function fieldLabel(key: string): string {
  const words = key
    .replace(/Id$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/_/g, ' ')
    .toLowerCase()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

const isRecord = (v: unknown): v is Record<string, Json> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

function valueText(key: string, value: Json | undefined, names: Names): string {
  if (value === undefined || value === null || value === '') return '—'
  if (typeof value === 'boolean') return value ? 'yes' : 'no'
  if (typeof value === 'string') {
    if (key === 'teamId' || key === 'parentTeamId') return names.team(value)
    if (key === 'officeId') return names.office(value)
    if (key === 'familyId') return names.family(value)
    if (key === 'levelId') return names.level(value)
    return value.replace(/_/g, ' ')
  }
  if (typeof value === 'number') return String(value)
  if (Array.isArray(value)) {
    return value.length === 0 ? 'none' : `${value.length} item${value.length === 1 ? '' : 's'}`
  }
  return `${Object.keys(value).length} fields`
}

const blank = (v: Json | undefined) => v === undefined || v === null || v === ''

/**
 * Each field that differs between `before` and `after`, nested objects one level down ("Position,
 * base salary"), as "Label: before -> after"; a record created lists its fields as "Label: value".
 * A proposal keeps the role it proposes under `position` and the role as it was in `before`: the
 * two are compared field by field, after the proposal's own status and comment.
 */
export function fieldChanges(before: unknown, after: unknown, names: Names, prefix = ''): string[] {
  if (isRecord(after) && isRecord(after.position) && isRecord(before) && !('position' in before)) {
    const { position, ...proposal } = after
    return [
      ...fieldChanges(
        null,
        { status: proposal.status ?? null, comment: proposal.comment ?? null },
        names,
      ),
      ...fieldChanges(before, position, names),
    ]
  }
  const created = !isRecord(before)
  const b = isRecord(before) ? before : {}
  const a = isRecord(after) ? after : {}
  return [...new Set([...Object.keys(b), ...Object.keys(a)])]
    .filter((k) => !HIDDEN.has(k))
    .filter((k) => !(blank(b[k]) && blank(a[k])) && JSON.stringify(b[k]) !== JSON.stringify(a[k]))
    .flatMap((k) => {
      const label = prefix ? `${prefix}, ${fieldLabel(k).toLowerCase()}` : fieldLabel(k)
      if (isRecord(a[k]) && !prefix) return fieldChanges(created ? null : b[k], a[k], names, label)
      if (created) return [`${label}: ${valueText(k, a[k], names)}`]
      return [`${label}: ${valueText(k, b[k], names)} -> ${valueText(k, a[k], names)}`]
    })
}

/** The record an event is about, by name: from the snapshot it kept, else from the workspace. */
export function recordName(
  e: AuditEvent,
  doc: WorkspaceDocument | null,
  people: Map<string, string>,
): string {
  const snapshot = [e.after, e.before].find(isRecord) as Record<string, Json> | undefined
  const position = isRecord(snapshot?.position) ? snapshot.position : snapshot
  const names = doc && namesOf(doc)
  if ((e.entityType === 'position' || e.entityType === 'proposal') && names && isRecord(position)) {
    const p = position as Record<string, string | null>
    if (typeof p.title === 'string' && typeof p.teamId === 'string') {
      const role = positionName(
        p.kind === 'filled'
          ? {
              kind: 'filled',
              personName: p.personName ?? '',
              title: p.title,
              teamId: p.teamId,
              officeId: p.officeId ?? '',
            }
          : {
              kind: 'open',
              targetStartDate: p.targetStartDate ?? null,
              title: p.title,
              teamId: p.teamId,
              officeId: p.officeId ?? '',
            },
        names,
      )
      return e.entityType === 'proposal' ? `Proposal for ${role}` : role
    }
  }
  if (e.entityType === 'salary_band' && names && doc) {
    const band = doc.salaryBands.find((s) => s.id === e.entityId)
    if (band) return `${bandName(band, names)} band`
  }
  if (e.entityType === 'user') return people.get(e.entityId) ?? 'a user since removed'
  const named = doc && findNamed(doc, e.entityType, e.entityId)
  if (named) return named
  if (snapshot && typeof snapshot.name === 'string') return snapshot.name
  return fieldLabel(e.entityType)
}

function findNamed(doc: WorkspaceDocument, type: string, id: string): string | null {
  const lists: Record<string, readonly { id: string; name: string }[]> = {
    plan: doc.plans,
    scenario: doc.scenarios,
    fx_rate_set: doc.fxRateSets,
    job_family: doc.jobFamilies,
    team: doc.teams,
    office: doc.offices,
  }
  if (type === 'level') {
    const l = doc.levels.find((x) => x.id === id)
    return l ? `${l.code} ${l.name}` : null
  }
  return lists[type]?.find((x) => x.id === id)?.name ?? null
}
