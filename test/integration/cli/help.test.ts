/**
 * Every command-line tool answers --help with its usage (exit 0, nothing on stderr), and a bad
 * option ends in the reason and the usage, never a stack trace.
 */
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

const run = promisify(execFile)
const tool = (script: string, ...args: string[]) =>
  run(process.execPath, ['--import', 'tsx', script, ...args], { encoding: 'utf8' })

describe('command-line tools', { timeout: 60_000 }, () => {
  it.each([
    ['user:add', 'src/accounts-cli.ts', [], '--email <address> --role <role>'],
    ['db:backup', 'src/db/cli.ts', ['backup'], 'npm run db:backup -- <dest>'],
    ['db:restore', 'src/db/cli.ts', ['restore'], 'npm run db:restore -- <src>'],
    ['build', 'src/build.ts', [], 'npm run build'],
  ])('%s --help prints its usage', async (_, script, args, usage) => {
    const { stdout, stderr } = await tool(script, ...args, '--help')
    expect(stdout).toMatch(/^usage: /)
    expect(stdout).toContain(usage)
    expect(stderr).toBe('')
  })

  it('user:add with an unknown option names it, shows the usage and exits 1', async () => {
    const failed = await tool('src/accounts-cli.ts', '--bogus').catch((e) => e)
    expect(failed.code).toBe(1)
    expect(failed.stderr).toContain("Unknown option '--bogus'")
    expect(failed.stderr).toContain('usage: npm run user:add')
    expect(failed.stderr).not.toMatch(/\n\s+at /)
  })
})
