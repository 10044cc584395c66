/**
 * The HTTP bench's data: the demo organisation (its teams, offices, packages, bands and rules)
 * with its plan grown to `count` positions. Each is a copy of a demo position (so office, currency,
 * family and level agree) moved to a team chosen by a seeded generator, with its salary varied by
 * up to 15% either way: deterministic, valid, and costed by the shipped rule book.
 */
import { readDataFile } from '../../src/data-files.ts'
import type { Database } from '../../src/db/open.ts'
import { saveWorkspace } from '../../src/db/repos/workspace.ts'
import { type WorkspaceDocument, workspaceDocument } from '../../src/domain/document.ts'
import { dec } from '../../src/domain/money.ts'
import { DEMO_FILE } from '../../src/seed.ts'
import { rng } from './generate.ts'

export function benchWorkspace(count: number, seed = 7): WorkspaceDocument {
  const demo = readDataFile(DEMO_FILE, workspaceDocument)
  const [plan] = demo.plans
  if (!plan) throw new Error(`${DEMO_FILE} has no plan`)
  const r = rng(seed)
  const positions = Array.from({ length: count }, (_, i) => {
    const template = plan.positions[i % plan.positions.length]!
    const factor = dec(r.int(85, 115)).dividedBy(100)
    return {
      ...template,
      id: `bench-${i}`,
      teamId: r.pick(demo.teams).id,
      baseSalary: template.baseSalary.times(factor).toDecimalPlaces(0),
      ...(template.kind === 'filled' ? { personName: `Person ${i}` } : {}),
      ...(template.kind === 'open' ? { backfillOfPositionId: null } : {}),
    }
  })
  // the demo's scenarios name demo positions, which the bench plan no longer has
  return { ...demo, plans: [{ ...plan, positions }], scenarios: [] }
}

/** Saves the bench workspace through the repositories, as an import would. */
export function saveBenchWorkspace(db: Database, count: number): WorkspaceDocument {
  const doc = benchWorkspace(count)
  saveWorkspace(db, doc)
  return doc
}
