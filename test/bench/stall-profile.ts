/**
 * What ran in each stall of a server: `npx tsx test/bench/stall-profile.ts <profile.cpuprofile>
 * <stderr with STALL lines>` (stall-trace.ts) prints, for each stall, when it ended (seconds from
 * the first), its length, how many samples fell in it and how many of them were collecting
 * garbage, and the functions of the server's bundle most often on the stack during it.
 */
import { readFileSync } from 'node:fs'

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string }
  children?: number[]
}
interface Profile {
  nodes: ProfileNode[]
  startTime: number
  samples: number[]
  timeDeltas: number[]
}

const [profilePath, stallsPath] = process.argv.slice(2)
if (!profilePath || !stallsPath) {
  console.error('usage: stall-profile.ts <profile.cpuprofile> <stderr with STALL lines>')
  process.exit(2)
}
const profile = JSON.parse(readFileSync(profilePath, 'utf8')) as Profile
const stalls = readFileSync(stallsPath, 'utf8')
  .split('\n')
  .filter((line) => line.startsWith('STALL '))
  .map((line) => {
    const [, end, ms] = line.split(' ')
    return { end: Number(end), ms: Number(ms) }
  })
const nodes = new Map(profile.nodes.map((n) => [n.id, n]))
const parents = new Map<number, number>()
for (const n of profile.nodes) for (const child of n.children ?? []) parents.set(child, n.id)
let clock = profile.startTime
const times = profile.timeDeltas.map((d) => (clock += d))

const first = stalls[0]?.end ?? 0
for (const { end, ms } of stalls) {
  const start = end - ms * 1000
  const onStack = new Map<string, number>()
  let samples = 0
  let collecting = 0
  times.forEach((t, i) => {
    if (t < start || t > end) return
    samples++
    let id: number | undefined = profile.samples[i]!
    if (nodes.get(id)!.callFrame.functionName === '(garbage collector)') collecting++
    const seen = new Set<string>()
    for (; id !== undefined; id = parents.get(id)) {
      const { functionName, url } = nodes.get(id)!.callFrame
      if (!url.includes('server.mjs') || !functionName || seen.has(functionName)) continue
      seen.add(functionName)
      onStack.set(functionName, (onStack.get(functionName) ?? 0) + 1)
    }
  })
  const top = [...onStack]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8)
    .map(([name, n]) => `${name} ${n}`)
  const at = ((end - first) / 1e6).toFixed(2)
  console.log(`${at} s  ${ms} ms  ${samples} samples, ${collecting} collecting  ${top.join(', ')}`)
}
