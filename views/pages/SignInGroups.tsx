import type { GroupMapping } from '../../src/domain/group-mapping.ts'
import { bindFields } from '../components/BoundFields.tsx'
import { Flash } from '../components/Flash.tsx'
import { RoleFields, type TeamOption } from '../components/RoleFields.tsx'
import { Table } from '../components/Table.tsx'

export interface SignInGroupsProps {
  mappings: GroupMapping[]
  teams: TeamOption[]
  /** Whether single sign-on is on (the table can be prepared before it is). */
  ssoOn: boolean
  /** The claim the groups come in, to show admins what to match. */
  groupsClaim: string
  values?: { group: string; role: string; teams: string[] }
  errors?: Record<string, string>
  message?: { kind: 'success' | 'error'; text: string }
}

export function SignInGroups({
  mappings,
  teams,
  ssoOn,
  groupsClaim,
  values = { group: '', role: 'viewer', teams: [] },
  errors = {},
  message,
}: SignInGroupsProps) {
  const teamName = (id: string) =>
    teams.find((t) => t.id === id)?.name ?? `${id} (no longer exists)`
  const { Text } = bindFields('mapping', values, errors)
  return (
    <section aria-labelledby="groups-heading">
      <h1 id="groups-heading">Sign-in groups</h1>
      {message && <Flash kind={message.kind}>{message.text}</Flash>}
      <p>
        People who sign in with the company identity provider get their role, and a manager their
        teams, from the groups listed here, looked up in the <code>{groupsClaim}</code> claim at
        every sign-in. Someone in several groups gets the role with the most access; a manager in
        several manager groups manages all their teams. Someone in none of these groups cannot sign
        in.
      </p>
      {!ssoOn && (
        <Flash kind="info">
          Single sign-on is off on this server; these groups apply once it is turned on.
        </Flash>
      )}
      <Table caption="Groups and what they give">
        <thead>
          <tr>
            <th scope="col">Group</th>
            <th scope="col">Role</th>
            <th scope="col">Teams managed</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {mappings.length === 0 && (
            <tr>
              <td colspan={4}>No groups yet: nobody can sign in through the identity provider.</td>
            </tr>
          )}
          {mappings.map((m) => (
            <tr>
              <td>
                <code>{m.group}</code>
              </td>
              <td>{m.role}</td>
              <td>{m.teams.map(teamName).join(', ')}</td>
              <td>
                <form method="post" action="/sign-in-groups/delete">
                  <input type="hidden" name="group" value={m.group} />
                  <button type="submit">Remove {m.group}</button>
                </form>
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
      <form method="post" action="/sign-in-groups" class="form" novalidate>
        <h2>Add or change a group</h2>
        <Text
          name="group"
          label="Group, exactly as the provider sends it"
          hint="A group name, path or object id; a group already listed is changed."
          required
        />
        <RoleFields idPrefix="group" teams={teams} values={values} errors={errors} />
        <button type="submit">Save group</button>
      </form>
    </section>
  )
}
