/** Pieces both HTTP benches share: signing in through the form, and pinning processes to cores. */
import { execFileSync } from 'node:child_process'
import { availableParallelism } from 'node:os'

/** Signs in through the sign-in form; the session cookie as a request header. */
export async function signIn(base: string, email: string, password: string) {
  const login = await fetch(`${base}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base },
    body: new URLSearchParams({ email, password }),
  })
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ')
  if (!cookie) throw new Error(`sign-in failed: ${login.status}`)
  return { cookie }
}

const hasTaskset = () => {
  try {
    execFileSync('taskset', ['-c', '0', 'true'])
    return true
  } catch {
    return false
  }
}

/** Servers and load on cores of their own: two or more cores, taskset, and BENCH_PIN not 0. */
export const PIN = process.env.BENCH_PIN !== '0' && availableParallelism() >= 2 && hasTaskset()
