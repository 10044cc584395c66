import type { BandReview } from '../../src/domain/band-review.ts'
import { cellKey } from '../../src/domain/band-review.ts'
import { formatDate } from '../../src/domain/calendar.ts'
import { Flash } from '../components/Flash.tsx'
import { BandCell } from '../partials/BandCell.tsx'
import { BandChecks } from '../partials/BandChecks.tsx'
import { BandForm, type BandFormProps } from '../partials/BandForm.tsx'
import { PolicyRowsForm, type PolicyRowsFormProps } from '../partials/PolicyRowsForm.tsx'

export interface BandsProps {
  review: BandReview
  planName: string
  bandLabel: (bandId: string) => string
  canEditBands: boolean
  canChangePay: (teamId: string) => boolean
  saved?: string | undefined
  /** The pay policy set here: geo differentials, defaults by level (read-only unless editing). */
  policyForms: PolicyRowsFormProps[]
}

function Legend() {
  return (
    <p class="band-legend muted">
      Each bar runs from the band minimum to its maximum, with a tick at the midpoint. Round dots
      are people, square dots are offers; a dot past the end of a bar is outside the band. Counts
      below each bar say how many are below, in and above the band.
    </p>
  )
}

export function Bands({
  review,
  planName,
  bandLabel,
  canEditBands,
  canChangePay,
  saved,
  policyForms,
}: BandsProps) {
  return (
    <section aria-labelledby="bands-heading">
      <header class="page-header">
        <h1 id="bands-heading">Salary bands</h1>
        <p>
          Bands in force on {formatDate(review.asOf)}, with the people and offers of {planName}. The
          second line of each band is the other currency at{' '}
          <span id="fx-rate">{review.usdPerGbp.toFixed()}</span> USD per GBP, the plan's rate for
          this month.
          {!canEditBands && ' You can read the bands; finance and admins edit them.'}
        </p>
      </header>
      {saved && <Flash kind="success">{saved}</Flash>}
      <BandChecks
        payFindings={review.payFindings}
        structureFindings={review.structureFindings}
        bandLabel={bandLabel}
        canEditBands={canEditBands}
        canChangePay={canChangePay}
      />
      <Legend />
      {review.families.length === 0 && (
        <p class="empty">
          No salary bands yet. Import bands from CSV or add them to the workspace document.
        </p>
      )}
      {review.families.map(({ family, levels, cells }) => {
        const offices = review.offices.filter((o) =>
          levels.some((l) => cells.has(cellKey(l.id, o.id))),
        )
        return (
          <section class="band-family" aria-labelledby={`family-${family.id}`}>
            <h2 id={`family-${family.id}`}>{family.name}</h2>
            <div class="table-scroll">
              <table class="band-matrix">
                <caption class="visually-hidden">{family.name} bands by level and office</caption>
                <thead>
                  <tr>
                    <th scope="col">Level</th>
                    {offices.map((o) => (
                      <th scope="col">
                        {o.name} <span class="muted">({o.currency})</span>
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {levels.map((l) => (
                    <tr>
                      <th scope="row">
                        {l.code} <span class="muted">{l.name}</span>
                      </th>
                      {offices.map((o) => {
                        const cell = cells.get(cellKey(l.id, o.id))
                        return cell ? (
                          <BandCell
                            cell={cell}
                            label={bandLabel(cell.band.id)}
                            canEdit={canEditBands}
                          />
                        ) : (
                          <td class="muted">No band</td>
                        )
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        )
      })}
      {policyForms.map((f) => (
        <PolicyRowsForm {...f} />
      ))}
    </section>
  )
}

/** The band edit page: the form, and the band as it stands with who is in it. */
export function BandEdit(props: BandFormProps) {
  return (
    <section aria-labelledby="band-form-heading">
      <header class="page-header">
        <h1>Edit salary band</h1>
        <p>
          <a href="/bands">Back to salary bands</a>
        </p>
      </header>
      <BandForm {...props} />
    </section>
  )
}
