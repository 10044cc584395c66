/**
 * Projection benchmark (npm run bench; not part of vitest). For each size: median of several
 * full fast projections, peak memory, a one-position edit, and fast == reference to the penny
 * (every position on small plans, a sample on big ones). The baseline is the reference
 * projection of the 1,000 x 36 plan, measured in the same run.
 */

import { POSITION_COMPONENTS } from '../../src/domain/projection/components.ts'
import { projectFast } from '../../src/domain/projection/fast.ts'
import { projectReference } from '../../src/domain/projection/reference.ts'
import type { Projection } from '../../src/domain/projection/result.ts'
import { filled } from '../unit/projection/fixtures.ts'
import { syntheticPlan } from './generate.ts'

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const mb = (bytes: number) => Math.round(bytes / 2 ** 20)

let peakRss = 0
let peakHeap = 0
const sample = () => {
  const m = process.memoryUsage()
  peakRss = Math.max(peakRss, m.rss)
  peakHeap = Math.max(peakHeap, m.heapUsed)
}
const sampler = setInterval(sample, 5)

function time<T>(f: () => T): [T, number] {
  const t0 = performance.now()
  const out = f()
  const ms = performance.now() - t0
  sample()
  return [out, ms]
}

/** Cells of the sampled positions, company lines and the total series must agree exactly. */
function sameOnSample(fast: Projection, ref: Projection, ids: Set<string>): boolean {
  const index = new Map(ref.positions.map((p, i) => [p.id, i]))
  for (const [pi, p] of fast.positions.entries()) {
    if (!ids.has(p.id)) continue
    const ri = index.get(p.id)!
    for (const c of POSITION_COMPONENTS) {
      for (let mi = 0; mi < fast.months.length; mi++) {
        if (fast.cell(pi, mi, c) !== ref.cell(ri, mi, c)) return false
      }
    }
  }
  return true
}

const sizes = [
  [1_000, 36],
  [10_000, 60],
  [50_000, 120],
] as const
const runs = Number(process.env.BENCH_RUNS ?? 5)
const rows: Record<string, string | number>[] = []

const baselinePlan = syntheticPlan(1_000, 36, 1)
const [, baselineMs] = time(() => projectReference(baselinePlan))

for (const [count, months] of sizes) {
  peakRss = 0
  peakHeap = 0
  const plan = syntheticPlan(count, months, 1)
  const timings: number[] = []
  let fast = projectFast(plan)
  for (let k = 0; k < runs; k++) {
    const [p, ms] = time(() => projectFast(plan))
    fast = p
    timings.push(ms)
  }
  const edits: number[] = []
  for (let k = 0; k < runs; k++) {
    const id = `p${k * 7}`
    const edited = filled({
      id,
      officeId: 'sf',
      baseSalary: String(150000 + k),
      startDate: '2025-03-01',
    })
    const next = {
      ...plan,
      positions: plan.positions.map((p) => (p.id === id ? { ...edited, teamId: p.teamId } : p)),
    }
    edits.push(time(() => fast.withPosition(next, id))[1])
  }
  // Reference on everything for the small plan, on a sample of 200 positions otherwise.
  const ids = new Set(
    count <= 1_000
      ? plan.positions.map((p) => p.id)
      : plan.positions.slice(0, 200).map((p) => p.id),
  )
  const ref = projectReference({ ...plan, positions: plan.positions.filter((p) => ids.has(p.id)) })
  const sub = projectFast({ ...plan, positions: plan.positions.filter((p) => ids.has(p.id)) })
  const exact =
    sameOnSample(fast, ref, ids) &&
    sub.totals.total.every((v, i) => v === ref.totals.total[i]) &&
    JSON.stringify(sub.companyLines.map((l) => l.local)) ===
      JSON.stringify(ref.companyLines.map((l) => l.local))
  rows.push({
    size: `${count.toLocaleString('en-GB')} x ${months}`,
    'median ms': Math.round(median(timings)),
    'x baseline': (median(timings) / baselineMs).toFixed(2),
    'edit ms': median(edits).toFixed(1),
    'peak rss MB': mb(peakRss),
    'peak heap MB': mb(peakHeap),
    'fast == reference': exact ? `yes (${ids.size} positions)` : 'NO',
  })
}
clearInterval(sampler)
console.log(`baseline: reference projection of 1,000 x 36 = ${Math.round(baselineMs)} ms`)
console.table(rows)
if (rows.some((r) => r['fast == reference'] === 'NO')) process.exitCode = 1
