import { describe, expect, it } from 'vitest'
import { postForm, testApp } from '../../helpers/web.ts'

const NEW_ROLE = {
  title: 'Research Engineer, Proposed',
  teamId: 'interpretability',
  officeId: 'london',
  familyId: 'research-engineer',
  levelId: 'l4',
  baseSalary: '60000',
  bonusPercent: '0',
  status: 'open',
  reason: 'net_new',
  startDate: '2027-07-01',
}

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
const pounds = (s: string) => Number(s.replace(/[£,+]/g, ''))

describe('proposed roles where the manager looks', () => {
  it('the new-role form shows the band, defaults the salary to its midpoint and says what saving does', async () => {
    const t = testApp()
    t.user('leadership') // the account the sentence names
    const form = await (await t.get('/positions/new', 'manager')).text()
    // the band region the form refreshes as family, level, office or salary change
    expect(form).toContain('hx-get="/band-preview?previewId=new-role-band&amp;defaults=1"')
    expect(form).toContain('id="new-role-band"')
    const html = text(form)
    // a London Research Engineer L4 as the manager picks it: the band in GBP and the compa-ratio
    const q = 'familyId=research-engineer&levelId=l4&officeId=london&baseSalary=60000'
    const res = await t.get(`/band-preview?${q}&previewId=new-role-band`, 'manager')
    const preview = text(await res.text())
    expect(preview).toMatch(/Band for Research Engineer L4, London on .+ \(GBP\): minimum £[\d,]+/)
    expect(preview).toMatch(/compa-ratio \d\.\d\d/)
    expect(html).toContain('Saving sends this role for approval to leadership (Test leadership)')
    const leader = text(await (await t.get('/positions/new', 'leadership')).text())
    expect(leader).toContain('Saving adds the role to the plan at once')
  })

  it('a saved role shows marked Proposed, with its annual cost, on the positions, team and organisation pages', async () => {
    const t = testApp()
    const res = await postForm(t.app, '/positions', NEW_ROLE, t.as('manager'))
    const location = res.headers.get('location')!
    const positions = await (await t.get(location, 'manager')).text()
    const row = positions.match(/<tr id="proposed-[^"]+" class="just-proposed"[\s\S]*?<\/tr>/)?.[0]
    expect(row).toBeDefined()
    const cells = text(row!)
    expect(cells).toContain('Research Engineer, Proposed')
    expect(cells).toContain('Proposed new role, awaiting leadership')
    // salary alone over its first twelve months (Jul 2027 - Jun 2028) is £60,000 / 12 x 9 +
    // £61,800 / 12 x 3 (the 3% April merit) = £45,000 + £15,450 = £60,450; on-costs come on top
    const annual = row!.match(/data-annual-cost[^>]*>([^<]+)</)![1]!
    expect(pounds(annual)).toBeGreaterThan(60_450)
    // and not in the approved figures: the team page lists it apart, as does the organisation
    for (const page of ['/teams/interpretability', '/']) {
      const html = text(await (await t.get(page, 'manager')).text())
      expect(html).toContain('Proposed, awaiting approval')
      expect(html).toContain('Research Engineer, Proposed')
    }
    // a viewer (no pay) sees no proposed costs
    expect(await (await t.get('/', 'viewer')).text()).not.toContain('Proposed, awaiting approval')
  })
})
