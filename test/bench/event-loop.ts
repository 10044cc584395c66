/**
 * `npm run bench:event-loop [positions]`: the longest time each heavy request holds the event
 * loop, in process (app.request, no sockets, a database file as the server has), on a generated
 * workspace of `positions` (10,000 unless given) x 24 months: the first dashboard after a start,
 * the grand-total explanation, the whole projection CSV, a 30,000-row people import check, the
 * workspace export and its import. While a request runs, a timer due every millisecond records
 * how late it fires: the largest lateness is the longest stretch no other user could be
 * answered. Prints each request's wall time and longest stall.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { benchApp } from './in-process.ts'
import { stallMeter } from './stall.ts'

const SIZE = Number(process.argv[2] ?? 10_000)
const IMPORT_ROWS = 30_000
const dir = mkdtempSync(join(tmpdir(), 'planner-event-loop-'))
process.on('exit', () => rmSync(dir, { recursive: true, force: true }))
const { app, db, doc, signedIn } = benchApp(SIZE, join(dir, 'planner.sqlite'))
const plan = doc.plans[0]!
const origin = 'http://localhost'
const headers = { ...signedIn, origin }

const { measure, rows, stop } = stallMeter()
/** A body as a socket delivers it: 64 kB at a time. */
const inPieces = (bytes: Uint8Array) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (let at = 0; at < bytes.length; at += 65_536)
        controller.enqueue(bytes.subarray(at, at + 65_536))
      controller.close()
    },
  })
const get = (path: string) => () => app.request(`${origin}${path}`, { headers })
const api = `/api/v1/plans/${plan.id}`

await measure('first dashboard after a start', get('/projection'))
await measure('grand-total explanation', get('/projection/explain'))
await measure('whole projection CSV (API)', get(`${api}/projection.csv`))
const template = await (await get('/import/people/template.csv')()).text()
const [header, example] = template.trim().split(/\r?\n/)
const people = [header!]
for (let i = 0; i < IMPORT_ROWS; i++) {
  people.push(example!.replace('E1001', `E${100000 + i}`).replace('Alex Example', `Person ${i}`))
}
await measure(`people import check (${IMPORT_ROWS.toLocaleString('en-GB')} rows)`, () => {
  const form = new FormData()
  form.set('kind', 'people')
  form.set('file', new Blob([`${people.join('\n')}\n`], { type: 'text/csv' }), 'people.csv')
  return app.request(`${origin}/import/preview`, { method: 'POST', headers, body: form })
})
const document = await measure('workspace export (API)', get('/api/v1/workspace'), true)
await measure('workspace import of that export (API)', () =>
  app.request(`${origin}/api/v1/workspace`, {
    method: 'POST',
    // its length said, as a client's upload says it (the body limit then reads no extra copy), and
    // in pieces as a socket delivers it, not one 33 MB buffer for the request to copy
    headers: {
      ...headers,
      'content-type': 'application/json',
      'content-length': String(document.length),
    },
    body: inPieces(document),
    duplex: 'half',
  }),
)
await measure('dashboard after the import', get('/projection'))
stop()
console.log(`${SIZE.toLocaleString('en-GB')} positions x 24 months, in process`)
console.table(rows)
db.close()
