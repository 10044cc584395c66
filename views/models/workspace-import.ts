/** What the data page renders of a workspace import: what it replaced, or every problem by path. */

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
  /** `moved`: the workspace was written while the document was checked; nothing was imported. */
  | { ok: false; problems: Problem[]; moved?: true }
