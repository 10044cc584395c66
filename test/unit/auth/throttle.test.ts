import { describe, expect, it } from 'vitest'
import { LoginThrottle } from '../../../src/web/auth/throttle.ts'

const T0 = new Date('2027-01-15T12:00:00Z')
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000)

/** `n` wrong passwords, each sent as soon as it may be: returns when the last was sent. */
function failTimes(t: LoginThrottle, n: number, account = 'acct', address = '10.0.0.1', from = T0) {
  let now = from
  for (let i = 0; i < n; i++) {
    now = new Date(now.getTime() + t.waitMs(account, address, now))
    expect(t.attempt(account, address, now)).toBe(0)
  }
  return now
}

describe('LoginThrottle', () => {
  it('allows five failures, then waits 15 s, doubling with each further failure', () => {
    const t = new LoginThrottle()
    failTimes(t, 4)
    expect(t.waitMs('acct', '10.0.0.1', T0)).toBe(0)
    failTimes(t, 1) // 5th failure: 15 s = 15_000 ms
    expect(t.waitMs('acct', '10.0.0.1', T0)).toBe(15_000)
    failTimes(t, 1) // 6th, sent at 15 s: waits 15 s x 2 from then
    expect(t.waitMs('acct', '10.0.0.1', at(15))).toBe(30_000)
    failTimes(t, 1) // 7th, at 45 s: 15 s x 4 = 60 s, so until 105 s
    expect(t.waitMs('acct', '10.0.0.1', at(55))).toBe(50_000)
    expect(t.waitMs('acct', '10.0.0.1', at(105))).toBe(0)
  })

  it('counts a try before its password is checked, and refuses tries while waiting', () => {
    const t = new LoginThrottle()
    // 40 tries at the same instant, none answered yet: the 6th and later all wait
    const waits = Array.from({ length: 40 }, () => t.attempt('acct', '10.0.0.1', T0))
    expect(waits.filter((w) => w === 0)).toHaveLength(5)
    expect(waits.filter((w) => w === 15_000)).toHaveLength(35)
  })

  it('caps the wait at an hour', () => {
    const t = new LoginThrottle()
    const last = failTimes(t, 40)
    expect(t.waitMs('acct', '10.0.0.1', last)).toBe(3_600_000)
  })

  it('does not slow the same account from another address, nor another account', () => {
    const t = new LoginThrottle()
    const last = failTimes(t, 10)
    expect(t.waitMs('acct', '10.0.0.2', last)).toBe(0)
    expect(t.waitMs('other', '10.0.0.1', last)).toBe(0)
  })

  it('slows an address spraying many accounts after 50 failures', () => {
    const t = new LoginThrottle()
    for (let i = 0; i < 49; i++) t.attempt(`acct-${i}`, '10.0.0.9', T0)
    expect(t.waitMs('fresh', '10.0.0.9', T0)).toBe(0)
    t.attempt('acct-49', '10.0.0.9', T0)
    expect(t.waitMs('fresh', '10.0.0.9', T0)).toBe(15_000)
    expect(t.waitMs('fresh', '10.0.0.8', T0)).toBe(0)
  })

  it('a success clears the pair and gives its try back; failures a day old are forgotten', () => {
    const t = new LoginThrottle()
    failTimes(t, 4)
    expect(t.attempt('acct', '10.0.0.1', T0)).toBe(0) // the 5th try is the right password
    t.succeed('acct', '10.0.0.1')
    failTimes(t, 4)
    expect(t.waitMs('acct', '10.0.0.1', T0)).toBe(0)
    failTimes(t, 1)
    expect(t.waitMs('acct', '10.0.0.1', T0)).toBe(15_000)
    const nextDay = at(24 * 3600 + 1)
    t.attempt('acct', '10.0.0.1', nextDay) // counted afresh: the first failure
    expect(t.waitMs('acct', '10.0.0.1', nextDay)).toBe(0)
  })

  it("a success does not forgive the address's earlier failures", () => {
    const t = new LoginThrottle()
    for (let i = 0; i < 49; i++) t.attempt(`acct-${i}`, '10.0.0.9', T0)
    t.attempt('owner', '10.0.0.9', T0)
    t.succeed('owner', '10.0.0.9') // the 50th try was right: 49 failures stand
    expect(t.waitMs('fresh', '10.0.0.9', T0)).toBe(0)
    t.attempt('acct-x', '10.0.0.9', T0)
    expect(t.waitMs('fresh', '10.0.0.9', T0)).toBe(15_000)
  })
})
