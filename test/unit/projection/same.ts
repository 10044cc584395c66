import { expect } from 'vitest'
import { POSITION_COMPONENTS } from '../../../src/domain/projection/components.ts'
import type { Projection } from '../../../src/domain/projection/result.ts'

/** Every cell, company line and total of `a` equals `b`'s (minor units, so to the penny). */
export function expectSameProjection(a: Projection, b: Projection) {
  expect(a.positions.map((p) => p.id)).toEqual(b.positions.map((p) => p.id))
  a.positions.forEach((p, pi) => {
    for (const c of POSITION_COMPONENTS) {
      const sa = a.months.map((_, mi) => a.cell(pi, mi, c))
      const sb = b.months.map((_, mi) => b.cell(pi, mi, c))
      expect(sa, `${p.id} ${c}`).toEqual(sb)
    }
  })
  // An edit that empties an office or a team may leave its company lines at zero, where a full
  // run has none: lines of zeros are left out, as the totals' all-zero series are.
  const lines = (p: Projection) =>
    p.companyLines
      .filter((l) => l.local.some((v) => v !== 0))
      .map((l) => [l.component, l.officeId, l.teamId, l.currency, l.local])
  expect(lines(a)).toEqual(lines(b))
  const plain = (p: Projection) => ({
    total: p.totals.total,
    byComponent: sorted(p.totals.byComponent),
    byCurrency: sorted(p.totals.byCurrency),
    byTeam: sorted(p.totals.byTeam),
    byOffice: sorted(p.totals.byOffice),
    byFamily: sorted(p.totals.byFamily),
    byLevel: sorted(p.totals.byLevel),
  })
  expect(plain(a)).toEqual(plain(b))
  expect(a.headcount).toEqual(b.headcount)
}

/** A map as sorted entries, dropping all-zero series (present in one engine, absent in other). */
function sorted<K>(m: Map<K, number[]>) {
  return [...m]
    .filter(([, s]) => s.some((v) => v !== 0))
    .map(([k, s]) => [String(k), s.map((v) => v + 0)] as const)
    .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
}
