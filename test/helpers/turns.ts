/**
 * Awaits `work` while counting the turns other callbacks get (a callback queued with setImmediate
 * again and again, as other requests would be): how often the work let others run. `at(turn)`
 * runs on each turn, to change something while the work is under way.
 */
export async function withTurns<T>(work: Promise<T>, at: (turn: number) => void = () => {}) {
  let turns = 0
  let done = false
  const tick = () => {
    if (done) return
    at(++turns)
    setImmediate(tick)
  }
  setImmediate(tick)
  const value = await work
  done = true
  return { value, turns }
}
