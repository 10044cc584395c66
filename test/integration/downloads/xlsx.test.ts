/**
 * Every .xlsx download read back with a spreadsheet reader (read-excel-file) says what the CSV of
 * the same view says: the same rows, the same text, the same amounts to the penny, months as
 * dates. The workbook's XML shows the frozen header row and the currency formats, and a text cell
 * starting with "=" is stored as text, never as a formula.
 */
import { parse } from 'csv-parse/sync'
import { unzipSync } from 'fflate'
import readXlsxFile from 'read-excel-file/node'
import { describe, expect, it } from 'vitest'
import { recordAudit } from '../../../src/db/repos/audit.ts'
import { type TestApp, TODAY, testApp } from '../../helpers/web.ts'

async function download(t: TestApp, path: string, role: 'finance' | 'admin' = 'finance') {
  const res = await t.get(path, role)
  expect(res.status, path).toBe(200)
  return res
}

const csvOf = async (t: TestApp, path: string) =>
  parse(await (await download(t, path)).text()) as string[][]

async function sheetsOf(t: TestApp, path: string, role: 'finance' | 'admin' = 'finance') {
  const res = await download(t, path, role)
  expect(res.headers.get('content-type')).toContain('spreadsheetml')
  const bytes = Buffer.from(await res.arrayBuffer())
  return { bytes, sheets: await readXlsxFile(bytes) }
}

/** A read-back cell as the CSV writes it: amounts with two decimals, months as YYYY-MM. */
function asCsv(cell: unknown, kind: 'text' | 'money' | 'month'): string {
  if (cell === null || cell === undefined) return ''
  if (kind === 'money') return (cell as number).toFixed(2)
  if (kind === 'month') return (cell as Date).toISOString().slice(0, 7)
  return String(cell)
}

/** The workbook's XML files, by path. */
function xmlOf(bytes: Buffer): Record<string, string> {
  const files = unzipSync(new Uint8Array(bytes))
  return Object.fromEntries(
    Object.entries(files).map(([k, v]) => [k, Buffer.from(v).toString('utf8')]),
  )
}

describe('Excel downloads', () => {
  it('the projection workbook: every line, and the cost by team, equal to the CSVs', async () => {
    const t = testApp()
    const base = '/api/v1/plans/fy2027/projection'
    const { bytes, sheets } = await sheetsOf(t, `${base}.xlsx`)
    expect(sheets.map((s) => s.sheet)).toEqual([
      'Lines',
      'By team',
      'By office',
      'By component',
      'By period',
    ])

    const lines = await csvOf(t, `${base}.csv`)
    const sheet = sheets[0]!.data
    expect(sheet.length).toBe(lines.length)
    expect(sheet[0]).toEqual(lines[0])
    const kinds = lines[0]!.map((h) =>
      h.endsWith('Amount') ? 'money' : h === 'month' ? 'month' : 'text',
    ) as ('text' | 'money' | 'month')[]
    for (let r = 1; r < lines.length; r++) {
      expect(sheet[r]!.map((cell, i) => asCsv(cell, kinds[i]!))).toEqual(lines[r])
    }

    const byTeam = await csvOf(t, `${base}.csv?aggregate=team`)
    const teamSheet = sheets[1]!.data
    expect(teamSheet.length).toBe(byTeam.length)
    for (let r = 1; r < byTeam.length; r++) {
      const kind = (i: number) => (i === 6 ? 'money' : 'text')
      expect(teamSheet[r]!.map((cell, i) => asCsv(cell, kind(i)))).toEqual(byTeam[r])
    }

    const xml = xmlOf(bytes)
    // the header row is frozen on each sheet, amounts carry their currency's format
    expect(xml['xl/worksheets/sheet1.xml']).toMatch(/<pane [^>]*ySplit="1"[^>]*state="frozen"/)
    expect(xml['xl/styles.xml']).toContain('&quot;£&quot;#,##0.00')
    expect(xml['xl/styles.xml']).toContain('&quot;$&quot;#,##0.00')
    // thousands of lines read back one by one: more than the default test time on a busy machine
  }, 60_000)

  it('the dashboard cost table: its grouping first, the same figures as its CSV', async () => {
    const t = testApp()
    const q = 'groupBy=office&period=quarter'
    const csv = await csvOf(t, `/projection/table.csv?${q}`)
    const { sheets } = await sheetsOf(t, `/projection/table.xlsx?${q}`)
    expect(sheets.map((s) => s.sheet)).toEqual(['By office', 'By team', 'By component'])
    const data = sheets[0]!.data
    expect(data[0]).toEqual(csv[0])
    expect(data.length).toBe(csv.length)
    for (let r = 1; r < csv.length; r++) {
      expect(data[r]!.map((cell, i) => asCsv(cell, i === 0 ? 'text' : 'money'))).toEqual(csv[r])
    }
    // the last row is the total, and it is the sum of the rows above it, to the penny
    const pennies = (x: unknown) => Math.round((x as number) * 100)
    const total = data.at(-1)!
    expect(total[0]).toBe('Total')
    const sum = data.slice(1, -1).reduce((a, row) => a + pennies(row.at(-1)), 0)
    expect(pennies(total.at(-1))).toBe(sum)
  })

  it('the audit trail: a name starting with "=" stays text (the CSV quotes it with an apostrophe)', async () => {
    const t = testApp()
    const admin = t.user('admin')
    t.db
      .prepare('UPDATE users SET name = ? WHERE id = ?')
      .run('=HYPERLINK("http://x","y")', admin.id)
    recordAudit(
      t.db,
      { userId: admin.id, action: 'position.update', entityType: 'position', entityId: 'p-001' },
      TODAY,
    )
    const csv = await csvOf(t, '/audit.csv')
    const { bytes, sheets } = await sheetsOf(t, '/audit.xlsx')
    const data = sheets[0]!.data
    expect(data[0]).toEqual(csv[0])
    expect(csv[1]![1]).toBe('\'=HYPERLINK("http://x","y")')
    expect(data[1]![1]).toBe('=HYPERLINK("http://x","y")')
    expect((data[1]![0] as unknown as Date).toISOString()).toBe(csv[1]![0])
    const sheetXml = xmlOf(bytes)['xl/worksheets/sheet1.xml']!
    expect(sheetXml).not.toContain('<f>')
    // finance may read the audit trail; a viewer may not, in either format
    expect((await t.get('/audit.xlsx', 'viewer')).status).toBe(403)
    expect((await t.get('/api/v1/plans/fy2027/projection.xlsx', 'viewer')).status).toBe(403)
  })
})
