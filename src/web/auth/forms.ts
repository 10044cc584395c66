import type { Context } from 'hono'
import type * as z from 'zod'
import { multipartForm } from '../http/multipart.ts'
import { textInSlices } from '../http/text-slices.ts'

/**
 * A form body with repeated fields (checkboxes, multi-selects) as arrays; {} for other types. A
 * multipart form (a file upload) is read as it arrives, in slices (multipart.ts).
 */
export function formBody(c: Context): Promise<Record<string, unknown>> {
  const type = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase()
  return type === 'multipart/form-data' ? multipartForm(c.req.raw) : c.req.parseBody({ all: true })
}

/** An uploaded file's text, '' when the field holds none, decoded in slices (text-slices.ts). */
export async function fileText(field: unknown): Promise<string> {
  return (await filePieces(field)).join('')
}

/** An uploaded file's text in the pieces it was decoded in ([] when the field holds none). */
export async function filePieces(field: unknown): Promise<string[]> {
  const file = listOf(field)[0]
  if (!(file instanceof File)) return []
  return textInSlices(file.stream())
}

/** A form with one file, its fields (the last value of each) and the file's text ('' if none). */
export interface UploadForm {
  fields: Record<string, string>
  text: string
}

/** A form carrying a file in the field `file`, read as its bytes arrive (`formBody`). */
export async function uploadForm(c: Context): Promise<UploadForm> {
  const body = await formBody(c)
  const fields: Record<string, string> = {}
  for (const [name, value] of Object.entries(body)) {
    const last = listOf(value).at(-1)
    if (typeof last === 'string') fields[name] = last
  }
  return { fields, text: await fileText(body.file) }
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
