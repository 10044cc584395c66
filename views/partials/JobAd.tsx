import type { StoredPosting } from '../../src/db/repos/hiring.ts'
import { formatDate } from '../../src/domain/calendar.ts'
import type { AdRequirements, JobAdRange, JobAdText } from '../../src/domain/hiring/job-ad.ts'
import { formatMoney } from '../../src/domain/money.ts'
import { Flash } from '../components/Flash.tsx'

export interface JobAd {
  range: JobAdRange
  requirements: AdRequirements
  text: JobAdText
}

export interface JobAdProps {
  roleId: string
  title: string
  /** "Research Scientist L5, Interpretability, New York". */
  description: string
  /** Where it is advertised, as recorded with a posting. */
  locationLabel: string
  /** Null with `problem` when there is no band to post from. */
  ad: JobAd | null
  problem?: string
  /** US states the ad may also be advertised in (remote), ticked when chosen. */
  alsoIn: { code: string; name: string; checked: boolean }[]
  history: StoredPosting[]
  canPost: boolean
  posted?: boolean
  /** The role's sponsorship form, if it is sponsored and the viewer may edit it. */
  sponsorship?: unknown
}

/** The range an open role may post where it is advertised, what it must say, and its history. */
export function JobAdPanel(props: JobAdProps) {
  const { ad } = props
  const action = `/recruiting/roles/${props.roleId}`
  const chosen = props.alsoIn.filter((s) => s.checked)
  return (
    <section aria-labelledby="job-ad-heading" class="job-ad" id="job-ad">
      <h1 id="job-ad-heading">Job ad: {props.title}</h1>
      <p>{props.description}</p>
      {props.posted && <Flash kind="success">Recorded as posted.</Flash>}
      <form method="get" action={action} class="form job-ad-locations">
        <fieldset>
          <legend>Also advertised in (remote)</legend>
          <p class="muted">The strictest rule of every location applies.</p>
          <div class="checkbox-grid">
            {props.alsoIn.map((s) => (
              <label>
                <input type="checkbox" name="also" value={s.code} checked={s.checked} /> {s.name}
              </label>
            ))}
          </div>
        </fieldset>
        <div class="form-actions">
          <button type="submit">Show the range for these locations</button>
        </div>
      </form>
      {ad === null ? (
        <Flash kind="error">{props.problem}</Flash>
      ) : (
        <section aria-labelledby="job-ad-range-heading">
          <h2 id="job-ad-range-heading">Range to post in {props.locationLabel}</h2>
          <p class="job-ad-range" id="job-ad-range">
            {formatMoney(ad.range.min, ad.range.currency, { wholeUnits: true })} to{' '}
            {formatMoney(ad.range.max, ad.range.currency, { wholeUnits: true })} a year
          </p>
          <h3>Required by</h3>
          {ad.requirements.jurisdictions.length === 0 ? (
            <p>
              No pay-transparency law applies to these locations; posting the range is good
              practice.
            </p>
          ) : (
            <ul>
              {ad.requirements.jurisdictions.map((j) => (
                <li>
                  {j.name}: range{j.requiresBenefits ? ', benefits' : ''}
                  {j.requiresBonusEquity ? ', bonus and equity' : ''}
                </li>
              ))}
            </ul>
          )}
          <h3>Text for the ad</h3>
          <pre class="job-ad-text" id="job-ad-text">
            {ad.text.text}
          </pre>
          {props.canPost && (
            <form method="post" action={action} class="form">
              {chosen.map((s) => (
                <input type="hidden" name="also" value={s.code} />
              ))}
              <button type="submit">Record as posted today</button>
            </form>
          )}
        </section>
      )}
      {props.sponsorship}
      <section aria-labelledby="job-ad-history-heading">
        <h2 id="job-ad-history-heading">Posted before</h2>
        {props.history.length === 0 ? (
          <p class="empty">Not posted yet. Record the range when the ad goes live.</p>
        ) : (
          <div class="table-scroll">
            <table class="finance-table" id="job-ad-history">
              <thead>
                <tr>
                  <th scope="col">Posted on</th>
                  <th scope="col">Where</th>
                  <th scope="col" class="num">
                    Minimum
                  </th>
                  <th scope="col" class="num">
                    Maximum
                  </th>
                  <th scope="col">Text</th>
                </tr>
              </thead>
              <tbody>
                {props.history.map(({ posting: p }) => (
                  <tr>
                    <th scope="row">{formatDate(p.postedOn)}</th>
                    <td>{p.location}</td>
                    <td class="num">{formatMoney(p.min, p.currency, { wholeUnits: true })}</td>
                    <td class="num">{formatMoney(p.max, p.currency, { wholeUnits: true })}</td>
                    <td>
                      <pre class="job-ad-text">{p.text}</pre>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </section>
  )
}
