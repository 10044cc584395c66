import type { BenefitItem, BenefitPackage, Office } from '../../src/domain/model.ts'
import { formatMoney, formatPercent } from '../../src/domain/money.ts'
import { Citation } from '../components/Citation.tsx'

const BASIS: Record<BenefitItem['basis'], string> = {
  per_head_year: 'Per head per year',
  percent_of_base: 'Share of base salary',
  per_office_day: 'Per day in the office',
  per_dependant_year: 'Per dependant per year',
  one_off_at_hire: 'Once, at hire',
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

function itemAmount(item: BenefitItem, pkg: BenefitPackage): string {
  return item.basis === 'percent_of_base'
    ? formatPercent(item.rate)
    : formatMoney(item.amount, pkg.currency)
}

function Retirement({ pkg }: { pkg: BenefitPackage }) {
  const r = pkg.retirement
  if (r.kind === 'uk_pension') {
    return (
      <>
        Workplace pension: employer {formatPercent(r.rate)} of basic salary
        {r.annualCap && `, capped at ${formatMoney(r.annualCap, pkg.currency)} a year`}
        {r.cashAllowanceAboveCap && ', the excess paid as a cash allowance (NIC-able)'}.
      </>
    )
  }
  return (
    <>
      401(k) match {formatPercent(r.rate)} of eligible pay (capped at the 401(a)(17) limit),{' '}
      {formatPercent(r.participation)} participation.
    </>
  )
}

/** The UK and US packages item by item, with each item's cost basis and where it came from. */
export function Packages({ packages, offices }: { packages: BenefitPackage[]; offices: Office[] }) {
  return (
    <section aria-labelledby="packages-heading">
      <h1 id="packages-heading">Benefit packages</h1>
      {packages.length === 0 && (
        <p class="empty">No packages yet: add them to the workspace document and import it.</p>
      )}
      {packages.map((pkg) => (
        <section class="package" id={`package-${pkg.id}`} aria-labelledby={`pkg-${pkg.id}`}>
          <h2 id={`pkg-${pkg.id}`}>
            {pkg.name}{' '}
            <span class="muted">
              ({pkg.region}, {pkg.currency})
            </span>
          </h2>
          <p>
            Offices:{' '}
            {offices
              .filter((o) => o.benefitPackageId === pkg.id)
              .map((o) => o.name)
              .join(', ') || 'none'}
            .
          </p>
          <ul>
            <li>
              <Retirement pkg={pkg} />
            </li>
            <li>Bonus paid in {pkg.bonusPaymentMonths.map((m) => MONTHS[m - 1]).join(', ')}.</li>
            <li>
              Parental leave: {pkg.parentalLeave.weeksPaid} weeks paid; expected{' '}
              {pkg.parentalLeave.expectedWeeksPerHeadPerYear.toFixed()} weeks per head per year,
              covered at {formatPercent(pkg.parentalLeave.coverRate)} of salary.
            </li>
          </ul>
          <div class="table-scroll">
            <table class="finance-table">
              <caption>{pkg.name}: items</caption>
              <thead>
                <tr>
                  <th scope="col">Item</th>
                  <th scope="col">Cost basis</th>
                  <th scope="col" class="num">
                    Amount
                  </th>
                  <th scope="col">Taxable benefit</th>
                  <th scope="col">Paid as cash</th>
                  <th scope="col">Source</th>
                </tr>
              </thead>
              <tbody>
                {pkg.items.map((item) => (
                  <tr id={`item-${pkg.id}-${item.id}`}>
                    <th scope="row">{item.name}</th>
                    <td>{BASIS[item.basis]}</td>
                    <td class="num">{itemAmount(item, pkg)}</td>
                    <td>{item.taxableBenefit ? 'Yes (Class 1A NIC)' : 'No'}</td>
                    <td>{item.cashPay ? 'Yes' : 'No'}</td>
                    <td class="source">
                      {item.source ? (
                        <Citation source={item.source} />
                      ) : (
                        <span class="muted">Not given</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {pkg.source && (
            <p class="muted source">
              Source: <Citation source={pkg.source} />
            </p>
          )}
        </section>
      ))}
    </section>
  )
}
