import { describe, expect, it } from 'vitest'
import { listAudit } from '../../../src/db/repos/audit.ts'
import { getPosition, listPositions } from '../../../src/db/repos/positions.ts'
import { listProposals } from '../../../src/db/repos/proposals.ts'
import { viewerOf } from '../../../src/web/auth/viewer.ts'
import { LONDON_ROLE, postForm, testApp } from '../../helpers/web.ts'

const NEW_ROLE = { ...LONDON_ROLE, kind: 'open', teamId: 'circuits', levelId: 'l5' }

describe('hiring plan review', () => {
  it("holds a manager's new role as a proposal until leadership approves it, auditing each step", async () => {
    const t = testApp()
    const count = listPositions(t.db, 'fy2027').length
    const res = await postForm(t.app, '/positions', NEW_ROLE, t.as('manager'))
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toMatch(/^\/positions\?proposed=prop-.*#proposed-roles$/)
    // nothing in the plan yet; the proposal waits
    expect(listPositions(t.db, 'fy2027')).toHaveLength(count)
    const [proposal] = listProposals(t.db, { status: 'pending' })
    expect(proposal?.kind).toBe('new_role')

    // the approved projection leaves it out; "all" includes it
    const leadership = viewerOf(t.db, t.user('leadership'), 'session')
    const approved = t.projections.view(leadership, {}).input.positions.length
    const all = t.projections.view(leadership, { include: 'all' }).input.positions.length
    expect(all).toBe(approved + 1)

    // the manager sees it waiting; finance may not decide it (pay within band)
    expect(await (await t.get('/approvals', 'manager')).text()).toContain('Waiting for approval')
    const byFinance = await postForm(
      t.app,
      `/approvals/${proposal!.id}/decide`,
      { version: '1', decision: 'approved' },
      t.as('finance'),
    )
    expect(byFinance.status).toBe(403)

    const ok = await postForm(
      t.app,
      `/approvals/${proposal!.id}/decide`,
      { version: '1', decision: 'approved' },
      t.as('leadership'),
    )
    expect(ok.status).toBe(303)
    expect(getPosition(t.db, 'fy2027', proposal!.positionId)?.position.title).toBe(NEW_ROLE.title)
    expect(t.projections.view(leadership, {}).input.positions.length).toBe(approved + 1)

    // a second decision from the same (now stale) page is refused, nothing changes
    const again = await postForm(
      t.app,
      `/approvals/${proposal!.id}/decide`,
      { version: '1', decision: 'sent_back', comment: 'no' },
      t.as('leadership'),
    )
    expect(again.status).toBe(409)
    expect(await again.text()).toContain('Someone else decided this first: it is now approved')

    const actions = listAudit(t.db, { entityId: proposal!.id }).map((e) => e.action)
    expect(actions).toEqual(['proposal.approved', 'proposal.create'])
    const trail = await (await t.get('/audit?team=circuits', 'finance')).text()
    expect(trail).toContain('Approved a proposal')
    expect(trail).toContain('Status: approved')
    expect(trail).toContain('Test manager')
  })

  it('sends back only with a comment (422 naming it), then shows the comment to the manager', async () => {
    const t = testApp()
    await postForm(t.app, '/positions', NEW_ROLE, t.as('manager'))
    const [p] = listProposals(t.db)
    const bare = await postForm(
      t.app,
      `/approvals/${p!.id}/decide`,
      { version: '1', decision: 'sent_back' },
      t.as('leadership'),
    )
    expect(bare.status).toBe(422)
    expect(await bare.text()).toContain('comment: say why the proposal is sent back')
    const back = await postForm(
      t.app,
      `/approvals/${p!.id}/decide`,
      { version: '1', decision: 'sent_back', comment: 'Hire in Q3 <script>alert(1)</script>' },
      t.as('leadership'),
    )
    expect(back.status).toBe(303)
    const page = await (await t.get('/approvals', 'manager')).text()
    expect(page).toContain('Sent back')
    expect(page).toContain('Hire in Q3 &lt;script&gt;alert(1)&lt;/script&gt;')
    expect(page).not.toContain('<script>alert(1)')
  })
})
