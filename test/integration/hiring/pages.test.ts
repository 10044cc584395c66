import { describe, expect, it } from 'vitest'
import { listPostings, readHiring } from '../../../src/db/repos/hiring.ts'
import { section } from '../../helpers/html.ts'
import { postForm, SCIENTIST_ROLE, type TestApp, testApp } from '../../helpers/web.ts'

/**
 * Two research scientists in London, approved but not yet open, starting on `start` (added by
 * leadership, whose edits apply at once).
 */
async function addTwoRoles(t: TestApp, start: string) {
  const ids: string[] = []
  for (const title of ['Scientist A', 'Scientist B']) {
    const res = await postForm(
      t.app,
      '/positions',
      { ...SCIENTIST_ROLE, title, startDate: start },
      t.as('leadership'),
    )
    expect(res.status).toBe(303)
    ids.push(new URL(res.headers.get('location')!, 'http://x').searchParams.get('added')!)
  }
  return ids
}

describe('GET /recruiting', () => {
  it('shows the demo plan without warnings, its roles and the demand by month', async () => {
    const t = testApp()
    const res = await t.get('/recruiting', 'manager')
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(section(html, 'recruiting-warnings')).toContain('No warnings')
    // r-103: research-engineer L5 in San Francisco, target start 1 Jun 2027
    // offer accepted by 1 Jun - 14 days notice = 18 May; open by 18 May - 90 days = 17 Feb 2027
    expect(section(html, 'recruit-r-103')).toContain('17 February 2027')
  })

  it('refuses a viewer, who may not see cost', async () => {
    const t = testApp()
    expect((await t.get('/recruiting', 'viewer')).status).toBe(403)
  })

  it('warns when two near roles can no longer open in time, and clears when they move', async () => {
    const t = testApp()
    // start 1 Mar 2027: offer by 1 Jan (2 months' UK notice), open by 1 Jan - 90 days = 3 Oct
    // 2026, already past on 15 Jan 2027 while the roles are only approved
    const [a, b] = await addTwoRoles(t, '2027-03-01')
    const html = await (await t.get('/recruiting', 'manager')).text()
    for (const id of [a, b]) {
      expect(section(html, `warning-open_date_passed-${id}`)).toContain(
        'had to open by 3 October 2026',
      )
    }
    // the what-if moves what the pools cannot hold and prices it
    for (const id of [a, b]) {
      const edit = await postForm(
        t.app,
        `/positions/${id}`,
        {
          title: 'Moved',
          teamId: 'interpretability',
          officeId: 'london',
          familyId: 'research-scientist',
          levelId: 'l5',
          baseSalary: '150000',
          bonusPercent: '0',
          status: 'approved',
          reason: 'net_new',
          // open by 1 Jul - 90 days = 2 Apr 2027: still ahead
          startDate: '2027-09-01',
          version: '1',
        },
        t.as('leadership'),
      )
      expect(edit.status).toBe(303)
    }
    const after = await (await t.get('/recruiting', 'manager')).text()
    expect(after).not.toContain('warning-open_date_passed')
  })
})

describe('GET /recruiting with proposals', () => {
  it("counts a manager's role awaiting approval, so its warning shows before approval", async () => {
    const t = testApp()
    const res = await postForm(
      t.app,
      '/positions',
      {
        title: 'Proposed Scientist',
        teamId: 'interpretability',
        officeId: 'london',
        familyId: 'research-scientist',
        levelId: 'l5',
        baseSalary: '150000',
        bonusPercent: '0',
        status: 'approved',
        reason: 'net_new',
        startDate: '2027-03-01',
      },
      t.as('manager'),
    )
    // the manager lands on the positions page, where the role shows as proposed
    expect(res.headers.get('location')).toMatch(/^\/positions\?proposed=/)
    const html = await (await t.get('/recruiting', 'manager')).text()
    expect(section(html, 'recruiting-warnings')).toContain(
      'Proposed Scientist (', // the id is generated
    )
    expect(section(html, 'recruiting-warnings')).toContain('had to open by 3 October 2026')
  })
})

describe('GET /recruiting/roles/:id', () => {
  it('shows the range from the band by the plan policy and what Colorado adds', async () => {
    const t = testApp()
    // r-103 band (Research Engineer L5, San Francisco): 246,000 / 293,500 / 341,000 USD
    // min = 246,000 + 25% x 47,500 = 257,875 -> up to $258,000
    // max = 293,500 + 50% x 47,500 = 317,250 -> down to $317,000
    const html = await (await t.get('/recruiting/roles/r-103', 'finance')).text()
    expect(section(html, 'job-ad-range')).toContain('$258,000 to $317,000 a year')
    // California asks for the range only
    expect(section(html, 'job-ad-text')).not.toContain('Benefits:')
    const co = await (await t.get('/recruiting/roles/r-103?also=CO', 'finance')).text()
    const text = section(co, 'job-ad-text')
    expect(text).toContain('Benefits:')
    expect(text).toContain('Other compensation: a target annual bonus of 10% of base salary')
  })

  it('records the posting and keeps the history; a manager cannot see another team’s role', async () => {
    const t = testApp()
    const res = await postForm(t.app, '/recruiting/roles/r-103', { also: 'CO' }, t.as('admin'))
    expect(res.status).toBe(303)
    const [posted] = listPostings(t.db, 'fy2027', 'r-103')
    expect(posted!.posting.min.toFixed(2)).toBe('258000.00')
    expect(posted!.posting.max.toFixed(2)).toBe('317000.00')
    expect(posted!.posting.location).toBe('San Francisco; remote in CO')
    expect(posted!.posting.postedOn).toBe('2027-01-15')
    const page = await (await t.get('/recruiting/roles/r-103', 'admin')).text()
    expect(section(page, 'job-ad-history')).toContain('15 January 2027')
    expect((await t.get('/recruiting/roles/r-103', 'manager')).status).toBe(404)
  })
})

describe('POST /recruiting/pools and loops', () => {
  const poolsOf = (t: TestApp) => readHiring(t.db).pools.map((p) => p.value)

  it('refuses a pool with no people and negative hours, naming each field, storing nothing', async () => {
    const t = testApp()
    await t.get('/recruiting/loops', 'admin') // seeds the defaults
    const before = poolsOf(t)
    const res = await postForm(
      t.app,
      '/recruiting/pools/recruiters',
      { name: 'Recruiters', people: ' \n ', weeklyHoursPerPerson: '-3', version: '1' },
      t.as('admin'),
    )
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(section(html, 'pool-recruiters-people-error')).toContain(
      'a pool needs at least one person',
    )
    expect(section(html, 'pool-recruiters-weeklyHoursPerPerson-error')).toContain(
      'must not be negative',
    )
    expect(html).toContain('value="-3"')
    expect(poolsOf(t)).toEqual(before)
  })

  it('refuses a pass-through rate over 100% with the field named, storing nothing', async () => {
    const t = testApp()
    const form = await (await t.get('/recruiting/loops', 'admin')).text()
    expect(form).toContain('name="stages.0.passThrough"')
    const before = readHiring(t.db).loops
    const res = await postForm(
      t.app,
      '/recruiting/loops/research',
      { ...loopFields(t), 'stages.0.passThrough': '120' },
      t.as('admin'),
    )
    expect(res.status).toBe(422)
    expect(section(await res.text(), 'loop-research-stages-0-passThrough-error')).toContain(
      'must be at most 100%',
    )
    expect(readHiring(t.db).loops).toEqual(before)
  })

  it('saves a loop edit as a new version and refuses the old version as stale', async () => {
    const t = testApp()
    await t.get('/recruiting/loops', 'admin')
    const fields = { ...loopFields(t), 'stages.0.passThrough': '25' }
    const saved = await postForm(t.app, '/recruiting/loops/research', fields, t.as('admin'))
    expect(saved.status).toBe(303)
    const loop = readHiring(t.db).loops.find((l) => l.value.id === 'research')!
    expect(loop.version).toBe(2)
    expect(loop.value.stages[0]!.passThrough.toFixed()).toBe('0.25')
    const stale = await postForm(t.app, '/recruiting/loops/research', fields, t.as('admin'))
    expect(stale.status).toBe(409)
  })

  it('saves the plan settings and refuses a recruiter limit of 0', async () => {
    const t = testApp()
    const settings = {
      recruiterPoolId: 'recruiters',
      maxOpenRolesPerRecruiter: '0',
      daysToOpen: '7',
      minShareOfMinToMid: '25',
      maxShareOfMidToMax: '50',
      roundTo: '1000',
      version: '0',
    }
    const bad = await postForm(t.app, '/recruiting/settings', settings, t.as('admin'))
    expect(bad.status).toBe(422)
    // a negative time to open is refused with its field named, nothing stored
    const negative = await postForm(
      t.app,
      '/recruiting/settings',
      { ...settings, maxOpenRolesPerRecruiter: '2', daysToOpen: '-3' },
      t.as('admin'),
    )
    expect(negative.status).toBe(422)
    expect(section(await negative.text(), 'hiring-settings-daysToOpen-error')).not.toBe('')
    const good = await postForm(
      t.app,
      '/recruiting/settings',
      { ...settings, maxOpenRolesPerRecruiter: '2' },
      t.as('admin'),
    )
    expect(good.status).toBe(303)
    const page = await (await t.get('/recruiting/loops', 'admin')).text()
    expect(page).toContain('value="2"')
    expect(page).toContain('value="7"')
  })

  it('does not let a viewer edit', async () => {
    const t = testApp()
    const res = await postForm(t.app, '/recruiting/settings', {}, t.as('viewer'))
    expect(res.status).toBe(403)
  })
})

/** The research loop's form as stored (version 1), as the page would post it. */
function loopFields(t: TestApp): Record<string, string> {
  const loop = readHiring(t.db).loops.find((l) => l.value.id === 'research')!
  const fields: Record<string, string> = {
    name: loop.value.name,
    version: String(loop.version),
    'offer.acceptance': loop.value.offer.acceptance.times(100).toFixed(),
    'offer.days': String(loop.value.offer.days),
  }
  loop.value.stages.forEach((s, i) => {
    fields[`stages.${i}.name`] = s.name
    fields[`stages.${i}.passThrough`] = s.passThrough.times(100).toFixed()
    fields[`stages.${i}.interviewersPerCandidate`] = String(s.interviewersPerCandidate)
    fields[`stages.${i}.hoursPerInterviewer`] = s.hoursPerInterviewer.toFixed()
    fields[`stages.${i}.poolId`] = s.poolId
    fields[`stages.${i}.days`] = String(s.days)
  })
  return fields
}
