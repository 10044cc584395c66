/**
 * The decided list shows a change's before and after as they were when it was proposed: once
 * approved, the plan holds the new value, so comparing with the plan read "£x -> £x" before
 * migration 15 kept the old role with the proposal.
 */
import { describe, expect, it } from 'vitest'
import { getPosition } from '../../../src/db/repos/positions.ts'
import { listProposals } from '../../../src/db/repos/proposals.ts'
import { formValuesOf } from '../../../src/web/services/position-form.ts'
import { section } from '../../helpers/html.ts'
import { approveAs, postForm, testApp } from '../../helpers/web.ts'

describe('a decided salary change', () => {
  it('keeps the salary before and after as proposed, once approved', async () => {
    const t = testApp()
    // r-101: the open London Team Manager role at £317,500, in the manager's team
    const stored = getPosition(t.db, 'fy2027', 'r-101')!
    expect(stored.position.baseSalary.toFixed(2)).toBe('317500.00')
    const proposed = await postForm(
      t.app,
      '/positions/r-101',
      {
        ...formValuesOf(stored.position),
        baseSalary: '330000',
        version: String(stored.version),
      },
      t.as('manager'),
    )
    expect(proposed.status).toBe(303)
    const [proposal] = listProposals(t.db, { status: 'pending' })
    expect(proposal!.before?.baseSalary.toFixed(2)).toBe('317500.00')

    expect((await approveAs(t, proposal!, 'leadership')).status).toBe(303)
    expect(getPosition(t.db, 'fy2027', 'r-101')!.position.baseSalary.toFixed(2)).toBe('330000.00')

    const html = await (await t.get('/approvals', 'leadership')).text()
    const row = section(html, `proposal-${proposal!.id}`)
    expect(row).toContain('Salary: £317,500.00 → £330,000.00')
    expect(row).toContain('Approved')
  })
})
