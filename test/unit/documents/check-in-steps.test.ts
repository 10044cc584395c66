/**
 * The workspace document checked in steps (`checkDocumentSteps`, what an import runs) finds what
 * the schema finds: the same document when it is valid, the same problems at the same paths when
 * it is not, whether the fault is in a position, elsewhere, or a reference between records.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  checkDocumentSteps,
  listProblems,
  workspaceDocument,
} from '../../../src/domain/document.ts'
import { atOnce } from '../../../src/domain/steps.ts'

// biome-ignore lint/suspicious/noExplicitAny: the tests break the document by path, as JSON
type Json = Record<string, any>
const demoText = readFileSync('data/demo-org.json', 'utf8')
const demo = () => JSON.parse(demoText) as Json
const SPONSORED = { visaMonths: 36, visaFee: true, healthSurcharge: true, premiumProcessing: false }

/** The problems the schema lists, sorted as the stepped check sorts them (by path). */
const bySchema = (json: Json) => {
  const parsed = workspaceDocument.safeParse(json)
  return parsed.success ? [] : listProblems(parsed.error)
}
const inSteps = (json: Json) => {
  const checked = atOnce(checkDocumentSteps(json))
  return checked.ok ? [] : checked.problems
}
const byPath = (problems: { path: string; message: string }[]) =>
  [...problems].sort((a, b) => a.path.localeCompare(b.path) || a.message.localeCompare(b.message))

describe('the workspace document checked in steps', () => {
  it('gives the document the schema gives', () => {
    const checked = atOnce(checkDocumentSteps(demo()))
    expect(checked.ok).toBe(true)
    if (!checked.ok) return
    expect(checked.doc).toEqual(workspaceDocument.parse(demo()))
  })

  it.each<[string, (doc: Json) => void]>([
    ['a position field', (d) => (d.plans[0].positions[3].baseSalary = '-5.00')],
    [
      'a position field and fields elsewhere',
      (d) => {
        d.plans[0].positions.at(-1).levelId = ''
        d.plans[0].reportingCurrency = 'EUR'
        d.salaryBands[0].min = '900000.00'
        d.organisation = null
      },
    ],
    [
      'a position naming a team that does not exist',
      (d) => {
        d.plans[0].positions.at(-1).teamId = 'no-such-team'
      },
    ],
    [
      'two positions with one id',
      (d) => {
        d.plans[0].positions.at(-1).id = d.plans[0].positions[0].id
      },
    ],
    [
      'a sponsorship of a role the plan lacks',
      (d) => {
        d.roleSponsorships = [{ planId: d.plans[0].id, roleId: 'no-such-role', ...SPONSORED }]
      },
    ],
    ['a band whose minimum is not an amount', (d) => (d.salaryBands[0].min = 'lots')],
    ['a position that is not an object', (d) => (d.plans[0].positions[1] = 'p-1')],
    ['plans that are not a list', (d) => (d.plans = { positions: [] })],
  ])('lists the problems the schema lists: %s', (_, breakIt) => {
    const doc = demo()
    breakIt(doc)
    const expected = bySchema(doc)
    expect(expected.length).toBeGreaterThan(0)
    expect(byPath(inSteps(doc))).toEqual(byPath(expected))
  })

  it('lists them in the order of the document: its fields in order, each plan in turn', () => {
    const doc = demo()
    doc.roleSponsorships = 'none'
    doc.plans[0].positions.at(-1).baseSalary = 'x'
    doc.plans[0].name = ''
    doc.organisation = null
    const paths = inSteps(doc).map((p) => p.path.split('.')[0])
    expect(paths).toEqual(['organisation', 'plans', 'plans', 'roleSponsorships'])
  })

  it('pauses between positions: a hundred positions a step', () => {
    const doc = demo()
    const template = doc.plans[0].positions[0]
    doc.plans[0].positions = Array.from({ length: 1000 }, (_, i) => ({ ...template, id: `p-${i}` }))
    const steps = checkDocumentSteps(doc)
    let pauses = 0
    while (!steps.next().done) pauses++
    expect(pauses).toBeGreaterThanOrEqual(10)
  })
})
