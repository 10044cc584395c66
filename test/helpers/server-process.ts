/**
 * The planner as a real process: started with a command line and environment, on a port the OS
 * chooses (PORT=0; the URL is read from its "listening" log line), with its output collected and
 * the whole process group ended after each test.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { afterEach } from 'vitest'

export interface Started {
  child: ChildProcess
  output: () => { stdout: string; stderr: string }
  exited: Promise<number | null>
}

const children: ChildProcess[] = []

afterEach(() => {
  for (const child of children.splice(0)) {
    // the group: `npm start` runs node under a shell under npm
    if (child.exitCode === null && child.pid) process.kill(-child.pid, 'SIGKILL')
  }
})

/** Starts `command args` in `cwd`, loopback only, logging at info unless `env` says otherwise. */
export function startProcess(
  command: string,
  args: readonly string[],
  env: Record<string, string>,
  cwd: string,
): Started {
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  children.push(child)
  let stdout = ''
  let stderr = ''
  child.stdout?.on('data', (chunk) => {
    stdout += chunk
  })
  child.stderr?.on('data', (chunk) => {
    stderr += chunk
  })
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  )
  return { child, output: () => ({ stdout, stderr }), exited }
}

/** Waits until `read()` contains `text`; rejects if the process exits first or after `ms`. */
export async function waitFor(
  started: Started,
  read: () => string,
  text: string,
  ms = 20_000,
): Promise<string> {
  const deadline = Date.now() + ms
  while (!read().includes(text)) {
    if (started.child.exitCode !== null) {
      throw new Error(`exited ${started.child.exitCode} before ${JSON.stringify(text)}:
${started.output().stderr}`)
    }
    if (Date.now() > deadline) throw new Error(`did not print ${JSON.stringify(text)} in ${ms} ms`)
    await new Promise((r) => setTimeout(r, 50))
  }
  return read()
}

/** Resolves with the port the server listens on, once it logs that it is listening. */
export async function listening(started: Started, ms = 20_000): Promise<number> {
  const stdout = await waitFor(started, () => started.output().stdout, '"msg":"listening"', ms)
  const url = /"msg":"listening".*?"url":"http:\/\/[^:"]+:(\d+)"/.exec(stdout)
  if (!url) throw new Error(`no URL in the listening line: ${stdout}`)
  return Number(url[1])
}

/** Signs in through the login form; resolves with the session cookie to send. */
export async function signIn(port: number, email: string, password: string): Promise<string> {
  const login = await fetch(`http://127.0.0.1:${port}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      origin: `http://127.0.0.1:${port}`,
    },
    body: new URLSearchParams({ email, password }).toString(),
  })
  const cookie = login.headers.get('set-cookie')
  if (login.status !== 303 || !cookie) throw new Error(`sign-in answered ${login.status}`)
  return cookie.split(';')[0]!
}
