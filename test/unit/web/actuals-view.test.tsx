import { describe, expect, it } from 'vitest'
import { Actuals, type RosterPreview } from '../../../views/pages/Actuals.tsx'

const preview = (changes: number): RosterPreview => ({
  key: 'k',
  planId: 'p',
  preset: 'template',
  asOf: '2027-01-31',
  rowCount: changes,
  ignoredColumns: [],
  changes: Array.from({ length: changes }, (_, i) => ({
    employeeId: `E-${i}`,
    name: `Person ${i}`,
    changes: ['Salary £90,000.00 to £95,000.00'],
  })),
  leavers: [],
  hires: [],
  unplanned: [],
  overdue: [],
  unchanged: 0,
})

const page = (changes: number) =>
  String(
    <Actuals
      presets={[]}
      plans={[]}
      today="2027-01-31"
      closed={[]}
      outcome={{ state: 'roster', preview: preview(changes) }}
    />,
  )

describe('the roster check page', () => {
  it('lists the first 200 changes of a long roster and says how many more are applied', () => {
    const html = page(1693)
    expect(html).toContain('Person 199<')
    expect(html).not.toContain('Person 200<')
    expect(html).toContain('…and 1,493 more people with changes, applied with these.')
  })

  it('lists every change of a short roster, with no line about more', () => {
    const html = page(200)
    expect(html).toContain('Person 199<')
    expect(html).not.toContain('more people with changes')
  })
})
