/**
 * Long work shared with other users. At each pause of a domain `Steps` generator the work waits
 * its turn behind the callbacks already queued (setImmediate), so a large file never holds the
 * event loop for more than one step (`inTurns`: what a page waits for, such as its projection).
 *
 * Work no page waits for (a download, an import's check and write) runs in the background
 * (`inBackground`, `backgroundTurn`): at each pause it also lets every request being answered
 * finish first, waiting up to BACKGROUND_WAIT_MS for them, so pages answer as fast beside a
 * download as without one and the download takes what they leave. `answersCounted` counts the
 * requests being answered; a request whose own work goes to the background stops counting.
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import type { MiddlewareHandler } from 'hono'
import type { Steps } from '../../domain/steps.ts'

export const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve))

export async function inTurns<T>(steps: Steps<T>): Promise<T> {
  for (;;) {
    const step = steps.next()
    if (step.done) return step.value
    await nextTurn()
  }
}

/**
 * Its first step waits its turn too: the request that starts it has just read and parsed its
 * body, and the two together would be one long pause for everyone else.
 */
export async function inBackground<T>(steps: Steps<T>): Promise<T> {
  for (;;) {
    await backgroundTurn()
    const step = steps.next()
    if (step.done) return step.value
  }
}

/**
 * The longest a background step waits for the requests being answered: pages come first, but a
 * steady stream of them never stops a download altogether.
 */
const BACKGROUND_WAIT_MS = 50

interface Answer {
  /** Its work went to the background: it no longer counts. */
  background: boolean
  done: boolean
}
const answers = new AsyncLocalStorage<Answer>()
let answering = 0
const waiting = new Set<() => void>()

/** Counts each request while it is being answered (until its response starts). */
export function answersCounted(): MiddlewareHandler {
  return async (_c, next) => {
    const answer: Answer = { background: false, done: false }
    answering++
    try {
      await answers.run(answer, next)
    } finally {
      answer.done = true
      if (!answer.background) answered()
    }
  }
}

function answered() {
  answering--
  if (answering > 0) return
  for (const wake of waiting) wake()
  waiting.clear()
}

/** Waits its turn, then for the requests being answered (at most BACKGROUND_WAIT_MS). */
export async function backgroundTurn(): Promise<void> {
  const answer = answers.getStore()
  if (answer && !answer.background && !answer.done) {
    answer.background = true
    answered()
  }
  await nextTurn()
  if (answering === 0) return
  await new Promise<void>((resolve) => {
    const wake = () => {
      clearTimeout(timer)
      waiting.delete(wake)
      resolve()
    }
    const timer = setTimeout(wake, BACKGROUND_WAIT_MS)
    waiting.add(wake)
  })
}
