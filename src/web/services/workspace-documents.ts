/**
 * Workspace export and import. An import is checked whole against the document schema (every
 * problem listed by path) before anything is written; a valid one replaces the workspace in one
 * transaction, and managers' links to teams that no longer exist are dropped and reported.
 */
import type { Database } from '../../db/open.ts'
import { loadWorkspace, saveWorkspace } from '../../db/repos/workspace.ts'
import { listProblems, workspaceDocument } from '../../domain/document.ts'

export const EXPORT_FILE_NAME = 'planner-workspace.json'

export interface Problem {
  path: string
  message: string
}

export type ImportResult =
  | {
      ok: true
      teams: number
      plans: number
      droppedManagerTeams: { email: string; teamId: string }[]
    }
  | { ok: false; problems: Problem[] }

/** The stored workspace as the document's JSON text form (money, rates and dates as strings). */
export function exportWorkspace(db: Database): string {
  return `${JSON.stringify(workspaceDocument.encode(loadWorkspace(db)), null, 2)}\n`
}

/** Imports a document given as JSON text; nothing is stored unless it is valid as a whole. */
export function importWorkspace(db: Database, text: string): ImportResult {
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
    const teamIds = new Set(doc.teams.map((t) => t.id))
    const links = db
      .prepare(
        `SELECT u.email, ut.team_id AS teamId, ut.user_id AS userId FROM user_teams ut
         JOIN users u ON u.id = ut.user_id ORDER BY u.email, ut.team_id`,
      )
      .all() as { email: string; teamId: string; userId: string }[]
    const dropped = links.filter((l) => !teamIds.has(l.teamId))
    const unlink = db.prepare('DELETE FROM user_teams WHERE user_id = ? AND team_id = ?')
    for (const l of dropped) unlink.run(l.userId, l.teamId)
    return {
      ok: true,
      teams: doc.teams.length,
      plans: doc.plans.length,
      droppedManagerTeams: dropped.map(({ email, teamId }) => ({ email, teamId })),
    }
  })()
}
