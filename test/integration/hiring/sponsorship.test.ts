import { describe, expect, it } from 'vitest'
import { readDataFile } from '../../../src/data-files.ts'
import { workspaceDocument } from '../../../src/domain/document.ts'
import { explain } from '../../../src/domain/projection/explain.ts'
import { projectFast } from '../../../src/domain/projection/fast.ts'
import { projectionInput } from '../../../src/domain/projection/input.ts'
import type { PlanContext } from '../../../src/domain/projection/terms.ts'
import { DEMO_FILE } from '../../../src/seed.ts'
import { RULES } from '../../helpers/web.ts'

// The demo plan runs from January 2027: June 2027 is month index 5.
const JUNE = 5

function demo(sponsorship?: PlanContext['sponsorship']) {
  const doc = readDataFile(DEMO_FILE, workspaceDocument)
  const plan = doc.plans[0]!
  // r-102 (London, GBP) is sponsored on a Skilled Worker visa in the demo; r-103 (San Francisco,
  // USD) is given an H-1B here. Both start on 1 June 2027 with no agency fee or relocation.
  const positions = plan.positions.map((p) =>
    p.id === 'r-103' ? { ...p, hiring: { ...p.hiring, visa: 'us_h1b' as const } } : p,
  )
  const input = projectionInput(doc, plan, RULES, {
    positions,
    ...(sponsorship ? { sponsorship } : {}),
  })
  const projection = projectFast(input)
  const at = (id: string) => projection.positions.findIndex((p) => p.id === id)
  return { input, projection, at }
}

describe('visa sponsorship in the projection', () => {
  it('costs a UK Skilled Worker sponsorship in GBP in the start month only', () => {
    const { projection, at } = demo()
    const i = at('r-102')
    expect(projection.positions.at(i)!.currency).toBe('GBP')
    // CoS £525 + ISC for a 36-month visa: £1,320 first year + ceil((36 - 12) / 6) = 4 x £660
    // = £3,960; £525 + £3,960 = £4,485.00 (visa fee and IHS are optional, not paid by default)
    expect(projection.cell(i, JUNE, 'hiring')).toBe(448_500)
    expect(projection.cell(i, JUNE - 1, 'hiring')).toBe(0)
    expect(projection.cell(i, JUNE + 1, 'hiring')).toBe(0)
  })

  it('costs US H-1B fees in USD in the start month only', () => {
    const { projection, at } = demo()
    const i = at('r-103')
    expect(projection.positions.at(i)!.currency).toBe('USD')
    // registration $215 + I-129 $780 + Asylum Program Fee $600 + ACWIA $1,500 + fraud fee $500
    // = $3,595.00 (premium processing and the proclamation fee are optional)
    expect(projection.cell(i, JUNE, 'hiring')).toBe(359_500)
    expect(projection.cell(i, JUNE + 1, 'hiring')).toBe(0)
  })

  it('names each fee in the explanation of the start month', () => {
    const { input } = demo()
    const lines = explain(input, 'r-102', '2027-06', 'hiring').join('\n')
    expect(lines).toContain('Certificate of Sponsorship £525.00')
    expect(lines).toContain('Immigration Skills Charge £3,960.00')
    expect(lines).toContain('= £4,485.00')
  })

  it('costs the visa length and optional fees the plan sets for a role', () => {
    const options = { visaMonths: 60, include: { visaFee: true, healthSurcharge: true } }
    const { projection, at } = demo(new Map([['r-102', options]]))
    const i = at('r-102')
    // CoS £525
    // + ISC for 60 months: £1,320 first year + ceil((60 - 12) / 6) = 8 x £660 = £5,280 -> £6,600
    // + visa fee for a visa over 36 months: £1,519
    // + IHS: ceil(60 / 6) = 10 half-years x £517.50 (£1,035 a year) = £5,175
    // = £525 + £6,600 + £1,519 + £5,175 = £13,819.00, all in June 2027
    expect(projection.cell(i, JUNE, 'hiring')).toBe(1_381_900)
    expect(projection.cell(i, JUNE + 1, 'hiring')).toBe(0)
  })

  it('adds H-1B premium processing only when the plan asks for it', () => {
    const options = { visaMonths: 36, include: { premiumProcessing: true } }
    const { projection, at } = demo(new Map([['r-103', options]]))
    // the $3,595.00 of required fees + premium processing $2,805 = $6,400.00
    expect(projection.cell(at('r-103'), JUNE, 'hiring')).toBe(640_000)
  })
})
