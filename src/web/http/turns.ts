/**
 * Long work shared with other users: at each pause of a domain `Steps` generator the request waits
 * its turn behind those already queued (setImmediate), so a large file never holds the event loop
 * for more than one step.
 */
import type { Steps } from '../../domain/actuals/hr-files.ts'

export const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve))

export async function inTurns<T>(steps: Steps<T>): Promise<T> {
  for (;;) {
    const step = steps.next()
    if (step.done) return step.value
    await nextTurn()
  }
}
