/**
 * Seeds the demo organisation into an empty database. The file is read and fully checked before
 * anything is written, and the save is one transaction, so a bad file leaves the database empty.
 */
import { readDataFile } from './data-files.ts'
import type { Database } from './db/open.ts'
import { isEmpty, saveWorkspace } from './db/repos/workspace.ts'
import { workspaceDocument } from './domain/document.ts'

export const DEMO_FILE = 'data/demo-org.json'

/** Returns true if it seeded, false if the database already held a workspace. */
export function seedDemoData(db: Database, file = DEMO_FILE): boolean {
  if (!isEmpty(db)) return false
  saveWorkspace(db, readDataFile(file, workspaceDocument))
  return true
}
