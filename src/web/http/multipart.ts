/**
 * A multipart form read as it arrives (@fastify/busboy), a slice at a time with a turn for other
 * requests between slices. Reading it whole first and parsing it in one piece (what a web
 * Request's formData() does) held the event loop for about 50 ms on a 5 MB roster export.
 */
import { Busboy } from '@fastify/busboy'
import { HTTPException } from 'hono/http-exception'
import { nextTurn } from './turns.ts'

/** Bytes parsed between two turns: about a millisecond of work. */
const SLICE_BYTES = 256 * 1024

/**
 * The form's fields as hono's `parseBody({ all: true })` gives them: a repeated field (or one
 * named `x[]`) as an array, a file as a File. A body that is not a well-formed multipart form is
 * a 400.
 */
export async function multipartForm(request: Request): Promise<Record<string, unknown>> {
  const form: Record<string, unknown> = Object.create(null)
  const add = (name: string, value: string | File) => {
    const old = form[name]
    if (Array.isArray(old)) old.push(value)
    else if (old !== undefined) form[name] = [old, value]
    else form[name] = name.endsWith('[]') ? [value] : value
  }
  let parser: ReturnType<typeof Busboy>
  try {
    parser = Busboy({
      headers: { 'content-type': request.headers.get('content-type') ?? '' },
      // the route's body limit is the only limit: busboy would cut a long field short silently
      limits: { fieldSize: Number.POSITIVE_INFINITY },
    })
  } catch {
    throw unreadable()
  }
  const finished = new Promise<void>((resolve, reject) => {
    parser.on('finish', resolve)
    parser.on('error', reject)
  })
  finished.catch(() => {}) // awaited below: a failure mid-body must not go unhandled meanwhile
  const files: Promise<void>[] = []
  parser.on('field', (name, value) => add(name, value))
  parser.on('file', (name, stream, filename, _encoding, type) => {
    const parts: Buffer[] = []
    stream.on('data', (part: Buffer) => parts.push(part))
    const file = new Promise<void>((resolve, reject) => {
      stream.on('error', reject) // a body cut short inside the file
      stream.on('end', () => {
        add(name, new File(parts, filename, { type }))
        resolve()
      })
    })
    file.catch(() => {}) // awaited below, after the parser's own end
    files.push(file)
  })
  // A read error (the body limit's) goes up as it is; the parser's make the form unreadable.
  const parsed = (work: Promise<void>) => work.catch(() => Promise.reject(unreadable()))
  if (request.body !== null) {
    for await (const chunk of request.body) {
      for (let at = 0; at < chunk.length; at += SLICE_BYTES) {
        await parsed(written(parser, chunk.subarray(at, at + SLICE_BYTES)))
        await nextTurn()
      }
    }
  }
  parser.end()
  await parsed(finished)
  await parsed(Promise.all(files).then(() => {}))
  return form
}

function written(parser: ReturnType<typeof Busboy>, bytes: Uint8Array): Promise<void> {
  return new Promise((resolve, reject) =>
    parser.write(bytes, (error) => (error ? reject(error) : resolve())),
  )
}

const unreadable = () => new HTTPException(400, { message: 'The form could not be read.' })
