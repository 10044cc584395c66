import { describe, expect, it } from 'vitest'
import { dec } from '../../../src/domain/money.ts'
import type { GroupedReport } from '../../../src/web/services/projection-report.ts'
import { LONDON_ROLE, postForm, testApp } from '../../helpers/web.ts'

/** A manager's new open role in London: £60,000 a year from 1 July 2027, proposed for approval. */
const NEW_ROLE = { ...LONDON_ROLE, kind: 'open', teamId: 'circuits', levelId: 'l5' }

async function proposed() {
  const t = testApp()
  const res = await postForm(t.app, '/positions', NEW_ROLE, t.as('manager'))
  expect(res.headers.get('location')).toMatch(/^\/positions\?proposed=.*#proposed-roles$/)
  return t
}

const report = async (t: Awaited<ReturnType<typeof proposed>>, query: string) => {
  const res = await t.get(`/api/v1/plans/fy2027/projection?groupBy=component${query}`, 'leadership')
  expect(res.status).toBe(200)
  return (await res.json()) as GroupedReport & { include: string }
}

/** The salary group's value in `month` (a decimal string in the reporting currency, GBP). */
const salary = (r: GroupedReport, month: string) =>
  dec(r.groups.find((g) => g.key === 'salary')!.values[r.periods.indexOf(month)]!)

describe('projection of the approved plan or with pending proposals', () => {
  it('the API leaves a pending role out by default and adds its salary with include=all', async () => {
    const t = await proposed()
    const approved = await report(t, '')
    const explicit = await report(t, '&include=approved')
    const all = await report(t, '&include=all')
    expect(approved.include).toBe('approved')
    expect(all.include).toBe('all')
    expect(explicit.total).toEqual(approved.total)

    // one more open role at the horizon's end (December 2028)
    expect(all.headcount.open.at(-1)).toBe(approved.headcount.open.at(-1)! + 1)
    // £60,000 / 12 = £5,000.00 a month from July 2027; after the 3% April merit
    // £61,800 / 12 = £5,150.00 a month; nothing before the start
    const rise = (month: string) => salary(all, month).minus(salary(approved, month)).toFixed(2)
    expect(rise('2027-06')).toBe('0.00')
    expect(rise('2027-07')).toBe('5000.00')
    expect(rise('2028-03')).toBe('5000.00')
    expect(rise('2028-04')).toBe('5150.00')
  })

  it('the API answers 400 naming include for anything but approved or all', async () => {
    const t = await proposed()
    const res = await t.get('/api/v1/plans/fy2027/projection?include=pending', 'leadership')
    expect(res.status).toBe(400)
    const body = (await res.json()) as { issues: { path: string }[] }
    expect(body.issues.map((i) => i.path)).toEqual(['include'])
  })

  it('the download with include=all has the proposed role as a line, and says so in its name', async () => {
    const t = await proposed()
    const approved = await t.get('/api/v1/plans/fy2027/projection.csv', 'leadership')
    const all = await t.get('/api/v1/plans/fy2027/projection.csv?include=all', 'leadership')
    expect(await approved.text()).not.toContain(NEW_ROLE.title)
    expect(await all.text()).toContain(NEW_ROLE.title)
    expect(all.headers.get('content-disposition')).toContain('fy2027-with-proposals.csv')
  })

  it('the projection page has a labelled Proposals choice, approved by default, kept in its links', async () => {
    const t = await proposed()
    const page = await (await t.get('/projection', 'leadership')).text()
    expect(page).toContain('<label for="projection-include">Proposals</label>')
    expect(page).toMatch(/<option value="approved" selected="">Approved plan only<\/option>/)
    expect(page).not.toContain('with pending proposals')

    const all = await (await t.get('/projection?include=all', 'leadership')).text()
    expect(all).toMatch(/<option value="all" selected="">Include pending proposals<\/option>/)
    expect(all).toContain('Projection: FY2027 hiring plan, with pending proposals')
    expect(all).toMatch(/href="\/projection\/table\.csv\?[^"]*include=all/)
    const end = (html: string) => Number(/id="summary-headcount-end">(\d+)</.exec(html)![1])
    expect(end(all)).toBe(end(page) + 1)

    const csv = await t.get('/projection/table.csv?include=all&groupBy=team', 'leadership')
    expect(csv.headers.get('content-disposition')).toContain('-with-proposals.csv')
  })
})
