import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { saveGroupMapping } from '../../../src/db/repos/sso.ts'
import { findLogin } from '../../../src/db/repos/users.ts'
import { STATE_COOKIE } from '../../../src/web/routes/sso.tsx'
import { ssoConfig, startProvider, type TestProvider, throughProvider } from '../../helpers/oidc.ts'
import { ORIGIN, postForm, sessionCookieOf, testApp } from '../../helpers/web.ts'

let provider: TestProvider
beforeAll(async () => {
  provider = await startProvider(ORIGIN)
})
afterAll(() => provider?.close())

function cookieValue(res: Response, name: string): string | undefined {
  const set = res.headers.getSetCookie().find((c) => c.startsWith(`${name}=`))
  return set?.slice(name.length + 1).split(';')[0]
}

describe('smoke', () => {
  it('signs in', async () => {
    const t = testApp({ config: ssoConfig(provider, ORIGIN) })
    saveGroupMapping(t.db, { group: 'planner-finance', role: 'finance', teams: [] })
    provider.directory.set('ann', {
      email: 'ann@corp.example',
      name: 'Ann Example',
      groups: ['planner-finance'],
    })
    const start = await postForm(t.app, '/login/sso', { next: '/positions' })
    expect(start.status).toBe(303)
    const state = cookieValue(start, STATE_COOKIE)!
    const callback = await throughProvider(start.headers.get('location')!, 'ann')
    const res = await t.app.request(callback.href, {
      headers: { cookie: `${STATE_COOKIE}=${state}` },
    })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/positions')
    expect(sessionCookieOf(res)).toBeDefined()
    expect(findLogin(t.db, 'ann@corp.example')!.user.role).toBe('finance')
  })
})
