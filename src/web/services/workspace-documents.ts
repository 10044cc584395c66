/**
 * Workspace export and import. An import is checked whole against the document schema (every
 * problem listed by path) before anything is written; a valid one replaces the workspace in one
 * transaction, and managers' links to teams that no longer exist are dropped and reported.
 */

import type { ImportResult } from '../../../views/models/workspace-import.ts'
import type { Database } from '../../db/open.ts'
import { readBudgets, replaceBudgets } from '../../db/repos/actuals.ts'
import { recordAudit } from '../../db/repos/audit.ts'
import { dropTeamLinksOutside } from '../../db/repos/users.ts'
import { loadWorkspace, saveWorkspace } from '../../db/repos/workspace.ts'
import { listProblems, workspaceDocument } from '../../domain/document.ts'

export const EXPORT_FILE_NAME = 'planner-workspace.json'

/** The stored workspace as the document's JSON text form (money, rates and dates as strings). */
export function exportWorkspace(db: Database): string {
  const doc = { ...loadWorkspace(db), budgets: readBudgets(db) }
  return `${JSON.stringify(workspaceDocument.encode(doc), null, 2)}\n`
}

/**
 * Imports a document given as JSON text; nothing is stored unless it is valid as a whole. The
 * import and its audit entry are written in one transaction.
 */
export function importWorkspace(
  db: Database,
  text: string,
  by: { userId: string; now: Date },
): ImportResult {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    return { ok: false, problems: [{ path: '(document)', message: `is not JSON: ${reason}` }] }
  }
  const parsed = workspaceDocument.safeParse(json)
  if (!parsed.success) return { ok: false, problems: listProblems(parsed.error) }
  const doc = parsed.data
  return db.transaction((): ImportResult => {
    saveWorkspace(db, doc)
    replaceBudgets(db, doc.budgets)
    const dropped = dropTeamLinksOutside(db, new Set(doc.teams.map((t) => t.id)))
    const counts = { teams: doc.teams.length, plans: doc.plans.length }
    recordAudit(
      db,
      {
        userId: by.userId,
        action: 'workspace.import',
        entityType: 'workspace',
        entityId: 'workspace',
        after: counts,
      },
      by.now,
    )
    return { ok: true, ...counts, droppedManagerTeams: dropped }
  })()
}
