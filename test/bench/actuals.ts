/**
 * `npx tsx test/bench/actuals.ts [positions]`: the roster sync and the payroll import on a
 * generated workspace of `positions` (50,000 unless given), in process (app.request, no sockets,
 * a database file as the server has):
 * a roster export of every filled position (one in a hundred with a raise), its check and its
 * apply; a month of payroll for the same people, its check and its import. For each request, its
 * wall time and the longest stretch it kept every other request waiting (stall.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FilledPosition } from '../../src/domain/model.ts'
import { benchApp } from './in-process.ts'
import { stallMeter } from './stall.ts'

const SIZE = Number(process.argv[2] ?? 50_000)
const dir = mkdtempSync(join(tmpdir(), 'planner-actuals-'))
process.on('exit', () => rmSync(dir, { recursive: true, force: true }))
const { app, doc, signedIn } = benchApp(SIZE, join(dir, 'planner.sqlite'))
const plan = doc.plans[0]!
const origin = 'http://localhost'
const headers = { ...signedIn, origin }

const meter = stallMeter()
const { rows } = meter
/** A request's answer as text, timed with its longest stall. */
const measure = async (name: string, request: () => Response | Promise<Response>) =>
  new TextDecoder().decode(await meter.measure(name, request, true))

const post = (path: string, body: URLSearchParams) => () =>
  app.request(`${origin}${path}`, { method: 'POST', headers, body })
/**
 * A file upload as the browser sends it, encoded before the request is timed: in use a browser
 * elsewhere builds the multipart body, so only the server's reading of it counts.
 */
async function upload(path: string, fields: Record<string, string>, csv: string) {
  const form = new FormData()
  for (const [k, v] of Object.entries(fields)) form.set(k, v)
  form.set('file', new Blob([csv], { type: 'text/csv' }), 'file.csv')
  const encoded = new Request(`${origin}${path}`, { method: 'POST', body: form })
  const body = new Uint8Array(await encoded.arrayBuffer())
  // a browser's upload says its length, so the body limit is checked without reading it first
  const type = {
    'content-type': encoded.headers.get('content-type')!,
    'content-length': String(body.length),
  }
  return () =>
    app.request(`${origin}${path}`, { method: 'POST', headers: { ...headers, ...type }, body })
}
const hidden = (html: string, name: string) =>
  new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? ''

const nameOf = <T extends { id: string; name: string }>(items: readonly T[]) => {
  const names = new Map(items.map((x) => [x.id, x.name]))
  return (id: string) => names.get(id)!
}
const team = nameOf(doc.teams)
const office = nameOf(doc.offices)
const family = nameOf(doc.jobFamilies)
const level = new Map(doc.levels.map((l) => [l.id, l.code]))
const currency = new Map(doc.offices.map((o) => [o.id, o.currency]))
const filled = plan.positions.filter((p): p is FilledPosition => p.kind === 'filled')

const roster = [
  'Employee ID,Name,Job Title,Team,Office,Job Family,Level,Start Date,End Date,Annual Salary,Currency,Requisition ID',
  ...filled.map((p, i) =>
    [
      p.id,
      p.personName,
      p.title,
      team(p.teamId),
      office(p.officeId),
      family(p.familyId),
      level.get(p.levelId),
      p.startDate,
      p.endDate ?? '',
      i % 100 === 0 ? p.baseSalary.times(1.05).toFixed(0) : p.baseSalary.toFixed(0),
      currency.get(p.officeId),
      '',
    ].join(','),
  ),
].join('\n')
const asOf = new Date().toISOString().slice(0, 10)
const rosterFields = { preset: 'template', plan: plan.id, asOf }
const checked = await measure(
  `roster check (${filled.length.toLocaleString('en-GB')} rows)`,
  await upload('/actuals/roster/preview', rosterFields, roster),
)
await measure('roster apply', () =>
  post('/actuals/roster', new URLSearchParams({ ...rosterFields, key: hidden(checked, 'key') }))(),
)

const month = asOf.slice(0, 7)
const payroll = [
  'Employee ID,Pay Period,Currency,Salary,Employer NIC,Employer Pension,Benefits',
  ...filled.map((p) => {
    const monthly = p.baseSalary.dividedBy(12).toFixed(2)
    return `${p.id},${month},${currency.get(p.officeId)},${monthly},100.00,50.00,25.00`
  }),
].join('\n')
const payrollChecked = await measure(
  `payroll check (${filled.length.toLocaleString('en-GB')} rows)`,
  await upload('/actuals/payroll/preview', { plan: plan.id }, payroll),
)
await measure('payroll import', () =>
  post(
    '/actuals/payroll',
    new URLSearchParams({ plan: plan.id, key: hidden(payrollChecked, 'key') }),
  )(),
)
await measure('projection with a closed month', () =>
  app.request(`${origin}/projection?plan=${plan.id}`, { headers }),
)

meter.stop()
console.log(`${SIZE.toLocaleString('en-GB')} positions, ${filled.length} filled`)
console.table(rows)
