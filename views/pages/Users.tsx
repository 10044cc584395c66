import type { TeamChoice, User } from '../../src/db/repos/users.ts'
import { ROLES } from '../../src/db/repos/users.ts'
import { Flash } from '../components/Flash.tsx'

export interface NewUserValues {
  name: string
  email: string
  role: string
  teams: string[]
}

export interface UsersProps {
  users: User[]
  teams: TeamChoice[]
  /** The signed-in admin, whose own role and status cannot be changed here. */
  selfId: string
  values?: NewUserValues
  errors?: Record<string, string>
  /** A generated password, shown this once. */
  password?: { email: string; value: string }
  message?: string
}

const EMPTY: NewUserValues = { name: '', email: '', role: 'viewer', teams: [] }

function FieldError({ id, error }: { id: string; error: string | undefined }) {
  return error ? (
    <p id={id} class="field-error">
      {error}
    </p>
  ) : null
}

function RoleSelect({ id, value }: { id: string; value: string }) {
  return (
    <select id={id} name="role">
      {ROLES.map((r) => (
        <option value={r} selected={r === value}>
          {r}
        </option>
      ))}
    </select>
  )
}

function TeamSelect({ id, teams, chosen }: { id: string; teams: TeamChoice[]; chosen: string[] }) {
  return (
    <select id={id} name="teams" multiple size={Math.min(teams.length, 6)}>
      {teams.map((t) => (
        <option value={t.id} selected={chosen.includes(t.id)}>
          {t.parentTeamId ? `— ${t.name}` : t.name}
        </option>
      ))}
    </select>
  )
}

function NewUserForm({
  teams,
  values,
  errors,
}: {
  teams: TeamChoice[]
  values: NewUserValues
  errors: Record<string, string>
}) {
  const invalid = (f: string) => (errors[f] ? 'true' : undefined)
  const described = (f: string) => (errors[f] ? `new-${f}-error` : undefined)
  return (
    <form method="post" action="/users" class="form" aria-labelledby="new-user-heading" novalidate>
      <h2 id="new-user-heading">Add a user</h2>
      <div class="field">
        <label for="new-name">Name</label>
        <input
          id="new-name"
          name="name"
          required
          value={values.name}
          aria-invalid={invalid('name')}
          aria-describedby={described('name')}
        />
        <FieldError id="new-name-error" error={errors.name} />
      </div>
      <div class="field">
        <label for="new-email">Email</label>
        <input
          id="new-email"
          name="email"
          type="email"
          required
          value={values.email}
          aria-invalid={invalid('email')}
          aria-describedby={described('email')}
        />
        <FieldError id="new-email-error" error={errors.email} />
      </div>
      <div class="field">
        <label for="new-role">Role</label>
        <RoleSelect id="new-role" value={values.role} />
        <FieldError id="new-role-error" error={errors.role} />
      </div>
      <div class="field">
        <label for="new-teams">Teams managed (managers only; subteams included)</label>
        <TeamSelect id="new-teams" teams={teams} chosen={values.teams} />
        <FieldError id="new-teams-error" error={errors.teams} />
      </div>
      <button type="submit">Add user</button>
    </form>
  )
}

function UserRow({ user, teams, self }: { user: User; teams: TeamChoice[]; self: boolean }) {
  const teamNames = user.teamIds.map((id) => teams.find((t) => t.id === id)?.name ?? id)
  return (
    <tr id={`user-${user.id}`}>
      <td>{user.name}</td>
      <td>{user.email}</td>
      <td>
        {user.role}
        {teamNames.length > 0 && <span class="muted"> ({teamNames.join(', ')})</span>}
      </td>
      <td>{user.disabled ? 'Disabled' : 'Active'}</td>
      <td>
        {self ? (
          <span class="muted">You</span>
        ) : (
          <div class="row-actions">
            <form method="post" action={`/users/${user.id}/role`}>
              <label for={`role-${user.id}`}>Role for {user.name}</label>
              <RoleSelect id={`role-${user.id}`} value={user.role} />
              <label for={`teams-${user.id}`}>Teams for {user.name}</label>
              <TeamSelect id={`teams-${user.id}`} teams={teams} chosen={user.teamIds} />
              <button type="submit">Change role</button>
            </form>
            <form
              method="post"
              action={`/users/${user.id}/${user.disabled ? 'enable' : 'disable'}`}
            >
              <button type="submit">{user.disabled ? 'Enable' : 'Disable'}</button>
            </form>
            <form method="post" action={`/users/${user.id}/password`}>
              <button type="submit">Reset password</button>
            </form>
          </div>
        )}
      </td>
    </tr>
  )
}

export function Users({
  users,
  teams,
  selfId,
  values = EMPTY,
  errors = {},
  password,
  message,
}: UsersProps) {
  return (
    <section aria-labelledby="users-heading">
      <h1 id="users-heading">Users</h1>
      {message && <Flash kind="error">{message}</Flash>}
      {password && (
        <Flash kind="success">
          The password for {password.email} is <code id="new-password">{password.value}</code>. Pass
          it on now: it will not be shown again.
        </Flash>
      )}
      <table>
        <caption class="visually-hidden">Accounts</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col">Status</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <UserRow user={u} teams={teams} self={u.id === selfId} />
          ))}
        </tbody>
      </table>
      <NewUserForm teams={teams} values={values} errors={errors} />
    </section>
  )
}
