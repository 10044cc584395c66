/**
 * The server's settings, read once from the environment at start-up and passed down; nothing else
 * reads process.env. A bad value stops start-up with a message naming the variable.
 */
import * as z from 'zod'

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const
export type LogLevel = (typeof LOG_LEVELS)[number]

/** 0 asks the OS for any free port (the "listening" log line says which). */
const PORT_RANGE = 'must be a whole number from 0 to 65535'

function wholeNumber(min: number, max: number) {
  const range = `must be a whole number from ${min} to ${max}`
  return z
    .string()
    .regex(/^\d{1,6}$/, range)
    .transform(Number)
    .pipe(z.number().min(min, range).max(max, range))
}

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
    .pipe(z.number().min(0, PORT_RANGE).max(65535, PORT_RANGE))
    .default(3000),
  // Loopback by default: the planner holds salaries, so exposing it on the network is a deliberate
  // choice (HOST=0.0.0.0, e.g. in a container behind a proxy that ends TLS).
  HOST: z.string().trim().min(1, 'must not be empty').default('127.0.0.1'),
  DATABASE_PATH: z.string().trim().min(1, 'must not be empty').default('data/planner.sqlite'),
  DEMO_DATA: flag.default(true),
  LOG_LEVEL: z
    .enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` })
    .default('info'),
  SESSION_IDLE_MINUTES: wholeNumber(1, 24 * 60).default(30),
  SESSION_ABSOLUTE_HOURS: wholeNumber(1, 30 * 24).default(12),
  // Secure cookies are sent whenever the request arrived over https; set this behind a proxy that
  // ends TLS and forwards plain http.
  COOKIE_SECURE: flag.default(false),
  // Use the first X-Forwarded-For address as the client's (only behind a proxy that sets it).
  TRUST_PROXY: flag.default(false),
  ADMIN_EMAIL: z.email('must be an email address').optional(),
  ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
})

const SECRETS = new Set(['ADMIN_PASSWORD'])

export interface Config {
  port: number
  host: string
  databasePath: string
  /** Seed the demo organisation into an empty database. */
  demoData: boolean
  logLevel: LogLevel
  auth: AuthConfig
}

export interface AuthConfig {
  /** A session unused for this long ends. */
  sessionIdleMinutes: number
  /** A session ends this long after sign-in, however busy. */
  sessionAbsoluteHours: number
  /** Always mark the session cookie Secure (otherwise only on https requests). */
  cookieSecure: boolean
  trustProxy: boolean
  /** The first admin's email and password on a database without users; generated if unset. */
  adminEmail?: string
  adminPassword?: string
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
      // a rejected password is still a password: never echo it
      const got = SECRETS.has(name) ? 'value hidden' : `got ${JSON.stringify(present[name] ?? '')}`
      return `${name} ${issue.message} (${got})`
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
    auth: {
      sessionIdleMinutes: c.SESSION_IDLE_MINUTES,
      sessionAbsoluteHours: c.SESSION_ABSOLUTE_HOURS,
      cookieSecure: c.COOKIE_SECURE,
      trustProxy: c.TRUST_PROXY,
      ...(c.ADMIN_EMAIL === undefined ? {} : { adminEmail: c.ADMIN_EMAIL }),
      ...(c.ADMIN_PASSWORD === undefined ? {} : { adminPassword: c.ADMIN_PASSWORD }),
    },
  }
}
