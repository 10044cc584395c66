import { SelectField, type SelectFieldProps } from './SelectField.tsx'
import type { Difference } from './StaleChanges.tsx'
import { StaleChanges } from './StaleChanges.tsx'
import { TextField, type TextFieldProps } from './TextField.tsx'

type Errors = Readonly<Record<string, string | undefined>>

/** What a bound field still needs said: the rest follows from its name. */
type Bound<P> = Omit<P, 'id' | 'value' | 'error'> & {
  name: string
  /** For the rare field whose error is filed under another name. */
  error?: string | undefined
}

/**
 * A form's fields bound to its values and errors: each field's id (`<prefix>-<name>`), value and
 * error follow from its name, so a form lists only what differs between its fields.
 */
export function bindFields(prefix: string, values: object, errors: Errors) {
  const typed = values as Readonly<Record<string, unknown>>
  const bound = (name: string, error: string | undefined) => ({
    id: `${prefix}-${name}`,
    error: error ?? errors[name],
  })
  const text = (name: string) => {
    const value = typed[name]
    return typeof value === 'string' ? value : undefined
  }
  return {
    Text: ({ error, ...props }: Bound<TextFieldProps>) => (
      <TextField {...props} {...bound(props.name, error)} value={text(props.name)} />
    ),
    Choice: ({ error, ...props }: Bound<SelectFieldProps>) => (
      <SelectField {...props} {...bound(props.name, error)} value={text(props.name)} />
    ),
  }
}

/**
 * The head of a form after a refused save: what was stale (saved by someone else first) or why
 * nothing was saved, and the version the form was opened at.
 */
export function FormState({
  what,
  version,
  errors,
  conflict,
}: {
  /** "these assumptions", "this rate set": what someone else may have changed. */
  what: string
  version: number
  errors: Errors
  conflict?: Difference[] | string | undefined
}) {
  return (
    <>
      {typeof conflict === 'string' ? (
        <p class="form-problem" role="alert">
          {conflict}
        </p>
      ) : (
        conflict && <StaleChanges what={what} differences={conflict} />
      )}
      {Object.keys(errors).length > 0 && !(typeof conflict === 'string') && (
        <p class="form-problem" role="alert">
          {errors.form ?? 'Nothing was saved: correct the fields marked below.'}
        </p>
      )}
      <input type="hidden" name="version" value={String(version)} />
    </>
  )
}
