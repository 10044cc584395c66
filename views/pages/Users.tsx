import type { TeamChoice, User } from '../../src/db/repos/users.ts'
import { bindFields } from '../components/BoundFields.tsx'
import { Flash } from '../components/Flash.tsx'
import { ROLE_OPTIONS, RoleFields, teamSelect } from '../components/RoleFields.tsx'
import { Select } from '../components/SelectField.tsx'
import { Table } from '../components/Table.tsx'

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
  /** The form field `message` is about (a refused role change), so it is that field's error. */
  messageField?: string
}

const EMPTY: NewUserValues = { name: '', email: '', role: 'viewer', teams: [] }

function NewUserForm({
  teams,
  values,
  errors,
}: {
  teams: TeamChoice[]
  values: NewUserValues
  errors: Record<string, string>
}) {
  const { Text } = bindFields('new', values, errors)
  return (
    <form method="post" action="/users" class="form" aria-labelledby="new-user-heading" novalidate>
      <h2 id="new-user-heading">Add a user</h2>
      <Text name="name" label="Name" required />
      <Text name="email" label="Email" type="email" required />
      <RoleFields idPrefix="new" teams={teams} values={values} errors={errors} />
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
              <Select id={`role-${user.id}`} name="role" value={user.role} options={ROLE_OPTIONS} />
              <label for={`teams-${user.id}`}>Teams for {user.name}</label>
              <Select id={`teams-${user.id}`} value={user.teamIds} {...teamSelect(teams)} />
              <button type="submit">Change role</button>
            </form>
            <form
              method="post"
              action={`/users/${user.id}/${user.disabled ? 'enable' : 'disable'}`}
            >
              <button type="submit" class="secondary">
                {user.disabled ? 'Enable' : 'Disable'}
              </button>
            </form>
            <form method="post" action={`/users/${user.id}/password`}>
              <button type="submit" class="secondary">
                Reset password
              </button>
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
  messageField,
}: UsersProps) {
  return (
    <section aria-labelledby="users-heading">
      <h1 id="users-heading">Users</h1>
      {message && (
        <Flash kind="error">
          {messageField ? (
            <span class="field-error" data-field={messageField}>
              {message}
            </span>
          ) : (
            message
          )}
        </Flash>
      )}
      {password && (
        <Flash kind="success">
          The password for {password.email} is <code id="new-password">{password.value}</code>. Pass
          it on now: it will not be shown again.
        </Flash>
      )}
      <Table caption="Accounts">
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
      </Table>
      <NewUserForm teams={teams} values={values} errors={errors} />
    </section>
  )
}
