import { describe, expect, it } from 'vitest'
import { multipartForm } from '../../../src/web/http/multipart.ts'
import { withTurns } from '../../helpers/turns.ts'

/** A form as a browser sends it: the body encoded by the platform, with its boundary. */
function browserForm(fill: (form: FormData) => void): Request {
  const form = new FormData()
  fill(form)
  return new Request('http://localhost/upload', { method: 'POST', body: form })
}

describe('a multipart form read as it arrives', () => {
  it('gives fields, repeated fields and files as hono parseBody({ all: true }) does', async () => {
    const form = await multipartForm(
      browserForm((f) => {
        f.append('plan', 'Plan A')
        f.append('confirm', 'E-1')
        f.append('confirm', 'E-2')
        f.append('tag[]', 'only')
        f.append('file', new Blob(['Employee ID,Name\nE-1,Zoë\n'], { type: 'text/csv' }), 'r.csv')
      }),
    )
    expect(form.plan).toBe('Plan A')
    expect(form.confirm).toEqual(['E-1', 'E-2'])
    expect(form.tag).toBeUndefined()
    expect(form['tag[]']).toEqual(['only'])
    const file = form.file as File
    expect(file).toBeInstanceOf(File)
    expect(file.name).toBe('r.csv')
    expect(file.type).toBe('text/csv')
    expect(await file.text()).toBe('Employee ID,Name\nE-1,Zoë\n')
  })

  it('keeps a large file byte for byte and reads it over many turns, not in one', async () => {
    // 1.5 MB of three-byte characters, so slices of 256 kB cut through characters
    const text = `Name\n${'€uro,'.repeat(150_000)}\n`
    const { value: form, turns } = await withTurns(
      multipartForm(browserForm((f) => f.append('file', new Blob([text]), 'big.csv'))),
    )
    expect(await (form.file as File).text()).toBe(text)
    // 1.05 MB of body at 256 kB a slice: at least 5 slices, each followed by a turn
    expect(turns).toBeGreaterThanOrEqual(5)
  })
})
