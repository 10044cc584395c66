/** Random secrets and their one-way fingerprints, the only form in which they are stored. */
import { createHash, randomBytes } from 'node:crypto'

/** 32 random bytes (256 bits) as URL-safe text, for session ids and API tokens. */
export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url')
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}

/** Identifies an email in logs without writing the address itself. */
export function emailFingerprint(email: string): string {
  return sha256Hex(email.trim().toLowerCase()).slice(0, 16)
}
