/**
 * Loaded into a server under test to name its stalls: prints `STALL <end, µs> <ms>` to stderr for
 * each stretch of more than 50 ms in which a timer due every millisecond could not fire (no
 * request could be answered). The end is on the clock of a `--cpu-prof` profile, so the samples
 * in each stall can be named with stall-profile.ts. With the scale bench:
 * BENCH_SERVER_FLAGS="--import tsx --import ./test/bench/stall-trace.ts --cpu-prof".
 */
let last = performance.now()
setInterval(() => {
  const now = performance.now()
  if (now - last > 50) {
    process.stderr.write(`STALL ${process.hrtime.bigint() / 1000n} ${(now - last).toFixed(0)}\n`)
  }
  last = now
}, 1).unref()
