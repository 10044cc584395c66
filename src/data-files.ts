/**
 * Reads the JSON files in `data/` through their zod schemas. A file that is not JSON, or does not
 * match, throws a DataFileError naming the file, each field's path and the problem, so start-up
 * can stop before anything is written.
 */
import { readFileSync } from 'node:fs'
import type * as z from 'zod'
import { listProblems } from './domain/document.ts'

export class DataFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: { path: string; message: string }[],
  ) {
    super(`${file} is not valid:\n${problems.map((p) => `  - ${p.path}: ${p.message}`).join('\n')}`)
    this.name = 'DataFileError'
  }
}

export function readDataFile<S extends z.ZodType>(file: string, schema: S): z.output<S> {
  let json: unknown
  try {
    json = JSON.parse(readFileSync(file, 'utf8'))
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw new DataFileError(file, [
      { path: '(file)', message: `cannot be read as JSON: ${reason}` },
    ])
  }
  const result = schema.safeParse(json)
  if (!result.success) throw new DataFileError(file, listProblems(result.error))
  return result.data
}
