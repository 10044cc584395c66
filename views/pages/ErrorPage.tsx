/**
 * A failure explained in plain words, with the request id to quote; never the error's details.
 * With `field`, the message is that form field's error (a form not sent as its page made it).
 */
export function ErrorPage({
  heading,
  message,
  requestId,
  field,
}: {
  heading: string
  message: string
  requestId?: string | undefined
  field?: string | undefined
}) {
  return (
    <section class="error-page" aria-labelledby="error-heading">
      <h1 id="error-heading">{heading}</h1>
      {field ? (
        <p class="field-error" data-field={field}>
          {message}
        </p>
      ) : (
        <p>{message}</p>
      )}
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
