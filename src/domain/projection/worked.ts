/**
 * Explanations as data: the working of a position-month-component line as structured lines, each
 * a sum of terms (an amount in a currency, times exact factors) and its result, rounded once.
 * They sit beside the sentences `month.ts` writes, from the same figures, so a script can check
 * every line to the penny instead of parsing text:
 *
 *   result = round half-up to the penny/cent of the sum over terms of amount x (numerator /
 *   denominator of each factor)
 *
 * A line's terms share a currency; a conversion's factor carries the rate (USD per GBP, or one
 * over it), and its result is in the other currency. The last line's result is the component's
 * amount.
 */

import { formatMonth } from '../calendar.ts'
import { type Ratio, ratioDecimal } from '../exact.ts'
import { type Currency, Decimal, minorText } from '../money.ts'
import { inOfficeDaysPerMonth } from '../office.ts'
import type { AccruedPayment } from './bonus-accrual.ts'
import { COMPONENT_INDEX, COMPONENT_LABEL, type PositionComponent } from './components.ts'
import {
  type BonusShare,
  type Figures,
  nicablePay,
  paidBonus,
  vestUsd,
  yearToDate,
} from './month.ts'

/** An exact factor: numerator / denominator, each a decimal string ("0.15" / "1", "15" / "31"). */
export interface Factor {
  label: string
  numerator: string
  denominator: string
}

/** An amount (a decimal string, not rounded where the engine does not round it) times factors. */
export interface Term {
  label: string
  amount: string
  currency: Currency
  factors: Factor[]
}

export interface WorkedLine {
  label: string
  terms: Term[]
  result: { amount: string; currency: Currency }
}

type Amount = number | Decimal

/** Minor units (integers) as "1234.50"; a Decimal as its exact digits. */
const amountText = (a: Amount) => (typeof a === 'number' ? minorText(a) : a.toFixed())

/** A factor from plain numbers (not minor units), a Decimal or an exact ratio. */
export const factor = (
  label: string,
  numerator: number | Decimal | Ratio,
  denominator: number | Decimal = 1,
): Factor => ({
  label,
  numerator:
    typeof numerator === 'number' || numerator instanceof Decimal
      ? new Decimal(numerator).toFixed()
      : ratioDecimal(numerator).toFixed(),
  denominator: new Decimal(denominator).toFixed(),
})

/** A minor amount (or an exact Decimal of major units) in `currency`, times `factors`. */
export const term = (
  label: string,
  amount: Amount,
  currency: Currency,
  ...factors: Factor[]
): Term => ({ label, amount: amountText(amount), currency, factors })

export const worked = (
  label: string,
  result: number,
  currency: Currency,
  terms: Term[],
): WorkedLine => ({ label, terms, result: { amount: minorText(result), currency } })

/**
 * The conversion of a rounded local line to the reporting currency: local x rate (GBP to USD) or
 * local / rate (USD to GBP), rounded once.
 */
export function conversionLine(
  label: string,
  local: number,
  from: Currency,
  converted: number,
  to: Currency,
  usdPerGbp: Decimal,
): WorkedLine {
  const rate =
    from === 'GBP' ? factor('USD per GBP', usdPerGbp) : factor('1 / USD per GBP', 1, usdPerGbp)
  return worked(`${label} in ${to}`, converted, to, [
    term(`${label} in ${from}`, local, from, rate),
  ])
}

/** A share of a month: days on the books of the days in the month (omitted when whole). */
const daysFactor = (days: number, dim: number): Factor[] =>
  days === dim ? [] : [factor('days of the month', days, dim)]

const PER_MONTH = factor('a month of a year', 1, 12)

/**
 * What is left of a limit after the year to date, as a line, when it is what the figure reads
 * (the room is taken whole); none when the limit was already passed.
 */
function roomLine(label: string, limit: number, used: [string, number][], cur: Currency) {
  const room = limit - used.reduce((a, [, v]) => a + v, 0)
  if (room < 0) return []
  return [
    worked(label, room, cur, [
      term('limit', limit, cur),
      ...used.map(([what, v]) => term(what, -v, cur)),
    ]),
  ]
}

/** The structured working of one line; its last line's result is `amount`. */
export function workedLines(
  x: Figures,
  component: PositionComponent,
  amount: number,
): WorkedLine[] {
  const { t, pay } = x
  const cur = t.currency
  const label = COMPONENT_LABEL[component]
  const result = (...terms: Term[]) => worked(label, amount, cur, terms)
  const ofMonth = daysFactor(pay.days, pay.dim)
  const e = t.exact
  const officeDays = () =>
    factor('in-office days a month', inOfficeDaysPerMonth(t.office.attendance))

  switch (component) {
    case 'salary':
      return [
        result(
          ...pay.segments.map((s) =>
            term('annual base', s.annualBase, cur, PER_MONTH, ...daysFactor(s.days, pay.dim)),
          ),
        ),
      ]
    case 'bonus': {
      if (x.accrual !== null) return accruedBonus(x, amount)
      const b = paidBonus(x.f, t, x.i, pay.baseNow)
      return [b.none === 'cutoff' ? result() : { ...bonusPayment(x, b), label }]
    }
    case 'benefits': {
      const items = pay.items.map(({ spec, amount: v }) => {
        const item = spec.item
        const what = (...factors: Factor[]) => [term(item.name, spec.amount, cur, ...factors)]
        const terms =
          item.basis === 'per_head_year'
            ? what(PER_MONTH, ...ofMonth)
            : item.basis === 'percent_of_base'
              ? [term('salary this month', pay.salary, cur, factor(item.name, spec.rate))]
              : item.basis === 'per_office_day'
                ? what(officeDays(), ...ofMonth)
                : item.basis === 'per_dependant_year'
                  ? what(factor('dependants', t.position.dependants), PER_MONTH, ...ofMonth)
                  : what()
        return worked(item.name, v, cur, terms)
      })
      return [...items, result(...pay.items.map((i) => term(i.spec.item.name, i.amount, cur)))]
    }
    case 'parental_cover': {
      const leave = e.parental!
      return [
        result(
          term(
            'salary this month',
            pay.salary,
            cur,
            factor('expected leave weeks a year', leave.weeks),
            factor('weeks in a year', 1, 52),
            factor('cover rate', leave.cover),
          ),
        ),
      ]
    }
    case 'office_lunch':
      return [result(term('lunch a day', e.lunchPerDay, cur, officeDays(), ...ofMonth))]
    case 'commuting_stipend':
      return [result(term('stipend a month', e.stipend, cur, ...ofMonth))]
    case 'hiring':
      return [
        result(
          ...(t.agencyFee === null
            ? []
            : [term('first-year base', pay.baseNow, cur, factor('agency fee', t.agencyFee))]),
          ...(t.relocation === 0 ? [] : [term('relocation', t.relocation, cur)]),
          ...t.sponsorshipFees.map((f) => term(f.label, f.amount, cur)),
        ),
      ]
    case 'equity_expense':
      return [
        worked(
          label,
          amount,
          'USD',
          t.grants.flatMap((g) => {
            const k = x.i - g.grantIndex
            const s = g.schedule
            if (k < 0 || k >= s.expense.length || (s.expenseHi[k] === 0 && s.expenseLo[k] === 0)) {
              return []
            }
            // the engine's 12-place amount: (hi x 10^6 + lo) x 10^-12 USD
            const usd = new Decimal(s.expenseHi[k]!).times(1e6).plus(s.expenseLo[k]!).times(1e-12)
            return [term(`grant ${g.grant.id}`, usd, 'USD')]
          }),
        ),
      ]
  }

  const taxes = x.taxes
  const since = yearToDate(x)
  if (taxes.region === 'UK') {
    const r = taxes.rules
    const nic = factor('employer NIC rate', r.nic)
    switch (component) {
      case 'pension': {
        const rate = factor('pension rate', e.pension!.rate)
        const contribution = worked('Pension contribution', taxes.contribution!, cur, [
          term('basic salary', pay.salary, cur, rate),
        ])
        if (taxes.pension === taxes.contribution) return [{ ...contribution, label }]
        // capped: what is left of the cap after the year to date, none once it is passed
        const room = roomLine(label, taxes.cap!, [[`paid ${since}`, taxes.ytdPension]], cur)
        return [contribution, ...(room.length > 0 ? room : [result()])]
      }
      case 'pension_cash_allowance':
        return [
          result(
            term('pension contribution', taxes.contribution!, cur),
            term('within the cap', -taxes.pension!, cur),
          ),
        ]
      case 'employer_nic': {
        const nicable = worked(
          'NIC-able pay',
          taxes.pay,
          cur,
          nicablePay(pay, taxes).map(([k, v]) => term(k, v, cur)),
        )
        const above =
          taxes.pay > r.threshold
            ? [
                term('NIC-able pay', taxes.pay, cur, nic),
                term('secondary threshold', -r.threshold, cur, nic),
              ]
            : [term('NIC-able pay above the secondary threshold', 0, cur, nic)]
        return [nicable, result(...above)]
      }
      case 'class1a_nic': {
        const rate = factor('Class 1A rate', r.class1a)
        const benefits = pay.taxable === 0 ? [] : [term('taxable benefits', pay.taxable, cur, rate)]
        if (taxes.relocationTaxable === 0) return [result(...benefits)]
        return [
          worked('Relocation above the exemption', taxes.relocationTaxable, cur, [
            term('relocation', pay.relocation, cur),
            term('free of tax and NIC per move', -r.relocationExemption, cur),
          ]),
          result(
            term('relocation above the exemption', taxes.relocationTaxable, cur, rate),
            ...benefits,
          ),
        ]
      }
      case 'equity_employer_tax': {
        const vest = vestConversion(x)
        const marginal =
          taxes.marginal === taxes.vest
            ? []
            : [
                worked(
                  'Vest value above the secondary threshold',
                  taxes.marginal,
                  cur,
                  taxes.marginal === 0
                    ? []
                    : [
                        term('vest value', taxes.vest, cur),
                        term('NIC-able pay', taxes.pay, cur),
                        term('secondary threshold', -r.threshold, cur),
                      ],
                ),
              ]
        return [
          ...vest,
          ...marginal,
          result(term('vest value above the threshold', taxes.marginal, cur, nic)),
        ]
      }
    }
  } else {
    const r = taxes.rules
    const wages = (): WorkedLine[] =>
      pay.relocation === 0
        ? []
        : [
            worked('Wages', taxes.wages, cur, [
              term('pay', taxes.wages - pay.relocation, cur),
              term('relocation (taxable wages)', pay.relocation, cur),
            ]),
          ]
    const capped = (what: string, taxed: number, of: number, limit: number, used: number) =>
      taxed === of
        ? []
        : roomLine(`${what} below the wage base`, limit, [[`wages ${since}`, used]], cur)
    switch (component) {
      case 'k401_match': {
        const eligible = worked('Eligible pay', taxes.eligible, cur, [
          term('salary', pay.salary, cur),
          ...(pay.bonus ? [term('bonus', pay.bonus, cur)] : []),
        ])
        const room =
          taxes.matchable === taxes.eligible
            ? []
            : roomLine(
                'Eligible pay below the 401(a)(17) limit',
                r.limit401a17,
                [[`eligible pay ${since}`, taxes.ytdEligible]],
                cur,
              )
        return [
          eligible,
          ...room,
          result(
            term(
              'eligible pay matched',
              taxes.matchable,
              cur,
              factor('match rate x participation', e.match!),
            ),
          ),
        ]
      }
      case 'social_security':
        return [
          ...wages(),
          ...capped('Wages', taxes.ssWages, taxes.wages, r.ssBase, taxes.ytdWages),
          result(term('wages taxed', taxes.ssWages, cur, factor('Social Security rate', r.ss))),
        ]
      case 'medicare':
        return [
          ...wages(),
          result(term('wages', taxes.wages, cur, factor('Medicare rate', r.medicare))),
        ]
      case 'futa':
        return [
          ...capped('Wages', taxes.futaWages, taxes.allWages, r.futaBase, taxes.ytdWages),
          result(term('wages taxed', taxes.futaWages, cur, factor('FUTA rate', r.futa))),
        ]
      case 'state_unemployment':
        return [
          ...capped('Wages', taxes.suiWages, taxes.allWages, r.suiBase, taxes.ytdWages),
          result(
            term('wages taxed', taxes.suiWages, cur, factor('state unemployment rate', r.sui)),
          ),
        ]
      case 'equity_employer_tax': {
        const room =
          taxes.ssVest === taxes.vest
            ? []
            : roomLine(
                'Vest value below the Social Security wage base',
                r.ssBase,
                [
                  [`wages ${since}`, taxes.ytdWages],
                  ['wages this month', taxes.wages],
                ],
                cur,
              )
        return [
          ...room,
          result(
            term(
              'vest value below the wage base',
              taxes.ssVest,
              cur,
              factor('Social Security rate', r.ss),
            ),
            term('vest value', taxes.vest, cur, factor('Medicare rate', r.medicare)),
          ),
        ]
      }
    }
  }
  return [result(term(label, amount, cur))]
}

/** A bonus payment: the base on its date x the target x its months / 12 (x the days employed). */
function bonusPayment(x: Figures, b: BonusShare, label = 'Bonus payment'): WorkedLine {
  const t = x.t
  const share =
    b.days === 0 || b.employed === b.days || t.pkg.bonusRules.proration === 'full'
      ? []
      : [factor('days employed of the period', b.employed, b.days)]
  return worked(label, b.amount, t.currency, [
    term(
      'base on the payment date',
      b.base,
      t.currency,
      factor('bonus target', t.bonusRate),
      factor('months of the period', b.months, 12),
      ...share,
    ),
  ])
}

/** Month i's share of an amount accrued over a payment's period: days employed in i of its days. */
const accruedShare = (x: Figures, p: AccruedPayment) =>
  factor('days employed this month of the period', x.accrual!.daysIn(x.i), p.employed)

const paymentLabel = (x: Figures, p: AccruedPayment) => `${formatMonth(x.f.month(p.at))} bonus`

/** Bonus under monthly accrual: each payment covering the month, and the month's share of it. */
function accruedBonus(x: Figures, amount: number): WorkedLine[] {
  const cur = x.t.currency
  const payments = x.accrual!.covering(x.i)
  const shares = accruedShares(
    x,
    COMPONENT_LABEL.bonus,
    payments.map((p) => ({ of: `the ${paymentLabel(x, p)}`, amount: p.bonus.amount, payment: p })),
    0,
  )
  return [
    ...payments.map((p) => bonusPayment(x, p.bonus, paymentLabel(x, p))),
    ...shares.lines,
    worked(COMPONENT_LABEL.bonus, amount, cur, shares.terms),
  ]
}

/** An amount accrued over a payment's period, of which a month takes its share. */
interface Accrued {
  /** What it is, as a term names it: "the March 2026 bonus". */
  of: string
  amount: number
  payment: AccruedPayment
}

/**
 * A month's shares of accrued amounts as the terms of its `label` line, beside `others` terms.
 * The engine rounds each share once (`BonusAccrual.share`): a share alone is the line's one term,
 * with its factor; beside other terms each is worked out on a line of its own and enters as its
 * rounded amount, so that the line reconciles to the penny.
 */
function accruedShares(
  x: Figures,
  label: string,
  accrued: Accrued[],
  others: number,
): { lines: WorkedLine[]; terms: Term[] } {
  const cur = x.t.currency
  if (accrued.length + others <= 1) {
    const terms = accrued.map((a) =>
      term(`share of ${a.of}`, a.amount, cur, accruedShare(x, a.payment)),
    )
    return { lines: [], terms }
  }
  const shares = accrued.map((a) => ({ ...a, share: x.accrual!.share(a.payment, x.i, a.amount) }))
  return {
    lines: shares.map((a) =>
      worked(`${label}: share of ${a.of}`, a.share, cur, [
        term(a.of, a.amount, cur, accruedShare(x, a.payment)),
      ]),
    ),
    terms: shares.map((a) => term(`share of ${a.of}`, a.share, cur)),
  }
}

/**
 * A tax line under monthly accrual: the month's own tax as if no bonus were paid (`own`, NaN when
 * none), then each payment's added tax over its tax year and the month's share of it.
 */
export function workedWithAccruedTax(
  x: Figures,
  component: PositionComponent,
  own: number,
  amount: number,
): WorkedLine[] {
  const cur = x.t.currency
  const label = COMPONENT_LABEL[component]
  const c = COMPONENT_INDEX[component]
  const lines: WorkedLine[] = []
  const terms: Term[] = []
  if (!Number.isNaN(own)) {
    const before = workedLines(x, component, own)
    const ownLabel = `${label} as if no bonus were paid`
    lines.push(...before.slice(0, -1), { ...before.at(-1)!, label: ownLabel })
    terms.push(term(ownLabel, own, cur))
  }
  const accrued: Accrued[] = []
  for (const p of x.accrual!.covering(x.i)) {
    const added = p.withIt[c]! - p.withoutIt[c]!
    if (added === 0) continue
    const name = paymentLabel(x, p)
    lines.push(
      worked(`${label} the ${name} adds over its tax year`, added, cur, [
        term('with it', p.withIt[c]!, cur),
        term('without it', -p.withoutIt[c]!, cur),
      ]),
    )
    accrued.push({ of: `what the ${name} adds`, amount: added, payment: p })
  }
  const shares = accruedShares(x, label, accrued, terms.length)
  return [...lines, ...shares.lines, worked(label, amount, cur, [...terms, ...shares.terms])]
}

/** A UK vest's value: the USD value vesting divided by the month's rate, rounded once. */
function vestConversion(x: Figures): WorkedLine[] {
  if (x.t.currency === 'USD') return []
  const rate = x.f.rate(x.i)
  return [
    worked('Vest value', x.taxes.vest, 'GBP', [
      term('value vesting in USD', vestUsd(x.t, x.i), 'USD', factor('1 / USD per GBP', 1, rate)),
    ]),
  ]
}
