/**
 * A workspace document's text from a request body, sent plain or gzip-compressed
 * (`Content-Encoding: gzip`, a tenth of the size). Decompressed off the event loop (zlib's
 * thread pool), and never to more than the document limit: a small body that inflates past it is
 * refused with 413 like a large one. The text is decoded in slices and left in those pieces for
 * the JSON parser (text-slices.ts).
 */
import { promisify } from 'node:util'
import { gunzip } from 'node:zlib'
import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { textInSlices } from './text-slices.ts'

/**
 * A workspace document upload (its own routes only): the export of the largest plan the planner
 * supports, 50,000 positions, is about 40 MB of JSON, and gzip makes it a tenth of that.
 */
export const MAX_DOCUMENT_BYTES = 128 * 1024 * 1024

const inflate = promisify(gunzip)

export async function documentText(c: Context): Promise<string[]> {
  const encoding = c.req.header('Content-Encoding')?.trim().toLowerCase()
  if (!encoding || encoding === 'identity') return textInSlices(c.req.raw.body ?? [])
  if (encoding !== 'gzip') {
    throw new HTTPException(415, { message: 'Send the document as it is or gzip-compressed.' })
  }
  let inflated: Buffer
  try {
    const body = Buffer.from(await c.req.arrayBuffer())
    inflated = await inflate(body, { maxOutputLength: MAX_DOCUMENT_BYTES })
  } catch (error) {
    if (error instanceof RangeError) throw new HTTPException(413)
    throw new HTTPException(400, { message: 'The body is not valid gzip.' })
  }
  return textInSlices([inflated])
}
