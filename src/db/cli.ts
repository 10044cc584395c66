/**
 * Database maintenance from the command line:
 *
 *   npm run db:backup -- <dest>    online, consistent copy of the running planner's database
 *   npm run db:restore -- <src>    check <src> and swap it in (stop the planner first)
 *
 * The database is DATABASE_PATH (default data/planner.sqlite).
 */
import { answerHelp } from '../cli-help.ts'
import { loadConfig } from '../config.ts'
import { backupDatabase, restoreDatabase } from './backup.ts'
import { openDatabase } from './open.ts'

const USAGE = `usage: npm run db:backup -- <dest>    copy the database to <dest>, while the planner runs
       npm run db:restore -- <src>    check the backup <src> and put it in place (planner stopped)

The database is DATABASE_PATH (default data/planner.sqlite).`

async function main(args: string[]): Promise<void> {
  answerHelp(args, USAGE)
  const [command, path] = args
  if (!path || (command !== 'backup' && command !== 'restore')) throw new Error(USAGE)
  const { databasePath } = loadConfig(process.env)
  if (command === 'backup') {
    const db = openDatabase(databasePath, { readonly: true })
    try {
      await backupDatabase(db, path)
    } finally {
      db.close()
    }
    console.log(`Backed up ${databasePath} to ${path}`)
  } else {
    await restoreDatabase(path, databasePath)
    console.log(`Restored ${databasePath} from ${path}`)
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error))
  process.exitCode = 1
})
