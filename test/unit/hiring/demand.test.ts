import { describe, expect, it } from 'vitest'
import { capacityLimitedStarts } from '../../../src/domain/hiring/capacity.ts'
import { recruitingDemand } from '../../../src/domain/hiring/demand.ts'
import { funnel } from '../../../src/domain/hiring/funnel.ts'
import type { HiringContext } from '../../../src/domain/hiring/schedule.ts'
import { hiringSetup } from '../../../src/domain/hiring/schema.ts'
import { fillTimesLookup } from '../../../src/domain/hiring/time-to-fill.ts'
import { Decimal } from '../../../src/domain/money.ts'
import { ctx, fillSetup, role, setupInput } from './fixtures.ts'

const eng = ctx.setup.loops[0]!
const fixed = (d: Decimal) => d.toFixed(6)

describe('funnel', () => {
  it('works back from hires through offer acceptance and each pass-through rate', () => {
    // 3 hires / 0.5 = 6 offers; onsite 6 / 0.25 = 24 (x 4 x 1 h = 96 h); screen 24 / 0.5 = 48
    // (x 1 x 0.5 h = 24 h)
    const f = funnel(eng, new Decimal(3))
    expect(f.offers.toFixed()).toBe('6')
    expect(
      f.stages.map((s) => [s.stage.id, s.candidates.toFixed(), s.interviewerHours.toFixed()]),
    ).toEqual([
      ['screen', '48', '24'],
      ['onsite', '24', '96'],
    ])
  })
})

describe('recruitingDemand: a plan with a known funnel', () => {
  // A: Seattle (US, 14 days notice), start 2027-04-15 -> offer accepted 04-01, made 03-27
  //    (5 days), onsite 03-17..03-27 and screen 03-07..03-17: all in March.
  //    openBy = 04-01 - 60 days time-to-fill = 2027-01-31; open Jan..Apr.
  // B: London (GB, 1 month notice), start 2027-06-01 -> offer accepted 05-01, made 04-26,
  //    onsite 04-16..04-26, screen 04-06..04-16: April. openBy = 05-01 - 60 = 03-02; open Mar..May.
  const a = role('a', '2027-04-15', { status: 'approved' })
  const b = role('b', '2027-06-01', { officeId: 'london', teamId: 'platform' })
  const demand = recruitingDemand([a, b], ctx, '2027-02-15')
  const month = (m: string) => demand.months.find((x) => x.month === m)!

  it('spans the months from the first opening to the last start', () => {
    expect(demand.months.map((m) => m.month)).toEqual([
      '2027-01',
      '2027-02',
      '2027-03',
      '2027-04',
      '2027-05',
      '2027-06',
    ])
  })

  it('gives the candidates and interviewer hours per stage in each month', () => {
    for (const m of ['2027-03', '2027-04']) {
      expect(
        month(m).stages.map((s) => [s.stageId, s.candidates.toFixed(), s.hours.toFixed()]),
      ).toEqual([
        ['screen', '16', '8'],
        ['onsite', '8', '32'],
      ])
      expect(month(m).offers.toFixed()).toBe('2')
    }
    expect(month('2027-05').stages).toEqual([])
    expect(month('2027-05').offers.toFixed()).toBe('0')
  })

  it('gives pool hours against budget and hours per hiring team', () => {
    // March panel: 32 h of 31/7 x 3 x 4 = 53.142857 h; recruiters 8 h of 31/7 x 1 x 10 = 44.285714
    const march = month('2027-03')
    expect(march.pools.map((p) => [p.poolId, p.hours.toFixed(), fixed(p.budget), p.over])).toEqual([
      ['recruiters', '8', '44.285714', false],
      ['panel', '32', '53.142857', false],
    ])
    // March is A's (inference), April B's (platform): 8 + 32 = 40 h each
    expect(march.teams.map((t) => [t.teamId, t.hours.toFixed()])).toEqual([['inference', '40']])
    expect(month('2027-04').teams.map((t) => [t.teamId, t.hours.toFixed()])).toEqual([
      ['platform', '40'],
    ])
  })

  it('counts hires in the start month and open roles per recruiter', () => {
    expect(demand.months.map((m) => m.hires)).toEqual([0, 0, 0, 1, 0, 1])
    // A open Jan..Apr, B Mar..May; one recruiter
    expect(demand.months.map((m) => m.openRoles)).toEqual([1, 1, 2, 2, 1, 0])
    expect(month('2027-03').openRolesPerRecruiter.toFixed()).toBe('2')
  })

  it('warns of a role past its opening date and a recruiter above the limit of 1', () => {
    expect(demand.warnings.map((w) => [w.code, 'month' in w ? w.month : w.positionId])).toEqual([
      ['open_date_passed', 'a'],
      ['recruiter_over_limit', '2027-03'],
      ['recruiter_over_limit', '2027-04'],
    ])
    expect(demand.warnings[0]!.message).toContain('31 January 2027')
  })

  it('does not warn about a role that is already open, nor count one with an offer out', () => {
    const open = recruitingDemand([role('a', '2027-04-15')], ctx, '2027-02-15')
    expect(open.warnings.map((w) => w.code)).not.toContain('open_date_passed')
    const offered = recruitingDemand(
      [role('a', '2027-04-15', { status: 'offer' })],
      ctx,
      '2027-02-15',
    )
    expect(offered.months).toEqual([])
  })

  it('warns about a role whose family has no loop', () => {
    const d = recruitingDemand(
      [role('x', '2027-04-15', { familyId: 'recruiter' })],
      ctx,
      '2027-01-01',
    )
    expect(d.warnings.map((w) => w.code)).toEqual(['no_loop'])
  })
})

describe('an over-committed pool', () => {
  it('is flagged in the month two onsites land together, and only that month', () => {
    // Two Seattle starts on 2027-04-15: 2 x 32 = 64 panel hours in March > 53.142857
    const d = recruitingDemand(
      [role('a', '2027-04-15'), role('b', '2027-04-15')],
      ctx,
      '2027-01-01',
    )
    const over = d.warnings.filter((w) => w.code === 'pool_over_budget')
    expect(over.map((w) => [w.month, w.poolId])).toEqual([['2027-03', 'panel']])
    expect(over[0]!.message).toBe(
      'Panel: 64.0 interviewer hours asked in March 2027, above the 53.1 hours its 3 people have. ' +
        'Asked by Engineer a (Onsite, 32.0 h); Engineer b (Onsite, 32.0 h).',
    )
    expect(over[0]!.code === 'pool_over_budget' && over[0]!.asks.map((x) => x.positionId)).toEqual([
      'a',
      'b',
    ])
  })
})

describe('capacityLimitedStarts', () => {
  it('pushes roles a month at a time until the panel fits, in start then given order', () => {
    // a keeps 2027-04-15 (32 h in March). b: March would be 64 > 53.14, so 2027-05-15 (onsite
    // 04-16..04-26, April 32 h <= 51.43). c: March full, April 64 > 51.43, so 2027-06-15
    // (offer accepted 06-01, made 05-27, onsite May: 32 h <= 53.14).
    const r = capacityLimitedStarts(
      [role('a', '2027-04-15'), role('b', '2027-04-15'), role('c', '2027-04-15')],
      ctx,
    )
    expect(r.moved).toEqual([
      { positionId: 'b', from: '2027-04-15', to: '2027-05-15', monthsLater: 1 },
      { positionId: 'c', from: '2027-04-15', to: '2027-06-15', monthsLater: 2 },
    ])
    expect([...r.startDates]).toEqual([
      ['b', '2027-05-15'],
      ['c', '2027-06-15'],
    ])
    expect(r.unplaceable).toEqual([])
  })

  it('places an earlier target first even when it is listed later', () => {
    // late: offer accepted 04-02, made 03-28, onsite ends in March like early's: one must move
    const r = capacityLimitedStarts([role('late', '2027-04-16'), role('early', '2027-04-15')], ctx)
    expect(r.moved.map((m) => m.positionId)).toEqual(['late'])
  })

  it('reports a role that no month can fit', () => {
    // One person at 1 h/week has at most 31/7 = 4.43 h a month; an onsite asks 32 h.
    const tiny = hiringSetup.parse({
      ...setupInput,
      pools: [
        setupInput.pools[0],
        { ...setupInput.pools[1], people: ['Ann'], weeklyHoursPerPerson: '1' },
      ],
    })
    const r = capacityLimitedStarts(
      [role('a', '2027-04-15')],
      { ...ctx, setup: tiny },
      {
        maxMonthsLater: 3,
      },
    )
    expect(r.unplaceable).toEqual(['a'])
    expect(r.moved).toEqual([])
  })
})

describe("a role that can no longer open in time (the issue's Team Manager)", () => {
  // Team Manager, London: time to fill 120 days, UK notice 2 months, opening on approval.
  const managerCtx: HiringContext = {
    ...ctx,
    setup: hiringSetup.parse({
      ...setupInput,
      loops: [{ ...setupInput.loops[0]!, familyIds: ['team-manager'] }],
    }),
    fillTimes: fillTimesLookup({
      ...fillSetup,
      families: [{ id: 'team-manager', timeToFillDays: 99 }],
      timeToFill: [
        { familyId: 'team-manager', levelId: null, days: 120, source: 'test', verify: false },
      ],
      noticePeriods: [{ country: 'GB', months: 2, days: 0, source: 'test' }],
    }),
  }
  const manager = (start: string) =>
    role('tm', start, {
      familyId: 'team-manager',
      levelId: 'm1',
      officeId: 'london',
      title: 'Team Manager (open role, Interpretability, London)',
      approvalDate: '2026-10-01',
    })
  const today = '2026-12-04'

  it('is warned, named, with the earliest start still possible', () => {
    // start 1 Feb 2027: offer by 1 Feb - 2 months = 1 Dec 2026; open by 1 Dec - 120 days
    // (30 Nov..2 Aug) = 3 Aug 2026. It is open since its approval, 1 Oct 2026: too late.
    // Earliest: 1 Oct + 120 days = 29 Jan 2027 (30 left in Oct, 30 Nov, 31 Dec, 29 Jan),
    // + 2 months = 29 Mar 2027; later than today + notice (4 Feb 2027).
    const d = recruitingDemand([manager('2027-02-01')], managerCtx, today)
    const late = d.warnings.filter((w) => w.code === 'open_date_passed')
    expect(late).toHaveLength(1)
    expect(late[0]).toMatchObject({
      positionId: 'tm',
      openBy: '2026-08-03',
      earliest: '2027-03-29',
    })
    expect(late[0]!.message).toBe(
      'Team Manager (open role, Interpretability, London) had to open by 3 August 2026 to start ' +
        'on 1 February 2027; it opened on 1 October 2026 at the earliest. The earliest start ' +
        'still possible is 29 March 2027: move its start to that date or later.',
    )
  })

  it('clears once the start moves to the earliest start', () => {
    // start 29 Mar 2027: offer by 29 Jan 2027, open by 29 Jan - 120 days = 1 Oct 2026: in time
    const d = recruitingDemand([manager('2027-03-29')], managerCtx, today)
    expect(d.warnings.map((w) => w.code)).not.toContain('open_date_passed')
  })

  it('counts the time to open for a role approved but not open yet', () => {
    // 14 days to open: approved 1 Oct, it can open on 15 Oct at the earliest, but today is
    // 4 Dec: it opens today at the earliest. 4 Dec + 120 days = 3 Apr 2027, + 2 months = 3 Jun.
    const slow: HiringContext = {
      ...managerCtx,
      fillTimes: fillTimesLookup({
        ...fillSetup,
        families: [{ id: 'team-manager', timeToFillDays: 120 }],
        timeToFill: [],
        noticePeriods: [{ country: 'GB', months: 2, days: 0, source: 'test' }],
        daysToOpen: 14,
      }),
    }
    const approved = { ...manager('2027-04-01'), status: 'approved' as const }
    const d = recruitingDemand([approved], slow, today)
    const late = d.warnings.find((w) => w.code === 'open_date_passed')
    expect(late).toMatchObject({ earliest: '2027-06-03' })
    expect(late!.message).toContain('it is still approved, not open')
  })
})
