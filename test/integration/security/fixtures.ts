/** Shared setup for the security tests: a pending proposal in the manager's team and another. */
import type { Database } from '../../../src/db/open.ts'
import { getPosition } from '../../../src/db/repos/positions.ts'
import { createProposal } from '../../../src/db/repos/proposals.ts'
import { dec } from '../../../src/domain/money.ts'

const AT = new Date('2027-01-10T09:00:00Z')

/** A salary change proposed for p-001 (interpretability) and one for p-020 (pretraining). */
export function seedProposals(db: Database, proposedBy: string): { own: string; other: string } {
  const propose = (positionId: string) => {
    const stored = getPosition(db, 'fy2027', positionId)!
    return createProposal(
      db,
      {
        planId: 'fy2027',
        kind: 'change',
        position: { ...stored.position, baseSalary: stored.position.baseSalary.plus(dec('1000')) },
        baseVersion: stored.version,
        changed: ['baseSalary'],
        payAboveBand: false,
        proposedBy,
      },
      AT,
    ).id
  }
  return { own: propose('p-001'), other: propose('p-020') }
}
