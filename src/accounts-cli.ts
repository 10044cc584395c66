/**
 * npm run user:add -- --email someone@example.com --role finance [--name "Sam Smith"]
 *                     [--team interpretability ...]
 * Adds an account to the database at DATABASE_PATH and prints its generated password once.
 */
import { parseArgs } from 'node:util'
import { answerHelp } from './cli-help.ts'
import { ConfigError, loadConfig } from './config.ts'
import { migrate } from './db/migrate.ts'
import { openDatabase } from './db/open.ts'
import { accountProblems, createAccount, newUserInput } from './web/auth/accounts.ts'
import { fieldErrors } from './web/auth/forms.ts'

function fail(message: string): never {
  process.stderr.write(`${message}\n`)
  process.exit(1)
}

const USAGE = `usage: npm run user:add -- --email <address> --role <role> [--name "<name>"] [--team <id> ...]

Adds an account to the database at DATABASE_PATH (default data/planner.sqlite) and prints its
generated password once.

  --email   the address the person signs in with
  --role    admin, leadership, finance, manager or viewer
  --name    the name shown on pages (default: the address before the @)
  --team    a team the manager manages, by id; repeat for several`

answerHelp(process.argv.slice(2), USAGE)

function readArgs() {
  try {
    return parseArgs({
      options: {
        email: { type: 'string' },
        role: { type: 'string' },
        name: { type: 'string' },
        team: { type: 'string', multiple: true },
      },
    }).values
  } catch (error) {
    // an unknown option or a missing value: say which, with the usage, not a stack trace
    return fail(`${(error as Error).message}\n\n${USAGE}`)
  }
}
const values = readArgs()

let config: ReturnType<typeof loadConfig>
try {
  config = loadConfig(process.env)
} catch (error) {
  if (error instanceof ConfigError) fail(error.message)
  throw error
}

const parsed = newUserInput.safeParse({
  email: values.email,
  role: values.role,
  name: values.name ?? values.email?.split('@')[0],
  teams: values.team ?? [],
})
const db = openDatabase(config.databasePath)
migrate(db)
const problems = parsed.success ? accountProblems(db, parsed.data) : fieldErrors(parsed.error)
if (!parsed.success || Object.keys(problems).length > 0) {
  db.close()
  const lines = Object.entries(problems).map(
    ([field, message]) => `  --${field === 'teams' ? 'team' : field}: ${message}`,
  )
  fail(`Cannot add the user:\n${lines.join('\n')}`)
}
const { user, password } = await createAccount(db, parsed.data, { userId: null, now: new Date() })
db.close()
process.stdout.write(`Added ${user.role} ${user.email}. Password (shown only now): ${password}\n`)
