/**
 * This tree's fast projection against another checkout's, in one process (not part of vitest):
 *   npx tsx test/bench/projection-vs.ts <other checkout> [positions] [months] [rounds]
 * Each tree projects its own generated plan (the same seed); the rounds alternate which goes
 * first, and each projection is timed in CPU time (user + system), which other load on a shared
 * machine moves much less than the wall clock. Prints both medians and the median of each
 * round's ratio (this tree / the other). The other checkout needs its node_modules.
 */
import { resolve } from 'node:path'

interface Tree {
  projectFast: (input: unknown) => unknown
  syntheticPlan: (count: number, months: number, seed: number) => unknown
}

async function load(root: string): Promise<Tree> {
  const fast = await import(resolve(root, 'src/domain/projection/fast.ts'))
  const generate = await import(resolve(root, 'test/bench/generate.ts'))
  return { projectFast: fast.projectFast, syntheticPlan: generate.syntheticPlan }
}

function cpuMs(f: () => unknown): number {
  const before = process.cpuUsage()
  f()
  const used = process.cpuUsage(before)
  return (used.user + used.system) / 1000
}

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

const [other, count = '1000', months = '36', rounds = '21'] = process.argv.slice(2)
if (!other)
  throw new Error('usage: projection-vs.ts <other checkout> [positions] [months] [rounds]')
const here = await load(process.cwd())
const there = await load(other)
const ours = here.syntheticPlan(Number(count), Number(months), 1)
const theirs = there.syntheticPlan(Number(count), Number(months), 1)
for (let k = 0; k < 2; k++) {
  here.projectFast(ours)
  there.projectFast(theirs)
}
const a: number[] = []
const b: number[] = []
for (let k = 0; k < Number(rounds); k++) {
  if (k % 2 === 0) b.push(cpuMs(() => there.projectFast(theirs)))
  a.push(cpuMs(() => here.projectFast(ours)))
  if (k % 2 === 1) b.push(cpuMs(() => there.projectFast(theirs)))
}
console.log(
  `${count} x ${months}, ${rounds} rounds: this tree ${median(a).toFixed(1)} ms, the other ${median(b).toFixed(1)} ms (CPU time, medians); ratio ${median(a.map((x, k) => x / b[k]!)).toFixed(2)} (median of the rounds' ratios)`,
)
