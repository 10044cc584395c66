/**
 * Approvals with context: a proposal's annual cost and its effect on each fiscal year (a role
 * starting mid-year, in GBP and in USD, worked by hand), the team's budget headroom before and
 * after, the proposer's reason; deciding several at once, each against its own version; the
 * decided list's filters; a proposal over budget kept from finance; the count in the navigation.
 */
import { describe, expect, it } from 'vitest'
import { getPosition } from '../../../src/db/repos/positions.ts'
import { listProposals } from '../../../src/db/repos/proposals.ts'
import { viewerOf } from '../../../src/web/auth/viewer.ts'
import { formValuesOf } from '../../../src/web/services/position-form.ts'
import { proposalCost } from '../../../src/web/services/proposed-roles.ts'
import { section, textOf } from '../../helpers/html.ts'
import { LONDON_ROLE, postForm, type TestApp, testApp } from '../../helpers/web.ts'

/** The manager proposes LONDON_ROLE: Research Engineer L4, London, £60,000, from 1 July 2027. */
async function proposeEngineer(t: TestApp, changes: Record<string, string> = {}) {
  const res = await postForm(t.app, '/positions', { ...LONDON_ROLE, ...changes }, t.as('manager'))
  expect(res.status).toBe(303)
  return listProposals(t.db, { status: 'pending' }).at(-1)!
}

/** The manager proposes a salary for r-101 (the open London Team Manager role, £317,500). */
async function proposeSalary(t: TestApp, salary: string) {
  const stored = getPosition(t.db, 'fy2027', 'r-101')!
  const res = await postForm(
    t.app,
    '/positions/r-101',
    { ...formValuesOf(stored.position), baseSalary: salary, version: String(stored.version) },
    t.as('manager'),
  )
  expect(res.status).toBe(303)
  return listProposals(t.db, { status: 'pending' }).at(-1)!
}

describe("a proposal's cost, worked by hand", () => {
  // The role's monthly lines (GBP), read from the projection's explanation:
  //   Jul 2027 - Mar 2028: salary 5,000.00 + pension 200.00 + employer NIC 687.45 + Class 1A
  //     20.50 + benefits 226.67 + parental leave cover 40.38 + office lunches 126.00 = 6,301.00
  //   Apr 2028 on (3% merit rise): 5,150.00 + 206.00 + 709.95 + 20.50 + 228.92 + 41.60 + 126.00
  //     = 6,482.97
  it('in GBP: its first twelve months, and each fiscal year (January to December)', async () => {
    const t = testApp()
    const proposal = await proposeEngineer(t, {
      proposalReason: 'Circuits needs a second engineer',
    })
    const html = await (await t.get('/approvals', 'leadership')).text()
    const context = textOf(section(html, `context-${proposal.id}`))
    // Jul 2027 - Jun 2028: 9 x 6,301.00 + 3 x 6,482.97 = 56,709.00 + 19,448.91 = 76,157.91
    expect(context).toContain('Annual cost £76,157.91 in GBP')
    // FY2027, Jul - Dec: 6 x 6,301.00 = 37,806.00
    // FY2028: 3 x 6,301.00 + 9 x 6,482.97 = 18,903.00 + 58,346.73 = 77,249.73
    expect(context).toContain(
      'FY2027 (Jan 2027 to Dec 2027) +£37,806.00; FY2028 (Jan 2028 to Dec 2028) +£77,249.73',
    )
    expect(context).toContain('Research Engineer L4, London')
    expect(context).toContain('compa-ratio 0.39')
    expect(context).toContain('Interviewer capacity allows the planned start, 1 July 2027.')
    expect(textOf(section(html, `proposal-${proposal.id}`))).toContain(
      'Reason: “Circuits needs a second engineer”',
    )
  })

  it('in USD: each line converted at 1.36 and rounded to the cent', async () => {
    const t = testApp()
    const proposal = await proposeEngineer(t)
    const leader = viewerOf(t.db, t.user('leadership'), 'session')
    const approved = t.projections.view(leader, { currency: 'USD' })
    const withIt = t.projections.view(leader, { currency: 'USD', include: 'all' })
    const cost = proposalCost(approved, withIt, proposal.position)
    // Jul 2027: 6,800.00 + 272.00 + 934.93 (687.45 x 1.36 = 934.932) + 27.88 + 308.27
    //   (226.67 x 1.36 = 308.2712) + 54.92 (40.38 x 1.36 = 54.9168) + 171.36 = 8,569.36
    // Apr 2028: 7,004.00 + 280.16 + 965.53 (965.532) + 27.88 + 311.33 (311.3312) + 56.58
    //   (56.576) + 171.36 = 8,816.84
    expect(cost.monthly[6]).toBe(856936)
    expect(cost.monthly[15]).toBe(881684)
    // first twelve months: 9 x 8,569.36 + 3 x 8,816.84 = 77,124.24 + 26,450.52 = 103,574.76
    expect(cost.annual).toBe(10357476)
    expect(cost.annualMonths).toBe(12)
    // FY2027: 6 x 8,569.36 = 51,416.16; FY2028: 3 x 8,569.36 + 9 x 8,816.84 = 25,708.08 +
    // 79,351.56 = 105,059.64
    expect(cost.byFiscalYear.map((y) => [y.label, y.minor])).toEqual([
      ['FY2027 (Jan 2027 to Dec 2027)', 5141616],
      ['FY2028 (Jan 2028 to Dec 2028)', 10505964],
    ])
  })
})

describe("a proposal against the team's budget", () => {
  it('shows the headroom before and after, for the team and its department', async () => {
    const t = testApp()
    const proposal = await proposeEngineer(t)
    const html = await (await t.get('/approvals', 'leadership')).text()
    const context = textOf(section(html, `context-${proposal.id}`))
    // Interpretability FY2027: budget £7,800,000.00 - plan £7,272,176.23 = £527,823.77 left
    // (expected backfills start after time to fill and notice); after: 527,823.77 - 37,806.00
    // = £490,017.77; cap 24 - 23 heads = 1 -> 0
    expect(context).toContain(
      'Interpretability FY2027 (Jan 2027 to Dec 2027): £527,823.77 left → £490,017.77 left; 1 below the cap → 0 below the cap',
    )
    // Research FY2027: £9,500,000.00 - £8,878,548.21 = £621,451.79; after: £583,645.79
    expect(context).toContain(
      'Research FY2027 (Jan 2027 to Dec 2027): £621,451.79 left → £583,645.79 left',
    )
    expect(context).not.toContain('only leadership or an admin')
  })

  it('keeps a proposal that would take a team over its budget from finance', async () => {
    const t = testApp()
    // £1,000,000 for r-101 from April 2027: well above the band (finance may decide that) and
    // about £511,000 more in FY2027 than Interpretability's £527,823.77 of headroom
    const proposal = await proposeSalary(t, '1000000')
    expect(proposal.payAboveBand).toBe(true)
    const page = await (await t.get('/approvals', 'finance')).text()
    expect(textOf(section(page, `context-${proposal.id}`))).toContain(
      'Takes a team over its budget: only leadership or an admin may approve it.',
    )
    expect(page).not.toContain(`id="decide-${proposal.id}"`)
    const approveAs = (role: 'finance' | 'leadership') =>
      postForm(
        t.app,
        `/approvals/${proposal.id}/decide`,
        { version: String(proposal.version), decision: 'approved' },
        t.as(role),
      )
    expect((await approveAs('finance')).status).toBe(403)
    expect(listProposals(t.db, { status: 'pending' })).toHaveLength(1)
    expect((await approveAs('leadership')).status).toBe(303)
  })
})

describe('deciding several at once', () => {
  it('approves both, each at its own version, and lists them decided with before and after', async () => {
    const t = testApp()
    const role = await proposeEngineer(t)
    const raise = await proposeSalary(t, '330000')
    const nav = await (await t.get('/approvals', 'leadership')).text()
    expect(textOf(nav)).toContain('Approvals 2 waiting')
    const res = await postForm(
      t.app,
      '/approvals/decide',
      new URLSearchParams([
        ['ids', role.id],
        ['ids', raise.id],
        [`version-${role.id}`, String(role.version)],
        [`version-${raise.id}`, String(raise.version)],
        ['decision', 'approved'],
      ]),
      t.as('leadership'),
    )
    expect(res.status).toBe(303)
    expect(listProposals(t.db, { status: 'approved' })).toHaveLength(2)
    const html = await (await t.get(res.headers.get('location')!, 'leadership')).text()
    expect(textOf(html)).toContain('2 decisions saved.')
    expect(textOf(section(html, `proposal-${raise.id}`))).toContain(
      'Salary: £317,500.00 → £330,000.00',
    )
    expect(textOf(section(html, `proposal-${raise.id}`))).toContain('Approved by Test leadership')
    expect(textOf(section(html, `proposal-${role.id}`))).toContain('Salary: £60,000.00')
    expect(textOf(html)).not.toContain('Approvals 2 waiting')
    expect(textOf(html)).toContain('Nothing is waiting for approval.')
    // the manager's team page shows both as approved
    const team = await (await t.get('/teams/interpretability', 'manager')).text()
    for (const p of [role, raise]) {
      expect(textOf(section(team, `team-proposal-${p.id}`))).toContain(
        'Approved by Test leadership, 15 January 2027',
      )
    }
  })

  it('refuses a stale one (409) and saves the others, naming the one refused', async () => {
    const t = testApp()
    const role = await proposeEngineer(t)
    const raise = await proposeSalary(t, '330000')
    const res = await postForm(
      t.app,
      '/approvals/decide',
      new URLSearchParams([
        ['ids', role.id],
        ['ids', raise.id],
        [`version-${role.id}`, String(role.version)],
        [`version-${raise.id}`, String(raise.version + 5)],
        ['decision', 'approved'],
      ]),
      t.as('leadership'),
    )
    expect(res.status).toBe(409)
    const html = await res.text()
    expect(textOf(html)).toContain('1 saved; the proposals marked below were not.')
    expect(textOf(section(html, `proposal-${raise.id}`))).toContain(
      'Someone else decided this first',
    )
    expect(listProposals(t.db, { status: 'approved' }).map((p) => p.id)).toEqual([role.id])
  })

  it('refuses sending back without a comment, or with nothing ticked, and decides nothing', async () => {
    const t = testApp()
    const role = await proposeEngineer(t)
    for (const fields of [
      [
        ['ids', role.id],
        [`version-${role.id}`, String(role.version)],
        ['decision', 'sent_back'],
      ],
      [['decision', 'approved']],
    ]) {
      const res = await postForm(
        t.app,
        '/approvals/decide',
        new URLSearchParams(fields as [string, string][]),
        t.as('leadership'),
      )
      expect(res.status).toBe(422)
      expect(textOf(await res.text())).toMatch(/comment: say why|ids: tick at least one/)
    }
    expect(listProposals(t.db, { status: 'pending' })).toHaveLength(1)
  })
})

describe('the decided list', () => {
  it('filters by team, decision and person', async () => {
    const t = testApp()
    const role = await proposeEngineer(t)
    const raise = await proposeSalary(t, '330000')
    for (const [p, decision, comment] of [
      [role, 'approved', ''],
      [raise, 'sent_back', 'Too much this year'],
    ] as const) {
      await postForm(
        t.app,
        `/approvals/${p.id}/decide`,
        { version: String(p.version), decision, comment },
        t.as('leadership'),
      )
    }
    const ids = async (query: string) => {
      const html = await (await t.get(`/approvals?${query}`, 'leadership')).text()
      return [role.id, raise.id].filter((id) => html.includes(`id="proposal-${id}"`))
    }
    expect(await ids('')).toEqual([role.id, raise.id])
    expect(await ids('status=sent_back')).toEqual([raise.id])
    expect(await ids('person=engineer')).toEqual([role.id])
    expect(await ids('team=pretraining')).toEqual([])
    expect(await ids('team=interpretability&status=approved')).toEqual([role.id])
  })
})

describe('the reason for a proposal', () => {
  it('is refused past 2,000 characters with the field named, and nothing is proposed', async () => {
    const t = testApp()
    const res = await postForm(
      t.app,
      '/positions',
      { ...LONDON_ROLE, proposalReason: 'x'.repeat(2001) },
      t.as('manager'),
    )
    expect(res.status).toBe(422)
    expect(textOf(await res.text())).toContain('Reason: must be at most 2,000 characters')
    expect(listProposals(t.db)).toHaveLength(0)
  })
})
