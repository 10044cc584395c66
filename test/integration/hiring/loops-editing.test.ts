import { describe, expect, it } from 'vitest'
import { listAudit } from '../../../src/db/repos/audit.ts'
import { readHiring } from '../../../src/db/repos/hiring.ts'
import { timeToFillValues } from '../../../src/web/services/hiring-forms.ts'
import { postForm, type TestApp, testApp } from '../../helpers/web.ts'

const L5 = 'days.software-engineer.l5'

/** A fresh app with the hiring tables seeded (the loops page seeds them on first view). */
async function seeded(): Promise<TestApp> {
  const t = testApp()
  expect((await t.get('/recruiting/loops', 'admin')).status).toBe(200)
  return t
}

const daysOf = (t: TestApp, levelId: string) =>
  readHiring(t.db).timeToFill.find(
    (e) => e.familyId === 'software-engineer' && e.levelId === levelId,
  )!.days

describe('time to fill on /recruiting/loops', () => {
  it('saves whole days per family and level, versioned and audited', async () => {
    const t = await seeded()
    const values = timeToFillValues(readHiring(t.db).timeToFill)
    const before = values[L5]
    const res = await postForm(
      t.app,
      '/recruiting/time-to-fill',
      { ...values, [L5]: '120', version: '0' },
      t.as('admin'),
    )
    expect(res.status).toBe(303)
    expect(daysOf(t, 'l5')).toBe(120)
    expect(readHiring(t.db).timeToFillVersion).toBe(1)
    const event = listAudit(t.db).find((e) => e.action === 'hiring.time_to_fill.update')!
    expect((event.before as Record<string, string>)[L5]).toBe(before)
    expect((event.after as Record<string, string>)[L5]).toBe('120')
    // a second save still based on version 0 is stale: 409, nothing changed
    const stale = await postForm(
      t.app,
      '/recruiting/time-to-fill',
      { ...values, [L5]: '10', version: '0' },
      t.as('admin'),
    )
    expect(stale.status).toBe(409)
    expect(daysOf(t, 'l5')).toBe(120)
  })

  it.each([
    ['731', 'must be whole days from 0 to 730'],
    ['-1', 'must be whole days from 0 to 730'],
    ['1.5', 'Enter a whole number of days'],
  ])('refuses %s days with 422 next to the field and stores nothing', async (days, message) => {
    const t = await seeded()
    const values = timeToFillValues(readHiring(t.db).timeToFill)
    const res = await postForm(
      t.app,
      '/recruiting/time-to-fill',
      { ...values, [L5]: days, version: '0' },
      t.as('admin'),
    )
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(html).toContain(message)
    expect(html).toContain(`value="${days}"`)
    expect(daysOf(t, 'l5')).toBe(Number(values[L5]))
    expect(readHiring(t.db).timeToFillVersion).toBe(0)
  })
})
