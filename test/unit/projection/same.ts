import { deepStrictEqual } from 'node:assert/strict'
import { POSITION_COMPONENTS } from '../../../src/domain/projection/components.ts'
import type { Projection } from '../../../src/domain/projection/result.ts'

/**
 * Every cell, company line and total of `a` equals `b`'s (minor units, so to the penny). Node's
 * assert, not vitest's `expect`, so the projection bench can check its engine without loading
 * vitest into the process whose memory it measures.
 */
export function expectSameProjection(a: Projection, b: Projection) {
  deepStrictEqual(
    [...a.positions].map((p) => p.id),
    [...b.positions].map((p) => p.id),
  )
  a.positions.forEach((p, pi) => {
    for (const c of POSITION_COMPONENTS) {
      const sa = a.months.map((_, mi) => a.cell(pi, mi, c))
      const sb = b.months.map((_, mi) => b.cell(pi, mi, c))
      deepStrictEqual(sa, sb, `${p.id} ${c}`)
    }
  })
  // An edit that empties an office or a team may leave its company lines at zero, where a full
  // run has none: lines of zeros are left out, as the totals' all-zero series are.
  const lines = (p: Projection) =>
    p.companyLines
      .filter((l) => l.local.some((v) => v !== 0))
      .map((l) => [l.component, l.officeId, l.teamId, l.currency, l.local])
  deepStrictEqual(lines(a), lines(b))
  const plain = (p: Projection) => ({
    total: p.totals.total,
    byComponent: sorted(p.totals.byComponent),
    byCurrency: sorted(p.totals.byCurrency),
    byTeam: sorted(p.totals.byTeam),
    byOffice: sorted(p.totals.byOffice),
    byFamily: sorted(p.totals.byFamily),
    byLevel: sorted(p.totals.byLevel),
  })
  deepStrictEqual(plain(a), plain(b))
  deepStrictEqual(a.headcount, b.headcount)
}

/** A map as sorted entries, dropping all-zero series (present in one engine, absent in other). */
function sorted<K>(m: Map<K, number[]>) {
  return [...m]
    .filter(([, s]) => s.some((v) => v !== 0))
    .map(([k, s]) => [String(k), s.map((v) => v + 0)] as const)
    .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
}
