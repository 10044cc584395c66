import { Flash } from '../components/Flash.tsx'
import type { ImportResult, Problem } from '../models/workspace-import.ts'

export interface DataProps {
  canExport: boolean
  canImport: boolean
  /** The problems of a rejected upload (nothing was stored). */
  problems?: Problem[]
  imported?: Extract<ImportResult, { ok: true }>
}

export function Data({ canExport, canImport, problems, imported }: DataProps) {
  return (
    <section aria-labelledby="data-heading">
      <h1 id="data-heading">Plan documents</h1>
      <p>
        The whole workspace (organisation, reference data, plans and scenarios) as one JSON
        document, to keep in version control or move to another installation.
      </p>
      {canExport && (
        <p>
          <a href="/api/v1/workspace" download="planner-workspace.json">
            Download the workspace (planner-workspace.json)
          </a>
        </p>
      )}
      {imported && (
        <Flash kind="success">
          Imported {imported.plans} plan(s) and {imported.teams} team(s).
          {imported.droppedManagerTeams.length > 0 &&
            ` Manager links to teams that no longer exist were removed: ${imported.droppedManagerTeams
              .map((d) => `${d.email} (${d.teamId})`)
              .join(', ')}.`}
        </Flash>
      )}
      {canImport && (
        <form method="post" action="/data/import" enctype="multipart/form-data" class="form">
          <div class="field">
            <label for="workspace-file">Workspace document (JSON)</label>
            <input
              id="workspace-file"
              name="file"
              type="file"
              accept="application/json,.json"
              required
              aria-invalid={problems ? 'true' : undefined}
              aria-describedby={problems ? 'import-problems' : 'import-hint'}
            />
            <p id="import-hint" class="muted">
              Importing replaces everything in the workspace. Nothing changes if the document has
              any problem.
            </p>
          </div>
          {problems && (
            <div id="import-problems" role="alert" class="field-error">
              <p>The document was not imported; nothing changed. Fix these and upload it again:</p>
              <ul>
                {problems.map((p) => (
                  <li>
                    <code>{p.path}</code>: {p.message}
                  </li>
                ))}
              </ul>
            </div>
          )}
          <button type="submit">Import and replace the workspace</button>
        </form>
      )}
    </section>
  )
}
