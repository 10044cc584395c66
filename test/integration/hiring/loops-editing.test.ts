import { describe, expect, it } from 'vitest'
import { listAudit } from '../../../src/db/repos/audit.ts'
import { readHiring } from '../../../src/db/repos/hiring.ts'
import { loopValues, timeToFillValues } from '../../../src/web/services/hiring-forms.ts'
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

describe('stages of a loop on /recruiting/loops', () => {
  const research = (t: TestApp) => readHiring(t.db).loops.find((l) => l.value.id === 'research')!
  const stageIds = (t: TestApp) => research(t).value.stages.map((s) => s.id)
  /** The research loop's form as shown, with `changes` made and the version it shows. */
  const post = (t: TestApp, changes: Record<string, string>) => {
    const { value, version } = research(t)
    const fields = { ...loopValues(value), version: String(version), ...changes }
    return postForm(t.app, '/recruiting/loops/research', fields, t.as('admin'))
  }
  const NEW_STAGE = {
    'new.name': 'Take-home exercise',
    'new.passThrough': '60',
    'new.interviewersPerCandidate': '1',
    'new.hoursPerInterviewer': '1.5',
    'new.poolId': 'research-interviewers',
    'new.days': '7',
  }

  it('adds a named stage at the end as a new version, audited', async () => {
    const t = await seeded()
    expect(await (await t.get('/recruiting/loops', 'admin')).text()).toContain('name="new.name"')
    const res = await post(t, NEW_STAGE)
    expect(res.status).toBe(303)
    const { value, version } = research(t)
    expect(version).toBe(2)
    expect(stageIds(t)).toEqual([
      'recruiter-screen',
      'hm-screen',
      'technical',
      'onsite',
      'references',
      'stage-6',
    ])
    const added = value.stages[5]!
    expect([added.name, added.passThrough.toFixed(), added.hoursPerInterviewer.toFixed()]).toEqual([
      'Take-home exercise',
      '0.6',
      '1.5',
    ])
    const event = listAudit(t.db).find((e) => e.action === 'hiring.loop.update')!
    expect(event.entityId).toBe('research')
    expect((event.before as { stages: unknown[] }).stages).toHaveLength(5)
    expect((event.after as { stages: unknown[] }).stages).toHaveLength(6)
  })

  it('names the new stage field that is wrong, storing nothing', async () => {
    const t = await seeded()
    const res = await post(t, { ...NEW_STAGE, 'new.days': '999' })
    expect(res.status).toBe(422)
    expect(await res.text()).toMatch(/id="loop-research-new-days-error"[^>]*>[^<]*180/)
    expect(research(t).version).toBe(1)
  })

  it('removes a ticked stage, keeping the others in order', async () => {
    const t = await seeded()
    const res = await post(t, { 'stages.1.remove': 'on' })
    expect(res.status).toBe(303)
    expect(stageIds(t)).toEqual(['recruiter-screen', 'technical', 'onsite', 'references'])
    expect(research(t).version).toBe(2)
  })

  it('reports an error on a kept stage under its own field after a removal', async () => {
    const t = await seeded()
    // stage 0 removed: the codec sees stage 2 as its stage 1, the form must still say stages.2
    const res = await post(t, { 'stages.0.remove': 'on', 'stages.2.days': '181' })
    expect(res.status).toBe(422)
    expect(await res.text()).toContain('id="loop-research-stages-2-days-error"')
    expect(stageIds(t)).toHaveLength(5)
  })

  it('refuses removing every stage: a loop needs at least one', async () => {
    const t = await seeded()
    const all = Object.fromEntries([0, 1, 2, 3, 4].map((i) => [`stages.${i}.remove`, 'on']))
    const res = await post(t, all)
    expect(res.status).toBe(422)
    expect(await res.text()).toContain('A loop needs at least one stage')
    expect(stageIds(t)).toHaveLength(5)
    expect(research(t).version).toBe(1)
  })
})
