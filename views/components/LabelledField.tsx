import type { Child } from 'hono/jsx'

/** What ties a form control to its label, hint and error for a screen reader. */
export interface ControlAttrs {
  id: string
  'aria-invalid': 'true' | undefined
  'aria-describedby': string | undefined
}

export interface LabelledFieldProps {
  id: string
  label: string
  hint?: string | undefined
  error?: string | undefined
  /** The control itself (input, select), given the attributes that tie it to the rest. */
  children: (attrs: ControlAttrs) => Child
}

/**
 * The frame every form field shares: a label, the control, its hint and, after a refused save,
 * its error, tied together with aria-describedby so a screen reader reads the problem with it.
 */
export function LabelledField({ id, label, hint, error, children }: LabelledFieldProps) {
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ')
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {children({
        id,
        'aria-invalid': error ? 'true' : undefined,
        'aria-describedby': describedBy || undefined,
      })}
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
