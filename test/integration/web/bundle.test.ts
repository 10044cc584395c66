/**
 * The planner exactly as `npm start` runs it: npm's start script builds dist/server.mjs and starts
 * it with the script's Node flags. On a fresh database the bundle seeds the demo, an account it
 * printed signs in, and the home page shows the demo organisation to that account.
 */
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../../helpers/db.ts'
import { listening, signIn, startProcess } from '../../helpers/server-process.ts'

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))
const PASSWORD = 'a long bundle test password'

describe('npm start', () => {
  it('builds and serves the bundle, whose demo a first-start account signs in to', async () => {
    const databasePath = join(tempDir(), 'planner.sqlite')
    const started = startProcess(
      'npm',
      ['start'],
      {
        DATABASE_PATH: databasePath,
        ADMIN_EMAIL: 'admin@bundle.example',
        ADMIN_PASSWORD: PASSWORD,
      },
      ROOT,
    )
    const port = await listening(started, 60_000)
    // the bundle, not the source: the start script's own command line is what runs
    expect(started.output().stdout).toMatch(
      /node --max-semi-space-size=4 --expose-gc dist\/server\.mjs/,
    )

    const cookie = await signIn(port, 'admin@bundle.example', PASSWORD)
    const home = await fetch(`http://127.0.0.1:${port}/`, { headers: { cookie } })
    expect(home.status).toBe(200)
    expect(await home.text()).toContain('Interpretability')

    started.child.kill('SIGTERM')
  }, 90_000)
})
