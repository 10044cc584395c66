/**
 * The rule book is read before the database is opened: a malformed rules file stops start-up with
 * a message naming the file, the field and the problem, and no database is created. The server
 * runs from a copy of the project whose data/rules/uk.json has a rate that is not a number.
 */
import { copyFileSync, cpSync, existsSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../../helpers/db.ts'
import { startProcess } from '../../helpers/server-process.ts'

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))

/** A copy of the project (sources, views, data, settings; node_modules linked) to break. */
function projectCopy(): string {
  const dir = tempDir()
  for (const folder of ['src', 'views', 'data']) {
    cpSync(join(ROOT, folder), join(dir, folder), { recursive: true })
  }
  for (const file of ['package.json', 'tsconfig.json']) {
    copyFileSync(join(ROOT, file), join(dir, file))
  }
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'))
  return dir
}

describe('start-up with a malformed rules file', () => {
  it('exits 1 naming the file, field and problem, before creating the database', async () => {
    const dir = projectCopy()
    const ukFile = join(dir, 'data', 'rules', 'uk.json')
    const uk = JSON.parse(readFileSync(ukFile, 'utf8'))
    uk.taxYears[1].employerNicRate.value = 'fifteen percent'
    writeFileSync(ukFile, JSON.stringify(uk))
    const databasePath = join(dir, 'planner.sqlite')

    const started = startProcess(
      process.execPath,
      ['--import', 'tsx', join(dir, 'src', 'server.ts')],
      { DATABASE_PATH: databasePath },
      dir,
    )
    const code = await started.exited
    const { stderr } = started.output()

    expect(code).toBe(1)
    expect(stderr).toContain('data/rules/uk.json is not valid')
    expect(stderr).toContain('taxYears.1.employerNicRate.value')
    expect(stderr).not.toMatch(/\n\s+at /)
    expect(existsSync(databasePath)).toBe(false)
  }, 30_000)
})
