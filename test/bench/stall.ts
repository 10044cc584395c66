/**
 * Requests timed in process with the longest stretch each kept every other request waiting: a
 * timer due every millisecond records how late it fires, and the largest lateness while a
 * request runs is its longest stall. Shared by the event-loop and actuals benches.
 */
export function stallMeter() {
  let longest = 0
  let last = performance.now()
  const ticker = setInterval(() => {
    const now = performance.now()
    longest = Math.max(longest, now - last)
    if (process.env.STALL_TRACE && now - last > 50)
      console.error(`STALL ${process.hrtime.bigint() / 1000n} ${(now - last).toFixed(0)}`)
    last = now
  }, 1)
  const rows: Record<string, string>[] = []

  /** Times one request, read as it arrives; the body is kept only when asked for. */
  async function measure(
    name: string,
    request: () => Response | Promise<Response>,
    keep = false,
  ): Promise<Uint8Array> {
    await new Promise((r) => setTimeout(r, 20))
    last = performance.now()
    longest = 0
    const t0 = performance.now()
    const res = await request()
    // read as it arrives, as a client would (a download is never held whole unless kept)
    const chunks: Uint8Array[] = []
    let bytes = 0
    for await (const chunk of res.body ?? []) {
      bytes += chunk.length
      if (keep) chunks.push(chunk)
    }
    const ms = performance.now() - t0
    // the timer records a stall when it next fires: give it the chance
    await new Promise((r) => setTimeout(r, 5))
    rows.push({
      request: name,
      status: String(res.status),
      'wall ms': ms.toFixed(0),
      'longest stall ms': longest.toFixed(0),
      size: `${(bytes / 1024 / 1024).toFixed(1)} MB`,
    })
    return Buffer.concat(chunks)
  }

  return { measure, rows, stop: () => clearInterval(ticker) }
}
