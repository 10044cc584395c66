import type { PositionComponent } from '../../../src/domain/projection/components.ts'
import type { Projection } from '../../../src/domain/projection/result.ts'

/** A position's local amounts for one component, month by month, as "1234.56" strings. */
export function series(p: Projection, positionId: string, component: PositionComponent): string[] {
  const pi = p.positions.findIndex((x) => x.id === positionId)
  if (pi < 0) throw new Error(`no position ${positionId}`)
  return p.months.map((_, mi) => (p.cell(pi, mi, component) / 100).toFixed(2))
}

/** Sum of a component over all months in minor units, as "1234.56". */
export function yearTotal(p: Projection, positionId: string, component: PositionComponent): string {
  const pi = p.positions.findIndex((x) => x.id === positionId)
  const minor = p.months.reduce((a, _, mi) => a + p.cell(pi, mi, component), 0)
  return (minor / 100).toFixed(2)
}
