import { ROLES } from '../../src/domain/roles.ts'
import { SelectField } from './SelectField.tsx'

export const ROLE_OPTIONS = ROLES.map((r) => ({ value: r, label: r }))

export interface TeamOption {
  id: string
  name: string
  parentTeamId: string | null
}

/** Teams with their subteams marked, as options of a select that takes several. */
export function teamSelect(teams: readonly TeamOption[]) {
  return {
    name: 'teams',
    multiple: true,
    size: Math.min(teams.length, 6),
    options: teams.map((t) => ({ value: t.id, label: t.parentTeamId ? `— ${t.name}` : t.name })),
  }
}

/** A role and, for managers, the teams they manage: for an account or a sign-in group. */
export function RoleFields({
  idPrefix,
  teams,
  values,
  errors,
}: {
  idPrefix: string
  teams: readonly TeamOption[]
  values: { role: string; teams: string[] }
  errors: Record<string, string>
}) {
  return (
    <>
      <SelectField
        id={`${idPrefix}-role`}
        name="role"
        label="Role"
        value={values.role}
        options={ROLE_OPTIONS}
        error={errors.role}
      />
      <SelectField
        id={`${idPrefix}-teams`}
        label="Teams managed (managers only; subteams included)"
        value={values.teams}
        error={errors.teams}
        {...teamSelect(teams)}
      />
    </>
  )
}
