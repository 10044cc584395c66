import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { ASSETS } from '../../../src/web/routes/static.ts'
import { testApp } from '../../helpers/web.ts'

const htmxFile = new URL('../../../node_modules/htmx.org/dist/htmx.min.js', import.meta.url)
const cssFile = new URL('../../../views/static/app.css', import.meta.url)

describe('static assets', () => {
  it('serves the pinned htmx build from our origin as JavaScript, cached for a year', async () => {
    expect(ASSETS.htmx).toBe('/static/htmx-4.0.1.min.js')
    const res = await testApp().app.request(ASSETS.htmx)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect(await res.text()).toBe(readFileSync(htmxFile, 'utf8'))
  })

  it('serves the stylesheet as CSS with an ETag and answers 304 when unchanged', async () => {
    const { app } = testApp()
    const res = await app.request(ASSETS.css)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/css; charset=utf-8')
    expect(await res.text()).toBe(readFileSync(cssFile, 'utf8'))
    const tag = res.headers.get('etag')
    expect(tag).toBeTruthy()
    const again = await app.request(ASSETS.css, { headers: { 'if-none-match': tag! } })
    expect(again.status).toBe(304)
  })

  it('pages load exactly these two assets', async () => {
    const html = await (await testApp().get('/')).text()
    expect(html).toContain(`<script src="${ASSETS.htmx}" defer=""></script>`)
    expect(html).toContain(`<link rel="stylesheet" href="${ASSETS.css}"/>`)
  })
})
