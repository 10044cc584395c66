import { describe, expect, it } from 'vitest'
import { formatMoney, fromMinor } from '../../../src/domain/money.ts'
import { projectFast } from '../../../src/domain/projection/fast.ts'
import { projectionInput } from '../../../src/domain/projection/input.ts'
import type { Viewer } from '../../../src/web/auth/viewer.ts'
import {
  postForm,
  RULES,
  SCIENTIST_ROLE,
  shrinkResearchPool,
  type TestApp,
  testApp,
} from '../../helpers/web.ts'

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')

async function addRole(t: TestApp, title: string) {
  const res = await postForm(
    t.app,
    '/positions',
    { ...SCIENTIST_ROLE, title, startDate: '2027-09-01' },
    t.as('admin'),
  )
  expect(res.status).toBe(303)
  return new URL(res.headers.get('location')!, 'http://x').searchParams.get('added')!
}

describe('recruiting what-if', () => {
  it('moves the roles a shrunk pool cannot hold and prices the plan with those starts', async () => {
    const t = testApp()
    await t.get('/recruiting/loops', 'admin')
    // one research interviewer at 7 hours a week: 31/7 x 7 = 31 hours in a 31-day month. Each
    // research hire asks it 12 hours (research interview) and 16 (onsite): three roles starting
    // on 1 September 2027 (r-104 and the two added) cannot all interview in the same months.
    expect((await shrinkResearchPool(t, 7)).status).toBe(303)
    await addRole(t, 'Scientist A')
    const b = await addRole(t, 'Scientist B')

    const html = await (await t.get('/recruiting', 'finance')).text()
    const whatIf = text(html.slice(html.indexOf('id="recruiting-what-if"')))
    // r-104 and A are placed first (plan order); B waits until the pool has room
    expect(whatIf).not.toContain('Scientist A')
    expect(whatIf).toContain(
      'Scientist B (open role, Interpretability, London, from September 2027): start 1 December ' +
        '2027 instead of 1 September 2027',
    )

    // the difference is the plan projected with the moved starts less the plan as it stands
    const viewer = { teamScope: 'all' } as Viewer
    const view = t.projections.view(viewer)
    const positions = view.plan.positions.map((p) =>
      p.id === b && p.kind === 'open' ? { ...p, targetStartDate: '2027-12-01' } : p,
    )
    const sum = (s: number[]) => s.reduce((x, y) => x + y, 0)
    const planned = sum(view.projection.totals.total)
    const limited = sum(
      projectFast(
        projectionInput(view.doc, view.plan, RULES, {
          positions,
          fillTimes: view.input.ctx.fillTimes,
        }),
      ).totals.total,
    )
    expect(limited).toBeLessThan(planned) // later starts cost less within the horizon
    expect(whatIf).toContain(
      `Difference over the plan ${formatMoney(fromMinor(limited - planned), 'GBP')}`,
    )
  })
})
