/**
 * The server's settings, read once from the environment at start-up and passed down; nothing else
 * reads process.env. A bad value stops start-up with a message naming the variable.
 */
import * as z from 'zod'
import { DATABASE_CHECKS, type DatabaseCheck } from './db/storage.ts'

/** The first admin's email when ADMIN_EMAIL is unset. */
export const DEFAULT_ADMIN_EMAIL = 'admin@planner.local'

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

/** The path the identity provider sends people back to; OIDC_REDIRECT_URL must name it. */
export const SSO_CALLBACK_PATH = '/login/sso/callback'

/** An absolute https URL, or http to this machine (a provider run locally, as the tests do). */
function webUrl(name: string) {
  return z
    .string()
    .trim()
    .refine(
      (text) => {
        if (!URL.canParse(text)) return false
        const url = new URL(text)
        return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url.hostname))
      },
      `must be an https URL (http only for localhost), e.g. https://login.example.com/${name === 'OIDC_ISSUER_URL' ? 'realms/acme' : 'login/sso/callback'}`,
    )
}

export function isLoopback(hostname: string): boolean {
  return ['localhost', '127.0.0.1', '[::1]'].includes(hostname)
}

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
  DATABASE_CHECK: z
    .enum(DATABASE_CHECKS, { error: `must be one of ${DATABASE_CHECKS.join(', ')}` })
    .default('refuse'),
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
  // single sign-on (OpenID Connect): on when OIDC_ISSUER_URL is set; see docs/sso.md
  OIDC_ISSUER_URL: webUrl('OIDC_ISSUER_URL').optional(),
  OIDC_CLIENT_ID: z.string().trim().min(1).max(512).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).max(4096).optional(),
  OIDC_REDIRECT_URL: webUrl('OIDC_REDIRECT_URL')
    .refine(
      (url) => new URL(url).pathname === SSO_CALLBACK_PATH,
      `must end in ${SSO_CALLBACK_PATH}, the planner's sign-in callback`,
    )
    .optional(),
  OIDC_SCOPES: z
    .string()
    .trim()
    .regex(
      /^[\x21\x23-\x5B\x5D-\x7E]+( [\x21\x23-\x5B\x5D-\x7E]+)*$/,
      'must be scopes separated by spaces',
    )
    .refine((s) => s.split(' ').includes('openid'), 'must include openid')
    .default('openid email profile'),
  OIDC_GROUPS_CLAIM: z
    .string()
    .trim()
    .regex(/^[\w.:/-]{1,200}$/, 'must be a claim name (letters, digits, _ . : / -)')
    .default('groups'),
  OIDC_PROVIDER_NAME: z.string().trim().min(1).max(80).default('your company account'),
  PASSWORD_SIGN_IN: flag.default(true),
  BREAK_GLASS_EMAIL: z.email('must be an email address').optional(),
})

/** Settings that only mean something together with OIDC_ISSUER_URL, and those it needs. */
const SSO_NEEDS = ['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_REDIRECT_URL'] as const

const SECRETS = new Set(['ADMIN_PASSWORD', 'OIDC_CLIENT_SECRET'])

export interface Config {
  port: number
  host: string
  databasePath: string
  /** What a damaged database found at start-up does: refuse to start, warn, or skip the check. */
  databaseCheck: DatabaseCheck
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
  /** Single sign-on through an OpenID Connect provider; undefined when it is off. */
  sso?: SsoConfig
  /**
   * Who may sign in with a password: everyone, or (with single sign-on on) only the break-glass
   * admin, for when the provider is down or misconfigured.
   */
  passwordSignIn: { everyone: true } | { everyone: false; breakGlassEmail: string }
}

export interface SsoConfig {
  issuerUrl: string
  clientId: string
  clientSecret: string
  redirectUrl: string
  scopes: string
  /** The ID token (or userinfo) claim listing the person's groups. */
  groupsClaim: string
  /** Shown on the sign-in button: "Sign in with …". */
  providerName: string
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
  const result = configSchema.superRefine(requireTogether).safeParse(present)
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
    databaseCheck: c.DATABASE_CHECK,
    demoData: c.DEMO_DATA,
    logLevel: c.LOG_LEVEL,
    auth: {
      sessionIdleMinutes: c.SESSION_IDLE_MINUTES,
      sessionAbsoluteHours: c.SESSION_ABSOLUTE_HOURS,
      cookieSecure: c.COOKIE_SECURE,
      trustProxy: c.TRUST_PROXY,
      ...(c.ADMIN_EMAIL === undefined ? {} : { adminEmail: c.ADMIN_EMAIL }),
      ...(c.ADMIN_PASSWORD === undefined ? {} : { adminPassword: c.ADMIN_PASSWORD }),
      ...(c.OIDC_ISSUER_URL === undefined
        ? {}
        : {
            sso: {
              issuerUrl: c.OIDC_ISSUER_URL,
              clientId: c.OIDC_CLIENT_ID!,
              clientSecret: c.OIDC_CLIENT_SECRET!,
              redirectUrl: c.OIDC_REDIRECT_URL!,
              scopes: c.OIDC_SCOPES,
              groupsClaim: c.OIDC_GROUPS_CLAIM,
              providerName: c.OIDC_PROVIDER_NAME,
            },
          }),
      passwordSignIn: c.PASSWORD_SIGN_IN
        ? { everyone: true }
        : {
            everyone: false,
            breakGlassEmail: (
              c.BREAK_GLASS_EMAIL ??
              c.ADMIN_EMAIL ??
              DEFAULT_ADMIN_EMAIL
            ).toLowerCase(),
          },
    },
  }
}

/** Single sign-on needs all its settings, and password sign-in can only be off when it is on. */
function requireTogether(c: z.output<typeof configSchema>, ctx: z.RefinementCtx): void {
  const on = c.OIDC_ISSUER_URL !== undefined
  for (const name of SSO_NEEDS) {
    if (on && c[name] === undefined) {
      ctx.addIssue({ code: 'custom', path: [name], message: 'must be set when OIDC_ISSUER_URL is' })
    }
    if (!on && c[name] !== undefined) {
      ctx.addIssue({ code: 'custom', path: [name], message: 'is set but OIDC_ISSUER_URL is not' })
    }
  }
  if (!on && !c.PASSWORD_SIGN_IN) {
    ctx.addIssue({
      code: 'custom',
      path: ['PASSWORD_SIGN_IN'],
      message: 'can only be false with single sign-on on (set OIDC_ISSUER_URL)',
    })
  }
}
