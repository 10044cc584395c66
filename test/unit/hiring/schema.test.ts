import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { listProblems } from '../../../src/domain/document.ts'
import { funnel } from '../../../src/domain/hiring/funnel.ts'
import { hiringDefaultsFile, hiringSetup } from '../../../src/domain/hiring/schema.ts'
import { Decimal } from '../../../src/domain/money.ts'
import { setupInput } from './fixtures.ts'

const problems = (input: unknown) => {
  const r = hiringSetup.safeParse(input)
  return r.success ? [] : listProblems(r.error)
}
const withStage = (change: Record<string, unknown>) => ({
  ...setupInput,
  loops: [{ ...setupInput.loops[0], stages: [{ ...setupInput.loops[0]!.stages[0], ...change }] }],
})

describe('bad loop and pool input is refused with the field named', () => {
  it('a pass-through rate over 100% or below 0', () => {
    for (const passThrough of ['1.2', '-0.1']) {
      expect(problems(withStage({ passThrough }))).toEqual([
        {
          path: 'loops.0.stages.0.passThrough',
          message: 'must be a rate between 0 and 1, such as 0.15 for 15%',
        },
      ])
    }
    expect(problems(withStage({ passThrough: '0' }))[0]!.message).toBe('must be above 0')
  })

  it('negative hours', () => {
    expect(problems(withStage({ hoursPerInterviewer: '-1' }))).toEqual([
      { path: 'loops.0.stages.0.hoursPerInterviewer', message: 'must not be negative' },
    ])
  })

  it('a pool with no people', () => {
    const input = {
      ...setupInput,
      pools: [setupInput.pools[0], { ...setupInput.pools[1], people: [] }],
    }
    expect(problems(input)).toEqual([
      { path: 'pools.1.people', message: 'a pool needs at least one person' },
    ])
  })

  it('a stage referencing an unknown pool', () => {
    expect(problems(withStage({ poolId: 'nobody' }))).toEqual([
      { path: 'loops.0.stages.0.poolId', message: 'unknown interviewer pool "nobody"' },
    ])
  })
})

describe('data/hiring/defaults.json', () => {
  const defaults = hiringDefaultsFile.parse(
    JSON.parse(readFileSync('data/hiring/defaults.json', 'utf8')),
  )

  it('has a loop for every demo job family', () => {
    const families = defaults.setup.loops.flatMap((l) => l.familyIds).sort()
    expect(families).toEqual([
      'recruiter',
      'research-engineer',
      'research-scientist',
      'software-engineer',
      'team-manager',
    ])
  })

  it('asks about 44 interviewer hours per research hire, recruiter screens aside (Lightspeed)', () => {
    // offers 1/0.75; references /0.95 x 0.5 h = 0.70; onsite /0.35 x 4 x 1 h = 16.04;
    // technical /0.5 x 1.5 h = 12.03; HM screen /0.5 x 1 h = 16.04: 44.81 h
    const research = defaults.setup.loops.find((l) => l.id === 'research')!
    const hours = funnel(research, new Decimal(1))
      .stages.filter((s) => s.stage.poolId !== 'recruiters')
      .reduce((sum, s) => sum.plus(s.interviewerHours), new Decimal(0))
    expect(hours.toDecimalPlaces(2).toFixed()).toBe('44.81')
  })
})
