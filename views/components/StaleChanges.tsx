/** One field where the saved record differs from what the user submitted. */
export interface Difference {
  label: string
  saved: string
  yours: string
}

/**
 * Why a save was refused as stale (409): someone else saved first. Lists where their version
 * differs from the user's entries, which the form keeps so saving again replaces theirs.
 */
export function StaleChanges({ what, differences }: { what: string; differences: Difference[] }) {
  return (
    <div class="form-problem conflict" role="alert">
      <p>
        Someone else saved {what} while you were editing, so your changes were not saved. Their
        version differs from yours in:
      </p>
      {differences.length === 0 ? (
        <p>no field on this form.</p>
      ) : (
        <ul>
          {differences.map((d) => (
            <li>
              {d.label}: saved as <strong>{d.saved}</strong>, you entered <strong>{d.yours}</strong>
            </li>
          ))}
        </ul>
      )}
      <p>Your entries are kept below; save again to replace theirs.</p>
    </div>
  )
}
