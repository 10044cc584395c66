/**
 * Workspace export and import. An import is checked whole against the document schema (every
 * problem listed by path) before anything is written; a valid one replaces the workspace in one
 * transaction, and managers' links to teams that no longer exist are dropped and reported.
 */
import { randomUUID } from 'node:crypto'
import * as z from 'zod'
import type { ImportResult } from '../../../views/models/workspace-import.ts'
import type { Database } from '../../db/open.ts'
import { readBudgets, replaceBudgets } from '../../db/repos/actuals.ts'
import { recordAudit } from '../../db/repos/audit.ts'
import { currentRevision } from '../../db/repos/revision.ts'
import { dropTeamLinksOutside } from '../../db/repos/users.ts'
import { saveWorkspaceSteps } from '../../db/repos/workspace.ts'
import { StoreMovedError } from '../../db/write-in-steps.ts'
import {
  checkDocumentSteps,
  sponsorshipOfRole,
  type WorkspaceDocument,
  workspaceDocument,
} from '../../domain/document.ts'
import { parseJsonSteps } from '../../domain/json-steps.ts'
import { position } from '../../domain/model.ts'
import type { Steps } from '../../domain/steps.ts'

export const EXPORT_FILE_NAME = 'planner-workspace.json'

/**
 * The stored workspace as the document's JSON text form (money, rates and dates as strings),
 * produced a piece at a time so it can be streamed: everything but the positions is written as
 * one object, then each plan's positions one by one where that plan's list stands. The text is
 * what `JSON.stringify(document, null, 2)` gives. `loaded`: the workspace as loaded at the
 * store's current state (the projection service keeps it, so an export need not load it again).
 */
export function* exportWorkspace(db: Database, loaded: WorkspaceDocument): Generator<string> {
  const doc = { ...loaded, budgets: readBudgets(db) }
  // a marker no record can hold stands for each plan's positions in the text of the rest
  const marker = `positions-${randomUUID()}`
  // the document's check reads the roles sponsorships name: they are encoded on their own
  const rest = workspaceDocument.encode({
    ...doc,
    plans: doc.plans.map((p) => ({ ...p, positions: [] })),
    roleSponsorships: [],
  }) as { plans: { positions: unknown[] }[]; roleSponsorships: unknown[] }
  rest.roleSponsorships = doc.roleSponsorships.map((s) => z.encode(sponsorshipOfRole, s))
  rest.plans.forEach((p, i) => {
    if (doc.plans[i]!.positions.length > 0) p.positions = [`${marker}-${i}`]
  })
  const text = `${JSON.stringify(rest, null, 2)}\n`
  const places = /^( *)"(positions-[0-9a-f-]+)-(\d+)"$/gm
  let from = 0
  for (const found of text.matchAll(places)) {
    if (found[2] !== marker) continue
    yield text.slice(from, found.index)
    const indent = found[1]!
    const positions = doc.plans[Number(found[3])]!.positions
    for (let k = 0; k < positions.length; k++) {
      const json = JSON.stringify(z.encode(position, positions[k]!), null, 2)
      yield `${k === 0 ? indent : `,\n${indent}`}${json.replaceAll('\n', `\n${indent}`)}`
    }
    from = found.index + found[0].length
  }
  yield text.slice(from)
}

/**
 * Imports a document given as JSON text (whole, or in the pieces it was decoded in); nothing is
 * stored unless it is valid as a whole. The import and its audit entry are written in one
 * transaction. In steps (`Steps`): the text parsed 64 kB at a time, the positions checked and
 * staged a hundred at a time and the store written a few thousand rows at a time, so a
 * 50,000-position import shares the event loop. A write to the store since the import began
 * refuses it (`moved`): importing would undo that write.
 */
export function* importWorkspaceSteps(
  db: Database,
  text: string | readonly string[],
  by: { userId: string; now: Date },
): Steps<ImportResult> {
  // what the store was when the import began: a write after it refuses the import
  const checkedAt = currentRevision(db)
  const json = yield* parseJsonSteps(text)
  if (!json.ok) {
    return { ok: false, problems: [{ path: '(document)', message: `is not JSON: ${json.reason}` }] }
  }
  yield
  const checked = yield* checkDocumentSteps(json.value)
  if (!checked.ok) return checked
  const { doc } = checked
  try {
    return yield* saveWorkspaceSteps(db, doc, checkedAt, (writer) => writeImported(writer, doc, by))
  } catch (e) {
    if (!(e instanceof StoreMovedError)) throw e
    const message = `${e.message} Nothing was imported: import the document again.`
    return { ok: false, moved: true, problems: [{ path: '(workspace)', message }] }
  }
}

/** What an import writes beside the document, in its transaction, and its result. */
function writeImported(
  writer: Database,
  doc: WorkspaceDocument,
  by: { userId: string; now: Date },
): ImportResult {
  replaceBudgets(writer, doc.budgets)
  const dropped = dropTeamLinksOutside(writer, new Set(doc.teams.map((t) => t.id)))
  const counts = { teams: doc.teams.length, plans: doc.plans.length }
  recordAudit(
    writer,
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
}
