import { Flash } from '../components/Flash.tsx'
import { TextField } from '../components/TextField.tsx'

export interface LoginProps {
  email?: string
  /** Where to go after signing in (a path on this site). */
  next?: string
  /** Field errors from validation, by field name. */
  errors?: Partial<Record<'email' | 'password', string>>
  /** A message about the attempt as a whole; never says whether the email exists. */
  message?: string
  /** Single sign-on, when it is on: the button reads "Sign in with {providerName}". */
  sso?: { providerName: string }
  /** Who may sign in with a password: everyone, or only the break-glass administrator. */
  password?: 'everyone' | 'break_glass'
}

export function Login({
  email = '',
  next = '/',
  errors = {},
  message,
  sso,
  password = 'everyone',
}: LoginProps) {
  const form = <PasswordForm email={email} next={next} errors={errors} />
  return (
    <section class="login" aria-labelledby="login-heading">
      <h1 id="login-heading">Sign in</h1>
      {message && <Flash kind="error">{message}</Flash>}
      {sso && (
        <form method="post" action="/login/sso" class="form">
          <input type="hidden" name="next" value={next} />
          <button type="submit">Sign in with {sso.providerName}</button>
        </form>
      )}
      {password === 'everyone' ? (
        <>
          {sso && <p class="muted">Or with your planner password:</p>}
          {form}
        </>
      ) : (
        // open when the attempt failed, so the administrator sees why
        <details open={message !== undefined || Object.keys(errors).length > 0}>
          <summary>Break-glass administrator sign-in</summary>
          <p class="muted">
            Password sign-in is turned off for everyone else. Use this only when the identity
            provider cannot be used.
          </p>
          {form}
        </details>
      )}
    </section>
  )
}

function PasswordForm({
  email,
  next,
  errors,
}: Required<Pick<LoginProps, 'email' | 'next' | 'errors'>>) {
  return (
    <form method="post" action="/login" class="form" novalidate>
      <input type="hidden" name="next" value={next} />
      <TextField
        id="email"
        name="email"
        label="Email"
        type="email"
        autocomplete="username"
        required
        value={email}
        error={errors.email}
      />
      <TextField
        id="password"
        name="password"
        label="Password"
        type="password"
        autocomplete="current-password"
        required
        error={errors.password}
      />
      <button type="submit">Sign in</button>
    </form>
  )
}
