/**
 * The one calculation of a position's cost in a month. The reference projection calls it for every
 * month, the fast projection once per stretch of identical months, and `explain` replays it: so
 * every figure shown can be traced to the lines built here.
 *
 * Conventions (domain.md Part A): each component is rounded once, half-up, in the position's local
 * currency (equity expense stays in USD); taxes are computed from the month's rounded pay lines;
 * year-to-date caps (US wage bases, 401(a)(17), a UK pension cap) read the YTD state passed in.
 */
import type { Month } from '../calendar.ts'
import { vestValueUsd } from '../equity.ts'
import { usdPerGbp } from '../fx.ts'
import { type Currency, Decimal, formatMoney, formatPercent, roundLine, ZERO } from '../money.ts'
import { inOfficeDaysPerMonth } from '../office.ts'
import { ukRulesForMonth, usRulesForYear } from '../rules/index.ts'
import { COMPONENT_LABEL, type PositionComponent } from './components.ts'
import { monthFacts } from './month-facts.ts'
import { grantExpense, type PlanContext, type PositionTerms } from './terms.ts'

/** Year-to-date amounts (calendar year in the US, tax year in the UK), rounded. */
export interface Ytd {
  /** US wages for Social Security, FUTA and state unemployment (cash pay + vest value). */
  wages: Decimal
  /** US 401(k) eligible pay (salary + bonus). */
  eligible: Decimal
  /** UK employer pension paid, against a package's annual cap. */
  pension: Decimal
}

export const EMPTY_YTD: Ytd = { wages: ZERO, eligible: ZERO, pension: ZERO }

/**
 * A YTD limit this month's figures depend on. While YTD + add stays at or below the limit, or YTD
 * is already at or above it, the month's lines do not depend on the exact YTD; a month that
 * crosses the limit does. The fast projection uses this to know how long a stretch lasts.
 */
export interface CapDependence {
  counter: keyof Ytd
  add: Decimal
  limit: Decimal
}

export interface CostLine {
  component: PositionComponent
  currency: Currency
  /** Rounded to the penny/cent. */
  amount: Decimal
  /** Plain sentences showing how the amount was worked out; built only when asked for. */
  explain(): string[]
}

export interface MonthCost {
  lines: CostLine[]
  /** UK pay liable to Class 1 secondary NIC (the Apprenticeship Levy pay bill); zero in the US. */
  levyPay: Decimal
  ytdAdd: Ytd
  caps: CapDependence[]
}

const NOTHING: MonthCost = { lines: [], levyPay: ZERO, ytdAdd: EMPTY_YTD, caps: [] }
const TWELVE = new Decimal(12)
const WEEKS_PER_YEAR = new Decimal(52)

const dayOf = (date: string) => Number(date.slice(8, 10))
const min = (a: Decimal, b: Decimal) => (a.lt(b) ? a : b)
const atLeastZero = (a: Decimal) => (a.isNegative() ? ZERO : a)
const sum = (xs: readonly Decimal[]) => xs.reduce((a, x) => a.plus(x), ZERO)

interface SalarySegment {
  annualBase: Decimal
  days: number
}

/** Days `fromDay..toDay` of the month split by salary step (raises take effect on their day). */
function salarySegments(t: PositionTerms, month: Month, fromDay: number, toDay: number) {
  const { first, last } = monthFacts(month)
  const stepDay = (from: string) => (from <= first ? 1 : from > last ? 99 : dayOf(from))
  const segments: SalarySegment[] = []
  t.salarySteps.forEach((step, i) => {
    const next = t.salarySteps[i + 1]
    const a = Math.max(fromDay, stepDay(step.from))
    const b = Math.min(toDay, next ? stepDay(next.from) - 1 : toDay)
    if (b >= a) segments.push({ annualBase: step.annualBase, days: b - a + 1 })
  })
  return segments
}

/** Cost of position `t` in `month`, given the year-to-date state before the month. */
export function costPositionMonth(
  ctx: PlanContext,
  t: PositionTerms,
  month: Month,
  ytd: Ytd,
): MonthCost {
  const facts = monthFacts(month)
  const { first, last } = facts
  if (t.start > last || (t.end !== null && t.end < first)) return NOTHING

  const dim = facts.days
  const fromDay = t.start > first ? dayOf(t.start) : 1
  const toDay = t.end !== null && t.end < last ? dayOf(t.end) : dim
  const days = toDay - fromDay + 1
  const fraction = days === dim ? new Decimal(1) : new Decimal(days).dividedBy(dim)
  const ofMonth = days === dim ? '' : ` x ${days}/${dim} days`
  const throughMonthEnd = toDay === dim
  const isStartMonth = t.start.startsWith(month)

  const cur = t.currency
  const fmt = (d: Decimal) => formatMoney(d, cur)
  const usd = (d: Decimal) => formatMoney(d, 'USD')
  const pct = formatPercent
  const lines: CostLine[] = []
  const line = (
    component: PositionComponent,
    unrounded: Decimal,
    working: (amount: Decimal) => string[],
    currency: Currency = cur,
  ): Decimal => {
    const amount = roundLine(unrounded)
    const label = COMPONENT_LABEL[component]
    lines.push({
      component,
      currency,
      amount,
      explain: () => {
        const steps = working(amount)
        return [...steps.slice(0, -1), `${label}: ${steps.at(-1)}`]
      },
    })
    return amount
  }

  // Salary, prorated by calendar day across any raise in the month.
  const segments = salarySegments(t, month, fromDay, toDay)
  const salary = line(
    'salary',
    sum(segments.map((s) => s.annualBase.dividedBy(TWELVE).times(s.days).dividedBy(dim))),
    (a) => [
      `${segments
        .map((s) => `${fmt(s.annualBase)} / 12${s.days === dim ? '' : ` x ${s.days}/${dim} days`}`)
        .join(' + ')} = ${fmt(a)}`,
    ],
  )
  const baseNow = segments.at(-1)!.annualBase

  // Bonus: in the package's payment months to people on the books at month end, or accrued.
  let bonus = ZERO
  const bonusRate = t.position.bonusTargetRate
  if (!bonusRate.isZero()) {
    if (ctx.assumptions.bonusAccrual === 'monthly') {
      bonus = line('bonus', bonusRate.times(salary), (a) => [
        `${pct(bonusRate)} x ${fmt(salary)} salary (accrued monthly) = ${fmt(a)}`,
      ])
    } else if (throughMonthEnd && t.pkg.bonusPaymentMonths.includes(facts.number)) {
      const payments = t.pkg.bonusPaymentMonths.length
      bonus = line('bonus', bonusRate.times(baseNow).dividedBy(payments), (a) => [
        `${pct(bonusRate)} x ${fmt(baseNow)}${payments > 1 ? ` / ${payments} payments` : ''} = ${fmt(a)}`,
      ])
    }
  }

  // Benefits, item by item; each item rounded, the line their sum.
  const officeDays = inOfficeDaysPerMonth(t.office.attendance)
  const items: {
    name: string
    amount: Decimal
    working: () => string
    taxable: boolean
    cash: boolean
  }[] = []
  for (const item of t.pkg.items) {
    let unrounded: Decimal | null = null
    let working = () => ''
    switch (item.basis) {
      case 'per_head_year':
        unrounded = item.amount.dividedBy(TWELVE).times(fraction)
        working = () => `${fmt(item.amount)} / 12${ofMonth}`
        break
      case 'percent_of_base':
        unrounded = item.rate.times(salary)
        working = () => `${pct(item.rate)} x ${fmt(salary)}`
        break
      case 'per_office_day':
        unrounded = item.amount.times(officeDays).times(fraction)
        working = () => `${fmt(item.amount)} x ${officeDays.toFixed()} office days${ofMonth}`
        break
      case 'per_dependant_year':
        if (t.position.dependants > 0) {
          unrounded = item.amount.times(t.position.dependants).dividedBy(TWELVE).times(fraction)
          working = () => `${fmt(item.amount)} x ${t.position.dependants} dependants / 12${ofMonth}`
        }
        break
      case 'one_off_at_hire':
        if (isStartMonth) {
          unrounded = item.amount
          working = () => `${fmt(item.amount)} at hire`
        }
        break
    }
    if (unrounded !== null) {
      const amount = roundLine(unrounded)
      items.push({
        name: item.name,
        amount,
        working,
        taxable: item.taxableBenefit,
        cash: item.cashPay,
      })
    }
  }
  if (items.length > 0) {
    line('benefits', sum(items.map((i) => i.amount)), (a) => [
      ...items.map((i) => `${i.name}: ${i.working()} = ${fmt(i.amount)}`),
      `${items.map((i) => fmt(i.amount)).join(' + ')} = ${fmt(a)}`,
    ])
  }
  const taxableBenefits = sum(items.filter((i) => i.taxable).map((i) => i.amount))
  const cashBenefits = sum(items.filter((i) => i.cash).map((i) => i.amount))

  // Parental leave: expected cover, weeks a head takes a year x the cover rate, as a monthly cost.
  const leave = t.pkg.parentalLeave
  if (!leave.expectedWeeksPerHeadPerYear.isZero() && !leave.coverRate.isZero()) {
    line(
      'parental_cover',
      salary
        .times(leave.expectedWeeksPerHeadPerYear)
        .dividedBy(WEEKS_PER_YEAR)
        .times(leave.coverRate),
      (a) => [
        `${fmt(salary)} salary x ${leave.expectedWeeksPerHeadPerYear.toFixed()}/52 expected leave weeks x ${pct(leave.coverRate)} cover = ${fmt(a)}`,
      ],
    )
  }

  // In-office costs by expected in-office days; the stipend is cash pay.
  const policy = t.office.attendance
  if (!policy.lunchPerDay.isZero()) {
    line('office_lunch', policy.lunchPerDay.times(officeDays).times(fraction), (a) => [
      `${fmt(policy.lunchPerDay)} x ${officeDays.toFixed()} in-office days (${policy.workingDaysPerMonth.toFixed()} working days x ${pct(policy.expectedShare)})${ofMonth} = ${fmt(a)}`,
    ])
  }
  let stipend = ZERO
  if (!policy.commutingStipendPerMonth.isZero()) {
    stipend = line('commuting_stipend', policy.commutingStipendPerMonth.times(fraction), (a) => [
      `${fmt(policy.commutingStipendPerMonth)}${ofMonth} = ${fmt(a)}`,
    ])
  }

  // One-off hiring costs in the start month.
  const hiring = t.position.hiring
  if (isStartMonth && (hiring.agencyFeeRate !== null || !hiring.relocation.isZero())) {
    const fee = hiring.agencyFeeRate === null ? ZERO : hiring.agencyFeeRate.times(baseNow)
    line('hiring', fee.plus(hiring.relocation), (a) => [
      [
        hiring.agencyFeeRate === null
          ? null
          : `agency fee ${pct(hiring.agencyFeeRate)} x ${fmt(baseNow)} first-year base`,
        hiring.relocation.isZero() ? null : `relocation ${fmt(hiring.relocation)}`,
      ]
        .filter((s) => s !== null)
        .join(' + ')
        .concat(` = ${fmt(a)}`),
    ])
  }

  // Accounting expense of equity, in USD, while on the books.
  const expenses = t.grants
    .map((g) => ({ id: g.grant.id, amount: grantExpense(g, month) }))
    .filter((e): e is { id: string; amount: Decimal } => e.amount !== null && !e.amount.isZero())
  if (expenses.length > 0) {
    line(
      'equity_expense',
      sum(expenses.map((e) => e.amount)),
      (a) => [
        `${expenses.map((e) => `grant ${e.id} ${e.amount.toDecimalPlaces(4).toFixed()} USD`).join(' + ')} (${ctx.assumptions.equityExpenseMethod.replace('_', '-')}) = ${usd(a)}`,
      ],
      'USD',
    )
  }

  // Vest value this month (cash cost only through employer tax), in local currency, rounded.
  const vestUsd = throughMonthEnd
    ? sum(
        t.grants.flatMap((g) =>
          g.tranches
            .filter((tr) => tr.month === month)
            .map((tr) => vestValueUsd(g.grant, tr, ctx.assumptions.sharePriceUsd)),
        ),
      )
    : ZERO
  const fxRate =
    cur === 'GBP' && !vestUsd.isZero() ? usdPerGbp(ctx.fx, month, ctx.fiscalYearStartMonth) : null
  const vest = roundLine(fxRate === null ? vestUsd : vestUsd.dividedBy(fxRate))
  const vestWorking =
    fxRate === null
      ? `${usd(vest)} vest value`
      : `${fmt(vest)} vest value (${usd(roundLine(vestUsd))} / ${fxRate.toFixed()} USD per GBP)`

  const retirement = t.pkg.retirement
  if (t.office.region === 'UK') {
    const rules = ukRulesForMonth(ctx.rules, month)
    const caps: CapDependence[] = []
    let allowance = ZERO
    let pension = ZERO
    if (retirement.kind === 'uk_pension' && !retirement.rate.isZero()) {
      const contribution = roundLine(retirement.rate.times(salary))
      const cap = retirement.annualCap
      const room = cap === null ? contribution : atLeastZero(cap.minus(ytd.pension))
      pension = line('pension', min(contribution, room), (a) => [
        `${pct(retirement.rate)} x ${fmt(salary)} basic salary${a.lt(contribution) ? `, capped at ${fmt(cap!)} a tax year (${fmt(ytd.pension)} paid so far)` : ''} = ${fmt(a)}`,
      ])
      if (cap !== null) caps.push({ counter: 'pension', add: contribution, limit: cap })
      if (cap !== null && retirement.cashAllowanceAboveCap && contribution.gt(pension)) {
        allowance = line('pension_cash_allowance', contribution.minus(pension), (a) => [
          `${fmt(contribution)} contribution - ${fmt(pension)} within the cap = ${fmt(a)}`,
        ])
      }
    }
    const pay = salary.plus(bonus).plus(allowance).plus(cashBenefits).plus(stipend)
    const st = rules.secondaryThresholdMonthly
    const payParts = [
      ['salary', salary],
      ['bonus', bonus],
      ['pension cash allowance', allowance],
      ['cash benefits', cashBenefits],
      ['commuting stipend', stipend],
    ] as const
    const shown = payParts.filter(([, v]) => !v.isZero())
    line('employer_nic', rules.employerNicRate.times(atLeastZero(pay.minus(st))), (a) => [
      ...(shown.length > 1
        ? [`NIC-able pay: ${shown.map(([k, v]) => `${k} ${fmt(v)}`).join(' + ')} = ${fmt(pay)}`]
        : []),
      `${pct(rules.employerNicRate)} x (${fmt(pay)} - ${fmt(st)}) = ${fmt(a)}${pay.lt(st) ? ' (pay below the monthly secondary threshold)' : ''}`,
    ])
    if (!taxableBenefits.isZero()) {
      line('class1a_nic', rules.class1aRate.times(taxableBenefits), (a) => [
        `${pct(rules.class1aRate)} x ${fmt(taxableBenefits)} taxable benefits = ${fmt(a)}`,
      ])
    }
    if (!vest.isZero()) {
      const marginal = atLeastZero(pay.plus(vest).minus(st)).minus(atLeastZero(pay.minus(st)))
      line('equity_employer_tax', rules.employerNicRate.times(marginal), (a) => [
        `${pct(rules.employerNicRate)} x ${vestWorking}${marginal.lt(vest) ? ` (${fmt(marginal)} above the threshold)` : ''} = ${fmt(a)} (${rules.label} rules)`,
      ])
    }
    return {
      lines,
      levyPay: pay.plus(vest),
      ytdAdd: { wages: ZERO, eligible: ZERO, pension },
      caps,
    }
  }

  const state = t.office.usState
  if (state === null) throw new RangeError(`US office ${t.office.id} has no state`)
  const rules = usRulesForYear(ctx.rules, facts.year, state)
  const wages = salary.plus(bonus).plus(cashBenefits).plus(stipend)
  const allWages = wages.plus(vest)
  const eligible = salary.plus(bonus)
  const caps: CapDependence[] = []

  if (retirement.kind === 'us_401k' && !retirement.rate.isZero()) {
    const limit = rules.compensationLimit401a17
    const matchable = min(eligible, atLeastZero(limit.minus(ytd.eligible)))
    const share = retirement.rate.times(retirement.participation)
    line('k401_match', share.times(matchable), (a) => [
      `${pct(retirement.rate)}${retirement.participation.eq(1) ? '' : ` x ${pct(retirement.participation)} participation`} x ${fmt(matchable)} eligible pay${matchable.lt(eligible) ? ` (401(a)(17) limit ${fmt(limit)}, ${fmt(ytd.eligible)} so far this year)` : ''} = ${fmt(a)}`,
    ])
    caps.push({ counter: 'eligible', add: eligible, limit })
  }

  const base = rules.socialSecurityWageBase
  const ssRoom = atLeastZero(base.minus(ytd.wages))
  const ssWages = min(wages, ssRoom)
  const capped = (taxed: Decimal, of: Decimal, limit: Decimal) =>
    taxed.lt(of) ? ` (wage base ${fmt(limit)}, ${fmt(ytd.wages)} so far this year)` : ''
  line('social_security', rules.socialSecurityRate.times(ssWages), (a) => [
    `${pct(rules.socialSecurityRate)} x ${fmt(ssWages)} wages${capped(ssWages, wages, base)} = ${fmt(a)}`,
  ])
  line('medicare', rules.medicareRate.times(wages), (a) => [
    `${pct(rules.medicareRate)} x ${fmt(wages)} wages = ${fmt(a)}`,
  ])
  caps.push({ counter: 'wages', add: allWages, limit: base })

  const futaRate = rules.futaRate.plus(rules.futaCreditReduction)
  const futaWages = min(allWages, atLeastZero(rules.futaWageBase.minus(ytd.wages)))
  line('futa', futaRate.times(futaWages), (a) => [
    `${pct(futaRate)}${rules.futaCreditReduction.isZero() ? '' : ` (${pct(rules.futaRate)} + ${pct(rules.futaCreditReduction)} ${state} credit reduction)`} x ${fmt(futaWages)} wages${capped(futaWages, allWages, rules.futaWageBase)} = ${fmt(a)}`,
  ])
  caps.push({ counter: 'wages', add: allWages, limit: rules.futaWageBase })

  const sui = rules.stateUnemployment
  const suiRate = sui.rate.plus(sui.ettRate)
  const suiWages = min(allWages, atLeastZero(sui.wageBase.minus(ytd.wages)))
  line('state_unemployment', suiRate.times(suiWages), (a) => [
    `${state} ${pct(sui.rate)} UI${sui.ettRate.isZero() ? '' : ` + ${pct(sui.ettRate)} ETT`} x ${fmt(suiWages)} wages${capped(suiWages, allWages, sui.wageBase)} = ${fmt(a)}`,
  ])
  caps.push({ counter: 'wages', add: allWages, limit: sui.wageBase })

  if (!vest.isZero()) {
    const ssVest = min(vest, atLeastZero(ssRoom.minus(wages)))
    line(
      'equity_employer_tax',
      rules.socialSecurityRate.times(ssVest).plus(rules.medicareRate.times(vest)),
      (a) => [
        `Social Security ${pct(rules.socialSecurityRate)} x ${fmt(ssVest)} of the ${vestWorking} below the wage base + Medicare ${pct(rules.medicareRate)} x ${fmt(vest)} = ${fmt(a)}`,
      ],
    )
  }

  return {
    lines,
    levyPay: ZERO,
    ytdAdd: { wages: allWages, eligible, pension: ZERO },
    caps,
  }
}
