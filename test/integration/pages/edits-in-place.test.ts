import { describe, expect, it } from 'vitest'
import { getPosition } from '../../../src/db/repos/positions.ts'
import { formValuesOf } from '../../../src/web/services/position-form.ts'
import { postForm, type TestApp, testApp } from '../../helpers/web.ts'

/** "£1,234.56" as pence. */
const pence = (money: string) => Math.round(Number(money.replace(/[£$,]/g, '')) * 100)

/** The content of the `<hx-partial>` aimed at `#target`, or null when there is none. */
function partial(html: string, target: string): string | null {
  const m = html.match(
    new RegExp(`<hx-partial hx-target="#${target}"[^>]*>([\\s\\S]*?)</hx-partial>`),
  )
  return m ? m[1]! : null
}

/** The text of the cell with `id`, tags stripped. */
function cell(html: string, id: string): string {
  const m = html.match(new RegExp(`id="${id}"[^>]*>([\\s\\S]*?)</td>`))
  if (!m) throw new Error(`no cell #${id}`)
  return m[1]!.replace(/<[^>]+>/g, '').trim()
}

/** The headcount table's cells for `month` ("April 2027"), as numbers. */
function headsIn(html: string, month: string): number[] {
  const m = html.match(new RegExp(`<th scope="row">${month}</th>((?:<td class="num">\\d+</td>)+)`))
  if (!m) throw new Error(`no headcount row for ${month}`)
  return [...m[1]!.matchAll(/>(\d+)</g)].map((x) => Number(x[1]))
}

/** The cost-by-component row for `label`, in pence (0 when the component is absent). */
function component(html: string, label: string): number {
  const m = html.match(
    new RegExp(`<th scope="row">${label}</th><td class="num"><span[^>]*>([^<]+)<`),
  )
  return m ? pence(m[1]!) : 0
}

/** Posts `r-101` (open, London, £317,500, from 2027-04-01) back with its status changed. */
async function putOnHold(t: TestApp, query: string) {
  const stored = getPosition(t.db, 'fy2027', 'r-101')!
  return postForm(
    t.app,
    `/positions/r-101${query}`,
    { ...formValuesOf(stored.position), status: 'on_hold', version: String(stored.version) },
    // a status change is not reviewed: a manager's applies at once
    { ...t.as('manager'), 'hx-request': 'true' },
  )
}

describe('an inline edit updates the figures in place', () => {
  it('on the team page: the figures, growth chart and cost by component change with it', async () => {
    const t = testApp()
    const page = await (await t.get('/teams/interpretability', 'manager')).text()
    const res = await putOnHold(t, '?focus=interpretability')
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toMatch(/^<tr id="position-r-101">/)

    const figures = partial(html, 'team-figures')!
    expect(figures).toContain('<section id="team-figures"')
    // the role leaves the plan: one head fewer at the horizon's end, one open role fewer
    for (const id of ['interpretability', 'plan']) {
      expect(Number(cell(figures, `figures-${id}-end`))).toBe(
        Number(cell(page, `figures-${id}-end`)) - 1,
      )
      expect(Number(cell(figures, `figures-${id}-open`))).toBe(
        Number(cell(page, `figures-${id}-open`)) - 1,
      )
      expect(pence(cell(figures, `figures-${id}-cost`))).toBeLessThan(
        pence(cell(page, `figures-${id}-cost`)),
      )
    }

    const charts = partial(html, 'team-charts')!
    expect(charts).toMatch(/^<div id="team-charts">/)
    expect(charts).toContain('<svg')
    // the role was to start on 1 April 2027: March's heads are as they were, April's one fewer
    // for Interpretability with its subteams (the first column); the subteams' own are unchanged
    expect(headsIn(charts, 'March 2027')).toEqual(headsIn(page, 'March 2027'))
    const [allBefore, ...subteamsBefore] = headsIn(page, 'April 2027')
    const [allAfter, ...subteamsAfter] = headsIn(charts, 'April 2027')
    expect(allAfter).toBe(allBefore! - 1)
    expect(subteamsAfter).toEqual(subteamsBefore)
    // Salary: £317,500 / 12 = £26,458.33 a month for Apr 2027 - Mar 2028 (12 months,
    // £317,499.96); the 3% merit in April 2028 makes it £327,025 / 12 = £27,252.08 a month for
    // Apr - Dec 2028 (9 months, £245,268.72). The role's salary over the plan: £562,768.68.
    expect(component(page, 'Salary') - component(charts, 'Salary')).toBe(56_276_868)
  })

  it('on the positions page: the figures change, and no team charts are sent', async () => {
    const t = testApp()
    const page = await (await t.get('/positions', 'manager')).text()
    const html = await (await putOnHold(t, '')).text()
    const figures = partial(html, 'team-figures')!
    expect(Number(cell(figures, 'figures-plan-open'))).toBe(
      Number(cell(page, 'figures-plan-open')) - 1,
    )
    expect(partial(html, 'team-charts')).toBeNull()
  })

  it('a focus on a team the manager cannot see sends no charts of it', async () => {
    const t = testApp()
    const html = await (await putOnHold(t, '?focus=pretraining')).text()
    expect(partial(html, 'team-charts')).toBeNull()
  })
})
