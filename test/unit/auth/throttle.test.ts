import { describe, expect, it } from 'vitest'
import { LoginThrottle } from '../../../src/web/auth/throttle.ts'

const T0 = new Date('2027-01-15T12:00:00Z')
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000)

function failTimes(t: LoginThrottle, n: number, account = 'acct', address = '10.0.0.1') {
  for (let i = 0; i < n; i++) t.fail(account, address, T0)
}

describe('LoginThrottle', () => {
  it('allows five failures, then waits 15 s, doubling with each further failure', () => {
    const t = new LoginThrottle()
    failTimes(t, 4)
    expect(t.waitMs('acct', '10.0.0.1', T0)).toBe(0)
    failTimes(t, 1) // 5th failure: 15 s = 15_000 ms
    expect(t.waitMs('acct', '10.0.0.1', T0)).toBe(15_000)
    failTimes(t, 1) // 6th: 15 s x 2
    expect(t.waitMs('acct', '10.0.0.1', T0)).toBe(30_000)
    failTimes(t, 1) // 7th: 15 s x 4
    expect(t.waitMs('acct', '10.0.0.1', at(10))).toBe(50_000)
    expect(t.waitMs('acct', '10.0.0.1', at(60))).toBe(0)
  })

  it('caps the wait at an hour', () => {
    const t = new LoginThrottle()
    failTimes(t, 40)
    expect(t.waitMs('acct', '10.0.0.1', T0)).toBe(3_600_000)
  })

  it('does not slow the same account from another address, nor another account', () => {
    const t = new LoginThrottle()
    failTimes(t, 10)
    expect(t.waitMs('acct', '10.0.0.2', T0)).toBe(0)
    expect(t.waitMs('other', '10.0.0.1', T0)).toBe(0)
  })

  it('slows an address spraying many accounts after 50 failures', () => {
    const t = new LoginThrottle()
    for (let i = 0; i < 49; i++) t.fail(`acct-${i}`, '10.0.0.9', T0)
    expect(t.waitMs('fresh', '10.0.0.9', T0)).toBe(0)
    t.fail('acct-49', '10.0.0.9', T0)
    expect(t.waitMs('fresh', '10.0.0.9', T0)).toBe(15_000)
    expect(t.waitMs('fresh', '10.0.0.8', T0)).toBe(0)
  })

  it('a success clears the pair, and failures a day old are forgotten', () => {
    const t = new LoginThrottle()
    failTimes(t, 4)
    t.succeed('acct', '10.0.0.1')
    failTimes(t, 4)
    expect(t.waitMs('acct', '10.0.0.1', T0)).toBe(0)
    failTimes(t, 1)
    expect(t.waitMs('acct', '10.0.0.1', T0)).toBe(15_000)
    const nextDay = at(24 * 3600 + 1)
    t.fail('acct', '10.0.0.1', nextDay) // counted afresh: the first failure
    expect(t.waitMs('acct', '10.0.0.1', nextDay)).toBe(0)
  })
})
