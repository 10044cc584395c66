import { describe, expect, it } from 'vitest'
import { UploadStash } from '../../../src/web/services/upload-stash.ts'

describe('upload stash', () => {
  let now = Date.parse('2027-03-01T10:00:00Z')
  const stash = () => new UploadStash(() => new Date(now), { ttlMs: 60_000, maxChars: 10 })

  it('gives a file back only to the user who uploaded it, until it expires', () => {
    const s = stash()
    const key = s.put('u1', { text: 'a,b\n1,2' })
    expect(s.get('u1', key)).toEqual({ text: 'a,b\n1,2' })
    expect(s.get('u2', key)).toBeNull()
    now += 60_001
    expect(s.get('u1', key)).toBeNull()
  })

  it('keeps at most its limit of characters, dropping the oldest first', () => {
    const s = stash()
    const first = s.put('u1', { text: '123456' })
    const second = s.put('u1', { text: 'abcdef' })
    expect(s.get('u1', first)).toBeNull()
    expect(s.get('u1', second)).toEqual({ text: 'abcdef' })
  })

  it('forgets a file once deleted', () => {
    const s = stash()
    const key = s.put('u1', { text: 'x' })
    s.delete(key)
    expect(s.get('u1', key)).toBeNull()
  })
})
