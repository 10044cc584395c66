import type { ApiToken } from '../../src/db/repos/tokens.ts'
import { Flash } from '../components/Flash.tsx'

export interface TokensProps {
  tokens: ApiToken[]
  /** A token just created: its value is shown this once and never again. */
  created?: { name: string; value: string }
  name?: string
  errors?: Partial<Record<'name', string>>
}

const day = (iso: string | null) => (iso === null ? '' : iso.slice(0, 10))

export function Tokens({ tokens, created, name = '', errors = {} }: TokensProps) {
  return (
    <section aria-labelledby="tokens-heading">
      <h1 id="tokens-heading">API tokens</h1>
      <p>
        A token lets a script or BI tool call the planner as you, with your role and teams. Send it
        as <code>Authorization: Bearer &lt;token&gt;</code>.
      </p>
      {created && (
        <Flash kind="success">
          Token “{created.name}” created. Copy it now: it will not be shown again.{' '}
          <code id="new-token">{created.value}</code>
        </Flash>
      )}
      <form method="post" action="/tokens" class="form">
        <div class="field">
          <label for="token-name">Name</label>
          <input
            id="token-name"
            name="name"
            required
            maxlength={100}
            value={name}
            aria-invalid={errors.name ? 'true' : undefined}
            aria-describedby={errors.name ? 'token-name-error' : undefined}
          />
          {errors.name && (
            <p id="token-name-error" class="field-error">
              {errors.name}
            </p>
          )}
        </div>
        <button type="submit">Create token</button>
      </form>
      {tokens.length === 0 ? (
        <p class="muted">You have no tokens.</p>
      ) : (
        <table>
          <caption class="visually-hidden">Your API tokens</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Created</th>
              <th scope="col">Last used</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((t) => (
              <tr id={`token-${t.id}`}>
                <td>{t.name}</td>
                <td>{day(t.createdAt)}</td>
                <td>{day(t.lastUsedAt) || 'Never'}</td>
                <td>
                  {t.revokedAt ? (
                    `Revoked ${day(t.revokedAt)}`
                  ) : (
                    <form method="post" action={`/tokens/${t.id}/revoke`}>
                      <button type="submit" aria-label={`Revoke ${t.name}`}>
                        Revoke
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
