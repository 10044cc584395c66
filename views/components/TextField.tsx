/**
 * A labelled text input with its hint and, after a refused save, its error, tied together with
 * aria-describedby so a screen reader reads the problem with the field.
 */
export interface TextFieldProps {
  id: string
  name: string
  label: string
  value: string
  hint?: string
  error?: string | undefined
  /** The on-screen keyboard to offer on phones. */
  inputmode?: 'decimal' | 'numeric' | 'text' | undefined
  /** A date field gets the browser's date picker; everything else is plain text. */
  type?: 'text' | 'date'
  required?: boolean
}

export function TextField(props: TextFieldProps) {
  const { id, name, label, value, hint, error, inputmode, type = 'text', required } = props
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ')
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        id={id}
        name={name}
        type={type}
        inputmode={inputmode}
        value={value}
        required={required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy || undefined}
      />
      {hint && (
        <p id={`${id}-hint`} class="field-hint muted">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} class="field-error">
          {error}
        </p>
      )}
    </div>
  )
}
