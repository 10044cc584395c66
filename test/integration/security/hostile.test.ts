/**
 * The "Done when" security checks of issue 5, over every route or form rather than a sample:
 * a cross-site POST is refused, script payloads come back escaped, a stale edit gets 409 and
 * changes nothing, and no password or salary reaches the log. (Login slowing after repeated
 * failures: test/integration/auth/sessions.test.ts, "login throttling".)
 */
import { describe, expect, it } from 'vitest'
import { listPositions } from '../../../src/db/repos/positions.ts'
import { ROLES } from '../../../src/db/repos/users.ts'
import { toFixed2 } from '../../../src/domain/money.ts'
import { readForms } from '../../fuzz/harness.ts'
import { ORIGIN, postForm, TEST_PASSWORD, type TestApp, testEmail } from '../../helpers/web.ts'
import { pageForms, pathFor, routeWorld, teamed, typedInto, withField } from './fixtures.ts'

/** Forms that act without input (sign out, revoke, disable): nothing typed, nothing to escape. */
const BODILESS = /\/logout$|\/revoke$|\/(disable|enable)$|\/password$/

const PAYLOADS = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>']

/** Markup a payload would leave in a page had it not been escaped. */
const RAW = ['<script>alert(1)', '<img src=x onerror', '"><img']

/** Fields any short text is a fine value for. */
const FREE_TEXT = new Set(['name', 'title', 'note', 'comment', 'source', 'description'])

const dump = (t: TestApp) => t.db.serialize()

/** Bodies of every kind a page on another site can send, or a script with a stolen cookie. */
const CROSS_SITE_BODIES: [string | undefined, string][] = [
  ['application/x-www-form-urlencoded', 'name=x&version=1'],
  [
    'multipart/form-data; boundary=b',
    '--b\r\nContent-Disposition: form-data; name="name"\r\n\r\nx\r\n--b--\r\n',
  ],
  ['text/plain', 'name=x&version=1'],
  ['application/json', '{"name":"x","version":1}'],
  ['application/xml', '<name>x</name>'],
  [undefined, 'name=x&version=1'],
]

describe('cross-site requests', () => {
  it('refuses a cross-site POST of any content type to every POST route with 403, writing nothing', async () => {
    const { t, fill, routes } = await routeWorld()
    const posts = routes.filter((k) => k.startsWith('POST '))
    expect(posts.length).toBeGreaterThan(20)
    const admin = t.as('admin')
    await t.app.request(`${ORIGIN}/`, { headers: admin }) // settles the session's last-seen
    // paths first: naming a token creates it
    const paths = posts.map((key) => [key, pathFor(key, 'own', fill, 'admin')] as const)
    const before = dump(t)
    const wrong: string[] = []
    let sent = 0
    for (const [key, path] of paths) {
      const sites: Record<string, string>[] = [
        { origin: 'https://evil.example' },
        { 'sec-fetch-site': 'cross-site' },
        { origin: 'null' },
        {}, // neither header: not a browser on our pages
      ]
      for (const site of sites) {
        for (const [type, body] of CROSS_SITE_BODIES) {
          const res = await t.app.request(`${ORIGIN}${path}`, {
            method: 'POST',
            headers: { ...admin, ...(type && { 'content-type': type }), ...site },
            body,
          })
          sent++
          if (res.status !== 403)
            wrong.push(`${key} ${type} ${JSON.stringify(site)}: ${res.status}`)
        }
      }
    }
    expect(wrong).toEqual([])
    expect(sent).toBe(posts.length * 4 * CROSS_SITE_BODIES.length)
    expect(Buffer.compare(dump(t), before)).toBe(0)
  })
})

describe('script payloads', () => {
  it('come back escaped from every text field of every form, and on every page afterwards', async () => {
    const { t, fill, routes } = await routeWorld()
    const forms = (await pageForms(t)).filter((f) => !BODILESS.test(f.action))
    const fields = forms.flatMap((f) => f.textFields.map((name) => `${f.action} ${name}`))
    // the forms people type into: roles, scenarios, rates, users, tokens, approvals, sign-in...
    expect(fields.length).toBeGreaterThan(15)
    const leaks: string[] = []
    const admin = t.as('admin')
    const look = async (where: string, res: Response) => {
      const html = await res.text()
      const type = res.headers.get('content-type') ?? ''
      if (!type.includes('html')) return
      for (const raw of RAW) if (html.includes(raw)) leaks.push(`${where}: ${raw}`)
      const next = res.headers.get('location') ?? res.headers.get('hx-redirect')
      if (next?.startsWith('/')) await look(`${where} -> ${next}`, await t.get(next, 'admin'))
    }
    for (const form of forms) {
      for (const name of form.textFields) {
        for (const payload of PAYLOADS) {
          const body = withField(form.body, name, payload)
          const signedIn = form.action === '/login' ? {} : admin
          const res = await postForm(t.app, form.action, new URLSearchParams(body), signedIn)
          expect(res.status, `${form.action} ${name}`).toBeLessThan(500)
          await look(`${form.action} ${name}`, res)
        }
      }
    }
    // whatever was stored shows escaped wherever it is shown
    for (const key of routes.filter((k) => k.startsWith('GET '))) {
      const path = pathFor(key, 'own', fill, 'admin')
      await look(key, await t.get(path, 'admin'))
    }
    expect(leaks).toEqual([])
    // and some of them were stored: the payloads are not merely refused
    const titles = listPositions(t.db, 'fy2027').map((p) => p.position.title)
    expect(titles.filter((x) => PAYLOADS.includes(x)).length).toBeGreaterThan(0)
  })
})

describe('stale edits', () => {
  it('every form carrying a version answers an out-of-date one 409 and changes nothing', async () => {
    const { t } = await routeWorld()
    const admin = t.as('admin')
    /** The page's form for `action` as it stands now (every save moves a version on). */
    const fresh = async (page: string, action: string) =>
      readForms(await (await t.get(page, 'admin')).text()).find((f) => f.action === action)!
    // decisions first: a proposal whose role is edited later is rightly refused at once
    const versioned = (await pageForms(t))
      .filter((f) => f.names.includes('version'))
      .sort((a, b) => Number(b.page === '/approvals') - Number(a.page === '/approvals'))
    const wrong: string[] = []
    const checked = new Set<string>()
    for (const { page, action } of versioned) {
      if (checked.has(action)) continue
      checked.add(action)
      // two people open the same form; one saves it (its record's version moves on) ...
      const form = await fresh(page, action)
      const body = typedInto(action, form.body)
      const first = await postForm(t.app, action, new URLSearchParams(body), admin)
      if (first.status >= 400) {
        wrong.push(`${action}: the first save answered ${first.status}`)
        continue
      }
      // ... then the other sends theirs, with a change of their own where there is free text
      const before = dump(t)
      const text = form.textFields.find((f) => FREE_TEXT.has(f))
      const stale = text ? withField(body, text, 'A later, stale edit') : body
      const res = await postForm(t.app, action, new URLSearchParams(stale), admin)
      if (res.status !== 409) wrong.push(`${action}: ${res.status}, want 409`)
      if (Buffer.compare(dump(t), before) !== 0) wrong.push(`${action}: the store changed`)
    }
    expect(wrong).toEqual([])
    // roles (edit), bands, rates, assumptions, approvals, and a scenario's four forms
    const kinds = new Set([...checked].map((a) => a.replace(/\/[^/]*\d[^/]*/g, '/:id')))
    expect(kinds.size, [...kinds].join(' ')).toBeGreaterThanOrEqual(9)
  })
})

describe('the log', () => {
  it('holds no password and no salary after every page is opened as every role', async () => {
    const { t, fill, routes } = await routeWorld()
    const WRONG_PASSWORD = 'Tr0ub4dor&3-wrong'
    let requests = 0
    for (const role of ROLES) {
      // sign in through the form, once wrongly
      for (const password of [WRONG_PASSWORD, TEST_PASSWORD]) {
        await postForm(t.app, '/login', { email: testEmail(role), password }, {})
        requests++
      }
      for (const key of routes.filter((k) => k.startsWith('GET '))) {
        for (const side of teamed(key) ? (['own', 'other'] as const) : (['own'] as const)) {
          await t.get(pathFor(key, side, fill, role), role)
          requests++
        }
      }
    }
    // the demo salaries, as the pages, CSVs and JSON write them: 85000, 85,000 and 85000.00
    const salaries = new Set(
      listPositions(t.db, 'fy2027').flatMap((p) => {
        const plain = toFixed2(p.position.baseSalary).replace(/\.00$/, '')
        return [plain, Number(plain).toLocaleString('en-GB')]
      }),
    )
    expect(salaries.size).toBeGreaterThan(10)
    const lines = t.logs.map((entry) => JSON.stringify(entry))
    // at least a line for each request: the log was written, and read here
    expect(lines.length).toBeGreaterThanOrEqual(requests)
    const found: string[] = []
    for (const line of lines) {
      for (const secret of [TEST_PASSWORD, WRONG_PASSWORD, 'correct horse', 'Tr0ub4dor']) {
        if (line.includes(secret)) found.push(`password in ${line.slice(0, 200)}`)
      }
      for (const salary of salaries) {
        // a salary standing alone, not a digit run inside an id, a time or a duration
        const alone = new RegExp(`(?<![\\w.:-])${salary.replace(/[.,]/g, '\\$&')}(?![\\w:-])`)
        if (alone.test(line)) found.push(`salary ${salary} in ${line.slice(0, 200)}`)
      }
    }
    expect(found).toEqual([])
  })
})
