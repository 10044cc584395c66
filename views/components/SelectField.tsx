import { LabelledField } from './LabelledField.tsx'

export interface SelectOption {
  value: string
  label: string
}

/** Options from records that have an id and a name (teams, offices, pools). */
export const idNameOptions = (items: readonly { id: string; name: string }[]): SelectOption[] =>
  items.map(({ id, name }) => ({ value: id, label: name }))

export interface SelectProps {
  id: string
  name: string
  /** The chosen value; several for a multiple select. */
  value: string | readonly string[] | undefined
  options: readonly SelectOption[]
  multiple?: boolean
  size?: number
  'aria-invalid'?: 'true' | undefined
  'aria-describedby'?: string | undefined
}

/** A select with its options, the chosen one(s) selected. */
export function Select({ value, options, ...attrs }: SelectProps) {
  const chosen = (v: string) => (typeof value === 'string' ? v === value : !!value?.includes(v))
  return (
    <select {...attrs}>
      {options.map((o) => (
        <option value={o.value} selected={chosen(o.value)}>
          {o.label}
        </option>
      ))}
    </select>
  )
}

export interface SelectFieldProps extends Omit<SelectProps, 'aria-invalid' | 'aria-describedby'> {
  label: string
  hint?: string | undefined
  error?: string | undefined
}

/**
 * A labelled select with its hint and, after a refused save, its error, tied together with
 * aria-describedby so a screen reader reads the problem with the field.
 */
export function SelectField({ label, hint, error, ...select }: SelectFieldProps) {
  return (
    <LabelledField id={select.id} label={label} hint={hint} error={error}>
      {(attrs) => <Select {...select} {...attrs} />}
    </LabelledField>
  )
}
