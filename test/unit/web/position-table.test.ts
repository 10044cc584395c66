import { describe, expect, it } from 'vitest'
import { documentFillTimes } from '../../../src/domain/hiring/time-to-fill.ts'
import {
  bucketCounts,
  positionRow,
  positionTable,
  rowsWarmedSteps,
  SORT_TEXT,
  tableQuery,
} from '../../../src/web/services/position-table.ts'
import {
  type PositionRowModel,
  SORT_KEYS,
  type SortKey,
} from '../../../views/models/position-table.ts'
import { benchWorkspace } from '../../bench/http-workspace.ts'

const doc = benchWorkspace(400)
const fillTimes = documentFillTimes({ families: doc.jobFamilies, offices: doc.offices })
const positions = doc.plans[0]!.positions
const today = '2026-12-03'

/** The order the table promises, as a plain stable sort with a comparator would give it. */
function referenceOrder(sort: SortKey, dir: 'asc' | 'desc'): string[] {
  const text = new Intl.Collator().compare
  const compa = (r: PositionRowModel) => r.band?.compaRatio.toNumber() ?? Infinity
  const compare = (a: PositionRowModel, b: PositionRowModel) =>
    sort === 'level'
      ? a.levelRank - b.levelRank
      : sort === 'salary'
        ? text(a.currency, b.currency) || a.baseSalary.comparedTo(b.baseSalary)
        : sort === 'compa'
          ? compa(a) === compa(b)
            ? 0
            : compa(a) - compa(b)
          : text(SORT_TEXT[sort](a), SORT_TEXT[sort](b))
  const sign = dir === 'desc' ? -1 : 1
  return positions
    .map((p) => positionRow(doc, fillTimes, p, today))
    .sort((a, b) => sign * compare(a, b))
    .map((r) => r.id)
}

describe('positions table order', () => {
  it.each(SORT_KEYS.flatMap((sort) => [[sort, 'asc'] as const, [sort, 'desc'] as const]))(
    'sorted by %s %s as a stable comparator sort orders it, ties in the plan order',
    (sort, dir) => {
      const q = tableQuery.parse({ sort, dir })
      const ids = positionTable(doc, fillTimes, positions, q, today).map((r) => r.id)
      expect(ids).toEqual(referenceOrder(sort, dir))
    },
  )

  it('has ties to keep in order in every text sort (the generated plan repeats titles)', () => {
    const titles = positions.map((p) => p.title)
    expect(new Set(titles).size).toBeLessThan(titles.length / 10)
  })

  it('filters by band bucket, and the counts per bucket add up to the unfiltered table', () => {
    const all = positionTable(doc, fillTimes, positions, tableQuery.parse({}), today)
    const counts = bucketCounts(all)
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(all.length)
    for (const bucket of ['below_min', 'q1', 'q2', 'q3', 'q4', 'above_max', 'none'] as const) {
      const rows = positionTable(
        doc,
        fillTimes,
        positions,
        tableQuery.parse({ band: bucket }),
        today,
      )
      expect(rows.length).toBe(counts[bucket])
      expect(rows.every((r) => (r.band?.bucket ?? 'none') === bucket)).toBe(true)
    }
    expect(counts.q1 + counts.q2 + counts.q3 + counts.q4).toBeGreaterThan(0)
  })

  it('filters before sorting', () => {
    const team = positions[0]!.teamId
    const q = tableQuery.parse({ team, sort: 'salary', dir: 'desc' })
    const rows = positionTable(doc, fillTimes, positions, q, today)
    expect(rows.length).toBe(positions.filter((p) => p.teamId === team).length)
    expect(rows.every((r) => r.teamId === team)).toBe(true)
  })
})

describe('a position row', () => {
  it('names what it refers to, and says so when a reference no longer resolves, never showing an id', () => {
    const p = { ...positions[0]!, teamId: 'gone-team', officeId: 'gone-office' }
    const row = positionRow(doc, fillTimes, p, today)
    expect(row.teamName).toBe('an unknown team')
    expect(row.officeName).toBe('an unknown office')
    const named = positionRow(doc, fillTimes, positions[0]!, today)
    expect(named.teamName).toBe(doc.teams.find((t) => t.id === positions[0]!.teamId)!.name)
  })
})

describe('rows worked out in steps', () => {
  /** How many pauses each run of `steps` made, running them in turn, one step each, until all end. */
  function pausesInTurn(...runs: Generator<unknown, void>[]): number[] {
    const pauses = runs.map(() => 0)
    const open = new Set(runs.keys())
    while (open.size > 0) {
      for (const i of [...open]) {
        if (runs[i]!.next().done) open.delete(i)
        else pauses[i]!++
      }
    }
    return pauses
  }
  // a workspace of its own: no row of it is kept yet
  const big = benchWorkspace(2500)
  const bigFillTimes = documentFillTimes({ families: big.jobFamilies, offices: big.offices })
  const bigPositions = big.plans[0]!.positions
  const warm = () => rowsWarmedSteps(big, bigFillTimes, bigPositions, today)

  it('pause every thousand rows made, and two at once share the rows, pausing no more than one', () => {
    // 2,500 rows: a pause after the first and the second thousand, shared between the two runs
    expect(pausesInTurn(warm(), warm())).toEqual([1, 1])
    // every row is kept now: warming again makes none, and the table reads the kept rows
    expect(pausesInTurn(warm())).toEqual([0])
    const table = positionTable(big, bigFillTimes, bigPositions, tableQuery.parse({}), today)
    const kept = new Map(table.map((r) => [r.id, r]))
    for (const p of bigPositions) {
      expect(positionRow(big, bigFillTimes, p, today)).toBe(kept.get(p.id))
    }
  })
})
