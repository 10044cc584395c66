/**
 * UTF-8 bytes as they arrive (a request body, an uploaded file's stream) decoded with a turn for
 * other requests after each SLICE_BYTES, and kept in the pieces they were decoded in: decoding a
 * 33 MB document and joining it into one string held the event loop for about 130 ms.
 */
import { nextTurn } from './turns.ts'

const SLICE_BYTES = 256 * 1024

export async function textInSlices(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
): Promise<string[]> {
  const decoder = new TextDecoder()
  const pieces: string[] = []
  let sinceTurn = 0
  for await (const chunk of chunks) {
    for (let at = 0; at < chunk.length; at += SLICE_BYTES) {
      const slice = chunk.subarray(at, at + SLICE_BYTES)
      pieces.push(decoder.decode(slice, { stream: true }))
      sinceTurn += slice.length
      if (sinceTurn >= SLICE_BYTES) {
        sinceTurn = 0
        await nextTurn()
      }
    }
  }
  pieces.push(decoder.decode())
  return pieces
}
