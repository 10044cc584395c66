/**
 * JSON text parsed a slice at a time (@streamparser/json), with a pause after each slice: a 20 MB
 * workspace document parsed whole (JSON.parse) held the event loop for about 200 ms. The
 * incremental parser is several times slower in all, about 3 ms a slice, so small documents
 * (under one slice) still go to JSON.parse.
 */
import { JSONParser } from '@streamparser/json'
import type { Steps } from './steps.ts'

/** Characters parsed between two pauses. */
const SLICE_CHARS = 64 * 1024

export type ParsedJson = { ok: true; value: unknown } | { ok: false; reason: string }

/** `text` whole, or in pieces as it was decoded (each parsed as it comes, a slice at a time). */
export function* parseJsonSteps(text: string | readonly string[]): Steps<ParsedJson> {
  const pieces = typeof text === 'string' ? [text] : text
  if (pieces.reduce((n, piece) => n + piece.length, 0) <= SLICE_CHARS) {
    return parseAtOnce(pieces.join(''))
  }
  // the document, once the parser has read it whole (set from the parser's callback)
  const found: { document?: ParsedJson } = {}
  const parser = new JSONParser({ keepStack: false })
  parser.onValue = ({ value, stack }) => {
    if (stack.length === 0) found.document = { ok: true, value }
  }
  try {
    for (const piece of pieces) {
      for (let at = 0; at < piece.length; at += SLICE_CHARS) {
        // text after the document (other than white space) is an error, as for JSON.parse
        parser.write(piece.slice(at, at + SLICE_CHARS))
        yield
      }
    }
    if (!parser.isEnded) parser.end()
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) }
  }
  return found.document ?? { ok: false, reason: 'the text holds no JSON value' }
}

function parseAtOnce(text: string): ParsedJson {
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) }
  }
}
