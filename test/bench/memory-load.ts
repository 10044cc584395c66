/**
 * Requests whose filter values are all different, and the server's resident memory once it is
 * idle: what `npm run bench:memory` measures at 25,000 requests and a test checks on a short run.
 * Each distinct value could key a cached table, page or projection; bounded caches must keep the
 * process near where it started.
 */
import { readFileSync } from 'node:fs'

/** The addresses the load cycles through, each with one free-text filter value made unique. */
const SHAPES: ((value: string) => string)[] = [
  (v) => `/positions?team=${v}`,
  (v) => `/positions?office=${v}&sort=title`,
  (v) => `/positions?family=${v}&level=${v}`,
  (v) => `/audit?person=${v}`,
  (v) => `/audit?team=${v}`,
  (v) => `/variance?team=${v}`,
  (v) => `/positions/p-001?focus=${v}`,
  (v) => `/scenarios/compare?a=${v}&b=${v}`,
]

/** The `i`th address of the load: a filter value no other request carries. */
export function distinctAddress(i: number): string {
  const value = `filter-${i.toString(36)}-${'x'.repeat(i % 50)}`
  return SHAPES[i % SHAPES.length]!(encodeURIComponent(value))
}

/** Sends `count` requests, `concurrency` at a time, each with a distinct filter value. */
export async function distinctFilterLoad(
  base: string,
  headers: Record<string, string>,
  count: number,
  concurrency = 8,
): Promise<{ statuses: Map<number, number> }> {
  const statuses = new Map<number, number>()
  let next = 0
  const worker = async () => {
    while (next < count) {
      const i = next++
      const res = await fetch(`${base}${distinctAddress(i)}`, {
        // every shape as a page and as an htmx fragment, in turn
        headers: {
          ...headers,
          ...(Math.floor(i / SHAPES.length) % 2 === 1 && { 'HX-Request': 'true' }),
        },
        redirect: 'manual',
      })
      await res.arrayBuffer()
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1)
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
  return { statuses }
}

/** The process's resident memory in MB (Linux /proc). */
export function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/)
  if (!line) throw new Error(`no VmRSS for ${pid}`)
  return Number(line[1]) / 1024
}

/**
 * Resident memory once the server has been idle for `ms`: long enough for src/idle-memory.ts to
 * give memory back (it collects after each of three quiet seconds).
 */
export async function idleRssMb(pid: number, ms = 6_000): Promise<number> {
  await new Promise((r) => setTimeout(r, ms))
  return rssMb(pid)
}

/**
 * Node's flags as `npm start` gives them in the tree at `root`: the words between `node` and the
 * bundle in its package.json's start script.
 */
export function startFlags(root = '.'): string[] {
  return (JSON.parse(readFileSync(`${root}/package.json`, 'utf8')).scripts.start as string)
    .match(/\bnode (.*?)\s*dist\/server\.mjs/)![1]!
    .split(' ')
    .filter(Boolean)
}

/** This tree's `startFlags`, or BENCH_NODE_FLAGS instead, to try others. */
export const START_FLAGS = process.env.BENCH_NODE_FLAGS?.split(' ').filter(Boolean) ?? startFlags()
