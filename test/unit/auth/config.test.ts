import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../../src/config.ts'

describe('auth settings', () => {
  it('reads session timeouts, cookie and proxy flags and the first admin', () => {
    const { auth } = loadConfig({
      SESSION_IDLE_MINUTES: '15',
      SESSION_ABSOLUTE_HOURS: '8',
      COOKIE_SECURE: 'true',
      TRUST_PROXY: 'yes',
      ADMIN_EMAIL: 'ops@example.com',
      ADMIN_PASSWORD: 'a long enough secret',
    })
    expect(auth).toEqual({
      sessionIdleMinutes: 15,
      sessionAbsoluteHours: 8,
      cookieSecure: true,
      trustProxy: true,
      passwordSignIn: { everyone: true },
      adminEmail: 'ops@example.com',
      adminPassword: 'a long enough secret',
    })
  })

  it('refuses a zero timeout naming the variable', () => {
    expect(() => loadConfig({ SESSION_IDLE_MINUTES: '0' })).toThrow(
      'SESSION_IDLE_MINUTES must be a whole number from 1 to 1440 (got "0")',
    )
  })

  it('refuses a short ADMIN_PASSWORD without repeating it', () => {
    const load = () => loadConfig({ ADMIN_PASSWORD: 'short-pw' })
    expect(load).toThrow('ADMIN_PASSWORD must be at least 12 characters (value hidden)')
    expect(load).not.toThrow(/short-pw/)
  })
})
