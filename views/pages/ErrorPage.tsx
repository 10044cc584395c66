/** A failure explained in plain words, with the request id to quote; never the error's details. */
export function ErrorPage({
  heading,
  message,
  requestId,
}: {
  heading: string
  message: string
  requestId?: string
}) {
  return (
    <section class="error-page" aria-labelledby="error-heading">
      <h1 id="error-heading">{heading}</h1>
      <p>{message}</p>
      {requestId && (
        <p class="muted">
          Reference: <code>{requestId}</code>
        </p>
      )}
      <p>
        <a href="/">Back to the organisation</a>
      </p>
    </section>
  )
}
