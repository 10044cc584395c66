/**
 * A small JSON-lines logger. Each entry is one object with a level, a message and plain fields;
 * callers decide what goes in, and nothing here ever receives a request body (salaries are
 * sensitive).
 */
import type { LogLevel } from '../config.ts'

export type LogFields = Record<string, string | number | boolean | null | undefined>

export interface Logger {
  debug(msg: string, fields?: LogFields): void
  info(msg: string, fields?: LogFields): void
  warn(msg: string, fields?: LogFields): void
  error(msg: string, fields?: LogFields): void
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 }

/** Writes entries at `level` and above as JSON lines; `now` and `write` are injectable for tests. */
export function createLogger(
  level: LogLevel,
  write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
  now: () => Date = () => new Date(),
): Logger {
  const at =
    (entryLevel: Exclude<LogLevel, 'silent'>) =>
    (msg: string, fields: LogFields = {}): void => {
      if (RANK[entryLevel] < RANK[level]) return
      write(JSON.stringify({ time: now().toISOString(), level: entryLevel, msg, ...fields }))
    }
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') }
}

/** Discards everything; the default for tests that do not look at the log. */
export const silentLogger: Logger = createLogger('silent')
