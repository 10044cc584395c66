import type { Context } from 'hono'
import type * as z from 'zod'

/** A form body with repeated fields (checkboxes, multi-selects) as arrays; {} for other types. */
export function formBody(c: Context): Promise<Record<string, unknown>> {
  return c.req.parseBody({ all: true })
}

/** The first problem with each field, by field name, for showing beside the field. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {}
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'form')
    errors[field] ??= issue.message
  }
  return errors
}

/** A field that may come once or repeated, always as a list of strings. */
export function listOf(value: unknown): unknown[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value]
}
