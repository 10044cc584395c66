/**
 * Who an employee id of a roster or payroll file is: the plan's employee links, read a page per
 * step so a file of 50,000 people never reads them in one piece, kept for one store revision, and
 * read again when the store is written between two pages.
 */
import { describe, expect, it } from 'vitest'
import { readEmployeeLinksSteps, saveEmployeeLinks } from '../../../src/db/repos/actuals.ts'
import { loadWorkspace } from '../../../src/db/repos/workspace.ts'
import { ActualsService } from '../../../src/web/services/actuals.ts'
import { ProjectionService } from '../../../src/web/services/projections.ts'
import { RULES, testApp } from '../../helpers/web.ts'

/** 12,001 employees linked to the plan's first positions in turn: three pages of 5,000. */
function linked() {
  const t = testApp()
  const plan = loadWorkspace(t.db).plans[0]!
  const links = Array.from({ length: 12_001 }, (_, i) => ({
    employeeId: `E${String(i).padStart(5, '0')}`,
    positionId: plan.positions[i % plan.positions.length]!.id,
  }))
  saveEmployeeLinks(t.db, plan.id, links)
  const actuals = new ActualsService(t.db, new ProjectionService(t.db, RULES))
  return { t, plan, links, actuals }
}

describe('employee links', () => {
  it('are read a page at a time, every link once', () => {
    const { t, plan, links } = linked()
    const steps = readEmployeeLinksSteps(t.db, plan.id)
    let pauses = 0
    let step = steps.next()
    for (; !step.done; step = steps.next()) pauses++
    // 12,001 links: pages of 5,000, 5,000 and 1,001, a pause after each full one
    expect(pauses).toBe(2)
    expect(step.value).toEqual(new Map(links.map((l) => [l.employeeId, l.positionId])))
  })
})

describe("a plan's employees", () => {
  it('name the position each employee id is linked to, and are kept while the store is unchanged', async () => {
    const { plan, actuals } = linked()
    const first = await actuals.employeesInTurns(plan)
    expect(first.position('E00003')?.id).toBe(plan.positions[3 % plan.positions.length]!.id)
    expect(first.position('nobody')).toBeUndefined()
    expect(actuals.employees(plan)).toBe(first)
  })

  it('are read again when a write lands between two pages', async () => {
    const { t, plan, actuals } = linked()
    // the first page is read before employeesInTurns returns; the write, of an id the pages have
    // gone past, lands before the second
    const reading = actuals.employeesInTurns(plan)
    saveEmployeeLinks(t.db, plan.id, [{ employeeId: 'A00000', positionId: plan.positions[0]!.id }])
    const employees = await reading
    expect(employees.position('A00000')?.id).toBe(plan.positions[0]!.id)
    expect(employees.links.size).toBe(12_002)
  })
})
