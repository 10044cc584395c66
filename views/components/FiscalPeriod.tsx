/**
 * A fiscal year or quarter named with the months it covers (wherever a fiscal year is named, its
 * months can be seen): "FY2027 (Jan 2027 to Dec 2027)"; with an April start, "FY2027 (Apr 2026
 * to Mar 2027)". Every page naming a fiscal year renders it through these helpers.
 */
import { FISCAL_PERIOD, fiscalPeriodMonthsText } from '../../src/domain/calendar.ts'

/** "FY2027 (Jan 2027 to Dec 2027)", as plain text: an option's label, a chart's tooltip. */
export function fiscalPeriodText(label: string, fyStart: number): string {
  return label.replace(FISCAL_PERIOD, (name) => {
    const months = fiscalPeriodMonthsText(name, fyStart)
    return months ? `${name} (${months})` : name
  })
}

/**
 * A fiscal year's label with its months (worked out from the fiscal year's first month, or as
 * given) beside it, or under it (`stacked`: a table's header, a switch between years).
 */
export function FiscalPeriod(
  props: { label: string; stacked?: boolean } & ({ fyStart: number } | { months: string }),
) {
  const months =
    'months' in props ? props.months : fiscalPeriodMonthsText(props.label, props.fyStart)
  if (!months) return <>{props.label}</>
  return props.stacked ? (
    <span class="fiscal-period">
      {props.label}
      <br />
      <span class="fiscal-months muted">{months}</span>
    </span>
  ) : (
    <span class="fiscal-period">
      {props.label} <span class="fiscal-months muted">({months})</span>
    </span>
  )
}
