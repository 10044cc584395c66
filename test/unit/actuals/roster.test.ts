/**
 * Roster sync against the demo plan, from files shaped like each HR system's export (their column
 * names, date and number formats, a BOM, quoted commas). Each file says the same thing, as of
 * 15 March 2027:
 *   Helen Okafor   (planned as p-001, £393,000)   now paid £400,000           -> a salary change
 *   Ingrid Solberg (planned as p-002)             leaves on 30 April 2027      -> a leaver
 *   Maya Hart      requisition R-101, starts 1 April 2027                     -> fills open role r-101
 *   Sam Lowe       Platform, San Francisco, $210,000, nobody planned him      -> an unplanned hire
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  type Reconciliation,
  ROSTER_PRESETS,
  type RosterContext,
  readRoster,
  readRosterSteps,
  reconcileRoster,
  rosterWrites,
} from '../../../src/domain/actuals/roster.ts'
import { workspaceDocument } from '../../../src/domain/document.ts'
import type { Plan, Position } from '../../../src/domain/model.ts'

const demo = workspaceDocument.parse(JSON.parse(readFileSync('data/demo-org.json', 'utf8')))
const plan = demo.plans[0]!
const AS_OF = '2027-03-15'
const fixture = (preset: string) => readFileSync(`test/fixtures/hr/${preset}.csv`, 'utf8')
const context = (p: Plan, links = new Map<string, string>()): RosterContext => ({
  doc: demo,
  plan: p,
  links,
  asOf: AS_OF,
})

/** The plan as a sync would leave it: saved positions replace or join the plan's. */
function applied(p: Plan, save: Position[]): Plan {
  const byId = new Map(p.positions.map((x) => [x.id, x]))
  for (const s of save) byId.set(s.id, s)
  return { ...p, positions: [...byId.values()] }
}

describe.each(ROSTER_PRESETS)('roster sync from a %s export', (preset) => {
  const file = readRoster(preset, fixture(preset), demo)

  it('reads every row without problems', () => {
    expect(file.problems).toEqual([])
    expect(file.records.map((r) => r.name)).toEqual([
      'Helen Okafor',
      'Ingrid Solberg',
      'Maya Hart',
      'Sam Lowe',
    ])
    const sam = file.records[3]!
    expect(sam).toMatchObject({
      teamId: 'platform',
      officeId: 'san-francisco',
      startDate: '2027-02-01',
      salary: 21_000_000, // $210,000.00 in cents
      currency: 'USD',
    })
  })

  const found: Reconciliation = reconcileRoster(file.records, context(plan))

  it('matches the existing people by name and sees the salary change and the leaver', () => {
    const helen = found.matched.find((m) => m.name === 'Helen Okafor')!
    expect(helen).toMatchObject({ positionId: 'p-001', matchedBy: 'name', leaves: null })
    expect(helen.changes).toEqual([
      { field: 'salary', before: '£393,000.00', after: '£400,000.00' },
    ])
    const ingrid = found.matched.find((m) => m.name === 'Ingrid Solberg')!
    expect(ingrid).toMatchObject({ positionId: 'p-002', changes: [], leaves: '2027-04-30' })
  })

  it('matches the hire to her open role by requisition id, with no confirmation needed', () => {
    expect(found.hires).toEqual([
      expect.objectContaining({
        name: 'Maya Hart',
        openRoleId: 'r-101',
        matchedBy: 'requisition',
        needsConfirmation: false,
      }),
    ])
  })

  it('lists the unplanned hire as a new filled position of his team', () => {
    expect(found.unplanned).toHaveLength(1)
    expect(found.unplanned[0]!.position).toMatchObject({
      kind: 'filled',
      personName: 'Sam Lowe',
      teamId: 'platform',
      officeId: 'san-francisco',
      familyId: 'software-engineer', // from the title
      startDate: '2027-02-01',
    })
    expect(found.unplanned[0]!.position.baseSalary.toFixed(2)).toBe('210000.00')
  })

  it('applies: a raise from the roster date, an end date and a backfill, the role filled', () => {
    const ingridId = file.records[1]!.employeeId
    const writes = rosterWrites(file.records, found, context(plan), {
      confirmed: new Set(),
      backfill: new Set([ingridId]),
    })
    const saved = new Map(writes.save.map((p) => [p.id, p]))
    expect(
      saved.get('p-001')!.raises.map((r) => [r.effectiveDate, r.annualBase.toFixed(2)]),
    ).toEqual([['2027-03-15', '400000.00']])
    expect(saved.get('p-002')).toMatchObject({ kind: 'filled', endDate: '2027-04-30' })
    expect(saved.get('p-002-backfill')).toMatchObject({
      kind: 'open',
      reason: 'backfill',
      backfillOfPositionId: 'p-002',
      targetStartDate: '2027-05-01',
    })
    expect(saved.get('r-101')).toMatchObject({
      kind: 'filled',
      personName: 'Maya Hart',
      startDate: '2027-04-01',
    })
    expect(writes.links.map((l) => l.positionId).sort()).toEqual(
      ['p-001', 'p-002', 'r-101', found.unplanned[0]!.position.id].sort(),
    )
  })

  it('running the same file again changes nothing', () => {
    const writes = rosterWrites(file.records, found, context(plan), {
      confirmed: new Set(),
      backfill: new Set([file.records[1]!.employeeId]),
    })
    const after = applied(plan, writes.save)
    const links = new Map(writes.links.map((l) => [l.employeeId, l.positionId]))
    const again = reconcileRoster(file.records, context(after, links))
    expect(again.hires).toEqual([])
    expect(again.unplanned).toEqual([])
    expect(again.matched.every((m) => m.changes.length === 0 && m.leaves === null)).toBe(true)
    const second = rosterWrites(file.records, again, context(after, links), {
      confirmed: new Set(),
      backfill: new Set(),
    })
    expect(second).toEqual({ save: [], links: [], skipped: [] })
  })
})

describe('roster matching without a requisition id', () => {
  const text = [
    'Employee ID,Name,Job Title,Team,Office,Start Date,Annual Salary',
    'T9,Maya Hart,"Team Manager, Interpretability",Interpretability,London,2027-04-20,320000',
  ].join('\n')

  it('proposes the open role with the same team and title starting within 92 days, to confirm', () => {
    const file = readRoster('template', text, demo)
    const found = reconcileRoster(file.records, context(plan))
    // r-101 starts 1 April (19 days away), r-102 on 1 June (42 days): the nearer one
    expect(found.hires).toEqual([
      expect.objectContaining({ openRoleId: 'r-101', needsConfirmation: true }),
    ])
    const unconfirmed = rosterWrites(file.records, found, context(plan), {
      confirmed: new Set(),
      backfill: new Set(),
    })
    expect(unconfirmed.save).toEqual([])
    expect(unconfirmed.skipped).toHaveLength(1)
    const confirmed = rosterWrites(file.records, found, context(plan), {
      confirmed: new Set(['t9']),
      backfill: new Set(),
    })
    expect(confirmed.save.map((p) => [p.id, p.kind])).toEqual([['r-101', 'filled']])
  })

  it('lists open roles whose expected start has passed unfilled', () => {
    const found = reconcileRoster([], { ...context(plan), asOf: '2027-07-01' })
    // r-101 (1 April) and r-102 (1 June) have passed; r-104 (September) has not
    expect(found.overdue.map((o) => o.positionId)).toEqual(
      expect.arrayContaining(['r-101', 'r-102']),
    )
    expect(found.overdue.map((o) => o.positionId)).not.toContain('r-104')
  })
})

describe('a roster file with problems', () => {
  it('names the row, the column as the file spells it, and the reason; keeps no records', () => {
    const text = [
      'Employee #,First Name,Last Name,Department,Location,Hire Date,Pay Rate',
      '1,Ada,Lovelace,Interpretability,London,13/45/2027,"100,000.00 GBP"',
      '2,Alan,Turing,Nowhere,London,01/02/2027,-5',
      '2,Grace,Hopper,Platform,Paris,01/02/2027,"90,000 EUR"',
    ].join('\r\n')
    const file = readRoster('bamboohr', text, demo)
    expect(file.records).toEqual([])
    expect(file.problems).toEqual([
      { row: 2, column: 'Hire Date', message: 'must be a date such as 03/31/2027 or 2027-03-31' },
      expect.objectContaining({ row: 3, column: 'Department' }),
      { row: 3, column: 'Pay Rate', message: 'must not be negative' },
      expect.objectContaining({ row: 4, column: 'Location' }),
      expect.objectContaining({
        row: 4,
        column: 'Pay Rate',
        message: expect.stringContaining('EUR'),
      }),
      { row: 4, column: 'Employee #', message: 'repeats row 3' },
    ])
  })

  it('names a missing required column in the header row', () => {
    const file = readRoster('workday', 'Employee ID,Worker\n1,Ada Lovelace', demo)
    expect(file.problems.map((p) => [p.row, p.column])).toEqual([
      [1, 'Supervisory Organization'],
      [1, 'Location'],
      [1, 'Hire Date'],
      [1, 'Annual Base Pay'],
    ])
  })
})

describe('a large roster file', () => {
  /** 2,500 people; every 7th title holds a quoted comma and a line break (a cell may). */
  const big = () => {
    const lines = ['Employee ID,Name,Job Title,Team,Office,Start Date,Annual Salary']
    for (let i = 0; i < 2500; i++) {
      const title = i % 7 === 0 ? '"Engineer, with a\nnote"' : 'Engineer'
      lines.push(`B${i},Person ${i},${title},Platform,London,2026-01-05,${90000 + i}`)
    }
    return lines.join('\n')
  }

  it('is read in steps that pause every thousand rows, pieces split only between records', () => {
    const text = big()
    expect(text.length).toBeGreaterThan(64 * 1024 * 2) // more than two pieces
    const steps = readRosterSteps('template', text, demo)
    let pauses = 0
    let step = steps.next()
    while (!step.done) {
      pauses++
      step = steps.next()
    }
    const file = step.value
    expect(pauses).toBeGreaterThanOrEqual(4) // three pieces parsed, then rows 1,000 and 2,000
    expect(file.problems).toEqual([])
    expect(file.records).toHaveLength(2500)
    expect(file.records[7]).toMatchObject({
      employeeId: 'b7',
      title: 'Engineer, with a\nnote',
      row: 9,
    })
    expect(file.records[2499]).toMatchObject({ employeeId: 'b2499', salary: 9_249_900 })
  })
})
