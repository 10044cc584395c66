/**
 * Password hashing with node:crypto scrypt (memory-hard, built in). The parameters are stored with
 * each hash ("scrypt$N$r$p$salt$hash"), so raising the cost later leaves old hashes verifiable.
 */
import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto'
import { randomSecret } from './secrets.ts'

export interface ScryptParams {
  N: number
  r: number
  p: number
}

/** OWASP's scrypt minimum (N=2^17 is their first choice; 2^15 keeps sign-in around 100 ms). */
export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 15, r: 8, p: 1 }
const KEY_BYTES = 32
const SALT_BYTES = 16

function derive(password: string, salt: Buffer, { N, r, p }: ScryptParams): Promise<Buffer> {
  // scrypt needs 128 * N * r bytes; allow twice that so the default 32 MiB cap never refuses it
  const options: ScryptOptions = { N, r, p, maxmem: 256 * N * r }
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, KEY_BYTES, options, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  )
}

export async function hashPassword(password: string, params = DEFAULT_SCRYPT): Promise<string> {
  const salt = randomBytes(SALT_BYTES)
  const key = await derive(password, salt, params)
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64'), key.toString('base64')]
    .map(String)
    .join('$')
}

const STORED = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/

/** True when `password` matches `stored`; compared in constant time. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const m = STORED.exec(stored)
  if (!m) throw new Error('unrecognised password hash format')
  const params = { N: Number(m[1]), r: Number(m[2]), p: Number(m[3]) }
  const expected = Buffer.from(m[5]!, 'base64')
  const actual = await derive(password, Buffer.from(m[4]!, 'base64'), params)
  return actual.length === expected.length && timingSafeEqual(actual, expected)
}

/** A password for a new or reset account: 18 random bytes, 24 URL-safe characters. */
export function generatePassword(): string {
  return randomSecret(18)
}

let decoy: Promise<string> | undefined
/**
 * A hash to check against when the email is unknown, so a wrong email takes as long to refuse as
 * a wrong password and the timing does not reveal which accounts exist.
 */
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(randomSecret())
  return decoy
}
