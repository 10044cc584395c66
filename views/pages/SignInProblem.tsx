/** Why a single sign-on did not sign the person in, and what they can do about it. */
export interface SignInProblemProps {
  heading: string
  /** What happened, in plain words. */
  message: string
  /** What to do next. */
  advice: string
  /** Offer to start the sign-in again (pointless when only an administrator can help). */
  retry: boolean
  providerName: string
  requestId?: string
}

export function SignInProblem({
  heading,
  message,
  advice,
  retry,
  providerName,
  requestId,
}: SignInProblemProps) {
  return (
    <section class="error-page" aria-labelledby="problem-heading">
      <h1 id="problem-heading">{heading}</h1>
      <p>{message}</p>
      <p>{advice}</p>
      {requestId && (
        <p class="muted">
          Reference for your administrator: <code>{requestId}</code>
        </p>
      )}
      {retry && (
        <form method="post" action="/login/sso" class="form">
          <button type="submit">Sign in with {providerName} again</button>
        </form>
      )}
      <p>
        <a href="/login">Back to the sign-in page</a>
      </p>
    </section>
  )
}
