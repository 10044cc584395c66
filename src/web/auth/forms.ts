import { Readable } from 'node:stream'
import { finished, pipeline } from 'node:stream/promises'
import type { ReadableStream } from 'node:stream/web'
import { Busboy } from '@fastify/busboy'
import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type * as z from 'zod'
import { nextTurn } from '../http/turns.ts'

/** A form body with repeated fields (checkboxes, multi-selects) as arrays; {} for other types. */
export function formBody(c: Context): Promise<Record<string, unknown>> {
  return c.req.parseBody({ all: true })
}

/**
 * An uploaded file's text, '' when the field holds none. Read a turn after the form was parsed,
 * so a 5 MB upload's parse and its decoding are two pauses for other requests, not one (and
 * decoded at once from its bytes: Blob.text() reads in 64 kB pieces first).
 */
export async function fileText(field: unknown): Promise<string> {
  const file = listOf(field)[0]
  if (!(file instanceof File)) return ''
  await nextTurn()
  return new TextDecoder().decode(await file.arrayBuffer())
}

/** A form with one file, its fields (the last value of each) and the file's text ('' if none). */
export interface UploadForm {
  fields: Record<string, string>
  text: string
}

/**
 * A form carrying a file (the field `file`), read piece by piece as its bytes arrive, each piece
 * decoded as it comes: a 6 MB upload parsed whole (c.req.parseBody) held every other request
 * for 120-150 ms at once. A body that is not multipart is read as parseBody reads it.
 */
export async function uploadForm(c: Context): Promise<UploadForm> {
  const type = c.req.header('content-type') ?? ''
  const body = c.req.raw.body
  if (body === null || !/^multipart\/form-data/i.test(type)) {
    const parsed = await c.req.parseBody()
    const fields = Object.fromEntries(
      Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string'),
    )
    return { fields, text: await fileText(parsed.file) }
  }
  const fields: Record<string, string> = {}
  const pieces: string[] = []
  const files: Promise<void>[] = []
  let form: ReturnType<typeof Busboy>
  try {
    form = Busboy({ headers: { 'content-type': type } })
  } catch {
    throw new HTTPException(400, { message: 'The form could not be read.' })
  }
  form.on('field', (name, value) => {
    fields[name] = value
  })
  form.on('file', (name, stream) => {
    if (name !== 'file') {
      stream.resume()
      return
    }
    pieces.length = 0
    const decoder = new TextDecoder()
    stream.on('data', (bytes: Uint8Array) => pieces.push(decoder.decode(bytes, { stream: true })))
    stream.on('end', () => pieces.push(decoder.decode()))
    files.push(finished(stream))
  })
  try {
    await pipeline(Readable.fromWeb(body as ReadableStream<Uint8Array>), form)
    await Promise.all(files)
  } catch {
    throw new HTTPException(400, { message: 'The form could not be read.' })
  }
  return { fields, text: pieces.join('') }
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
