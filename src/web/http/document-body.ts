/**
 * A workspace document's text from a request body, sent plain or gzip-compressed
 * (`Content-Encoding: gzip`, a tenth of the size). Decompressed off the event loop (zlib's
 * thread pool), and never to more than the document limit: a small body that inflates past it is
 * refused with 413 like a large one. The bytes are decoded a slice at a time with a turn for
 * other requests between, and the text is left in those pieces for the JSON parser (decoding
 * and joining 33 MB at once held the event loop for about 130 ms).
 */
import { promisify } from 'node:util'
import { gunzip } from 'node:zlib'
import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { nextTurn } from './turns.ts'

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

/** Bytes decoded between two turns. */
const SLICE_BYTES = 256 * 1024

/** UTF-8 text of byte chunks (a body as it arrives), decoded a slice at a time, in pieces. */
async function textInSlices(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
): Promise<string[]> {
  const decoder = new TextDecoder()
  const pieces: string[] = []
  for await (const chunk of chunks) {
    for (let at = 0; at < chunk.length; at += SLICE_BYTES) {
      pieces.push(decoder.decode(chunk.subarray(at, at + SLICE_BYTES), { stream: true }))
      if (chunk.length > SLICE_BYTES) await nextTurn()
    }
  }
  pieces.push(decoder.decode())
  return pieces
}
