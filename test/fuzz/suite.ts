/**
 * Every form and the JSON import, fed hostile bodies (see harness.ts). The normal suite runs a
 * short pass; `npm run fuzz` runs 10,000 bodies per endpoint. The endpoints are split between
 * test files (forms-*.test.ts) so that vitest fuzzes them on several cores at once.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ORIGIN, testApp } from '../helpers/web.ts'
import {
  discoverEndpoints,
  type Endpoint,
  hostileForm,
  hostileJson,
  RUNS,
  totalChanges,
} from './harness.ts'

/** How long one endpoint may take: a full run is 10,000 requests. */
const TIMEOUT = Math.max(20_000, RUNS * 50)

/**
 * The form field an answer ties its refusal to: a control of the form marked `aria-invalid`
 * (whose error element it is described by), a field's error element naming it (`data-field`, for
 * a hidden field such as a version), or, in JSON, an issue whose path starts with the field. A
 * field's name anywhere else (a 404 page's `<meta name=...>`, a sentence) ties nothing.
 */
export function refusedField(text: string, fields: readonly string[]): string | undefined {
  for (const [tag] of text.matchAll(/<(?:input|select|textarea)\b[^>]*>/g)) {
    const name = /\sname="([^"]*)"/.exec(tag)?.[1]
    if (name && /\saria-invalid="true"/.test(tag) && fields.includes(name)) return name
  }
  for (const [tag] of text.matchAll(/<\w+\s[^>]*class="[^"]*\bfield-error\b[^"]*"[^>]*>/g)) {
    const name = /\sdata-field="([^"]*)"/.exec(tag)?.[1]
    if (name && fields.includes(name)) return name
  }
  return jsonIssuePaths(text).find((path) => fields.includes(path.split('.')[0]!))
}

/**
 * The paths of a JSON answer's issues (`"issues": [{ "path": ... }]`), read without parsing the
 * whole answer (a document with 50,000 bad teams gets an issue for each).
 */
export function jsonIssuePaths(text: string): string[] {
  if (!text.startsWith('{') || !text.includes('"issues"')) return []
  return [...text.matchAll(/"path":\s*(\[[^\]]*\]|"[^"]*")/g)].slice(0, 10).map(([, p]) => {
    const path = JSON.parse(p!) as string | (string | number)[]
    return Array.isArray(path) ? path.join('.') : path
  })
}

/**
 * fc.assert, with the failure and the (often huge) body cut short enough to read, and the seed and
 * path that replay it (FC_SEED, FC_PATH; see test/helpers/fast-check.ts).
 */
async function check<T>(property: fc.IAsyncProperty<T>) {
  const out = await fc.check(property, { numRuns: RUNS })
  if (!out.failed) return
  const body = JSON.stringify(out.counterexample).slice(0, 400)
  throw new Error(
    `after ${out.numRuns} bodies: ${String(out.errorInstance).slice(0, 600)}\nbody: ${body}\n` +
      `replay: FC_SEED=${out.seed} FC_PATH=${out.counterexamplePath ?? ''}`,
  )
}

async function setup() {
  const t = testApp()
  const endpoints = await discoverEndpoints(t)
  return { t, endpoints }
}

/** Fuzzes every `parts`-th endpoint from `part` (0-based); part 0 also the JSON import. */
export function fuzzSuite(part: number, parts: number) {
  describe(`fuzzing, part ${part + 1} of ${parts}`, async () => {
    // the forms are found once, from a throwaway app; each test then fuzzes its own fresh app
    const { endpoints: all } = await setup()
    const endpoints = all.filter((_, i) => i % parts === part)

    it.runIf(part === 0)('finds the forms to fuzz', () => {
      const actions = all.map((e) => e.action)
      for (const known of ['/login', '/positions', '/positions/p-001', '/tokens', '/users']) {
        expect(actions).toContain(known)
      }
      expect(all.length).toBeGreaterThanOrEqual(12)
    })

    it.each(endpoints.map((e) => [e.key] as const))(
      'POST %s answers hostile bodies 4xx naming a field, writing nothing',
      async (key) => {
        const { t, endpoints } = await setup()
        const endpoint: Endpoint = endpoints.find((e) => e.key === key)!
        const signedIn = endpoint.action === '/login' ? {} : t.as(endpoint.role)
        const headers = {
          'content-type': 'application/x-www-form-urlencoded',
          origin: ORIGIN,
          accept: 'text/html',
          ...signedIn,
        }
        await t.app.request(`${ORIGIN}/`, { headers: signedIn }) // settles the session's last-seen
        const before = t.db.serialize()
        const changes = totalChanges(t)
        let sent = 0
        await check(
          fc.asyncProperty(hostileForm(endpoint.fields), async (body) => {
            const res = await t.app.request(`${ORIGIN}${endpoint.action}`, {
              method: 'POST',
              headers,
              body: new URLSearchParams(body).toString(),
            })
            const text = await res.text()
            sent++
            expect(res.status, text.slice(0, 200)).toBeGreaterThanOrEqual(400)
            expect(res.status, text.slice(0, 200)).toBeLessThan(500)
            if (res.status !== 413) {
              const tied = refusedField(text, endpoint.fields)
              expect(tied, `${res.status}, no field marked: ${text.slice(0, 300)}`).toBeDefined()
            }
            expect(totalChanges(t)).toBe(changes)
          }),
        )
        expect(sent).toBe(RUNS)
        expect(Buffer.compare(t.db.serialize(), before)).toBe(0)
      },
      TIMEOUT,
    )

    it.runIf(part === 0)(
      'POST /api/v1/workspace answers hostile documents 4xx naming a field, writing nothing',
      async () => {
        const { t } = await setup()
        // a session, not a token: a token records its last use on every request
        const auth = { ...t.as('admin'), origin: ORIGIN }
        await t.app.request(`${ORIGIN}/api/v1/plans`, { headers: auth })
        const before = t.db.serialize()
        const changes = totalChanges(t)
        await check(
          fc.asyncProperty(hostileJson, async (doc) => {
            const res = await t.app.request(`${ORIGIN}/api/v1/workspace`, {
              method: 'POST',
              headers: { ...auth, 'content-type': 'application/json' },
              body: doc,
            })
            const text = await res.text()
            expect(res.status, text.slice(0, 200)).toBeGreaterThanOrEqual(400)
            expect(res.status, text.slice(0, 200)).toBeLessThan(500)
            if (res.status !== 413) {
              expect(jsonIssuePaths(text).length, text.slice(0, 300)).toBeGreaterThan(0)
            }
            expect(totalChanges(t)).toBe(changes)
          }),
        )
        expect(Buffer.compare(t.db.serialize(), before)).toBe(0)
      },
      TIMEOUT,
    )
  })
}
