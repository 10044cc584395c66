/**
 * Fuzzing every form and the JSON import: the forms are found by reading the app's own pages (each
 * `<form method="post">` with its action and field names), so a new form is fuzzed without being
 * listed here. Every generated body is hostile in every value it carries (wrong types, exponent
 * and hex money, dates that do not exist, huge numbers, oversized and unicode text, missing and
 * extra fields), so none may be accepted: each must be answered 4xx naming a field, never 5xx,
 * and leave the database byte-for-byte as it was.
 */
import fc from 'fast-check'
import { getPosition } from '../../src/db/repos/positions.ts'
import { createProposal } from '../../src/db/repos/proposals.ts'
import type { Role } from '../../src/db/repos/users.ts'
import { MAX_BODY_BYTES } from '../../src/web/app.ts'
import { ORIGIN, type TestApp } from '../helpers/web.ts'

export interface Endpoint {
  /** The request path, e.g. "/positions/p-001". */
  action: string
  /** The path with generated ids written as ":id", the same in every app. */
  key: string
  fields: string[]
  role: Role
}

/** Free-text fields: any short text is a fine value, so only blank or oversized text is hostile. */
const FREE_TEXT = new Set(['name', 'comment', 'source', 'note', 'title', 'personName'])

/** Bodies each endpoint gets: FUZZ_RUNS (npm run fuzz sets 10,000), else a short pass. */
export const RUNS = Number(process.env.FUZZ_RUNS ?? 100)

/**
 * Actions whose forms carry no input to validate (a button): fuzzing them would just act. Posting
 * a job ad (/recruiting/roles/:id) records the range shown, its only input the optional extra
 * locations picked from a list: any body is a fine one.
 */
const BODILESS = /\/logout$|\/revoke$|\/(disable|enable)$|\/password$|^\/recruiting\/roles\/[^/]+$/

/** Pages holding every form, read as an admin (and the sign-in page, signed out). */
const PAGES = [
  '/positions/new',
  '/positions/p-001/edit',
  '/scenarios',
  '/scenarios/accelerated-hiring',
  '/rates',
  '/assumptions',
  '/users',
  '/tokens',
  '/approvals',
  '/recruiting',
  '/recruiting/loops',
  '/recruiting/roles/r-101',
  // a sponsored role: its page also holds the sponsorship form
  '/recruiting/roles/r-102',
  '/import',
  '/data',
]

const attr = (tag: string, name: string) =>
  new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1]?.replaceAll('&amp;', '&')

/** Text as the browser reads it from HTML: the entities our views write, undone. */
const unescapeHtml = (s: string) =>
  s
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&amp;', '&')

/** One POST form as a page renders it. */
export interface PageForm {
  action: string
  /** Every field name, once, in order. */
  names: string[]
  /** The body the browser sends as it stands (first named submit button pressed). */
  body: [string, string][]
  /** Fields a person types free text into (text-like inputs and textareas). */
  textFields: string[]
}

const TEXT_INPUT = new Set(['text', 'search', 'email', 'url', 'tel', 'password'])

/** Every `<form method="post">` of a page, with the body it would send unchanged. */
export function readForms(html: string): PageForm[] {
  const forms: PageForm[] = []
  for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    const [, open = '', own = ''] = m
    if (attr(open, 'method')?.toLowerCase() !== 'post') continue
    // controls elsewhere on the page that belong to this form by its id (form="...")
    const id = attr(open, 'id')
    const outside = id
      ? [...html.matchAll(new RegExp(`<(input|select|textarea)\\b[^>]*\\sform="${id}"[^>]*>`, 'g'))]
      : []
    const inner = own + outside.map(([tag]) => tag).join('')
    const action = attr(open, 'action')
    if (!action) continue
    const names: string[] = []
    const body: [string, string][] = []
    const textFields: string[] = []
    let pressed = false
    const tags = /<(input|select|textarea|button)\b([^>]*)>(?:([\s\S]*?)<\/\1>)?/g
    for (const [, tag = '', attrs = '', content = ''] of inner.matchAll(tags)) {
      const name = attr(attrs, 'name')
      if (!name) continue
      if (!names.includes(name)) names.push(name)
      if (tag === 'button') {
        if (!pressed) body.push([name, unescapeHtml(attr(attrs, 'value') ?? '')])
        pressed = true
      } else if (tag === 'select') {
        const options = [...content.matchAll(/<option\b([^>]*)>/g)].map((o) => o[1]!)
        const selected = options.filter((o) => /\sselected/.test(o))
        // a single select sends its first option when none is selected; a multiple one, nothing
        const chosen =
          selected.length > 0 || /\smultiple/.test(attrs) ? selected : options.slice(0, 1)
        for (const o of chosen) body.push([name, unescapeHtml(attr(o, 'value') ?? '')])
      } else if (tag === 'textarea') {
        body.push([name, unescapeHtml(content)])
        textFields.push(name)
      } else {
        const type = attr(attrs, 'type') ?? 'text'
        if ((type === 'checkbox' || type === 'radio') && !/\schecked/.test(attrs)) continue
        if (type === 'submit') continue
        body.push([name, unescapeHtml(attr(attrs, 'value') ?? '')])
        if (TEXT_INPUT.has(type)) textFields.push(name)
      }
    }
    forms.push({ action: action.split('?')[0]!, names, body, textFields })
  }
  return forms
}

/** Every POST form on the pages, by action, with the names of its fields. */
export async function discoverEndpoints(t: TestApp): Promise<Endpoint[]> {
  const stored = getPosition(t.db, 'fy2027', 'p-001')!
  createProposal(
    t.db,
    {
      planId: 'fy2027',
      kind: 'change',
      position: stored.position,
      baseVersion: stored.version,
      before: stored.position,
      changed: ['baseSalary'],
      payAboveBand: false,
      proposedBy: t.user('manager').id,
    },
    new Date('2027-01-10T00:00:00Z'),
  )
  const found = new Map<string, Endpoint>()
  const read = async (path: string, role: Role | null) => {
    const res = role
      ? await t.get(path, role)
      : await t.app.request(`${ORIGIN}${path}`, { headers: {} })
    for (const form of readForms(await res.text())) {
      if (BODILESS.test(form.action)) continue
      const known = found.get(form.action)
      found.set(form.action, {
        action: form.action,
        key: form.action.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, ':id'),
        fields: [...new Set([...(known?.fields ?? []), ...form.names])],
        role: role ?? 'admin',
      })
    }
  }
  await read('/login', null)
  for (const page of formPages(t)) await read(page, 'admin')
  return [...found.values()].sort((a, b) => a.action.localeCompare(b.action))
}

/** The pages holding every form (as an admin sees them). */
export function formPages(t: TestApp): string[] {
  const band = t.db.prepare('SELECT id FROM salary_bands ORDER BY id LIMIT 1').pluck().get()
  return [...PAGES, `/bands/${band}/edit`]
}

/** Longer than any field's limit (the longest, a sign-in's next page, is 2,048). */
const HUGE = 6000

/** `s` repeated to at least HUGE characters. */
const huge = (s: string) => s.repeat(Math.ceil(HUGE / s.length))

/** Text no field accepts: empty, blank, or longer than any field's limit. */
const emptyOrHuge = fc.oneof(
  fc.constantFrom('', '   ', '\t\n'),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }).map(huge),
)

/** Money written the ways a decimal field must refuse. */
const badMoney = fc.oneof(
  fc.constantFrom('1e5', '1E+3', '0x1F', '-0x10', '0b101', '0o17', 'NaN', 'Infinity', '-Infinity'),
  fc.constantFrom('1_000', '12.345.6', '£', '١٢٣', '１２３', '1,2,3,,', '--5', '+-3', '.', '-'),
  fc.bigInt({ min: 10n ** 20n, max: 10n ** 400n }).map(String),
  fc.double({ noDefaultInfinity: false }).map((d) => d.toExponential()),
)

/** Dates that do not exist or are not dates. */
const badDate = fc.oneof(
  fc.constantFrom('2027-02-30', '2027-02-29', '2027-13-01', '2027-00-10', '0000-00-00'),
  fc.constantFrom('2027-2-3', '27/01/2027', '2027-01-01T00:00', '2027-W01', '2027-04-31'),
  fc.integer({ min: 10000, max: 99999 }).map((y) => `${y}-01-01`),
)

/** Wrong types, as a form would carry them. */
const wrongType = fc.oneof(
  fc.constantFrom('true', 'null', 'undefined', '[]', '{}', '{"a":1}', '[1,2]', '-1', '-0'),
  fc.integer({ min: -(2 ** 31), max: -1 }).map(String),
  fc.constantFrom('9'.repeat(30), String(Number.MAX_SAFE_INTEGER + 2), '1e308', '-1e308'),
)

/** A value every field must refuse (ids and enums included: none of these names anything). */
export const hostileValue: fc.Arbitrary<string> = fc.oneof(
  emptyOrHuge,
  badMoney,
  badDate,
  wrongType,
  // unicode that names nothing, made long enough that no text field takes it
  fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }).map((s) => huge(`\u202e${s}\u0000`)),
)

/** A field making the body one byte over the app's limit. */
const OVERSIZED: [string, string] = ['padding', 'x'.repeat(MAX_BODY_BYTES + 1)]

/** A hostile form body: the form's fields, some missing, some repeated, extra ones added. */
export function hostileForm(fields: readonly string[]): fc.Arbitrary<[string, string][]> {
  const own = fields.length > 0 ? fields : ['value']
  return fc
    .tuple(
      fc.subarray([...own], { minLength: 0 }),
      fc.array(fc.tuple(fc.constantFrom(...own), hostileValue), { maxLength: 3 }),
      fc.array(fc.tuple(fc.string({ unit: 'grapheme', maxLength: 20 }), hostileValue), {
        maxLength: 3,
      }),
      fc.array(hostileValue, { minLength: own.length, maxLength: own.length }),
      fc.array(emptyOrHuge, { minLength: own.length, maxLength: own.length }),
      // about one body in a hundred is over the size limit
      fc.oneof(
        { arbitrary: fc.constant(null), weight: 99 },
        { arbitrary: fc.constant(OVERSIZED), weight: 1 },
      ),
    )
    .map(([present, repeats, extras, values, blanks, oversized]) => [
      ...present.map((f, i): [string, string] => [f, FREE_TEXT.has(f) ? blanks[i]! : values[i]!]),
      ...repeats.filter(([f]) => !FREE_TEXT.has(f)),
      // an extra named like one of the form's fields would be a repeat, and a free-text one
      // may rightly be taken (fast-check favours names like "name" and "length")
      ...extras.filter(([f]) => !own.includes(f)),
      ...(oversized ? [oversized] : []),
    ])
}

/** Hostile JSON documents for the workspace import; the costly huge ones rarely. */
export const hostileJson: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.jsonValue().map((v) => JSON.stringify(v)), weight: 30 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 200 }), weight: 30 },
  {
    arbitrary: fc
      .record(
        {
          schemaVersion: fc.oneof(fc.integer(), fc.string()),
          organisation: fc.jsonValue(),
          teams: fc.array(fc.jsonValue(), { maxLength: 3 }),
          plans: fc.array(fc.jsonValue(), { maxLength: 3 }),
          salaryBands: fc.constant([{ min: '1e5', max: '0x10', effectiveFrom: '2027-02-30' }]),
        },
        { requiredKeys: [] },
      )
      .map((v) => JSON.stringify(v)),
    weight: 30,
  },
  // 50,001 teams, each missing its fields: under the size limit, so every one is validated
  { arbitrary: fc.constant(`{"teams": [${'{"id":"x"},'.repeat(50000)}{}]}`), weight: 1 },
  { arbitrary: fc.constant(`{"padding": "${OVERSIZED[1]}"}`), weight: 1 },
)

/** The changes this connection has written since it opened: any write moves it. */
export const totalChanges = (t: TestApp) =>
  t.db.prepare('SELECT total_changes()').pluck().get() as number
