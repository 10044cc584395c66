/**
 * Two plans side by side by fiscal year: for each team that differs, its cost in either and the
 * difference; the teams that do not differ in one row; the totals and the heads at each year's end.
 */
import { type Currency, formatMinor } from '../../src/domain/money.ts'

export interface CompareYearRow {
  key: string
  label: string
  /** One figure per fiscal year on each side, in reporting-currency minor units. */
  a: number[]
  b: number[]
}

export interface CompareYears {
  years: { label: string; covers: string }[]
  /** The teams that differ (and company-wide lines, if they do), then the rest in one row. */
  rows: CompareYearRow[]
  total: { a: number[]; b: number[] }
  heads: { a: number[]; b: number[] }
}

/** "+£1,234" for more, "-£1,234" for less, "£0" when it rounds to nothing. */
export function signedMoney(minor: number, currency: Currency, pennies: boolean): string {
  const text = formatMinor(minor, currency, { wholeUnits: !pennies })
  return minor > 0 && /[1-9]/.test(text) ? `+${text}` : text
}

export const signedCount = (n: number) => (n > 0 ? `+${n}` : String(n))

export function CompareByYear(props: {
  years: CompareYears
  aName: string
  bName: string
  currency: Currency
  pennies: boolean
}) {
  const { years, currency, pennies } = props
  const money = (minor: number) => formatMinor(minor, currency, { wholeUnits: !pennies })
  const cells = (a: number[], b: number[], show: (n: number) => string, signed: typeof show) =>
    years.years.map((_, i) => (
      <>
        <td class="num">{show(a[i]!)}</td>
        <td class="num">{show(b[i]!)}</td>
        <td class="num compare-difference">{signed(b[i]! - a[i]!)}</td>
      </>
    ))
  const signed = (n: number) => signedMoney(n, currency, pennies)
  return (
    <section class="table-scroll" tabindex={0} aria-labelledby="year-compare-caption">
      <table class="projection-table compare-years" id="year-compare">
        <caption id="year-compare-caption">Cost by team in {currency}, heads at year end</caption>
        <thead>
          <tr>
            <th scope="col" rowspan={2}>
              Team
            </th>
            {years.years.map((y) => (
              <th scope="colgroup" colspan={3} class="compare-year">
                {y.label} <span class="muted">{y.covers}</span>
              </th>
            ))}
          </tr>
          <tr>
            {years.years.map(() => (
              <>
                <th scope="col" class="num compare-side">
                  {props.aName}
                </th>
                <th scope="col" class="num compare-side">
                  {props.bName}
                </th>
                <th scope="col" class="num">
                  Difference
                </th>
              </>
            ))}
          </tr>
        </thead>
        <tbody>
          {years.rows.map((r) => (
            <tr data-row={r.key}>
              <th scope="row">{r.label}</th>
              {cells(r.a, r.b, money, signed)}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr class="total-row" data-row="total">
            <th scope="row">Total cost</th>
            {cells(years.total.a, years.total.b, money, signed)}
          </tr>
          <tr data-row="heads">
            <th scope="row">Heads at year end</th>
            {cells(years.heads.a, years.heads.b, String, signedCount)}
          </tr>
        </tfoot>
      </table>
    </section>
  )
}
