/**
 * Slows password guessing without letting anyone lock another user out. Failures are counted per
 * (account, address) pair and, more loosely, per address. From the fifth failure each further
 * failure doubles the wait before that key may try again. An attempt is counted as a failure when
 * it is let through, before its password is checked (`attempt`), and given back if the password
 * was right (`succeed`): guesses sent in parallel are all counted, not only those that finish
 * before the next one starts. A pair's lock stops one address from
 * guessing one account but never stops the owner signing in from elsewhere; the address limit
 * stops one address spraying many accounts. Kept in memory: a restart forgives, which is fine for
 * slowing guesses, and nothing secret is kept (the account is a fingerprint of its email).
 */

export interface ThrottleLimits {
  /** The failure that starts the first wait (the 5th: four free tries, then slowed). */
  waitFrom: number
  /** The first wait; each further failure doubles it, up to `maxDelayMs`. */
  baseDelayMs: number
  maxDelayMs: number
}

export const PAIR_LIMITS: ThrottleLimits = {
  waitFrom: 5,
  baseDelayMs: 15_000,
  maxDelayMs: 3_600_000,
}
export const ADDRESS_LIMITS: ThrottleLimits = {
  waitFrom: 50,
  baseDelayMs: 15_000,
  maxDelayMs: 3_600_000,
}
/** Failures older than this are forgotten. */
const FORGET_AFTER_MS = 24 * 3_600_000
/** Past this many keys, forgotten ones are swept out so a flood of addresses cannot grow memory. */
const SWEEP_ABOVE = 10_000

interface Record {
  failures: number
  lastFailureAt: number
  lockedUntil: number
}

export class LoginThrottle {
  readonly #records = new Map<string, Record>()

  constructor(
    private readonly pairLimits = PAIR_LIMITS,
    private readonly addressLimits = ADDRESS_LIMITS,
  ) {}

  /** Milliseconds until this account may be tried from this address again; 0 when it may now. */
  waitMs(account: string, address: string, now: Date): number {
    const t = now.getTime()
    const waits = [pairKey(account, address), addressKey(address)].map((key) => {
      const r = this.#current(key, t)
      return r ? Math.max(0, r.lockedUntil - t) : 0
    })
    return Math.max(...waits)
  }

  /**
   * Reserves a try: the wait in milliseconds if this account may not be tried from this address
   * yet, else 0, with the try already counted as a failure. Synchronous, so no other request can
   * run between the check and the count.
   */
  attempt(account: string, address: string, now: Date): number {
    const waitMs = this.waitMs(account, address, now)
    if (waitMs === 0) {
      this.#fail(pairKey(account, address), this.pairLimits, now.getTime())
      this.#fail(addressKey(address), this.addressLimits, now.getTime())
    }
    return waitMs
  }

  /**
   * A correct password clears the pair and gives the address back the try `attempt` counted; the
   * address keeps its earlier failures, so spraying still slows.
   */
  succeed(account: string, address: string): void {
    this.#records.delete(pairKey(account, address))
    const r = this.#records.get(addressKey(address))
    if (!r) return
    r.failures = Math.max(0, r.failures - 1)
    r.lockedUntil = r.lastFailureAt + delayAfter(r.failures, this.addressLimits)
  }

  #current(key: string, t: number): Record | undefined {
    const r = this.#records.get(key)
    if (r && t - r.lastFailureAt > FORGET_AFTER_MS && t >= r.lockedUntil) {
      this.#records.delete(key)
      return undefined
    }
    return r
  }

  #fail(key: string, limits: ThrottleLimits, t: number): void {
    const failures = (this.#current(key, t)?.failures ?? 0) + 1
    this.#records.set(key, {
      failures,
      lastFailureAt: t,
      lockedUntil: t + delayAfter(failures, limits),
    })
    if (this.#records.size > SWEEP_ABOVE) for (const k of this.#records.keys()) this.#current(k, t)
  }
}

/** The wait after the `failures`th failure. */
function delayAfter(failures: number, limits: ThrottleLimits): number {
  const over = failures - limits.waitFrom
  return over < 0 ? 0 : Math.min(limits.maxDelayMs, limits.baseDelayMs * 2 ** Math.min(over, 30))
}

const pairKey = (account: string, address: string) => `pair ${account} ${address}`
const addressKey = (address: string) => `address ${address}`
