/**
 * A plan's hiring-cost policy (issue 20): the hiring costs a new role starts with, by family, level
 * and office, so a role opened from the form or a CSV file is costed as the demo roles are. The
 * rule naming the most of the role's family, level and office wins (family before level before
 * office on a tie); a role no rule matches starts with none.
 */
import type { HiringCostRule, HiringCosts, Position } from '../model.ts'
import { dec } from '../money.ts'

export type PolicyRole = Pick<Position, 'familyId' | 'levelId' | 'officeId'>

const NO_HIRING_COSTS: HiringCosts = { agencyFeeRate: null, relocation: dec('0'), visa: 'none' }

/** How specific a rule is for `role` (family 4, level 2, office 1), or -1 if it does not apply. */
function specificity(rule: HiringCostRule, role: PolicyRole): number {
  let score = 0
  for (const [ruleId, roleId, weight] of [
    [rule.familyId, role.familyId, 4],
    [rule.levelId, role.levelId, 2],
    [rule.officeId, role.officeId, 1],
  ] as const) {
    if (ruleId === null) continue
    if (ruleId !== roleId) return -1
    score += weight
  }
  return score
}

/** The rule that applies to `role`, or null. */
export function policyRuleFor(
  policy: readonly HiringCostRule[],
  role: PolicyRole,
): HiringCostRule | null {
  let best: HiringCostRule | null = null
  let bestScore = -1
  for (const rule of policy) {
    const score = specificity(rule, role)
    if (score > bestScore) {
      best = rule
      bestScore = score
    }
  }
  return best
}

/**
 * The hiring costs a new role starts with: the expected agency fee rate (share through an agency
 * x the agency's fee; none when no hire is expected through one), relocation and the visa route.
 */
export function hiringDefaults(policy: readonly HiringCostRule[], role: PolicyRole): HiringCosts {
  const rule = policyRuleFor(policy, role)
  if (rule === null) return NO_HIRING_COSTS
  // to the 8 places a rate is written with
  const expected = rule.agencyShare.times(rule.agencyFee).toDecimalPlaces(8)
  return {
    agencyFeeRate: expected.isZero() ? null : expected,
    relocation: rule.relocation,
    visa: rule.visa,
  }
}

/** A key per rule's family, level and office, to refuse two rules for the same roles. */
export const policyRuleKey = (r: Pick<HiringCostRule, 'familyId' | 'levelId' | 'officeId'>) =>
  `${r.familyId ?? '*'}|${r.levelId ?? '*'}|${r.officeId ?? '*'}`
