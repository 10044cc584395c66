/** The demo organisation holds the facts other parts of the planner and its tests rely on. */
import { describe, expect, it } from 'vitest'
import { readDataFile } from '../../../src/data-files.ts'
import { workspaceDocument } from '../../../src/domain/document.ts'
import type { Position } from '../../../src/domain/model.ts'

const doc = readDataFile('data/demo-org.json', workspaceDocument)
const positions = doc.plans[0]!.positions
const bandOf = (p: Position) =>
  doc.salaryBands.find(
    (b) => b.familyId === p.familyId && b.levelId === p.levelId && b.officeId === p.officeId,
  )!

describe('demo organisation', () => {
  it('has Interpretability with three subteams, each with a manager and a tech lead', () => {
    const subteams = doc.teams.filter((t) => t.parentTeamId === 'interpretability')
    expect(subteams.map((t) => t.name)).toEqual([
      'Circuits',
      'Dictionary Learning',
      'Model Biology',
    ])
    for (const t of doc.teams) {
      expect(t.managerName).not.toBeNull()
      expect(t.techLeadName).not.toBeNull()
    }
  })

  it('has the London Team Manager band at £265,000-£370,000, mid £317,500', () => {
    const band = doc.salaryBands.find((b) => b.id === 'team-manager-m1-london')!
    expect([band.currency, band.min.toFixed(2), band.mid.toFixed(2), band.max.toFixed(2)]).toEqual([
      'GBP',
      '265000.00',
      '317500.00',
      '370000.00',
    ])
  })

  it('has the two open Team Manager, Interpretability roles in London, net new, starting in 2027', () => {
    const tm = positions.filter((p) => p.title === 'Team Manager, Interpretability')
    expect(tm).toHaveLength(2)
    for (const p of tm) {
      expect(p).toMatchObject({
        kind: 'open',
        status: 'open',
        reason: 'net_new',
        officeId: 'london',
      })
      if (p.kind === 'open') expect(p.targetStartDate!.slice(0, 4)).toBe('2027')
      expect(p.baseSalary.toFixed(2)).toBe('317500.00')
    }
  })

  it('pays every filled person inside their band except one above the max and one below the min', () => {
    const filled = positions.filter((p) => p.kind === 'filled')
    expect(filled.length).toBeGreaterThanOrEqual(25)
    expect(filled.length).toBeLessThanOrEqual(35)
    const above = filled.filter((p) => p.baseSalary.gt(bandOf(p).max)).map((p) => p.id)
    const below = filled.filter((p) => p.baseSalary.lt(bandOf(p).min)).map((p) => p.id)
    // p-004: $600,000 against the SF Research Scientist L7 max of $580,000 (400k x 1.45)
    // p-019: $140,000 against the SF Research Engineer L3 min of $145,000 (100k x 1.45)
    expect({ above, below }).toEqual({ above: ['p-004'], below: ['p-019'] })
  })

  it('has one backfill, one draft and one on-hold role besides the Team Manager roles', () => {
    const open = positions.filter((p) => p.kind === 'open')
    expect(open.filter((p) => p.reason === 'backfill')).toHaveLength(1)
    expect(open.filter((p) => p.status === 'draft')).toHaveLength(1)
    expect(open.filter((p) => p.status === 'on_hold')).toHaveLength(1)
  })

  it('cites a source for every benefit item', () => {
    const items = doc.benefitPackages.flatMap((p) => p.items)
    expect(items.filter((i) => !i.source).map((i) => i.id)).toEqual([])
  })
})
