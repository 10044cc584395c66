/** The benchmark's generator on a small plan: fast == reference to the penny. */
import { describe, expect, it } from 'vitest'
import { projectFast } from '../../../src/domain/projection/fast.ts'
import { projectReference } from '../../../src/domain/projection/reference.ts'
import { syntheticPlan } from '../../bench/generate.ts'
import { expectSameProjection } from './same.ts'

describe('benchmark generator', () => {
  it('builds plans the fast projection costs exactly as the reference does', () => {
    const plan = syntheticPlan(40, 30, 7, 'graded')
    expect(plan.positions).toHaveLength(40)
    expectSameProjection(projectFast(plan), projectReference(plan))
  })
})
