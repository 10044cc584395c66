/**
 * Files an import preview has checked, kept on the server for the confirm step, so the browser
 * never sends the file back through a form field (re-sent URL-encoded, a 3.5 MB file grew past
 * the 4 MB body limit and could be previewed but not imported). Each is kept under its SHA-256
 * and the user who uploaded it, so nobody can confirm another user's file, for a short time, and
 * only a few at once: each may be 4 MB.
 */
import { Lru } from '../../domain/lru.ts'
import { sha256Hex } from '../auth/secrets.ts'

/** How long a checked file waits for its confirmation. */
export const KEEP_CHECKED_MS = 15 * 60_000
/** Checked files kept at once, across users (the least recently checked go first). */
const KEPT = 8

export interface CheckedUpload<K extends string> {
  kind: K
  planId: string
  text: string
}

export class CheckedUploads<K extends string> {
  readonly #files = new Lru<string, CheckedUpload<K> & { at: number }>(KEPT)

  /** Keeps a checked file for `userId`; returns its hash, which the confirm form sends back. */
  keep(userId: string, upload: CheckedUpload<K>, now: Date): string {
    const hash = sha256Hex(upload.text)
    this.#files.set(`${userId} ${hash}`, { ...upload, at: now.getTime() })
    return hash
  }

  /** The file `userId` checked under `hash`, if it is still kept. */
  find(userId: string, hash: string, now: Date): CheckedUpload<K> | null {
    const key = `${userId} ${hash}`
    const found = this.#files.get(key)
    if (!found) return null
    if (now.getTime() - found.at > KEEP_CHECKED_MS) {
      this.#files.delete(key)
      return null
    }
    return { kind: found.kind, planId: found.planId, text: found.text }
  }

  /** Forgets a file once it has been imported. */
  forget(userId: string, hash: string): void {
    this.#files.delete(`${userId} ${hash}`)
  }
}
