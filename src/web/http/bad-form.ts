import * as z from 'zod'

/**
 * A form body that is not as the planner's own page sent it (a hidden field missing or altered):
 * nothing a person typed can be shown wrong, so the answer is a page naming the field and its
 * problem (400), its error element tied to the field by name.
 */
export class BadForm extends Error {
  constructor(
    readonly field: string,
    readonly problem: string,
  ) {
    super(`bad form field ${field}`)
    this.name = 'BadForm'
  }
}

/**
 * A form's version: the record's version its page showed. Every record starts at 1, so an empty or
 * zero version (a form not as the page sent it) is a bad field, never a stale save.
 */
export const formVersion = z.coerce.number().int().min(1)

/** The answer to a versioned form without its version: it cannot be checked against others' saves. */
export const NO_VERSION = 'The form did not say which version it edits.'

/**
 * A save refused as stale whose form named a version newer than the record's: no page of the
 * planner showed that version, so the field is bad (400), not overtaken by someone's save (409).
 */
export function refuseUnseenVersion(submitted: number, current: number): void {
  if (submitted > current) {
    throw new BadForm('version', 'The form names a version this record has never had.')
  }
}
