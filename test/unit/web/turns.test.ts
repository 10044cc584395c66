/**
 * Background work (downloads, import checks) gives way to the requests being answered: at each
 * pause it waits until none is being answered, but never longer than a short bound, so a steady
 * stream of pages cannot stop it. A request whose own work goes to the background stops counting.
 */
import { Hono } from 'hono'
import { describe, expect, it, vi } from 'vitest'
import type { Steps } from '../../../src/domain/steps.ts'
import { answersCounted, backgroundTurn, inBackground } from '../../../src/web/http/turns.ts'

/** An app whose /page answers when `release` is called, and whose /work runs steps in the background. */
function app() {
  let release = () => {}
  const released = new Promise<void>((resolve) => {
    release = resolve
  })
  const steps = function* (): Steps<number> {
    for (let i = 0; i < 5; i++) yield
    return 5
  }
  const hono = new Hono()
    .use(answersCounted())
    .get('/page', async (c) => {
      await released
      return c.text('page')
    })
    .get('/work', async (c) => c.text(String(await inBackground(steps()))))
  return { hono, release }
}

describe('background turns', () => {
  it('wait while a page is being answered, and go on once it is', async () => {
    const { hono, release } = app()
    const page = hono.request('/page')
    const t0 = performance.now()
    let waited = 0
    const turn = backgroundTurn().then(() => {
      waited = performance.now() - t0
    })
    // a turn alone takes well under a millisecond; with a page being answered it waits
    await new Promise((r) => setTimeout(r, 10))
    expect(waited).toBe(0)
    release()
    await turn
    expect(waited).toBeGreaterThan(0)
    expect(await (await page).text()).toBe('page')
  })

  it('never wait for a page for ever: each pause waits a bounded time', async () => {
    const { hono, release } = app()
    const page = hono.request('/page')
    // five pauses with a page held open the whole time still finish
    const work = await hono.request('/work')
    expect(await work.text()).toBe('5')
    release()
    await page
  })

  it('do not count the request that runs them', async () => {
    const { hono } = app()
    // with no timer ever firing, a pause that waited for its own request would never end
    vi.useFakeTimers({ toFake: ['setTimeout'] })
    try {
      const work = await hono.request('/work')
      expect(await work.text()).toBe('5')
    } finally {
      vi.useRealTimers()
    }
  })
})
