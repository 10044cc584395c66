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
  inputmode?: 'decimal' | 'numeric' | 'text'
}

export function TextField({ id, name, label, value, hint, error, inputmode }: TextFieldProps) {
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ')
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        id={id}
        name={name}
        type="text"
        inputmode={inputmode}
        value={value}
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
