import { beforeEach, describe, expect, it } from 'vitest'
import type { Database } from '../../../src/db/open.ts'
import { getOrgOverview, type TeamOverview } from '../../../src/db/repos/org.ts'
import { seedDemoData } from '../../../src/seed.ts'
import { freshDatabase } from '../../helpers/db.ts'

const counts = (t: TeamOverview): unknown => ({
  id: t.id,
  filled: t.filledHeadcount,
  open: t.openRoles,
  subteams: t.subteams.map(counts),
})

describe('getOrgOverview', () => {
  let db: Database
  beforeEach(() => {
    db = freshDatabase()
    seedDemoData(db)
  })

  it('nests subteams under their team, with managers and tech leads', () => {
    const overview = getOrgOverview(db, '2026-12-01')
    expect(overview.organisation.name).toBe('Meridian AI')
    expect(overview.departments.map((d) => [d.id, d.teams.map((t) => t.id)])).toEqual([
      ['research', ['interpretability', 'pretraining']],
      ['engineering', ['inference', 'platform']],
      ['people', ['recruiting']],
    ])
    const interp = overview.departments[0]!.teams[0]!
    expect(interp.subteams.map((t) => t.name)).toEqual([
      'Circuits',
      'Dictionary Learning',
      'Model Biology',
    ])
    expect(interp.subteams[0]).toMatchObject({
      parentTeamId: 'interpretability',
      managerName: 'Daniel Brooks',
      techLeadName: 'Rafael Montoya',
    })
  })

  it("counts each team's own filled and open positions on the day", () => {
    // demo plan by hand, as of 2026-12-01 (every filled person has started, none has left):
    //   interpretability p-001..p-002 filled; r-101, r-102 open (the two Team Manager roles)
    //   circuits p-003..p-008 = 6; r-104 draft counts (only on_hold/cancelled/filled do not)
    //   dictionary-learning p-009..p-014 = 6; r-106 at offer
    //   model-biology p-015..p-019 = 5; pretraining p-020..p-024 = 5, r-103 backfill approved
    //   inference p-025..p-028 = 4, r-105 on hold (not counted); platform 3; recruiting 2
    const overview = getOrgOverview(db, '2026-12-01')
    expect(overview.departments.flatMap((d) => d.teams.map(counts))).toEqual([
      {
        id: 'interpretability',
        filled: 2,
        open: 2,
        subteams: [
          { id: 'circuits', filled: 6, open: 1, subteams: [] },
          { id: 'dictionary-learning', filled: 6, open: 1, subteams: [] },
          { id: 'model-biology', filled: 5, open: 0, subteams: [] },
        ],
      },
      { id: 'pretraining', filled: 5, open: 1, subteams: [] },
      { id: 'inference', filled: 4, open: 0, subteams: [] },
      { id: 'platform', filled: 3, open: 0, subteams: [] },
      { id: 'recruiting', filled: 2, open: 0, subteams: [] },
    ])
    // 2 + 6 + 6 + 5 + 5 + 4 + 3 + 2 = 33 filled; 2 + 1 + 1 + 1 = 5 open
    expect(overview.totals).toEqual({ filledHeadcount: 33, openRoles: 5 })
  })

  it('drops a leaver after their end date and counts up to it inclusive', () => {
    // p-022 (pretraining) ends 2027-03-31
    const pretraining = (asOf: string) =>
      getOrgOverview(db, asOf).departments[0]!.teams[1]!.filledHeadcount
    expect(pretraining('2027-03-31')).toBe(5)
    expect(pretraining('2027-04-01')).toBe(4)
  })

  it('does not count people before their start date', () => {
    // p-019 starts 2026-02-02: the only start in 2026
    const overview = getOrgOverview(db, '2026-02-01')
    expect(overview.totals.filledHeadcount).toBe(32)
  })

  it('counts the named plan; an unknown plan has no positions', () => {
    expect(getOrgOverview(db, '2026-12-01', { planId: 'fy2027' }).totals.filledHeadcount).toBe(33)
    expect(getOrgOverview(db, '2026-12-01', { planId: 'other' }).totals).toEqual({
      filledHeadcount: 0,
      openRoles: 0,
    })
  })
})
