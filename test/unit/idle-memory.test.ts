import { EventEmitter } from 'node:events'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { collectWhenIdle } from '../../src/idle-memory.ts'

/** V8's collection that also releases the pool of freed pages (Node 22 and later). */
const LAST_RESORT = { type: 'major', execution: 'sync', flavor: 'last-resort' }

describe('collectWhenIdle', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  /** A request answered at once, as most are: its response closes as it comes in. */
  const request = (server: EventEmitter) => {
    const answer = new EventEmitter()
    server.emit('request', {}, answer)
    answer.emit('close')
  }

  function serverWithCollector() {
    const server = new EventEmitter()
    const collect = vi.fn()
    const timer = collectWhenIdle(server, collect)
    return { server, collect, timer }
  }

  it('never collects while no request has come in', () => {
    const { collect } = serverWithCollector()
    vi.advanceTimersByTime(60_000)
    expect(collect).not.toHaveBeenCalled()
  })

  it('does not collect while requests keep arriving', () => {
    const { server, collect } = serverWithCollector()
    for (let ms = 0; ms < 10_000; ms += 200) {
      request(server)
      vi.advanceTimersByTime(200)
    }
    expect(collect).not.toHaveBeenCalled()
  })

  it('collects in full three times once requests stop, then once as a last resort, then waits for the next busy spell', () => {
    const { server, collect } = serverWithCollector()
    request(server)
    vi.advanceTimersByTime(1_000) // the tick that sees the request
    expect(collect).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1_000) // a whole quiet second
    expect(collect).toHaveBeenCalledTimes(1)
    vi.advanceTimersByTime(60_000)
    expect(collect.mock.calls).toEqual([[], [], [], [LAST_RESORT]])

    request(server)
    vi.advanceTimersByTime(5_000)
    expect(collect).toHaveBeenCalledTimes(8)
    expect(collect).toHaveBeenLastCalledWith(LAST_RESORT)
  })

  it('stops collecting when a request arrives between collections', () => {
    const { server, collect } = serverWithCollector()
    request(server)
    vi.advanceTimersByTime(2_000)
    expect(collect).toHaveBeenCalledTimes(1)
    request(server)
    vi.advanceTimersByTime(1_000)
    expect(collect).toHaveBeenCalledTimes(1)
  })

  it('does not collect while a response is still being sent, and waits a quiet second after it', () => {
    const { server, collect } = serverWithCollector()
    const download = new EventEmitter()
    server.emit('request', {}, download)
    vi.advanceTimersByTime(30_000) // a download streaming for half a minute, nothing else coming
    expect(collect).not.toHaveBeenCalled()
    download.emit('close')
    vi.advanceTimersByTime(1_000) // the tick that sees it end
    expect(collect).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1_000)
    expect(collect).toHaveBeenCalledTimes(1)
  })

  it('does nothing without a way to collect (node run without --expose-gc)', () => {
    const server = new EventEmitter()
    expect(collectWhenIdle(server, null)).toBeUndefined()
    expect(server.listenerCount('request')).toBe(0)
  })

  it("keeps no process alive: the timer is unref'd", () => {
    const { timer } = serverWithCollector()
    expect(timer?.hasRef()).toBe(false)
  })
})
