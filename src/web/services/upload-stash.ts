/**
 * Checked uploads kept on the server between a preview and its confirmation, so the confirm step
 * names the file by a random key instead of sending it back through a form field (which would
 * double its size and hit the body limit). The key is not a hash of the file: hashing a 5 MB
 * upload held the event loop for 10-20 ms. Each entry belongs to the user who uploaded it, lives
 * for a short time, and the stash holds a bounded number of characters, dropping the oldest
 * first. An upload may carry what it was checked as (the import page keeps its kind and plan).
 */
import { randomSecret } from '../auth/secrets.ts'

export interface StashLimits {
  /** How long a previewed file can be confirmed. */
  ttlMs: number
  /** Total characters kept across all users. */
  maxChars: number
}

export const DEFAULT_STASH_LIMITS: StashLimits = { ttlMs: 30 * 60_000, maxChars: 64 * 1024 * 1024 }

/** "30 minutes": how long a checked file waits, for the messages that say it has gone. */
export const keptFor = (limits: StashLimits) => `${Math.round(limits.ttlMs / 60_000)} minutes`

interface Entry<U> {
  userId: string
  upload: U
  expires: number
}

export class UploadStash<U extends { text: string } = { text: string }> {
  // a Map iterates in insertion order: the first entries are the oldest
  #entries = new Map<string, Entry<U>>()
  #chars = 0

  constructor(
    private readonly clock: () => Date,
    readonly limits: StashLimits = DEFAULT_STASH_LIMITS,
  ) {}

  /** Keeps `upload` for `userId`; returns the key the confirmation names it by. */
  put(userId: string, upload: U): string {
    const key = randomSecret()
    this.#entries.set(key, { userId, upload, expires: this.clock().getTime() + this.limits.ttlMs })
    this.#chars += upload.text.length
    for (const [oldest] of this.#entries) {
      if (this.#chars <= this.limits.maxChars) break
      this.#drop(oldest)
    }
    return key
  }

  /** What `userId` previewed under `key`, or null when it expired, was dropped or is not theirs. */
  get(userId: string, key: string): U | null {
    const entry = this.#entries.get(key)
    if (!entry || entry.userId !== userId) return null
    if (entry.expires < this.clock().getTime()) {
      this.#drop(key)
      return null
    }
    return entry.upload
  }

  /** Forgets a file once it has been imported. */
  delete(key: string): void {
    this.#drop(key)
  }

  #drop(key: string): void {
    const entry = this.#entries.get(key)
    if (!entry) return
    this.#chars -= entry.upload.text.length
    this.#entries.delete(key)
  }
}
