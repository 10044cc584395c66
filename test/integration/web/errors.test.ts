import { describe, expect, it } from 'vitest'
import { testApp } from '../../helpers/web.ts'

/**
 * The app with a step at /boom that fails the way a bug would. Middleware rather than a route, so
 * it needs no entry in the policy table: the request is authorised as any unrouted path (signed
 * in), then fails.
 */
function failingApp() {
  const t = testApp()
  t.app.use('/boom', () => {
    throw new Error('database password is hunter2')
  })
  return t
}

describe('not found', () => {
  it('answers 404 with a page inside the layout', async () => {
    const res = await testApp().get('/no/such/page')
    expect(res.status).toBe(404)
    const html = await res.text()
    expect(html).toContain('<html lang="en">')
    expect(html).toContain('Page not found')
    expect(html).toContain('<main id="main">')
  })
})

describe('unexpected errors', () => {
  it('answer 500 with a generic page: no message, no stack, a reference to quote', async () => {
    const res = await failingApp().get('/boom')
    expect(res.status).toBe(500)
    const html = await res.text()
    expect(html).toContain('Something went wrong')
    expect(html).not.toContain('hunter2')
    expect(html).not.toMatch(/at .*\.ts:\d+/)
    expect(html).toContain(res.headers.get('x-request-id')!)
  })

  it('are logged with the request id and stack', async () => {
    const { get, logs } = failingApp()
    const res = await get('/boom')
    const entry = logs.find((l) => l.msg === 'unhandled error')
    expect(entry).toMatchObject({ level: 'error', requestId: res.headers.get('x-request-id') })
    expect(String(entry?.stack)).toContain('hunter2')
  })

  it('answer an htmx request with a flash fragment retargeted to #flash', async () => {
    const res = await failingApp().get('/boom', 'viewer', { 'HX-Request': 'true' })
    expect(res.status).toBe(500)
    expect(res.headers.get('hx-retarget')).toBe('#flash')
    expect(res.headers.get('hx-reswap')).toBe('innerHTML')
    const html = await res.text()
    expect(html).not.toContain('<html')
    expect(html).toContain('role="alert"')
    expect(html).toContain('Something went wrong')
    expect(html).not.toContain('hunter2')
  })
})
