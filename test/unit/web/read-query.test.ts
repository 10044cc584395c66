/**
 * readQuery keeps what it read by schema and address: the same address gives the same frozen
 * result without parsing again, another address is read on its own, and a query that does not fit
 * is refused every time (nothing kept for it).
 */
import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import * as z from 'zod'
import { BadQuery, readQuery } from '../../../src/web/http/query.ts'

function appReading(schema: z.ZodType) {
  const read: unknown[] = []
  const app = new Hono()
    .get('/', (c) => {
      read.push(readQuery(c, schema))
      return c.text('ok')
    })
    .onError((err, c) => c.text(err instanceof BadQuery ? err.issues[0]!.path : 'other', 400))
  return { app, read }
}

describe('readQuery', () => {
  it('parses an address once and gives every request at it the same frozen result', async () => {
    let parses = 0
    const schema = z.object({
      sort: z.enum(['team', 'title']).transform((s) => {
        parses++
        return s
      }),
    })
    const { app, read } = appReading(schema)
    await app.request('/?sort=title')
    await app.request('/?sort=title')
    await app.request('/?sort=team')
    expect(read).toEqual([{ sort: 'title' }, { sort: 'title' }, { sort: 'team' }])
    expect(read[1]).toBe(read[0])
    expect(Object.isFrozen(read[0])).toBe(true)
    expect(parses).toBe(2)
  })

  it('refuses a query that does not fit on every read, naming the field', async () => {
    const { app, read } = appReading(z.object({ page: z.coerce.number().int() }))
    for (let i = 0; i < 2; i++) {
      const res = await app.request('/?page=two')
      expect(res.status).toBe(400)
      expect(await res.text()).toBe('page')
    }
    expect(read).toEqual([])
  })
})
