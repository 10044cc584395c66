/**
 * A form with a file upload is read as its bytes arrive: other requests are answered while the
 * rest of the body is still coming, and the text is the file's, however its bytes were split.
 */
import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { uploadForm } from '../../../src/web/auth/forms.ts'

const app = new Hono()
  .post('/upload', async (c) => c.json(await uploadForm(c)))
  .get('/ping', (c) => c.text('pong'))

const BOUNDARY = 'form-boundary-7d1'
const encoder = new TextEncoder()

/** A multipart body's text: the fields, then a file in `file` and one in `other`. */
function multipartText(fields: Record<string, string>, file: string) {
  const part = (headers: string, value: string) => `--${BOUNDARY}\r\n${headers}\r\n\r\n${value}\r\n`
  return (
    Object.entries(fields)
      .map(([name, value]) => part(`Content-Disposition: form-data; name="${name}"`, value))
      .join('') +
    part(
      'Content-Disposition: form-data; name="file"; filename="people.csv"\r\nContent-Type: text/csv',
      file,
    ) +
    part(
      'Content-Disposition: form-data; name="other"; filename="x.txt"\r\nContent-Type: text/plain',
      'not the file',
    ) +
    `--${BOUNDARY}--\r\n`
  )
}
const multipart = (fields: Record<string, string>, file: string) =>
  encoder.encode(multipartText(fields, file))

const post = async (
  body: RequestInit['body'],
  type = `multipart/form-data; boundary=${BOUNDARY}`,
) =>
  app.request('/upload', {
    method: 'POST',
    headers: { 'content-type': type },
    body,
    duplex: 'half',
  } as RequestInit)

describe('an upload form', () => {
  it('is read piece by piece as the body arrives, other requests answered meanwhile', async () => {
    // a byte-order mark (dropped, as a whole-file decode drops it) and an é in each piece
    const file = `\uFEFFName,Office\nRenée,London\n${'Zoë,Paris\n'.repeat(2000)}`
    const text = multipartText({ kind: 'people', plan: 'plan-1' }, file)
    const bytes = encoder.encode(text)
    // cut inside the é of "Renée": its two bytes arrive in different pieces
    const cut = encoder.encode(text.slice(0, text.indexOf('Renée') + 3)).length + 1
    let sendRest = () => {}
    const rest = new Promise<void>((resolve) => {
      sendRest = resolve
    })
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        controller.enqueue(bytes.slice(0, cut))
        await rest
        for (let at = cut; at < bytes.length; at += 4096) {
          controller.enqueue(bytes.slice(at, at + 4096))
        }
        controller.close()
      },
    })
    let answered = false
    const upload = post(body).then((res) => {
      answered = true
      return res
    })
    // half the file has arrived: the form is not answered yet, another request is
    expect(await (await app.request('/ping')).text()).toBe('pong')
    expect(answered).toBe(false)
    sendRest()
    const res = await upload
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({
      fields: { kind: 'people', plan: 'plan-1' },
      text: file.slice(1),
    })
  })

  it('reads a form without a file as no text', async () => {
    const res = await post(
      new URLSearchParams({ kind: 'people' }),
      'application/x-www-form-urlencoded',
    )
    expect(await res.json()).toEqual({ fields: { kind: 'people' }, text: '' })
  })

  it('refuses a multipart body it cannot read (400), with no boundary or cut short', async () => {
    expect((await post(multipart({}, 'a,b\n'), 'multipart/form-data')).status).toBe(400)
    const whole = multipart({ kind: 'people' }, 'a,b\n')
    expect((await post(whole.slice(0, whole.length - 20))).status).toBe(400)
  })
})
