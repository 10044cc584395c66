import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../../src/config.ts'

describe('loadConfig', () => {
  it('uses documented defaults when nothing is set', () => {
    expect(loadConfig({})).toEqual({
      port: 3000,
      host: '127.0.0.1',
      databasePath: 'data/planner.sqlite',
      databaseCheck: 'refuse',
      demoData: true,
      logLevel: 'info',
      auth: {
        sessionIdleMinutes: 30,
        sessionAbsoluteHours: 12,
        cookieSecure: false,
        trustProxy: false,
        // without single sign-on, everyone signs in with a password
        passwordSignIn: { everyone: true },
      },
    })
  })

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '', DEMO_DATA: '' })).toMatchObject({ port: 3000, demoData: true })
  })

  it('takes PORT=0 as "any free port the OS chooses"', () => {
    expect(loadConfig({ PORT: '0' }).port).toBe(0)
  })

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      DATABASE_PATH: '/var/lib/planner/db.sqlite',
      DATABASE_CHECK: 'warn',
      DEMO_DATA: 'false',
      LOG_LEVEL: 'warn',
    })
    expect(config).toEqual({
      port: 8080,
      host: '0.0.0.0',
      databasePath: '/var/lib/planner/db.sqlite',
      databaseCheck: 'warn',
      demoData: false,
      logLevel: 'warn',
      auth: {
        sessionIdleMinutes: 30,
        sessionAbsoluteHours: 12,
        cookieSecure: false,
        trustProxy: false,
        // without single sign-on, everyone signs in with a password
        passwordSignIn: { everyone: true },
      },
    })
  })

  it.each([
    ['1', true],
    ['YES', true],
    ['on', true],
    ['0', false],
    ['No', false],
    ['off', false],
  ])('reads DEMO_DATA=%s as %s', (text, expected) => {
    expect(loadConfig({ DEMO_DATA: text }).demoData).toBe(expected)
  })

  it.each([
    ['PORT', 'abc', 'PORT must be a whole number from 0 to 65535 (got "abc")'],
    ['PORT', '65536', 'PORT must be a whole number from 0 to 65535 (got "65536")'],
    ['PORT', '1e3', 'PORT must be a whole number from 0 to 65535 (got "1e3")'],
    ['DEMO_DATA', 'maybe', 'DEMO_DATA must be true or false'],
    ['LOG_LEVEL', 'loud', 'LOG_LEVEL must be one of debug, info, warn, error, silent'],
    ['HOST', '   ', 'HOST must not be empty'],
    ['DATABASE_PATH', ' ', 'DATABASE_PATH must not be empty'],
  ])('refuses %s=%j naming the variable and the problem', (name, value, message) => {
    const load = () => loadConfig({ [name]: value })
    expect(load).toThrow(ConfigError)
    expect(load).toThrow(message)
  })

  it('lists every bad variable at once', () => {
    expect(() => loadConfig({ PORT: 'x', LOG_LEVEL: 'y' })).toThrow(/PORT[\s\S]*LOG_LEVEL/)
  })
})
