/** The benchmark's generator on a small plan: valid positions, and fast == reference to the penny. */
import { describe, expect, it } from 'vitest'
import { position } from '../../../src/domain/model.ts'
import { projectFast } from '../../../src/domain/projection/fast.ts'
import { projectReference } from '../../../src/domain/projection/reference.ts'
import { syntheticPlan } from '../../bench/generate.ts'
import { expectSameProjection } from './same.ts'

describe('benchmark generator', () => {
  it('builds positions exactly as the schema parses them', () => {
    // The generator skips zod per position (memory); each one must survive encode -> parse as is.
    for (const p of syntheticPlan(300, 48, 3).positions) {
      expect(position.parse(position.encode(p)), p.id).toEqual(p)
    }
  })

  it('builds plans the fast projection costs exactly as the reference does', () => {
    const plan = syntheticPlan(40, 30, 7, 'graded')
    expect(plan.positions).toHaveLength(40)
    expectSameProjection(projectFast(plan), projectReference(plan))
  })
})
