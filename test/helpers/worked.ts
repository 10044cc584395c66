/**
 * A structured explanation line worked out again from its terms, independently of the engine:
 * the sum over terms of amount x each factor's numerator / denominator, as one exact fraction,
 * rounded once, half-up, to two places.
 */
import { Decimal } from 'decimal.js'

interface Line {
  terms: { amount: string; factors: { numerator: string; denominator: string }[] }[]
}

const D = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_UP })

export function reconciledResult(line: Line): string {
  // n1/d1 + n2/d2 + ... = (n1 x d2 x ... + n2 x d1 x ... ) / (d1 x d2 x ...), each exact
  let num = new D(0)
  let den = new D(1)
  for (const t of line.terms) {
    let n = new D(t.amount)
    let d = new D(1)
    for (const f of t.factors) {
      n = n.times(f.numerator)
      d = d.times(f.denominator)
    }
    num = num.times(d).plus(n.times(den))
    den = den.times(d)
  }
  const text = num.dividedBy(den).toFixed(2, D.ROUND_HALF_UP)
  return text === '-0.00' ? '0.00' : text
}
