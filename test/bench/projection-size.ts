/**
 * One size of the projection benchmark (projection.bench.ts runs each in its own process, from a
 * bundle of this file on plain node, as the server runs the engine): `node <bundle> <positions>
 * <months> <runs>` prints the size's figures as one line of JSON.
 */
import { fileURLToPath } from 'node:url'
import { type FastProjection, projectFast } from '../../src/domain/projection/fast.ts'
import type { ProjectionInput } from '../../src/domain/projection/input.ts'
import { projectReference } from '../../src/domain/projection/reference.ts'
import { filled } from '../unit/projection/fixtures.ts'
import { expectSameProjection } from '../unit/projection/same.ts'
import { syntheticPlan } from './generate.ts'

const rssMb = () => Math.round(process.memoryUsage().rss / 1024 / 1024)

export const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) * p)]!
export const median = (xs: number[]) => percentile(xs, 0.5)

export function time<T>(f: () => T): [T, number] {
  const t0 = performance.now()
  const out = f()
  return [out, performance.now() - t0]
}

/** fast == reference on `ids` (each engine run on just those positions), to the penny. */
function sameAsReference(plan: ProjectionInput, ids: Set<string>): boolean {
  const sample = { ...plan, positions: plan.positions.filter((p) => ids.has(p.id)) }
  try {
    expectSameProjection(projectFast(sample), projectReference(sample))
    return true
  } catch (e) {
    console.error(e)
    return false
  }
}

export interface Row {
  count: number
  months: number
  medianMs: number
  runs: number
  editMs: number
  editP90Ms: number
  planRssMb: number
  peakRssMb: number
  exact: string
}

/** Edits timed one after another on the latest projection. */
const EDITS = 101

/** One size, in this process. */
export function measure(count: number, months: number, runs: number): Row {
  const plan = syntheticPlan(count, months, 1)
  const planRssMb = rssMb()
  const timings: number[] = []
  let fast: FastProjection | null = projectFast(plan)
  for (let k = 0; k < runs; k++) {
    fast = null // the previous projection is garbage before the next is built, as in the server
    const [p, ms] = time(() => projectFast(plan))
    fast = p
    timings.push(ms)
  }
  // Edits as a user makes them, one after another on the latest projection; the median of 101,
  // and the 90th percentile, which shows garbage collections landing inside edits.
  const edits: number[] = []
  let current = fast!
  let editedPlan = plan
  for (let k = 0; k < EDITS; k++) {
    const id = `p${k * 7}`
    const edited = filled({
      id,
      officeId: 'sf',
      baseSalary: String(150000 + k),
      startDate: '2025-03-01',
    })
    editedPlan = {
      ...editedPlan,
      positions: editedPlan.positions.map((p) =>
        p.id === id ? { ...edited, teamId: p.teamId } : p,
      ),
    }
    const next = editedPlan
    const [after, ms] = time(() => current.withPosition(next, id))
    edits.push(ms)
    current = after
    if (k === 0 && count <= 1_000) {
      // The edit by difference equals a full projection of the edited plan.
      expectSameProjection(after, projectFast(next))
    }
  }
  const ids = new Set(plan.positions.slice(0, count <= 1_000 ? count : 200).map((p) => p.id))
  const exact = sameAsReference(plan, ids)
  return {
    count,
    months,
    medianMs: median(timings),
    runs,
    editMs: median(edits),
    editP90Ms: percentile(edits, 0.9),
    planRssMb,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    exact: exact ? `yes (${ids.size} positions)` : 'NO',
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [count, months, runs] = process.argv.slice(2).map(Number)
  console.log(JSON.stringify(measure(count!, months!, runs!)))
}
