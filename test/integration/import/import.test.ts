/**
 * CSV import through the pages: templates, a preview that lists every row's problems and writes
 * nothing, and an import that writes the whole file in one transaction or nothing at all.
 */
import { describe, expect, it } from 'vitest'
import { createPosition, getPosition, listPositions } from '../../../src/db/repos/positions.ts'
import { readSalaryBands } from '../../../src/db/repos/reference.ts'
import type { Role } from '../../../src/db/repos/users.ts'
import { withTurns } from '../../helpers/turns.ts'
import { ORIGIN, postForm, type TestApp, testApp } from '../../helpers/web.ts'

const PLAN = 'fy2027'

const PEOPLE_HEADER =
  'Employee ID,Name,Job Title,Department/Team,Location,Job Family,Level,Start Date,End Date,Annual Base Salary,Currency,Bonus Target %,Cost Centre'

/** Two new people and a raise for an existing one (p-001, Helen Okafor, £393,000). */
const GOOD_PEOPLE = [
  PEOPLE_HEADER,
  'E-2001,Priya Shah,Research Engineer,Circuits,London,Research Engineer,L4,2027-03-01,,"£152,500.50",GBP,10%,CC-12',
  'E-2002,Sam Lee,Software Engineer,Platform,San Francisco,software engineer,l5,2027-02-15,,"$245,000",USD,15,CC-40',
  'p-001,Helen Okafor,Head of Interpretability,Interpretability,London,Team Manager,M2,2022-03-01,,405000,GBP,15,CC-01',
].join('\n')

/** The same file with one bad row (an unknown team) in the middle. */
const ONE_BAD_ROW = GOOD_PEOPLE.replace('Platform,San Francisco', 'Platfrom,San Francisco')

async function upload(t: TestApp, who: Role | { cookie: string }, kind: string, csv: string) {
  const form = new FormData()
  form.set('kind', kind)
  form.set('plan', PLAN)
  form.set('file', new File([csv], `${kind}.csv`, { type: 'text/csv' }))
  return t.app.request(`${ORIGIN}/import/preview`, {
    method: 'POST',
    headers: { ...signedIn(t, who), origin: ORIGIN },
    body: form,
  })
}

/** The checked file's key the preview's confirm form sends back, or undefined. */
const uploadOf = (html: string) => /name="upload" value="([\w-]{43})"/.exec(html)?.[1]

/**
 * Previews the file and, if it has no problems, confirms the import as the preview's form does
 * (naming the file the server kept); answers the preview when it has problems.
 */
async function importFile(t: TestApp, who: Role | { cookie: string }, kind: string, csv: string) {
  const headers = signedIn(t, who)
  const preview = await upload(t, headers, kind, csv)
  if (preview.status !== 200) return preview
  const hash = uploadOf(await preview.text())
  expect(hash).toBeDefined()
  return postForm(t.app, '/import', { upload: hash! }, headers)
}

/** A role signs in afresh (a session write); pass a cookie to sign in before a snapshot. */
const signedIn = (t: TestApp, who: Role | { cookie: string }) =>
  typeof who === 'string' ? t.as(who) : who

/** Every cell of the problems table, row by row. */
function problemRows(html: string): string[][] {
  const table = html.slice(html.indexOf('id="import-problems"'))
  const body = table.slice(table.indexOf('<tbody>'), table.indexOf('</tbody>'))
  return [...body.matchAll(/<tr>(.*?)<\/tr>/gs)].map((m) =>
    [...m[1]!.matchAll(/<td[^>]*>(.*?)<\/td>/gs)].map((c) => c[1]!.replace(/&quot;/g, '"')),
  )
}

describe('templates', () => {
  it('gives finance a people template with the HR columns and an example row', async () => {
    const t = testApp()
    const res = await t.get('/import/people/template.csv', 'finance')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('text/csv')
    expect(res.headers.get('content-disposition')).toContain('people-template.csv')
    const [header, example] = (await res.text()).trim().split('\n')
    expect(header).toBe(
      'Employee ID,Name,Job Title,Team,Location,Job Family,Level,Start Date,End Date,Annual Base Salary,Currency,Bonus Target %,Dependants',
    )
    // the example names the workspace's own first team, office, family and level
    expect(example).toContain('Interpretability,London,Research Scientist,L3')
  })

  it('offers the bands template only to those who edit bands', async () => {
    const t = testApp()
    expect((await t.get('/import/bands/template.csv', 'finance')).status).toBe(200)
    expect((await t.get('/import/bands/template.csv', 'manager')).status).toBe(403)
    expect((await t.get('/import/nonsense/template.csv', 'finance')).status).toBe(404)
  })

  it('keeps the page from the viewer role, who sees no pay', async () => {
    const t = testApp()
    expect((await t.get('/import', 'viewer')).status).toBe(403)
    const page = await (await t.get('/import', 'manager')).text()
    expect(page).toContain('open roles (requisitions) template')
    expect(page).not.toContain('salary bands template')
  })
})

describe('preview', () => {
  it('lists every problem by row and column, and writes nothing', async () => {
    const t = testApp()
    const who = t.as('admin')
    const before = t.db.serialize()
    const csv = [
      PEOPLE_HEADER,
      'E-1,Ann,Engineer,Nowhere,London,Research Engineer,L4,2027-13-01,,"$90,000",GBP,10,x',
      'E-2,Bob,Engineer,Circuits,London,Research Engineer,L4,2027-01-01,2026-12-31,90000,GBP,10,x',
      'E-1,Cy,Engineer,Circuits,London,Research Engineer,L4,2027-01-01,,90000,GBP,120,x',
    ].join('\n')
    const res = await upload(t, who, 'people', csv)
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(html).toContain('nothing was imported')
    expect(problemRows(html)).toEqual([
      ['2', 'Start Date', 'must be a date written YYYY-MM-DD'],
      [
        '2',
        'Team',
        'there is no team "Nowhere"; use one of: Interpretability, Circuits, Dictionary Learning, Model Biology, Pretraining, Inference, Platform, Recruiting',
      ],
      ['2', 'Annual Base Salary', 'has a USD symbol in a GBP row'],
      ['3', 'End Date', 'end date is before start date'],
      ['4', 'Bonus Target %', 'must be a percentage from 0 to 100, such as 15 or 12.5%'],
      ['4', 'Employee ID', 'repeats row 2'],
    ])
    expect(Buffer.compare(t.db.serialize(), before)).toBe(0)
  })

  it('names a missing column and an empty file', async () => {
    const t = testApp()
    const missing = await upload(
      t,
      'admin',
      'bands',
      'Job Family,Level,Location,Currency,Min,Max\n',
    )
    expect(missing.status).toBe(422)
    const rows = problemRows(await missing.text())
    expect(rows).toEqual([
      ['1', 'Mid', 'column is missing from the header row'],
      ['1', 'Effective From', 'column is missing from the header row'],
      ['1', '(whole row)', 'the file has no rows under the header'],
    ])
  })

  it('shows what a clean file will change, with the file to import, and writes nothing', async () => {
    const t = testApp()
    const who = t.as('finance')
    const before = t.db.serialize()
    const res = await upload(t, who, 'people', GOOD_PEOPLE)
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('No problems in 3 rows: 2 to add, 1 to change')
    expect(html).toContain('Columns not imported: Cost Centre.')
    expect(html).toContain('Priya Shah, Research Engineer')
    // the amount as typed, "£152,500.50", shown in whole pounds
    expect(html).toContain(
      'Circuits · London · Research Engineer L4 · £152,501 · from 1 March 2027',
    )
    // the file stays on the server: the confirmation names it by its key, never re-sends it
    expect(uploadOf(html)).toMatch(/^[\w-]{43}$/)
    expect(html).not.toContain('name="csv"')
    expect(html).toContain('Import 3 rows')
    expect(Buffer.compare(t.db.serialize(), before)).toBe(0)
  })

  it('reads a column written twice from its first filled cell on each row', async () => {
    const t = testApp()
    // Job Title again at the end: Priya's first is filled (kept), Sam's first is empty (the second)
    const twice = GOOD_PEOPLE.split('\n')
      .map((line, i) => `${line},${['Job Title', 'Ignored', 'Platform Engineer', 'Ignored'][i]}`)
      .join('\n')
      .replace('Sam Lee,Software Engineer,', 'Sam Lee,,')
    const html = await (await upload(t, 'finance', 'people', twice)).text()
    expect(html).toContain('No problems in 3 rows: 2 to add, 1 to change')
    expect(html).toContain('Priya Shah, Research Engineer')
    expect(html).toContain('Sam Lee, Platform Engineer')
    expect(html).not.toContain('Ignored')
  })

  it('answers htmx with the result fragment alone', async () => {
    const t = testApp()
    const form = new FormData()
    form.set('kind', 'people')
    form.set('plan', PLAN)
    form.set('file', new File([GOOD_PEOPLE], 'people.csv'))
    const res = await t.app.request(`${ORIGIN}/import/preview`, {
      method: 'POST',
      headers: { ...t.as('admin'), origin: ORIGIN, 'HX-Request': 'true' },
      body: form,
    })
    const html = await res.text()
    expect(html.startsWith('<div id="import-result"')).toBe(true)
    expect(html).not.toContain('<html')
  })
})

describe('import', () => {
  it('writes nothing when one row is bad: the database is byte-for-byte unchanged', async () => {
    const t = testApp()
    const who = t.as('admin')
    const before = t.db.serialize()
    const res = await importFile(t, who, 'people', ONE_BAD_ROW)
    expect(res.status).toBe(422)
    expect(problemRows(await res.text())).toEqual([
      [
        '3',
        'Team',
        'there is no team "Platfrom"; use one of: Interpretability, Circuits, Dictionary Learning, Model Biology, Pretraining, Inference, Platform, Recruiting',
      ],
    ])
    expect(Buffer.compare(t.db.serialize(), before)).toBe(0)
  })

  it('writes every row of a good file, keeping what the CSV does not carry', async () => {
    const t = testApp()
    const countBefore = listPositions(t.db, PLAN).length
    const helenBefore = getPosition(t.db, PLAN, 'p-001')!
    const res = await importFile(t, 'finance', 'people', GOOD_PEOPLE)
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('Imported 2 new and 1 updated position(s).')
    expect(listPositions(t.db, PLAN)).toHaveLength(countBefore + 2)

    const priya = getPosition(t.db, PLAN, 'e-2001')!.position
    expect(priya).toMatchObject({
      kind: 'filled',
      personName: 'Priya Shah',
      teamId: 'circuits',
      officeId: 'london',
      familyId: 'research-engineer',
      levelId: 'l4',
      startDate: '2027-03-01',
      endDate: null,
    })
    // "£152,500.50" -> 152500.50 exactly; "10%" -> 0.10
    expect(priya.baseSalary.toFixed(2)).toBe('152500.50')
    expect(priya.bonusTargetRate.toFixed(2)).toBe('0.10')
    const sam = getPosition(t.db, PLAN, 'e-2002')!.position
    expect([sam.officeId, sam.familyId, sam.levelId]).toEqual([
      'san-francisco',
      'software-engineer',
      'l5',
    ])
    expect(sam.baseSalary.toFixed(2)).toBe('245000.00')

    const helen = getPosition(t.db, PLAN, 'p-001')!
    expect(helen.version).toBe(helenBefore.version + 1)
    expect(helen.position.baseSalary.toFixed(2)).toBe('405000.00')
    // her equity grant is not in the CSV and stays as it was
    expect(helen.position.equityGrants).toEqual(helenBefore.position.equityGrants)

    // the pages read the new store: the projection includes the new people
    const page = await (await t.get('/positions?team=circuits', 'finance')).text()
    expect(page).toContain('Priya Shah')
    const audit = t.db
      .prepare("SELECT after_json FROM audit_events WHERE action = 'import.people'")
      .get() as { after_json: string }
    expect(JSON.parse(audit.after_json)).toEqual({ added: 2, updated: 1, proposed: 0 })
  })

  it('imports open roles, a backfill naming a role earlier in the same file', async () => {
    const t = testApp()
    const csv = [
      'Req ID,Job Title,Team,Location,Job Family,Level,Status,Reason,Backfill Of,Target Start Date,Approval Date,Base Salary,Currency',
      'REQ-9,Research Engineer,Inference,New York,Research Engineer,L4,Approved,Net new,,2027-05-01,,"$210,000",USD',
      'REQ-10,Research Engineer,Inference,New York,Research Engineer,L4,On hold,Backfill,REQ-9,,2027-01-10,210000,USD',
    ].join('\n')
    const res = await importFile(t, 'admin', 'positions', csv)
    expect(res.status).toBe(200)
    expect(getPosition(t.db, PLAN, 'req-9')!.position).toMatchObject({
      kind: 'open',
      status: 'approved',
      reason: 'net_new',
      targetStartDate: '2027-05-01',
    })
    expect(getPosition(t.db, PLAN, 'req-10')!.position).toMatchObject({
      status: 'on_hold',
      reason: 'backfill',
      backfillOfPositionId: 'req-9',
      targetStartDate: null,
      approvalDate: '2027-01-10',
    })
  })

  it("gives a new role the plan's hiring-cost policy unless the file sets its own", async () => {
    const t = testApp()
    // The demo plan's policy: Team Managers at M1 in London, all hired through an agency at 20%.
    const csv = [
      'Req ID,Job Title,Team,Location,Job Family,Level,Status,Reason,Target Start Date,Base Salary,Currency,Expected Agency Fee %,Relocation,Visa',
      'REQ-20,Team Manager,Interpretability,London,Team Manager,M1,Open,Net new,2027-06-01,265000,GBP,,,',
      'REQ-21,Team Manager,Interpretability,London,Team Manager,M1,Open,Net new,2027-06-01,265000,GBP,5,"£12,000",UK skilled worker',
    ].join('\n')
    const res = await importFile(t, 'admin', 'positions', csv)
    expect(res.status).toBe(200)
    const hiring = (id: string) => {
      const h = getPosition(t.db, PLAN, id)!.position.hiring
      return [h.agencyFeeRate?.toFixed() ?? null, h.relocation.toFixed(2), h.visa]
    }
    expect(hiring('req-20')).toEqual(['0.2', '0.00', 'none'])
    expect(hiring('req-21')).toEqual(['0.05', '12000.00', 'uk_skilled_worker'])
  })

  it("gives a new role its level's bonus and new-hire grant when the file leaves the bonus empty", async () => {
    const t = testApp()
    // M1 Manager (demo levels): 15% bonus, a $300,000 new-hire grant on the target start
    const csv = [
      'Req ID,Job Title,Team,Location,Job Family,Level,Status,Reason,Target Start Date,Base Salary,Currency,Bonus Target %',
      'REQ-40,Team Manager,Interpretability,London,Team Manager,M1,Open,Net new,2027-06-01,265000,GBP,',
      'REQ-41,Team Manager,Interpretability,London,Team Manager,M1,Open,Net new,2027-06-01,265000,GBP,12',
      'r-101,Team Manager,Interpretability,London,Team Manager,M1,Open,Net new,2027-06-01,265000,GBP,',
    ].join('\n')
    const storedBonus = getPosition(t.db, PLAN, 'r-101')!.position.bonusTargetRate.toFixed()
    const res = await importFile(t, 'admin', 'positions', csv)
    expect(res.status).toBe(200)
    const role = (id: string) => getPosition(t.db, PLAN, id)!.position
    expect(role('req-40').bonusTargetRate.toFixed()).toBe('0.15')
    expect(role('req-40').equityGrants.map((g) => [g.grantDate, g.valueUsd.toFixed(2)])).toEqual([
      ['2027-06-01', '300000.00'],
    ])
    expect(role('req-41').bonusTargetRate.toFixed()).toBe('0.12')
    // a stored role keeps its own bonus and grants
    expect(role('r-101').bonusTargetRate.toFixed()).toBe(storedBonus)
    expect(role('r-101').equityGrants).toEqual([])
  })

  it('refuses an agency fee over 100% naming the row and column, and writes nothing', async () => {
    const t = testApp()
    const before = listPositions(t.db, PLAN).length
    const csv = [
      'Req ID,Job Title,Team,Location,Job Family,Level,Status,Reason,Base Salary,Currency,Expected Agency Fee %',
      'REQ-30,Team Manager,Interpretability,London,Team Manager,M1,Open,Net new,265000,GBP,150',
    ].join('\n')
    const res = await upload(t, 'admin', 'positions', csv)
    expect(res.status).toBe(422)
    expect(problemRows(await res.text())).toEqual([
      ['2', 'Expected Agency Fee %', 'must be a percentage from 0 to 100, such as 15 or 12.5%'],
    ])
    expect(listPositions(t.db, PLAN)).toHaveLength(before)
  })

  it('lets a manager import roles only in their teams', async () => {
    const t = testApp()
    const who = t.as('manager')
    const before = t.db.serialize()
    const csv = [
      'Requisition ID,Job Title,Team,Location,Job Family,Level,Status,Reason,Target Start Date,Annual Base Salary,Currency',
      'REQ-1,Research Scientist,Circuits,London,Research Scientist,L4,Open,Net new,2027-06-01,180000,GBP',
      'REQ-2,Research Scientist,Platform,London,Research Scientist,L4,Open,Net new,2027-06-01,180000,GBP',
    ].join('\n')
    const res = await importFile(t, who, 'positions', csv)
    expect(res.status).toBe(422)
    // Circuits is a subteam of the manager's Interpretability; Platform is not theirs
    expect(problemRows(await res.text())).toEqual([
      ['3', 'Team', 'you cannot change positions in Platform'],
    ])
    expect(Buffer.compare(t.db.serialize(), before)).toBe(0)
    expect((await importFile(t, 'manager', 'bands', 'x')).status).toBe(403)
  })

  it('adds a band, corrects the one in force and adds a later version, all at once', async () => {
    const t = testApp()
    const csv = [
      'Job Family,Level,Location,Currency,Min,Mid,Max,Effective From,Notes',
      'Research Scientist,L3,London,GBP,"£110,000","£130,000","£150,000",2027-04-01,new',
      'Research Scientist,L4,London,GBP,155000,182000,212000,2026-01-01,correction',
      'Research Scientist,L4,San Francisco,USD,"$250,000","$290,000","$330,000",2027-04-01,raise',
    ].join('\n')
    const preview = await upload(t, 'finance', 'bands', csv)
    expect(preview.status).toBe(200)
    const html = await preview.text()
    expect(html).toContain('Research Scientist L3, London')
    expect(html).toContain('£110,000 / £130,000 / £150,000 from 1 April 2027')
    expect(html).toContain('Correct the band in force')
    expect(html).toContain('New version')

    expect((await importFile(t, 'finance', 'bands', csv)).status).toBe(200)
    const bands = new Map(readSalaryBands(t.db).map((b) => [b.id, b]))
    const range = (id: string) => {
      const b = bands.get(id)!
      return [b.min, b.mid, b.max].map((d) => d.toFixed(2))
    }
    expect(range('research-scientist-l3-london-2027-04-01')).toEqual([
      '110000.00',
      '130000.00',
      '150000.00',
    ])
    expect(range('research-scientist-l4-london')).toEqual(['155000.00', '182000.00', '212000.00'])
    expect(range('research-scientist-l4-san-francisco-2027-04-01')).toEqual([
      '250000.00',
      '290000.00',
      '330000.00',
    ])
    // the San Francisco band from 2026 is kept as history
    expect(bands.has('research-scientist-l4-san-francisco')).toBe(true)
  })

  it('refuses a band that would not be in force, and a range out of order', async () => {
    const t = testApp()
    const csv = [
      'Job Family,Level,Location,Currency,Min,Mid,Max,Effective From',
      'Research Scientist,L4,London,GBP,150000,180000,210000,2025-06-01',
      'Research Scientist,L5,London,GBP,250000,200000,300000,2026-01-01',
      'Research Scientist,L5,Seattle,GBP,250000,260000,300000,2027-01-01',
    ].join('\n')
    const res = await importFile(t, 'admin', 'bands', csv)
    expect(res.status).toBe(422)
    expect(problemRows(await res.text())).toEqual([
      [
        '2',
        'Effective From',
        'the band has a version in force from 2026-01-01; only that one can be corrected, or a later one added',
      ],
      ['3', 'Min', 'band must have min &lt;= mid &lt;= max and min &lt; max'],
      ['4', 'Currency', 'Seattle pays in USD'],
    ])
  })
})

describe('imports follow the rules of the forms they mirror', () => {
  /** p-001 (Helen Okafor, Interpretability, £393,000) paid £999,999, and a new role in Circuits. */
  const RAISE = [
    PEOPLE_HEADER,
    'p-001,Helen Okafor,Head of Interpretability,Interpretability,London,Team Manager,M2,2022-03-01,,999999,GBP,15,CC-01',
  ].join('\n')
  const NEW_ROLE = [
    'Requisition ID,Job Title,Team,Location,Job Family,Level,Status,Reason,Target Start Date,Annual Base Salary,Currency',
    'REQ-1,Research Scientist,Circuits,London,Research Scientist,L4,Open,Net new,2027-06-01,180000,GBP',
  ].join('\n')
  const pending = (t: TestApp) =>
    t.db.prepare("SELECT position_id, kind FROM proposals WHERE status = 'pending'").all()

  it("makes a manager's salary change a proposal, as the edit form does, and the preview says so", async () => {
    const t = testApp()
    const manager = t.as('manager')
    const preview = await (await upload(t, manager, 'people', RAISE)).text()
    expect(preview).toContain('1 of these row will be proposals')
    expect(preview).toContain('Update: proposal for approval')
    const res = await importFile(t, manager, 'people', RAISE)
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('1 sent for approval as proposals')
    // the plan is unchanged: £393,000 still, and the £999,999 waits as a proposal
    expect(getPosition(t.db, PLAN, 'p-001')!.position.baseSalary.toFixed(2)).toBe('393000.00')
    expect(pending(t)).toEqual([{ position_id: 'p-001', kind: 'change' }])
    const audit = t.db
      .prepare("SELECT action FROM audit_events WHERE action LIKE 'proposal.%'")
      .pluck()
      .all()
    expect(audit).toEqual(['proposal.create'])
  })

  it("makes a manager's new role a proposal, and leaves an approver's import applied at once", async () => {
    const t = testApp()
    expect((await importFile(t, 'manager', 'positions', NEW_ROLE)).status).toBe(200)
    expect(getPosition(t.db, PLAN, 'req-1')).toBeNull()
    expect(pending(t)).toEqual([{ position_id: 'req-1', kind: 'new_role' }])
    const leadership = testApp()
    expect((await importFile(leadership, 'leadership', 'positions', NEW_ROLE)).status).toBe(200)
    expect(getPosition(leadership.db, PLAN, 'req-1')).not.toBeNull()
    expect(pending(leadership)).toEqual([])
  })

  it("makes finance's pay above the band a proposal for leadership, as the pay form does", async () => {
    const t = testApp()
    expect((await importFile(t, 'finance', 'people', RAISE)).status).toBe(200)
    expect(getPosition(t.db, PLAN, 'p-001')!.position.baseSalary.toFixed(2)).toBe('393000.00')
    const changed = t.db.prepare('SELECT changed_json FROM proposals').pluck().get()
    expect(JSON.parse(changed as string)).toEqual(['payChange'])
  })
})

describe('the checked file', () => {
  it('is imported as checked without being sent again, even at 3.5 MB', async () => {
    const t = testApp()
    // 3.5 MB, most of it in a column the import ignores (notes): URL-encoded in a form field, as
    // the confirm step used to send it, it came to more than the 4 MB body limit (413)
    const notes = 'Notes; kept; in the HR system, not here. '.repeat(400)
    const rows = Array.from(
      { length: 200 },
      (_, i) =>
        `E-${i},Person ${i},Research Engineer,Circuits,London,Research Engineer,L4,2027-03-01,,150000,GBP,10,"${notes}"`,
    )
    const csv = [PEOPLE_HEADER.replace('Cost Centre', 'Notes'), ...rows].join('\n')
    expect(csv.length).toBeGreaterThan(3_200_000)
    expect(encodeURIComponent(csv).length).toBeGreaterThan(4 * 1024 * 1024)
    const res = await importFile(t, 'admin', 'people', csv)
    expect(res.status).toBe(200)
    expect(getPosition(t.db, PLAN, 'e-199')).not.toBeNull()
  }, 120_000)

  it('is kept for its user only, and for 30 minutes: later the import asks for it again', async () => {
    const t = testApp()
    const preview = await upload(t, 'admin', 'people', GOOD_PEOPLE)
    const hash = uploadOf(await preview.text())!
    const leadership = t.as('leadership')
    const written = () =>
      t.db
        .prepare('SELECT (SELECT COUNT(*) FROM positions) + (SELECT COUNT(*) FROM audit_events)')
        .pluck()
        .get()
    const before = written()
    const other = await postForm(t.app, '/import', { upload: hash }, leadership)
    expect(other.status).toBe(422)
    expect(await other.text()).toContain('choose it and check it again')
    t.setNow(new Date(Date.parse('2027-01-15T12:00:00Z') + 30 * 60_000 + 1))
    // signed in afresh: a session left idle this long has ended on its own
    const late = await postForm(t.app, '/import', { upload: hash }, t.as('admin'))
    expect(late.status).toBe(422)
    expect(problemRows(await late.text())).toEqual([
      [
        '0',
        'file',
        'The checked file is no longer kept (files wait 30 minutes for their import): choose it and check it again.',
      ],
    ])
    expect(written()).toBe(before)
  })
})

describe('a large file beside other users', () => {
  /** GOOD_PEOPLE and `n` more new people in London. */
  const manyPeople = (n: number) =>
    [
      GOOD_PEOPLE,
      ...Array.from(
        { length: n },
        (_, i) =>
          `E-${5000 + i},Person ${i},Research Engineer,Circuits,London,Research Engineer,L4,2027-03-01,,150000,GBP,10,CC-12`,
      ),
    ].join('\n')

  it('is checked in steps, other requests answered between them, its first 500 rows listed', async () => {
    const t = testApp()
    const { value: res, turns } = await withTurns(upload(t, 'admin', 'people', manyPeople(5000)))
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('No problems in 5003 rows: 5002 to add, 1 to change')
    expect(html).toContain('The first 500 of 5003 rows are listed; the import writes all of them.')
    const listed = html.slice(html.indexOf('id="import-preview"'))
    expect(listed.slice(0, listed.indexOf('</tbody>')).match(/<tr>/g)).toHaveLength(1 + 500)
    expect(html).toContain('Import 5003 rows')
    // 5,000 rows: parsed in pieces of 64 kB and read a hundred rows at a time
    expect(turns).toBeGreaterThanOrEqual(10)
  }, 120_000)

  it('is checked again when the workspace changed while it was checked', async () => {
    const t = testApp()
    const admin = t.as('admin')
    const hash = uploadOf(await (await upload(t, admin, 'people', manyPeople(5000))).text())!
    // while the import checks the file, another user adds a person the file names as new
    const helen = getPosition(t.db, PLAN, 'p-001')!.position
    if (helen.kind !== 'filled') throw new Error('p-001 is Helen Okafor, a filled position')
    const { value: res } = await withTurns(
      postForm(t.app, '/import', { upload: hash }, admin),
      (turn) => {
        if (turn === 6) createPosition(t.db, PLAN, { ...helen, id: 'e-5000', personName: 'Early' })
      },
    )
    expect(res.status).toBe(200)
    // checked against the store as written: E-5000 is an update now (checked once, the page
    // would say 5,002 new and 1 updated)
    expect(await res.text()).toContain('Imported 5001 new and 2 updated')
    expect(getPosition(t.db, PLAN, 'e-5000')!.position).toMatchObject({ personName: 'Person 0' })
  }, 120_000)
})
