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
}

export function Login({ email = '', next = '/', errors = {}, message }: LoginProps) {
  return (
    <section class="login" aria-labelledby="login-heading">
      <h1 id="login-heading">Sign in</h1>
      {message && <Flash kind="error">{message}</Flash>}
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
    </section>
  )
}
