/**
 * The scale bench's data, written by the code of the tree under test (argv[2], its root) so that a
 * database made for an older checkout has that checkout's own schema: a generated workspace of
 * `count` positions (http-workspace.ts) and an admin account, in a new database at argv[3]. Prints
 * the plan's id and a few hundred inline edits (path and form body, each at the version it was
 * read at) as JSON. Run as its own process by http-scale.ts.
 */
import { pathToFileURL } from 'node:url'

const [root, databasePath, countText, email, password] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
  string,
]
const from = async <T>(path: string): Promise<T> =>
  (await import(pathToFileURL(`${root}/${path}`).href)) as T

type Db = { close(): void }
const { openDatabase } = await from<{ openDatabase(path: string): Db }>('src/db/open.ts')
const { migrate } = await from<{ migrate(db: Db): void }>('src/db/migrate.ts')
const { saveBenchWorkspace } = await from<{
  saveBenchWorkspace(db: Db, n: number): { plans: { id: string; positions: { id: string }[] }[] }
}>('test/bench/http-workspace.ts')
const { createUser } = await from<{ createUser(db: Db, user: unknown, now: Date): void }>(
  'src/db/repos/users.ts',
)
const { hashPassword } = await from<{ hashPassword(p: string): Promise<string> }>(
  'src/web/auth/password.ts',
)
const { getPosition } = await from<{
  getPosition(db: Db, planId: string, id: string): { position: unknown; version: number }
}>('src/db/repos/positions.ts')
const { formValuesOf } = await from<{ formValuesOf(p: unknown): Record<string, string> }>(
  'src/web/services/position-form.ts',
)

const EDITS = 400

const db = openDatabase(databasePath)
migrate(db)
const doc = saveBenchWorkspace(db, Number(countText))
const plan = doc.plans[0]!
createUser(
  db,
  { email, name: 'Bench', role: 'admin', teamIds: [], passwordHash: await hashPassword(password) },
  new Date(),
)
const edits = plan.positions.slice(0, EDITS).map(({ id }) => {
  const stored = getPosition(db, plan.id, id)
  const values = formValuesOf(stored.position)
  return {
    path: `/positions/${id}`,
    body: new URLSearchParams({
      ...values,
      baseSalary: (Number(values.baseSalary) + 1000).toFixed(2),
      version: String(stored.version),
    }).toString(),
  }
})
db.close()
process.stdout.write(JSON.stringify({ planId: plan.id, edits }))
