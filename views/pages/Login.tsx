import { Flash } from '../components/Flash.tsx'

export interface LoginProps {
  email?: string
  /** Where to go after signing in (a path on this site). */
  next?: string
  /** Field errors from validation, by field name. */
  errors?: Partial<Record<'email' | 'password', string>>
  /** A message about the attempt as a whole; never says whether the email exists. */
  message?: string
}

export function Login({ email = '', next = '/', errors = {}, message }: LoginProps) {
  return (
    <section class="login" aria-labelledby="login-heading">
      <h1 id="login-heading">Sign in</h1>
      {message && <Flash kind="error">{message}</Flash>}
      <form method="post" action="/login" class="form" novalidate>
        <input type="hidden" name="next" value={next} />
        <div class="field">
          <label for="email">Email</label>
          <input
            id="email"
            name="email"
            type="email"
            autocomplete="username"
            required
            value={email}
            aria-invalid={errors.email ? 'true' : undefined}
            aria-describedby={errors.email ? 'email-error' : undefined}
          />
          {errors.email && (
            <p id="email-error" class="field-error">
              {errors.email}
            </p>
          )}
        </div>
        <div class="field">
          <label for="password">Password</label>
          <input
            id="password"
            name="password"
            type="password"
            autocomplete="current-password"
            required
            aria-invalid={errors.password ? 'true' : undefined}
            aria-describedby={errors.password ? 'password-error' : undefined}
          />
          {errors.password && (
            <p id="password-error" class="field-error">
              {errors.password}
            </p>
          )}
        </div>
        <button type="submit">Sign in</button>
      </form>
    </section>
  )
}
