/**
 * A plan's hiring-cost policy gives each new role its hiring costs (issue 20): the most specific
 * rule for its family, level and office; expected agency fee = agency share x agency fee.
 */
import { describe, expect, it } from 'vitest'
import { hiringDefaults, policyRuleFor } from '../../../src/domain/hiring/cost-policy.ts'
import { hiringCostRule, position as positionSchema } from '../../../src/domain/model.ts'
import { projectReference } from '../../../src/domain/projection/reference.ts'
import { input } from '../projection/fixtures.ts'
import { series } from '../projection/helpers.ts'

const rule = (fields: Record<string, unknown>) =>
  hiringCostRule.parse({ agencyShare: '0', agencyFee: '0', visa: 'none', ...fields })

const policy = [
  // every role: a quarter of hires through an agency at 20%
  rule({ agencyShare: '0.25', agencyFee: '0.2' }),
  // engineers in London: half through an agency at 25%, £10,000 relocation
  rule({
    familyId: 'eng',
    officeId: 'london',
    agencyShare: '0.5',
    agencyFee: '0.25',
    relocation: '10000',
  }),
  // any L4 anywhere: no agency, but sponsored
  rule({ levelId: 'l4', visa: 'uk_skilled_worker' }),
]

describe('the hiring-cost policy', () => {
  it('gives a role the rule naming most of its family, level and office (family first)', () => {
    // eng + london (4 + 1 = 5) beats l4 alone (2) and the catch-all (0)
    const role = { familyId: 'eng', levelId: 'l4', officeId: 'london' }
    expect(policyRuleFor(policy, role)).toBe(policy[1])
    expect(policyRuleFor(policy, { ...role, officeId: 'sf' })).toBe(policy[2])
    expect(policyRuleFor(policy, { ...role, officeId: 'sf', levelId: 'l5' })).toBe(policy[0])
    expect(policyRuleFor([], role)).toBeNull()
  })

  it('sets the expected agency fee rate to share x fee, with relocation and the visa route', () => {
    const d = hiringDefaults(policy, { familyId: 'eng', levelId: 'l4', officeId: 'london' })
    // 50% of hires x 25% fee = 12.5% of first-year base
    expect(d.agencyFeeRate?.toFixed()).toBe('0.125')
    expect(d.relocation.toFixed(2)).toBe('10000.00')
    expect(d.visa).toBe('none')
    // no agency expected: no fee at all (not a 0% fee)
    const l4 = hiringDefaults(policy, { familyId: 'eng', levelId: 'l4', officeId: 'sf' })
    expect(l4).toMatchObject({ agencyFeeRate: null, visa: 'uk_skilled_worker' })
  })

  it('refuses an agency share over 100%, naming the field', () => {
    const r = hiringCostRule.safeParse({ agencyShare: '1.5', agencyFee: '0.2', visa: 'none' })
    expect(r.success).toBe(false)
    expect(r.error?.issues.map((i) => i.path.join('.'))).toEqual(['agencyShare'])
  })

  it("costs a new London engineer's agency fee and relocation from the policy", () => {
    // A new open role: Engineering L4 in London at £120,000 from 1 May 2025.
    const hiring = hiringDefaults(policy, { familyId: 'eng', levelId: 'l4', officeId: 'london' })
    const role = positionSchema.parse({
      kind: 'open',
      id: 'new',
      teamId: 'platform',
      officeId: 'london',
      familyId: 'eng',
      levelId: 'l4',
      title: 'Engineer',
      baseSalary: '120000',
      status: 'open',
      reason: 'net_new',
      targetStartDate: '2025-05-01',
    })
    const p = projectReference(input('2025-05', 2, [{ ...role, hiring }]))
    // Hiring line in May: agency 12.5% x £120,000.00 first-year base = £15,000.00
    // + relocation £10,000.00 = £25,000.00
    expect(series(p, 'new', 'hiring')).toEqual(['25000.00', '0.00'])
    // Class 1A on the relocation above the £8,000 exemption: 15% x (£2,000.00 + £100.00 PMI)
    // = £315.00, as any role relocated for £10,000
    expect(series(p, 'new', 'class1a_nic')).toEqual(['315.00', '15.00'])
  })
})
