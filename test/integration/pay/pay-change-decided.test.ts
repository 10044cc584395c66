/**
 * A pay change adds a raise from its effective date and keeps the starting salary, so the
 * approvals page, comparing starting salaries, showed nothing under what changes. It now shows
 * the salary from that date, before and after, and the bonus target when it moved, while the
 * proposal waits and once it is decided.
 */
import { describe, expect, it } from 'vitest'
import { getPosition, listPositions } from '../../../src/db/repos/positions.ts'
import { listProposals } from '../../../src/db/repos/proposals.ts'
import { section } from '../../helpers/html.ts'
import { postForm, type TestApp, testApp } from '../../helpers/web.ts'

/** The manager's pay change to a role in their teams, and the proposal it made. */
async function proposePay(
  t: TestApp,
  stored: { position: { id: string }; version: number },
  pay: { baseSalary: string; effectiveDate: string; bonusPercent: string },
) {
  const res = await postForm(
    t.app,
    `/positions/${stored.position.id}/pay`,
    { ...pay, reason: 'To the band', version: String(stored.version), back: '/bands' },
    t.as('manager'),
  )
  expect(res.status).toBe(303)
  const [proposal] = listProposals(t.db, { status: 'pending' })
  return proposal!
}

/** The proposal's row on the approvals page at `path`, as leadership reads it. */
async function rowOf(t: TestApp, path: string, proposalId: string) {
  return section(await (await t.get(path, 'leadership')).text(), `proposal-${proposalId}`)
}

describe('a pay change on the approvals page', () => {
  it("reads Ethan Park's raise as $140,000.00 → $145,000.00 from its date, waiting and decided", async () => {
    const t = testApp()
    const plan = t.projections.plans()[0]!.plan.id
    // Ethan Park: Research Engineer L3 in San Francisco, Model Biology (under the manager's
    // Interpretability), $140,000 from his start with no raises, bonus target 10%
    const ethan = listPositions(t.db, plan).find(
      (s) => s.position.kind === 'filled' && s.position.personName === 'Ethan Park',
    )!
    expect(ethan.position.baseSalary.toFixed(2)).toBe('140000.00')
    expect(ethan.position.raises).toEqual([])
    const proposal = await proposePay(t, ethan, {
      baseSalary: '145000',
      effectiveDate: '2027-03-01',
      bonusPercent: '12',
    })
    expect(proposal.changed).toEqual(['payChange'])

    // from 1 March 2027 his pay was $140,000.00 (the start's) and would be $145,000.00; the
    // bonus target 10% -> 12%; his starting salary is not what changes
    const expected = [
      'Salary from 1 March 2027: $140,000.00 → $145,000.00',
      'Bonus target: 10% → 12%',
    ]
    const waiting = await rowOf(t, '/approvals', proposal.id)
    for (const line of expected) expect(waiting).toContain(line)
    expect(waiting).not.toContain('Salary: ')
    // judged on 1 March by that day's pay against the band $145,000-$203,000 (mid $174,000):
    // compa-ratio 145,000 / 174,000 = 0.833 -> 0.83; range penetration (145,000 - 145,000) /
    // 58,000 = 0%. (Judged today, by the $140,000 still paid, it read 0.80 and -9%.)
    expect(waiting).toContain('compa-ratio 0.83, range penetration 0%')

    const decided = await postForm(
      t.app,
      `/approvals/${proposal.id}/decide`,
      { version: String(proposal.version), decision: 'approved' },
      t.as('leadership'),
    )
    expect(decided.status).toBe(303)
    const raise = getPosition(t.db, plan, ethan.position.id)!.position.raises.at(-1)!
    expect([raise.effectiveDate, raise.annualBase.toFixed(2)]).toEqual(['2027-03-01', '145000.00'])

    // once approved the plan holds the raise; the list keeps before and after as proposed
    const list = await rowOf(t, '/approvals?status=approved', proposal.id)
    for (const line of expected) expect(list).toContain(line)
    expect(list).toContain('Approved')
    // named as the person and the kind of change, there and on the manager's team page
    expect(list).toContain('Ethan Park (Research Engineer) Pay change')
    const team = await (await t.get('/teams/interpretability', 'manager')).text()
    expect(section(team, `team-proposal-${proposal.id}`)).toContain(
      'Ethan Park (Research Engineer) Pay change',
    )
  })

  it("an open role's pay change reads its salary before and after (it has no pay history)", async () => {
    const t = testApp()
    // r-101: the open London Team Manager role at £317,500, bonus target 15%
    const r101 = getPosition(t.db, 'fy2027', 'r-101')!
    expect(r101.position.baseSalary.toFixed(2)).toBe('317500.00')
    const bonusPercent = r101.position.bonusTargetRate.times(100).toFixed()
    const proposal = await proposePay(t, r101, {
      baseSalary: '330000',
      effectiveDate: '2027-01-15',
      bonusPercent,
    })
    const row = await rowOf(t, '/approvals', proposal.id)
    // the bonus target is as it was, so only the salary line
    expect(row).toContain('Salary: £317,500.00 → £330,000.00')
    expect(row).not.toContain('Bonus target')
  })
})
