import { type Currency, type Decimal, formatMinor, formatMoney } from '../../src/domain/money.ts'

/** An amount with its currency symbol and thousands separators, aligned as a number. */
export function Money({
  amount,
  currency,
  wholeUnits = false,
}: {
  amount: Decimal
  currency: Currency
  wholeUnits?: boolean
}) {
  return <span class="num money">{formatMoney(amount, currency, { wholeUnits })}</span>
}

/** A total held in integer minor units (pence or cents). */
export function MinorMoney({ minor, currency }: { minor: number; currency: Currency }) {
  return <span class="num money">{formatMinor(minor, currency)}</span>
}
