/**
 * A workspace document survives export and import: encoding to JSON text and decoding it again
 * gives a document whose projection is the same, for generated variations of the demo plan
 * (salaries to the penny, bonus rates, and start dates, for people and open roles alike).
 */
import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { addDays } from '../../../src/domain/calendar.ts'
import { workspaceDocument } from '../../../src/domain/document.ts'
import type { Position } from '../../../src/domain/model.ts'
import { dec } from '../../../src/domain/money.ts'
import { projectFast } from '../../../src/domain/projection/fast.ts'
import { projectionInput } from '../../../src/domain/projection/input.ts'
import { ruleBookThrough } from '../../bench/generate.ts'

const rules = ruleBookThrough(2028)
const demo = workspaceDocument.parse(JSON.parse(readFileSync('data/demo-org.json', 'utf8')))

const totalsOf = (doc: typeof demo) => {
  const p = projectFast(projectionInput(doc, doc.plans[0]!, rules)).totals
  return { total: p.total, byTeam: [...p.byTeam], byComponent: [...p.byComponent] }
}

interface Change {
  pence: number
  bonusPercent: number
  startShiftDays: number
}

/** `p` with the change's salary and bonus, starting (or, open, targeted) the days earlier. */
function withChange(p: Position, c: Change): Position {
  const pay = {
    baseSalary: dec(c.pence).dividedBy(100),
    bonusTargetRate: dec(c.bonusPercent).dividedBy(100),
  }
  if (p.kind === 'filled')
    return { ...p, ...pay, startDate: addDays(p.startDate, c.startShiftDays) }
  const target = p.targetStartDate && addDays(p.targetStartDate, c.startShiftDays)
  return { ...p, ...pay, targetStartDate: target }
}

describe('workspace document round trip', () => {
  it('decode(encode(doc)) projects the same as doc', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            pence: fc.integer({ min: 1_000_000, max: 50_000_000 }),
            bonusPercent: fc.integer({ min: 0, max: 40 }),
            // earlier only, so a leaver's end date and every raise still follow the start
            startShiftDays: fc.integer({ min: -730, max: 0 }),
          }),
          { minLength: 1, maxLength: 5 },
        ),
        (changes) => {
          const plan = demo.plans[0]!
          const positions = plan.positions.map((p, i) => {
            const c = changes[i % changes.length]!
            return i % 3 === 0 ? withChange(p, c) : p
          })
          const doc = { ...demo, plans: [{ ...plan, positions }] }
          const text = JSON.stringify(workspaceDocument.encode(doc))
          const back = workspaceDocument.parse(JSON.parse(text))
          expect(totalsOf(back)).toEqual(totalsOf(doc))
        },
      ),
      { numRuns: 5 },
    )
  })
})
