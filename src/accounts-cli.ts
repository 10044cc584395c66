/**
 * npm run user:add -- --email someone@example.com --role finance [--name "Sam Smith"]
 *                     [--team interpretability ...]
 * Adds an account to the database at DATABASE_PATH and prints its generated password once.
 */
import { parseArgs } from 'node:util'
import { ConfigError, loadConfig } from './config.ts'
import { migrate } from './db/migrate.ts'
import { openDatabase } from './db/open.ts'
import { accountProblems, createAccount, newUserInput } from './web/auth/accounts.ts'
import { fieldErrors } from './web/auth/forms.ts'

function fail(message: string): never {
  process.stderr.write(`${message}\n`)
  process.exit(1)
}

const { values } = parseArgs({
  options: {
    email: { type: 'string' },
    role: { type: 'string' },
    name: { type: 'string' },
    team: { type: 'string', multiple: true },
  },
})

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
