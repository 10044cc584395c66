import { LabelledField } from './LabelledField.tsx'

/**
 * A labelled text input with its hint and, after a refused save, its error, tied together with
 * aria-describedby so a screen reader reads the problem with the field.
 */
export interface TextFieldProps {
  id: string
  name: string
  label: string
  /** Left out for a password, which is never sent back to the browser. */
  value?: string
  hint?: string | undefined
  error?: string | undefined
  /** The on-screen keyboard to offer on phones. */
  inputmode?: 'decimal' | 'numeric' | 'text' | undefined
  /** A date field gets the browser's date picker; email and password their own handling. */
  type?: 'text' | 'date' | 'email' | 'password'
  required?: boolean
  /** What the browser may fill in ('username', 'current-password'), or 'off'. */
  autocomplete?: string
  /** Focus on arrival: for a form swapped into the page in place of what had focus. */
  autofocus?: boolean
}

export function TextField(props: TextFieldProps) {
  const { name, value, inputmode, type = 'text', required, autocomplete, autofocus } = props
  return (
    <LabelledField id={props.id} label={props.label} hint={props.hint} error={props.error}>
      {(attrs) => (
        <input
          {...attrs}
          name={name}
          type={type}
          inputmode={inputmode}
          autocomplete={autocomplete}
          value={value}
          required={required}
          autofocus={autofocus}
        />
      )}
    </LabelledField>
  )
}
