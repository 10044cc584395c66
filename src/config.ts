/**
 * The server's settings, read once from the environment at start-up and passed down; nothing else
 * reads process.env. A bad value stops start-up with a message naming the variable.
 */
import * as z from 'zod'

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const
export type LogLevel = (typeof LOG_LEVELS)[number]

const PORT_RANGE = 'must be a whole number from 1 to 65535'

/** Environment text to a boolean; anything other than these words is an error, not `false`. */
const flag = z.stringbool({
  truthy: ['true', '1', 'yes', 'on'],
  falsy: ['false', '0', 'no', 'off'],
  case: 'insensitive',
  error: 'must be true or false (also 1/0, yes/no, on/off)',
})

const configSchema = z.object({
  PORT: z
    .string()
    .regex(/^\d{1,5}$/, PORT_RANGE)
    .transform(Number)
    .pipe(z.number().min(1, PORT_RANGE).max(65535, PORT_RANGE))
    .default(3000),
  // Loopback by default: the planner holds salaries and has no sign-in of its own, so exposing it
  // on the network is a deliberate choice (HOST=0.0.0.0, e.g. in a container behind a proxy).
  HOST: z.string().trim().min(1, 'must not be empty').default('127.0.0.1'),
  DATABASE_PATH: z.string().trim().min(1, 'must not be empty').default('data/planner.sqlite'),
  DEMO_DATA: flag.default(true),
  LOG_LEVEL: z
    .enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` })
    .default('info'),
})

export interface Config {
  port: number
  host: string
  databasePath: string
  /** Seed the demo organisation into an empty database. */
  demoData: boolean
  logLevel: LogLevel
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ConfigError'
  }
}

/** Reads the settings from `env`; an empty string counts as unset, so the default applies. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const present = Object.fromEntries(
    Object.keys(configSchema.shape).map((key) => [key, env[key] === '' ? undefined : env[key]]),
  )
  const result = configSchema.safeParse(present)
  if (!result.success) {
    const lines = result.error.issues.map((issue) => {
      const name = String(issue.path[0])
      return `${name} ${issue.message} (got ${JSON.stringify(present[name] ?? '')})`
    })
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`)
  }
  const c = result.data
  return {
    port: c.PORT,
    host: c.HOST,
    databasePath: c.DATABASE_PATH,
    demoData: c.DEMO_DATA,
    logLevel: c.LOG_LEVEL,
  }
}
